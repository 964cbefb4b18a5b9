import { describe, it, expect } from "vitest";
import {
  checkCreditCode,
  creditCodeCheckChar,
  creditCodeHint,
  normaliseCreditCode,
  CREDIT_CODE_ALPHABET,
} from "../../app/utils/credit-code";

// Independent reference implementation, straight from GB 32100-2015 (weights 3^i mod 31).
function referenceCheckChar(body: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    let w = 1;
    for (let k = 0; k < i; k++) w = (w * 3) % 31;
    sum += CREDIT_CODE_ALPHABET.indexOf(body[i]) * w;
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31];
}

const REAL = "91350100M000100Y43"; // a published real code; verified against the algorithm

describe("checkCreditCode", () => {
  it("accepts a real code", () => {
    expect(checkCreditCode(REAL)).toEqual({ ok: true });
  });

  it("accepts generated codes (company 91 and public institution 12 prefixes)", () => {
    for (const body of ["91110108MA01ABCDE", "12330000470051726", "91440300000000000", "00000000000000000"]) {
      const code = body + referenceCheckChar(body);
      expect(creditCodeCheckChar(body)).toBe(referenceCheckChar(body));
      expect(checkCreditCode(code)).toEqual({ ok: true });
    }
  });

  it("trims and uppercases first", () => {
    expect(checkCreditCode(`  ${REAL.toLowerCase()}\n`)).toEqual({ ok: true });
    expect(normaliseCreditCode("  91350100m000100y43 ")).toBe(REAL);
  });

  it("reports the expected check char on checksum failure", () => {
    const wrong = REAL.slice(0, 17) + "0";
    expect(checkCreditCode(wrong)).toEqual({ ok: false, reason: "checksum", expected: "3" });
  });

  it("detects any single-character substitution in the body", () => {
    for (let i = 0; i < 17; i++) {
      const ch = REAL[i] === "0" ? "1" : "0";
      const mutated = REAL.slice(0, i) + ch + REAL.slice(i + 1);
      expect(checkCreditCode(mutated).ok).toBe(false);
    }
  });

  it("length errors", () => {
    expect(checkCreditCode("")).toEqual({ ok: false, reason: "length" });
    expect(checkCreditCode(REAL.slice(0, 17))).toEqual({ ok: false, reason: "length" });
    expect(checkCreditCode(REAL + "0")).toEqual({ ok: false, reason: "length" });
  });

  it("charset errors for I, O, S, V, Z and other symbols", () => {
    for (const bad of ["I", "O", "S", "V", "Z", "-", "中"]) {
      const code = bad + REAL.slice(1);
      expect(checkCreditCode(code)).toEqual({ ok: false, reason: "charset" });
    }
  });

  it("creditCodeCheckChar returns null for a bad body", () => {
    expect(creditCodeCheckChar("123")).toBeNull();
    expect(creditCodeCheckChar("9135010OM000100Y4")).toBeNull();
  });
});

describe("creditCodeHint", () => {
  it("is null for empty or valid codes", () => {
    expect(creditCodeHint("")).toBeNull();
    expect(creditCodeHint("   ")).toBeNull();
    expect(creditCodeHint(REAL)).toBeNull();
  });

  it("gives Chinese messages", () => {
    expect(creditCodeHint("123")).toBe("统一社会信用代码应为18位");
    expect(creditCodeHint("O" + REAL.slice(1))).toBe(
      "统一社会信用代码含有无效字符（不使用 I、O、S、V、Z）",
    );
    expect(creditCodeHint(REAL.slice(0, 17) + "0")).toBe(
      "统一社会信用代码校验位不符（按校验应为 3），请核对；如确认无误可照常保存",
    );
  });
});
