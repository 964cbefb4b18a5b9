// What a report is filtered by, as the query string carries it (?from=&to=&category=&medium=&client=&rep=)
// and as the filter bar shows it. Pure: the page and the server share it.
import type { Medium } from "~db/schema";
import { t } from "~/i18n";

export type FilterField = "period" | "category" | "medium" | "client" | "rep";
export const FILTER_FIELDS: FilterField[] = ["period", "category", "medium", "client", "rep"];

/** The query string's values, echoed back to the filter bar as typed. */
export interface FilterValues {
  from: string;
  to: string;
  category: string;
  medium: string;
  client: string;
  rep: string;
}

export interface ReportFilter {
  from: string;
  to: string;
  /** The category chosen (top or leaf), and what it stands for: a top with its children, or the leaf. */
  categoryId: string | null;
  categoryIds?: string[];
  medium: Medium | null;
  clientId: string | null;
  ownerId: string | null;
}

export interface FilterOption {
  value: string;
  label: string;
}

export interface FilterOptions {
  /** Tops with their leaves, in display order; a leaf's label is indented. */
  categories: (FilterOption & { top: boolean })[];
  clients: FilterOption[];
  /** True when more clients exist than are listed. */
  clientsTruncated: boolean;
  reps: FilterOption[];
}

/** The query string of a filter, for links to the .xlsx and between reports. */
export function filterQuery(values: Partial<FilterValues>, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...values, ...extra })) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** "2025-01 至 2025-06", or the one month. */
export function periodTitle(filter: Pick<ReportFilter, "from" | "to">): string {
  return filter.from === filter.to ? filter.from : t("rpt.period", { from: filter.from, to: filter.to });
}
