// Flags of an occupancy-grid cell, shared by the server that sets them and the page that draws
// them; several can be set at once (a confirmed line and a bonus line on one LED day).
export const MARK = {
  confirmed: 1,
  hold: 2,
  /** A counting line of a non-paid kind: 配送, 公益 or 自用. */
  bonus: 4,
  /** Someone waits behind a full day; queued lines take no capacity. */
  queued: 8,
  unsellable: 16,
} as const;
