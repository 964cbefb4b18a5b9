// The reports under 报表: filters, columns, notes and the statistics return.
export const zhReportPages = {
} as const;
