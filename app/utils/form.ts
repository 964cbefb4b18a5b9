// One way to read a posted form through its schema: the values, or one Chinese message per field.
import type { z } from "zod";

export type FieldErrors = Partial<Record<string, string>>;

export function parseForm<S extends z.AnyZodObject>(
  schema: S,
  form: FormData,
): { ok: true; value: z.infer<S> } | { ok: false; errors: FieldErrors } {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const v = form.get(key);
    raw[key] = typeof v === "string" ? v : "";
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  return { ok: false, errors };
}
