// Words of the finance screens (tax).
export const zhFinanceTax = {
} as const;
