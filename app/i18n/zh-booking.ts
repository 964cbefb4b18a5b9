// Words of the order and hold screens.
export const zhBooking = {
  "orders.tab.list": "订单",
  "orders.tab.availability": "找空位",
  "orders.tab.grid": "占用表",
  "orders.tab.events": "活动",
} as const;
