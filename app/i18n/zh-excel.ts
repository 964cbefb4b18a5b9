// Words of the excel screens.
export const zhExcel = {} as const;
