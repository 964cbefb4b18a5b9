// How income becomes facts, and how the facts of a source are brought to what its income now says
// without touching a closed month. Pure (docs/decisions/012-revenue-facts-and-closing.md).
import type { BillingSchedule, FactOrigin, FactSourceKind, LineKind, Medium } from "~db/schema";
import { scheduleSlices } from "~/modules/billing/schedule";
import { lineMoney } from "~/modules/billing/tax";
import { amountWithin, type IncomeEntry, type Period } from "~/modules/income/seam";
import { monthSlices } from "~/modules/inventory/calendar-dates";
import { addMonths, type MonthKey } from "~/modules/analytics/series";

/** Everything that tells two facts apart except the month they are reported in. */
export interface FactDims {
  forMonth: MonthKey;
  sourceKind: FactSourceKind;
  sourceId: string;
  origin: FactOrigin;
  categoryId: string;
  clientId: string;
  ownerId: string;
  medium: Medium | "";
  lineKind: LineKind | "";
  earned: boolean;
}

export interface Fact extends FactDims {
  month: MonthKey;
  amountFen: number;
  useDays: number;
}

export interface FactMeasures {
  amountFen: number;
  useDays: number;
}

/** A stable text key of the dimensions (the month it is reported in left out). */
export function dimsKey(d: FactDims): string {
  return [d.forMonth, d.sourceKind, d.sourceId, d.origin, d.categoryId, d.clientId, d.ownerId, d.medium, d.lineKind, d.earned ? 1 : 0].join("|");
}

/** Adds facts with equal dimensions and month together, leaving out what sums to nothing. */
export function mergeFacts(facts: readonly Fact[]): Fact[] {
  const byKey = new Map<string, Fact>();
  for (const f of facts) {
    const key = `${f.month}|${dimsKey(f)}`;
    const seen = byKey.get(key);
    if (seen) {
      seen.amountFen += f.amountFen;
      seen.useDays += f.useDays;
    } else byKey.set(key, { ...f });
  }
  return [...byKey.values()].filter((f) => f.amountFen !== 0 || f.useDays !== 0);
}

/** What an order line adds to an income entry: its medium and kind (blank for events and contracts). */
export interface EntryDetail {
  medium: Medium | "";
  lineKind: LineKind | "";
}

/**
 * MONEY: the ex-VAT income of an entry, month by month. The entry is cut into the slices its
 * billing plan bills (whole, or calendar months); each slice's net is taken with the one VAT rule
 * at the rate in force on the slice's first day, and spread over the slice's days. So an entry
 * billed in full recognises exactly the net of its bill lines, whatever the plan.
 */
export function scheduleFacts(entry: IncomeEntry, detail: EntryDetail, schedule: BillingSchedule, rateOn: (date: string) => number): Fact[] {
  const out: Fact[] = [];
  for (const slice of scheduleSlices(entry, schedule)) {
    const net = lineMoney(slice.amountFen, entry.taxIncluded, entry.taxIncluded ? rateOn(slice.serviceFrom) : 0).net_fen;
    const span = { amountFen: net, from: slice.serviceFrom, to: slice.serviceTo };
    for (const m of monthSlices(slice.serviceFrom, slice.serviceTo)) {
      const forMonth = m.from.slice(0, 7);
      out.push({
        month: forMonth,
        forMonth,
        sourceKind: entry.source.kind,
        sourceId: entry.source.id,
        origin: "schedule",
        categoryId: entry.categoryId,
        clientId: entry.clientId,
        ownerId: entry.ownerId,
        medium: detail.medium,
        lineKind: detail.lineKind,
        earned: entry.earned,
        amountFen: amountWithin(span, m),
        useDays: 0,
      });
    }
  }
  return out;
}

/**
 * MONEY: the part of an entry's ex-VAT income earned on the days of `period` (both included), for
 * reports on exact days (a week, a month so far). Each slice is netted and spread as in
 * scheduleFacts and its days inside the period taken with the same amountWithin, so over a whole
 * calendar month this is exactly the entry's facts for that month, and adjacent periods add up.
 */
export function scheduleWithin(entry: IncomeEntry, schedule: BillingSchedule, rateOn: (date: string) => number, period: Period): number {
  let fen = 0;
  for (const slice of scheduleSlices(entry, schedule)) {
    if (slice.serviceTo < period.from || slice.serviceFrom > period.to) continue;
    const net = lineMoney(slice.amountFen, entry.taxIncluded, entry.taxIncluded ? rateOn(slice.serviceFrom) : 0).net_fen;
    fen += amountWithin({ amountFen: net, from: slice.serviceFrom, to: slice.serviceTo }, period);
  }
  return fen;
}

