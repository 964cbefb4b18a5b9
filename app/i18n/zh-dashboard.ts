// The managers' dashboard (首页) and the targets page.
export const zhDashboard = {
} as const;
