// Words of the finance screens (bills).
export const zhFinanceBills = {
} as const;
