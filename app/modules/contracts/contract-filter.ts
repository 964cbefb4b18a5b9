// The contract list's filters as they travel in a URL (?category=&status=&owner=&client=&ending=1&q=&page=),
// read the same way by the list page and its Excel export. Unknown values are dropped, not refused:
// a stale bookmark shows more rows rather than an error page.
import type { ContractFilter } from "./views.server";
import { isContractStatus } from "./model";

const param = (url: URL, name: string) => (url.searchParams.get(name) ?? "").trim();

export function contractFilterFromUrl(url: URL): ContractFilter {
  const filter: ContractFilter = {};
  const category = param(url, "category");
  if (category) filter.categoryId = category;
  const status = param(url, "status");
  if (status && isContractStatus(status)) filter.status = status;
  const owner = param(url, "owner");
  if (owner) filter.ownerId = owner;
  const client = param(url, "client");
  if (client) filter.client = client.slice(0, 100);
  if (param(url, "ending") === "1") filter.endingSoon = true;
  const q = param(url, "q");
  if (q) filter.q = q.slice(0, 100);
  const page = Number(param(url, "page"));
  if (Number.isSafeInteger(page) && page > 1) filter.page = page;
  return filter;
}
