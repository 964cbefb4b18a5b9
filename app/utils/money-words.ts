// MONEY: amounts in words (大写金额) for contracts, statements and invoices.
// Converted from integer fen by reading decimal digits; never from floats.
//
// Zero rule: a run of zeros between two non-zero digits is written as one 零, also across the
// 万/亿 and 元 boundaries (1,001,000 → 壹佰万零壹仟; 20.20 → 贰拾元零贰角). The PBoC rules
// for filling in bills (《支付结算办法》附件) allow this form, and it is mandatory when 角 is 0
// and 分 is not (325.04 → 叁佰贰拾伍元零肆分). Leading and trailing zeros are never written.

const DIGITS = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"];
const IN_GROUP = ["", "拾", "佰", "仟"];

export interface ChineseUpperOptions {
  /** Prefix "人民币", as printed on contracts and invoices. */
  prefix?: boolean;
}

/**
 * Integer fen → 大写, e.g. 140950 → "壹仟肆佰零玖元伍角", 1272000 → "壹万贰仟柒佰贰拾元整".
 * Negative amounts get "负" (after "人民币" when prefixed). Throws on non-integer or unsafe input.
 */
export function fenToChineseUpper(fen: number, opts: ChineseUpperOptions = {}): string {
  if (!Number.isSafeInteger(fen)) {
    throw new TypeError(`money must be a safe integer number of fen, got ${fen}`);
  }
  const prefix = (opts.prefix ? "人民币" : "") + (fen < 0 ? "负" : "");
  const abs = Math.abs(fen);
  if (abs === 0) return `${prefix}零元整`;

  const yuan = String(Math.floor(abs / 100));
  const jiao = Math.floor(abs / 10) % 10;
  const fenDigit = abs % 10;

  let out = "";
  let pendingZero = false; // a zero was skipped after something was written

  const writeDigit = (d: number, unit: string): void => {
    if (d === 0) {
      if (out !== "") pendingZero = true;
      return;
    }
    if (pendingZero) out += "零";
    pendingZero = false;
    out += DIGITS[d] + unit;
  };

  if (yuan !== "0") {
    const len = yuan.length;
    for (let i = 0; i < len; i++) {
      const p = len - 1 - i; // power of ten of this digit
      writeDigit(Number(yuan[i]), IN_GROUP[p % 4]);
      if (p === 8) {
        // 亿 follows whenever anything at or above 亿 is non-zero (yuan >= 1e8 here).
        out += "亿";
      } else if (p % 4 === 0 && p > 0) {
        // 万 (p = 4, 12) only if its own 4-digit group is non-zero.
        const group = yuan.slice(Math.max(0, i - 3), i + 1);
        if (/[1-9]/.test(group)) out += "万";
      }
    }
    out += "元";
  }

  writeDigit(jiao, "角");
  writeDigit(fenDigit, "分");

  // MONEY: 整 only when the amount ends at 元; left out after 角, never after 分.
  if (jiao === 0 && fenDigit === 0) out += "整";
  return prefix + out;
}
