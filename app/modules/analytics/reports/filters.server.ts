// Reading a report's filter from the query string. Months must be real 'YYYY-MM' (400 with a
// Chinese message otherwise); a category, client or sales rep that is not the caller's center's is
// answered 404, whether it exists elsewhere or not, so ids don't leak. Also the choices the filter
// bar offers and the month-closing note every report shows.
import type { Medium } from "~db/schema";
import type { Executor } from "~db/dialect";
import type { Scope } from "~/modules/auth/scope";
import { t } from "~/i18n";
import { MEDIUM_CODES } from "~/modules/inventory/model";
import { closedThrough } from "~/modules/revenue/closing.server";
import { notFound } from "~/utils/http.server";
import { todayInShanghai } from "~/utils/time";
import type { FactFilter } from "../facts-query.server";
import { addMonths, isMonthKey, monthRange } from "../series";
import type { FilterOptions, FilterValues, ReportFilter } from "./filter-types";

/** The longest period a report covers: ten years of months. */
export const MAX_MONTHS = 120;
/** How many clients the filter bar lists; the chosen one is always listed. */
export const CLIENT_CHOICES = 500;

export type FilterParse = { ok: true; filter: ReportFilter; values: FilterValues } | { ok: false; values: FilterValues; message: string };

export function currentMonth(now: Date = new Date()): string {
  return todayInShanghai(now).slice(0, 7);
}

export function valuesOf(params: URLSearchParams, now: Date = new Date()): FilterValues {
  const get = (name: string) => (params.get(name) ?? "").trim();
  const month = currentMonth(now);
  return { from: get("from") || `${month.slice(0, 4)}-01`, to: get("to") || month, category: get("category"), medium: get("medium"), client: get("client"), rep: get("rep") };
}

/** The months' own checks: a message in Chinese, or null. */
export function periodError(from: string, to: string): string | null {
  if (!isMonthKey(from)) return t("rpt.error.from");
  if (!isMonthKey(to)) return t("rpt.error.to");
  if (to < from) return t("rpt.error.order");
  if (monthRange(from, to).length > MAX_MONTHS) return t("rpt.error.long", { n: MAX_MONTHS / 12 });
  return null;
}

/**
 * The filter in the query string. Bad months or medium: { ok: false } with the message (the route
 * answers 400). SECURITY: a category, client or rep id that is not of the caller's center throws 404.
 */
export async function parseReportFilter(db: Executor, scope: Pick<Scope, "centerId">, params: URLSearchParams, now: Date = new Date()): Promise<FilterParse> {
  const values = valuesOf(params, now);
  const period = periodError(values.from, values.to);
  if (period) return { ok: false, values, message: period };
  if (values.medium && !(MEDIUM_CODES as string[]).includes(values.medium)) return { ok: false, values, message: t("rpt.error.medium") };
  const filter: ReportFilter = { from: values.from, to: values.to, categoryId: null, medium: (values.medium || null) as Medium | null, clientId: null, ownerId: null };
  if (values.category) {
    const rows = await db
      .selectFrom("revenue_categories")
      .select(["id", "parent_id"])
      .where("center_id", "=", scope.centerId)
      .where((eb) => eb.or([eb("id", "=", values.category), eb("parent_id", "=", values.category)]))
      .execute();
    const own = rows.find((r) => r.id === values.category);
    if (!own) notFound();
    filter.categoryId = own.id;
    filter.categoryIds = rows.map((r) => r.id);
  }
  if (values.client) {
    const client = await db.selectFrom("clients").select("id").where("center_id", "=", scope.centerId).where("id", "=", values.client).executeTakeFirst();
    if (!client) notFound();
    filter.clientId = client.id;
  }
  if (values.rep) {
    const user = await db.selectFrom("users").select("id").where("center_id", "=", scope.centerId).where("id", "=", values.rep).executeTakeFirst();
    if (!user) notFound();
    filter.ownerId = user.id;
  }
  return { ok: true, filter, values };
}

/** The report filter as the fact query takes it, for the period given (default the filter's own). */
export function factFilterOf(filter: ReportFilter, over: Partial<FactFilter> = {}): FactFilter {
  return {
    from: filter.from,
    to: filter.to,
    ...(filter.categoryIds ? { categoryIds: filter.categoryIds } : {}),
    ...(filter.medium ? { media: [filter.medium] } : {}),
    ...(filter.clientId ? { clientId: filter.clientId } : {}),
    ...(filter.ownerId ? { ownerId: filter.ownerId } : {}),
    ...over,
  };
}

/** The same months one year earlier. */
export function priorYear(filter: Pick<ReportFilter, "from" | "to">): { from: string; to: string } {
  return { from: addMonths(filter.from, -12), to: addMonths(filter.to, -12) };
}

/** The first and last day of a month span, for tables keyed by date. */
export function periodDates(filter: Pick<ReportFilter, "from" | "to">): { from: string; to: string } {
  const next = addMonths(filter.to, 1);
  const last = new Date(Date.UTC(Number(next.slice(0, 4)), Number(next.slice(5, 7)) - 1, 0)).getUTCDate();
  return { from: `${filter.from}-01`, to: `${filter.to}-${String(last).padStart(2, "0")}` };
}

/** The choices of the filter bar: the category tree, clients by name (capped), every user of the center. */
export async function filterOptions(db: Executor, scope: Pick<Scope, "centerId">, chosenClient: string | null): Promise<FilterOptions> {
  const [categories, clients, users] = await Promise.all([
    db.selectFrom("revenue_categories").select(["id", "parent_id", "name", "sort_order"]).where("center_id", "=", scope.centerId).orderBy("sort_order").orderBy("name").execute(),
    db.selectFrom("clients").select(["id", "name"]).where("center_id", "=", scope.centerId).orderBy("name").limit(CLIENT_CHOICES + 1).execute(),
    db.selectFrom("users").select(["id", "display_name", "username"]).where("center_id", "=", scope.centerId).orderBy("display_name").execute(),
  ]);
  const tops = categories.filter((c) => c.parent_id === null);
  const tree = tops.flatMap((top) => [
    { value: top.id, label: top.name, top: true },
    ...categories.filter((c) => c.parent_id === top.id).map((c) => ({ value: c.id, label: `　${c.name}`, top: false })),
  ]);
  const listed = clients.slice(0, CLIENT_CHOICES).map((c) => ({ value: c.id, label: c.name }));
  if (chosenClient && !listed.some((c) => c.value === chosenClient)) {
    const chosen = await db.selectFrom("clients").select(["id", "name"]).where("center_id", "=", scope.centerId).where("id", "=", chosenClient).executeTakeFirst();
    if (chosen) listed.unshift({ value: chosen.id, label: chosen.name });
  }
  return {
    categories: tree,
    clients: listed,
    clientsTruncated: clients.length > CLIENT_CHOICES,
    reps: users.map((u) => ({ value: u.id, label: u.display_name || u.username })),
  };
}

/** "YYYY-MM 及以前已关账…", or the note that nothing is closed yet. */
export async function closingNote(db: Executor, scope: Pick<Scope, "centerId">): Promise<string> {
  const month = await closedThrough(db, scope);
  return month ? t("rpt.closing.closed", { month }) : t("rpt.closing.none");
}
