// Words of the events screens.
export const zhEvents = {
} as const;
