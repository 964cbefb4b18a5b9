// MONEY: all amounts are integer fen (分). These helpers only format and parse;
// they never multiply or divide floats, so no rounding can sneak in here.

function assertFen(fen: number): void {
  if (!Number.isSafeInteger(fen)) {
    throw new TypeError(`money must be a safe integer number of fen, got ${fen}`);
  }
}

/** Groups an unsigned digit string with thousands separators: "1234567" → "1,234,567". */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Splits |fen| into yuan digits and a 2-digit fen part using integer arithmetic only. */
function splitFen(fen: number): { negative: boolean; yuan: string; cents: string } {
  assertFen(fen);
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100); // exact: abs is a safe integer
  const cents = abs % 100;
  return { negative: fen < 0, yuan: String(yuan), cents: String(cents).padStart(2, "0") };
}

/** 123450 → "¥1,234.50"; -123450 → "-¥1,234.50"; 0 → "¥0.00". Throws on non-integer. */
export function formatFen(fen: number): string {
  const { negative, yuan, cents } = splitFen(fen);
  return `${negative ? "-" : ""}¥${groupThousands(yuan)}.${cents}`;
}

/** 123450 → "1,234.50" (no currency symbol, e.g. for table cells with a ¥ header). */
export function formatFenPlain(fen: number): string {
  const { negative, yuan, cents } = splitFen(fen);
  return `${negative ? "-" : ""}${groupThousands(yuan)}.${cents}`;
}

/** 123450 → "1234.50": no separators, suitable as a form input value. */
export function fenToYuanString(fen: number): string {
  const { negative, yuan, cents } = splitFen(fen);
  return `${negative ? "-" : ""}${yuan}.${cents}`;
}

// Integer part: plain digits, or digits correctly grouped with commas ("1,234,567").
const YUAN_RE = /^(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2}))?$/;

/**
 * Parses user input ("1234.5", "1,234.50", "¥1234", " 12 ", "-3.20") into integer fen.
 * MONEY: works on the digit string (yuan digits + padded fen digits), never `parseFloat(x) * 100`,
 * which would turn "1.15" into 114.99999999999999.
 * Returns null for anything invalid: empty, letters, >2 decimals, several dots, bad grouping.
 */
export function parseYuanToFen(input: string): number | null {
  let s = input.trim();
  let negative = false;
  if (s.startsWith("-")) {
    negative = true;
    s = s.slice(1).trim();
  }
  if (s.startsWith("¥") || s.startsWith("￥")) s = s.slice(1).trim();
  // Accept "¥-12" as well as "-¥12", but not a double sign.
  if (!negative && s.startsWith("-")) {
    negative = true;
    s = s.slice(1).trim();
  }
  const m = YUAN_RE.exec(s);
  if (!m) return null;
  const yuanDigits = m[1].replace(/,/g, "");
  const fenDigits = (m[2] ?? "").padEnd(2, "0");
  const fen = Number(yuanDigits + fenDigits);
  if (!Number.isSafeInteger(fen)) return null;
  if (fen === 0) return 0; // avoid -0
  return negative ? -fen : fen;
}

const PERCENT_RE = /^(\d+)(?:\.(\d{1,2}))?$/;

/**
 * "15" → 1500, "15.5" → 1550, "0.25" → 25 (basis points; 1% = 100 bp).
 * MONEY: tax rates are stored as integer basis points so rate arithmetic stays integral.
 * Accepts an optional trailing "%". Range 0..100 % inclusive, else null.
 */
export function parsePercentToBasisPoints(input: string): number | null {
  let s = input.trim();
  if (s.endsWith("%") || s.endsWith("％")) s = s.slice(0, -1).trim();
  const m = PERCENT_RE.exec(s);
  if (!m) return null;
  const bp = Number(m[1] + (m[2] ?? "").padEnd(2, "0"));
  if (!Number.isSafeInteger(bp) || bp > 10000) return null;
  return bp;
}

/** 1550 → "15.5%", 1500 → "15%", 25 → "0.25%". Throws on non-integer input. */
export function formatBasisPoints(bp: number): string {
  if (!Number.isSafeInteger(bp)) {
    throw new TypeError(`basis points must be a safe integer, got ${bp}`);
  }
  const abs = Math.abs(bp);
  const whole = Math.floor(abs / 100);
  const frac = String(abs % 100).padStart(2, "0").replace(/0+$/, "");
  return `${bp < 0 ? "-" : ""}${whole}${frac ? `.${frac}` : ""}%`;
}

/**
 * MONEY: a × b ÷ c rounded once, half-up, for non-negative integers: the project's one rounding
 * rule. Exact for any safe integers (the product is taken in BigInt).
 */
export function mulDivHalfUp(a: number, b: number, c: number): number {
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || !Number.isSafeInteger(c) || a < 0 || b < 0 || c <= 0) {
    throw new RangeError(`mulDivHalfUp needs non-negative safe integers and a positive divisor, got ${a}, ${b}, ${c}`);
  }
  const result = (2n * BigInt(a) * BigInt(b) + BigInt(c)) / (2n * BigInt(c));
  return Number(result);
}
