// One way to read a posted form through its schema: the values, or one Chinese message per field.
import { z } from "zod";

export type FieldErrors = Partial<Record<string, string>>;

/** The field names of an object schema, also when it is wrapped in refinements/transforms. */
function fieldsOf(schema: z.ZodTypeAny): string[] {
  let inner: z.ZodTypeAny = schema;
  while (inner instanceof z.ZodEffects) inner = inner.innerType();
  return inner instanceof z.ZodObject ? Object.keys(inner.shape) : [];
}

export function parseForm<S extends z.ZodTypeAny>(
  schema: S,
  form: FormData,
): { ok: true; value: z.output<S> } | { ok: false; errors: FieldErrors } {
  const raw: Record<string, string> = {};
  for (const key of fieldsOf(schema)) {
    const v = form.get(key);
    raw[key] = typeof v === "string" ? v : "";
  }
  return parseRecord(schema, raw);
}

/** The same for a plain record (an imported spreadsheet row). */
export function parseRecord<S extends z.ZodTypeAny>(
  schema: S,
  raw: Record<string, string>,
): { ok: true; value: z.output<S> } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  return { ok: false, errors };
}

/**
 * What the user typed, to put back into a refused form: every field of `empty` read from the
 * post (missing ones stay empty), plus the stale-form stamp when there is one.
 */
export function echoForm<T extends { [K in keyof T]: string | undefined }>(form: FormData, empty: T): T {
  const out: Record<string, string | undefined> = { ...(empty as Record<string, string | undefined>) };
  for (const key of Object.keys(empty)) {
    const v = form.get(key);
    if (typeof v === "string") out[key] = v;
  }
  const stamp = form.get("updated_at");
  if (typeof stamp === "string" && stamp) out.updated_at = stamp;
  return out as unknown as T;
}
