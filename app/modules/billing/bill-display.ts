// How the bill screens word a few things: where to fix an issue problem, a line's unit price, a
// rate. Pure, shared by the pages and the print sheet.
import type { MessageKey } from "~/i18n";
import { formatBasisPoints, formatFenPlain } from "~/utils/money";

export interface ProblemFix {
  href: string;
  label: MessageKey;
}

/**
 * The page where a problem listed before issue is fixed. The problems are the service's sentences
 * (problemsOf); they name what is missing, and that decides the page.
 */
export function problemFix(problem: string, clientId: string, mayEditClient: boolean): ProblemFix {
  if (problem.includes("购买方") || problem.includes("客户")) {
    return { href: mayEditClient ? `/clients/${clientId}/edit` : `/clients/${clientId}`, label: "bills.problems.fixClient" };
  }
  if (problem.includes("税收分类编码")) return { href: "/settings/categories", label: "bills.problems.fixCategory" };
  if (problem.includes("税率")) return { href: "/finance/settings", label: "bills.problems.fixRates" };
  return { href: "#lines", label: "bills.problems.fixLines" };
}

/** amount ÷ quantity: exact in yuan when it divides evenly, else to six decimals as the tax platform takes it. */
export function unitPriceText(amountFen: number, quantity: number): string {
  if (!(quantity > 0)) return "";
  if (amountFen % quantity === 0) return formatFenPlain(amountFen / quantity);
  return (amountFen / quantity / 100).toFixed(6);
}

/** rate_bp of a line no VAT rate applies to (MISSING_RATE of generate.server.ts, which the browser cannot import). */
const NO_RATE = -1;

/** "6%", "1%", "0.5%"; empty for a line no rate applies to. */
export function rateText(rateBp: number): string {
  return rateBp === NO_RATE ? "" : formatBasisPoints(rateBp);
}
