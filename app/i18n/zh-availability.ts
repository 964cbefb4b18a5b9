// Words of the availability screens.
export const zhAvailability = {
} as const;
