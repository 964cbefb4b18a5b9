// Responses for the cases a user can meet. Routes throw these; the error boundaries render them.
import { data } from "@remix-run/node";

/** Missing, or belonging to another center: the same answer, so ids don't leak. */
export function notFound(): never {
  throw data({ message: "not found" }, { status: 404 });
}

export function forbidden(): never {
  throw data({ message: "forbidden" }, { status: 403 });
}

/** Read a form field as trimmed text ("" when absent). */
export function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value.trim() : "";
}

/** A positive page number from the query string, 1 when absent or bad. */
export function pageParam(url: URL, name = "page"): number {
  const n = Number(url.searchParams.get(name));
  return Number.isInteger(n) && n > 0 ? n : 1;
}
