// VAT on a bill line and the bill's totals, in integer fen, with one rounding rule: each line is
// rounded once, half-up, and a bill's amounts are the sums of its lines (never recomputed from a
// total). Credits (red-letter lines) are computed on the absolute amount and negated, so a full
// credit is the exact mirror of the line it reverses. Pure.
import type { ReportGroup, TaxpayerStatus } from "~db/schema";
import { mulDivHalfUp } from "~/utils/money";

export interface LineMoney {
  net_fen: number;
  tax_fen: number;
  total_fen: number;
}

/**
 * MONEY: an amount as agreed (with VAT when taxIncluded, else without) at a rate in basis points:
 * - tax-inclusive: net = round(total × 10000 ÷ (10000 + rate)), tax = total − net;
 * - tax-exclusive: tax = round(net × rate ÷ 10000), total = net + tax.
 */
export function lineMoney(amountFen: number, taxIncluded: boolean, rateBp: number): LineMoney {
  if (!Number.isSafeInteger(amountFen) || !Number.isSafeInteger(rateBp) || rateBp < 0) throw new RangeError(`bad line amount ${amountFen} or rate ${rateBp}`);
  const sign = amountFen < 0 ? -1 : 1;
  const abs = Math.abs(amountFen);
  let net: number;
  let tax: number;
  if (taxIncluded) {
    net = mulDivHalfUp(abs, 10000, 10000 + rateBp);
    tax = abs - net;
  } else {
    net = abs;
    tax = mulDivHalfUp(abs, rateBp, 10000);
  }
  // Adding 0 turns -0 into 0, so a zero line compares equal to 0 everywhere.
  return { net_fen: sign * net + 0, tax_fen: sign * tax + 0, total_fen: sign * (net + tax) + 0 };
}

/** MONEY: a bill's amounts: always the sums of its lines. */
export function billTotals(lines: readonly LineMoney[]): LineMoney {
  return lines.reduce((sum, l) => ({ net_fen: sum.net_fen + l.net_fen, tax_fen: sum.tax_fen + l.tax_fen, total_fen: sum.total_fen + l.total_fen }), {
    net_fen: 0,
    tax_fen: 0,
    total_fen: 0,
  });
}

export interface DatedRate {
  taxpayer_status: TaxpayerStatus;
  report_group: ReportGroup | null;
  rate_bp: number;
  valid_from: string;
  valid_to: string | null;
}

/**
 * The VAT rate for a line: among the center's rates for its taxpayer status valid on the day, one
 * set for the line's report group wins over the general one; among those, the latest to start
 * (a relief period over the standing rate). Null when none applies.
 */
export function vatRateOn(rates: readonly DatedRate[], status: TaxpayerStatus, group: ReportGroup | null, date: string): number | null {
  const valid = rates.filter((r) => r.taxpayer_status === status && r.valid_from <= date && (r.valid_to === null || date <= r.valid_to));
  const pick = (list: readonly DatedRate[]) => [...list].sort((a, b) => b.valid_from.localeCompare(a.valid_from))[0];
  const own = group ? pick(valid.filter((r) => r.report_group === group)) : undefined;
  const general = pick(valid.filter((r) => r.report_group === null));
  return (own ?? general)?.rate_bp ?? null;
}

/** How an item prints on a 数电发票: *简称*品名, e.g. *广告服务*广告发布费. */
export function printedItemName(shortName: string, itemName: string): string {
  return `*${shortName}*${itemName}`;
}
