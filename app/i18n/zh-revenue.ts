// Month closing and fiscal subsidies (财务), and the words of recognised income.
export const zhRevenue = {
} as const;
