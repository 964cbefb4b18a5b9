// Unified social credit code (统一社会信用代码, GB 32100-2015): 18 chars, last one a check char.
// Some real, registered codes fail the check, so callers should warn, not block.

export const CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"; // no I, O, S, V, Z
// Weight of position i (0-based) is 3^i mod 31.
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeCheck =
  | { ok: true }
  | { ok: false; reason: "length" | "charset" | "checksum"; expected?: string };

/** Trim and uppercase; what we store and compare. */
export function normaliseCreditCode(s: string): string {
  return s.trim().toUpperCase();
}

/** Check character for a 17-char body; null if the body has a wrong length or invalid chars. */
export function creditCodeCheckChar(body: string): string | null {
  if (body.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_ALPHABET.indexOf(body[i]);
    if (v < 0) return null;
    sum += v * WEIGHTS[i];
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31];
}

export function checkCreditCode(code: string): CreditCodeCheck {
  const c = normaliseCreditCode(code);
  if (c.length !== 18) return { ok: false, reason: "length" };
  for (const ch of c) {
    if (!CREDIT_CODE_ALPHABET.includes(ch)) return { ok: false, reason: "charset" };
  }
  const expected = creditCodeCheckChar(c.slice(0, 17)) as string;
  if (c[17] !== expected) return { ok: false, reason: "checksum", expected };
  return { ok: true };
}

/** Chinese warning for a form field, or null when valid or empty (the field is optional). */
export function creditCodeHint(code: string): string | null {
  if (normaliseCreditCode(code) === "") return null;
  const r = checkCreditCode(code);
  if (r.ok) return null;
  switch (r.reason) {
    case "length":
      return "统一社会信用代码应为18位";
    case "charset":
      return "统一社会信用代码含有无效字符（不使用 I、O、S、V、Z）";
    case "checksum":
      return `统一社会信用代码校验位不符（按校验应为 ${r.expected}），请核对；如确认无误可照常保存`;
  }
}
