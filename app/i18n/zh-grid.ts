// Words of the grid screens.
export const zhGrid = {
} as const;
