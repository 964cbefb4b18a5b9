// Words of the inventory screens.
export const zhInventory = {} as const;
