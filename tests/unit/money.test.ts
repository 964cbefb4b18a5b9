import { describe, it, expect } from "vitest";
import {
  formatFen,
  formatFenPlain,
  fenToYuanString,
  parseYuanToFen,
  parsePercentToBasisPoints,
  formatBasisPoints,
} from "../../app/utils/money";

describe("formatFen", () => {
  it.each([
    [123450, "¥1,234.50"],
    [-123450, "-¥1,234.50"],
    [0, "¥0.00"],
    [1, "¥0.01"],
    [-5, "-¥0.05"],
    [99, "¥0.99"],
    [100, "¥1.00"],
    [100000000, "¥1,000,000.00"],
    [12345678901, "¥123,456,789.01"],
  ])("%i → %s", (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });

  it("throws on non-integer or unsafe input (MONEY: fen only)", () => {
    expect(() => formatFen(1.5)).toThrow();
    expect(() => formatFen(NaN)).toThrow();
    expect(() => formatFen(Infinity)).toThrow();
    expect(() => formatFen(2 ** 53)).toThrow();
  });
});

describe("formatFenPlain / fenToYuanString", () => {
  it("formats without symbol", () => {
    expect(formatFenPlain(123450)).toBe("1,234.50");
    expect(formatFenPlain(-100)).toBe("-1.00");
    expect(formatFenPlain(0)).toBe("0.00");
  });
  it("formats for form inputs without separators", () => {
    expect(fenToYuanString(123450)).toBe("1234.50");
    expect(fenToYuanString(123456789)).toBe("1234567.89");
    expect(fenToYuanString(-7)).toBe("-0.07");
    expect(fenToYuanString(0)).toBe("0.00");
  });
  it("throws on non-integer", () => {
    expect(() => formatFenPlain(0.1)).toThrow();
    expect(() => fenToYuanString(0.1)).toThrow();
  });
});

describe("parseYuanToFen", () => {
  it.each([
    ["1234.5", 123450],
    ["1,234.50", 123450],
    ["¥1234", 123400],
    ["￥1,234.56", 123456],
    [" 12 ", 1200],
    ["0", 0],
    ["-0", 0],
    ["0.01", 1],
    ["1.15", 115], // parseFloat("1.15") * 100 would be 114.99999999999999
    ["0.29", 29], // 0.29 * 100 = 28.999999999999996
    ["-3.2", -320],
    ["-¥3.20", -320],
    ["¥-3.20", -320],
    ["1,234,567.89", 123456789],
    ["007", 700],
  ])("%s → %i", (input, fen) => {
    expect(parseYuanToFen(input)).toBe(fen);
  });

  it("never returns -0", () => {
    expect(Object.is(parseYuanToFen("-0.00"), 0)).toBe(true);
  });

  it.each([
    "",
    "   ",
    "abc",
    "12a",
    "1.234",
    "1.2.3",
    "1..2",
    ".",
    "-",
    "--1",
    "¥",
    "1,23",
    "12,34.5",
    ",123",
    "1e3",
    "+1",
    "1 000",
    "Infinity",
    "NaN",
    "99999999999999999999",
  ])("rejects %j", (input) => {
    expect(parseYuanToFen(input)).toBeNull();
  });

  it("round-trips with fenToYuanString", () => {
    for (const fen of [0, 1, 10, 99, 100, 101, 123456, -98765, 9007199254740991]) {
      expect(parseYuanToFen(fenToYuanString(fen))).toBe(fen);
      expect(parseYuanToFen(formatFen(fen).replace("¥", ""))).toBe(fen);
    }
  });
});

describe("parsePercentToBasisPoints / formatBasisPoints", () => {
  it.each([
    ["15", 1500],
    ["15.5", 1550],
    ["0.25", 25],
    ["6", 600],
    ["3%", 300],
    [" 1 ", 100],
    ["0", 0],
    ["100", 10000],
    ["100.00", 10000],
  ])("%s → %i", (input, bp) => {
    expect(parsePercentToBasisPoints(input)).toBe(bp);
  });

  it.each(["", "abc", "0.125", "100.01", "101", "-1", "1.2.3", "%", "1e2"])(
    "rejects %j",
    (input) => {
      expect(parsePercentToBasisPoints(input)).toBeNull();
    },
  );

  it.each([
    [1550, "15.5%"],
    [1500, "15%"],
    [25, "0.25%"],
    [0, "0%"],
    [600, "6%"],
    [10000, "100%"],
    [1505, "15.05%"],
  ])("%i → %s", (bp, text) => {
    expect(formatBasisPoints(bp)).toBe(text);
  });

  it("format/parse round-trip", () => {
    for (const bp of [0, 1, 25, 100, 150, 300, 600, 1550, 9999, 10000]) {
      expect(parsePercentToBasisPoints(formatBasisPoints(bp))).toBe(bp);
    }
  });

  it("formatBasisPoints throws on non-integer", () => {
    expect(() => formatBasisPoints(1.5)).toThrow();
  });
});
