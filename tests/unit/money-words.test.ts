import { describe, it, expect } from "vitest";
import { fenToChineseUpper } from "../../app/utils/money-words";

/** Test helper: "1234.56" → fen, by string manipulation only. */
function fen(yuan: string): number {
  const [i, d = ""] = yuan.split(".");
  return Number(i + d.padEnd(2, "0"));
}

describe("fenToChineseUpper: DOMAIN.md examples", () => {
  it.each([
    ["1409.50", "壹仟肆佰零玖元伍角"],
    ["325.04", "叁佰贰拾伍元零肆分"],
    ["12720.00", "壹万贰仟柒佰贰拾元整"],
  ])("%s → %s", (amount, words) => {
    expect(fenToChineseUpper(fen(amount))).toBe(words);
  });

  it("prefix 人民币", () => {
    expect(fenToChineseUpper(fen("12720.00"), { prefix: true })).toBe("人民币壹万贰仟柒佰贰拾元整");
    expect(fenToChineseUpper(fen("1409.50"), { prefix: true })).toBe("人民币壹仟肆佰零玖元伍角");
  });
});

describe("fenToChineseUpper: zeros in every position", () => {
  it.each([
    ["0.00", "零元整"],
    ["0.01", "壹分"],
    ["0.05", "伍分"],
    ["0.10", "壹角"],
    ["0.50", "伍角"],
    ["0.55", "伍角伍分"],
    ["1.00", "壹元整"],
    ["1.01", "壹元零壹分"],
    ["1.10", "壹元壹角"],
    ["10.00", "壹拾元整"],
    ["11.00", "壹拾壹元整"],
    ["20.20", "贰拾元零贰角"],
    ["100.00", "壹佰元整"],
    ["101.01", "壹佰零壹元零壹分"],
    ["110.00", "壹佰壹拾元整"],
    ["1000.00", "壹仟元整"],
    ["1010.10", "壹仟零壹拾元零壹角"],
    ["1680.32", "壹仟陆佰捌拾元零叁角贰分"],
    ["10000.00", "壹万元整"],
    ["10001.00", "壹万零壹元整"],
    ["10010.00", "壹万零壹拾元整"],
    ["10100.00", "壹万零壹佰元整"],
    ["11000.00", "壹万壹仟元整"],
    ["100000.00", "壹拾万元整"],
    ["100100.00", "壹拾万零壹佰元整"],
    ["107000.53", "壹拾万零柒仟元零伍角叁分"],
    ["1000000.00", "壹佰万元整"],
    ["1000001.00", "壹佰万零壹元整"],
    ["1001000.00", "壹佰万零壹仟元整"],
    ["10000000.00", "壹仟万元整"],
    ["10000100.00", "壹仟万零壹佰元整"],
    ["10001000.00", "壹仟万零壹仟元整"],
    ["100000000.00", "壹亿元整"],
    ["100000001.00", "壹亿零壹元整"],
    ["100000010.00", "壹亿零壹拾元整"],
    ["100010000.00", "壹亿零壹万元整"],
    ["110000000.00", "壹亿壹仟万元整"],
    ["1000000000.00", "壹拾亿元整"],
    ["1000000000000.00", "壹万亿元整"],
    ["1000100000000.00", "壹万零壹亿元整"],
    ["123456789.12", "壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元壹角贰分"],
    ["90071992547409.91", "玖拾万零柒佰壹拾玖亿玖仟贰佰伍拾肆万柒仟肆佰零玖元玖角壹分"],
  ])("%s → %s", (amount, words) => {
    expect(fenToChineseUpper(fen(amount))).toBe(words);
  });
});

describe("fenToChineseUpper: rules", () => {
  it("整 only when ending at 元", () => {
    for (let f = 0; f < 100000; f += 37) {
      const w = fenToChineseUpper(f);
      expect(w.endsWith("整")).toBe(f % 100 === 0);
      if (w.endsWith("整")) expect(w.endsWith("元整")).toBe(true);
    }
  });

  it("never writes two 零 in a row, nor a leading or trailing 零 (except zero)", () => {
    for (let f = 1; f < 2000000; f += 997) {
      const w = fenToChineseUpper(f);
      expect(w).not.toMatch(/零零/);
      expect(w.startsWith("零")).toBe(false);
      expect(w).not.toMatch(/零(元|万|亿|整)/);
      expect(w.endsWith("零")).toBe(false);
    }
  });

  it("negative amounts get 负", () => {
    expect(fenToChineseUpper(-32504)).toBe("负叁佰贰拾伍元零肆分");
    expect(fenToChineseUpper(-100, { prefix: true })).toBe("人民币负壹元整");
  });

  it("prefix:false is the default", () => {
    expect(fenToChineseUpper(100, { prefix: false })).toBe("壹元整");
    expect(fenToChineseUpper(0, { prefix: true })).toBe("人民币零元整");
  });

  it("rejects non-integer or unsafe input", () => {
    expect(() => fenToChineseUpper(1.5)).toThrow();
    expect(() => fenToChineseUpper(NaN)).toThrow();
    expect(() => fenToChineseUpper(Infinity)).toThrow();
    expect(() => fenToChineseUpper(Number.MAX_SAFE_INTEGER + 1)).toThrow();
  });
});
