// A line's price: the list price comes from the rate-card quote, the deal is either a discount
// from it or a negotiated net price. Pure, integer fen.
import type { LineKind } from "~db/schema";
import { mulDivHalfUp } from "~/utils/money";
import { isPaid } from "./model";

export type Deal = { discountBp: number } | { netFen: number };

export interface LinePrice {
  list_fen: number;
  discount_bp: number;
  net_fen: number;
  net_fixed: number;
}


export function priceLine(kind: LineKind, listFen: number, deal: Deal): { ok: true; price: LinePrice } | { ok: false; message: string } {
  // Bonus, public-service and internal lines take capacity at zero price; the list price stays
  // on the line so the value given away can be reported.
  if (!isPaid(kind)) return { ok: true, price: { list_fen: listFen, discount_bp: 10000, net_fen: 0, net_fixed: 0 } };
  if ("netFen" in deal) {
    if (deal.netFen > listFen) return { ok: false, message: "成交价不能高于刊例价，如需加价请调整刊例价" };
    const discount = listFen === 0 ? 0 : mulDivHalfUp(listFen - deal.netFen, 10000, listFen);
    return { ok: true, price: { list_fen: listFen, discount_bp: discount, net_fen: deal.netFen, net_fixed: 1 } };
  }
  // MONEY: net = list × (1 − discount), rounded once, half-up.
  const net = mulDivHalfUp(listFen, 10000 - deal.discountBp, 10000);
  return { ok: true, price: { list_fen: listFen, discount_bp: deal.discountBp, net_fen: net, net_fixed: 0 } };
}
