// 报表: the section's tabs and the words every report shares.
export const zhReports = {
  "reports.title": "报表",
  "reports.tab.dashboard": "经营看板",
  "reports.tab.income": "收入明细表",
  "reports.tab.structure": "收入结构分析",
  "reports.tab.techVsAds": "技术服务与传统广告",
  "reports.tab.sales": "销售业绩",
  "reports.tab.occupancy": "上刊率",
  "reports.tab.clients": "客户贡献",
  "reports.tab.statistics": "统计年报",
  "reports.tab.targets": "收入目标",
} as const;
