// Words of the finance screens (payments).
export const zhFinancePayments = {
} as const;
