// Words of the orderdocs screens.
export const zhOrderDocs = {
} as const;
