// Words of the sites screens.
export const zhSites = {} as const;
