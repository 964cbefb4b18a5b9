// The charts' look: calm colours that stay apart in print and for the common colour
// deficiencies, and a font list that has Chinese glyphs on the server's chromium (Noto Sans CJK SC)
// as well as on office desktops.
export const CHART_FONT = "'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif";

export const COLORS = {
  tech: "#1f5fa8",
  traditional: "#c0782a",
  allAds: "#8a94a3",
  ink: "#1f2933",
  muted: "#6b7785",
  grid: "#e6e9ee",
  mark: "#b42318",
} as const;

/** For categories and other unordered series, in this order. */
export const PALETTE = ["#1f5fa8", "#c0782a", "#4e9a6b", "#7b5ea7", "#c24e4e", "#3a9aa5", "#a88a3b", "#8a94a3", "#5d6b7a"] as const;

/** Occupancy kinds: the paid share strong, the given-away shares lighter, free space nearly white. */
export const OCCUPANCY_COLORS = {
  paid: "#1f5fa8",
  bonus: "#7fa9d9",
  public_service: "#4e9a6b",
  internal: "#c9a227",
  free: "#e6e9ee",
} as const;