/** Capacity used × days, month by month, of one confirmed outdoor or LED line (of any kind). */
export function occupancyFacts(
  line: { orderId: string; from: string; to: string; dailyUse: number; medium: Medium; kind: LineKind; categoryId: string; clientId: string; ownerId: string; earned: boolean },
): Fact[] {
  return monthSlices(line.from, line.to).map((m) => ({
    month: m.from.slice(0, 7),
    forMonth: m.from.slice(0, 7),
    sourceKind: "order",
    sourceId: line.orderId,
    origin: "schedule",
    categoryId: line.categoryId,
    clientId: line.clientId,
    ownerId: line.ownerId,
    medium: line.medium,
    lineKind: line.kind,
    earned: line.earned,
    amountFen: 0,
    useDays: line.dailyUse * m.days,
  }));
}

/** The rows to write so that the stored facts of some sources say what `wanted` says. */
export interface FactChanges {
  insert: Fact[];
  update: { id: string; amountFen: number; useDays: number }[];
  remove: string[];
}

export interface StoredFact extends Fact {
  id: string;
}

/**
 * Brings stored facts to the wanted ones (both of the same sources, wanted reported in the month of
 * their days):
 * - a month after `closedThrough` is open: its facts become what is wanted;
 * - a closed month is never written; whatever it now lacks or holds too much (against everything
 *   stored for its days, corrections included) is reported in `postingMonth`, the month the
 *   change is made, as a fact for those days.
 */
export function planChanges(stored: readonly StoredFact[], wanted: readonly Fact[], closedThrough: MonthKey | null, postingMonth: MonthKey): FactChanges {
  const posting = closedThrough && postingMonth <= closedThrough ? addMonths(closedThrough, 1) : postingMonth;
  const isOpen = (month: MonthKey) => !closedThrough || month > closedThrough;
  const changes: FactChanges = { insert: [], update: [], remove: [] };
  const wantedByDims = new Map<string, Fact>();
  for (const f of mergeFacts(wanted)) wantedByDims.set(dimsKey(f), f);
  const storedByDims = new Map<string, StoredFact[]>();
  for (const s of stored) storedByDims.set(dimsKey(s), [...(storedByDims.get(dimsKey(s)) ?? []), s]);

  const keys = new Set([...wantedByDims.keys(), ...storedByDims.keys()]);
  for (const key of keys) {
    const want = wantedByDims.get(key);
    const rows = storedByDims.get(key) ?? [];
    const dims: FactDims = want ?? rows[0];
    const target: FactMeasures = { amountFen: want?.amountFen ?? 0, useDays: want?.useDays ?? 0 };
    // The month a fact of these days is reported in: its own while open, else the posting month.
    const home = isOpen(dims.forMonth) ? dims.forMonth : posting;
    const fixed = rows.filter((r) => r.month !== home && !isOpen(r.month));
    const movable = rows.filter((r) => r.month !== home && isOpen(r.month));
    const atHome = rows.filter((r) => r.month === home);
    // Rows reported in another open month (a correction made in an earlier, still open month) stay
    // as they are; only the home row moves.
    const kept = [...fixed, ...movable].reduce((s, r) => ({ amountFen: s.amountFen + r.amountFen, useDays: s.useDays + r.useDays }), { amountFen: 0, useDays: 0 });
    const need = { amountFen: target.amountFen - kept.amountFen, useDays: target.useDays - kept.useDays };
    const [first, ...extra] = atHome;
    changes.remove.push(...extra.map((r) => r.id));
    if (need.amountFen === 0 && need.useDays === 0) {
      if (first) changes.remove.push(first.id);
    } else if (!first) {
      changes.insert.push({ ...dims, month: home, ...need });
    } else if (first.amountFen !== need.amountFen || first.useDays !== need.useDays || extra.length) {
      changes.update.push({ id: first.id, ...need });
    }
  }
  return changes;
}

/** What a set of changes adds to each (reporting month, category, earned) total. */
export function monthTotalDeltas(stored: readonly StoredFact[], changes: FactChanges): Map<string, { month: MonthKey; categoryId: string; earned: boolean; amountFen: number }> {
  const byId = new Map(stored.map((s) => [s.id, s]));
  const out = new Map<string, { month: MonthKey; categoryId: string; earned: boolean; amountFen: number }>();
  const add = (f: Pick<Fact, "month" | "categoryId" | "earned">, fen: number) => {
    if (fen === 0) return;
    const key = `${f.month}|${f.categoryId}|${f.earned ? 1 : 0}`;
    const seen = out.get(key) ?? { month: f.month, categoryId: f.categoryId, earned: f.earned, amountFen: 0 };
    seen.amountFen += fen;
    out.set(key, seen);
  };
  for (const f of changes.insert) add(f, f.amountFen);
  for (const u of changes.update) add(byId.get(u.id)!, u.amountFen - byId.get(u.id)!.amountFen);
  for (const id of changes.remove) add(byId.get(id)!, -byId.get(id)!.amountFen);
  for (const [key, d] of out) if (d.amountFen === 0) out.delete(key);
  return out;
}
