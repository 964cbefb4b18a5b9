import { describe, expect, it } from "vitest";
import { RetryLaterError } from "../../db/dialect";
import { dayRanges } from "../../app/modules/booking/capacity.server";
import { priceLine } from "../../app/modules/booking/line-pricing";
import { dailyUse, orderStage } from "../../app/modules/booking/model";
import { parseLine, postedLines } from "../../app/modules/booking/order-form";
import { booking } from "../../app/modules/booking/booking-result";

const row = (over: Record<string, string> = {}) => ({ unit: "CG-01", start_date: "2027-03-01", end_date: "2027-03-31", quantity: "1", kind: "paid", daypart: "", seconds: "", position: "", discount: "", net: "", content: "", ...over });

describe("line prices", () => {
  it("takes a discount from the list price, rounding once half-up", () => {
    expect(priceLine("paid", 99_999, { discountBp: 1500 })).toEqual({ ok: true, price: { list_fen: 99_999, discount_bp: 1500, net_fen: 84_999, net_fixed: 0 } });
    expect(priceLine("paid", 3, { discountBp: 5000 })).toMatchObject({ price: { net_fen: 2 } }); // 1.5 → 2
  });
  it("keeps a negotiated net price and works out the discount it means, refusing one above list", () => {
    expect(priceLine("paid", 30_000, { netFen: 20_000 })).toMatchObject({ price: { net_fen: 20_000, discount_bp: 3333, net_fixed: 1 } });
    expect(priceLine("paid", 30_000, { netFen: 30_001 })).toMatchObject({ ok: false });
  });
  it("gives bonus, public-service and internal lines away at zero but keeps their list price", () => {
    for (const kind of ["bonus", "public_service", "internal"] as const) {
      expect(priceLine(kind, 12_345, { netFen: 100 })).toEqual({ ok: true, price: { list_fen: 12_345, discount_bp: 10000, net_fen: 0, net_fixed: 0 } });
    }
  });
});

describe("order stages", () => {
  const order = (status: "hold" | "confirmed", over = {}) => ({ status, hold_expires_at: "2027-01-08T00:00:00.000Z", start_date: "2027-02-01", end_date: "2027-02-28", ...over });
  it("reads a lapsed hold as expired before any sweep, and a confirmed order by its dates", () => {
    expect(orderStage(order("hold"), "2027-01-05", "2027-01-05T00:00:00.000Z")).toBe("hold");
    expect(orderStage(order("hold"), "2027-01-08", "2027-01-08T00:00:00.000Z")).toBe("expired");
    expect(orderStage(order("confirmed"), "2027-01-31", "x")).toBe("confirmed");
    expect(orderStage(order("confirmed"), "2027-02-01", "x")).toBe("running");
    expect(orderStage(order("confirmed"), "2027-02-28", "x")).toBe("running");
    expect(orderStage(order("confirmed"), "2027-03-01", "x")).toBe("completed");
  });
  it("counts TV and radio capacity in seconds", () => {
    expect(dailyUse("second", 3, 15)).toBe(45);
    expect(dailyUse("spot", 3, 15)).toBe(3);
  });
});

describe("posted lines", () => {
  it("reads a line and refuses bad dates, long spans, bad quantities and money with Chinese messages", () => {
    expect(parseLine(row({ discount: "12.5" }))).toMatchObject({ ok: true, value: { unit: "CG-01", quantity: 1, kind: "paid", deal: { discountBp: 1250 } } });
    expect(parseLine(row({ net: "1,234.50", discount: "10" }))).toMatchObject({ ok: true, value: { deal: { netFen: 123_450 } } });
    expect(parseLine(row({ end_date: "2027-02-30" }))).toMatchObject({ ok: false, message: expect.stringContaining("不是有效日期") });
    expect(parseLine(row({ start_date: "2027-04-01" }))).toMatchObject({ ok: false, message: expect.stringContaining("晚于") });
    expect(parseLine(row({ end_date: "2028-03-01" }))).toMatchObject({ ok: false, message: expect.stringContaining("366") });
    expect(parseLine(row({ quantity: "0" }))).toMatchObject({ ok: false });
    expect(parseLine(row({ net: "12.345" }))).toMatchObject({ ok: false, message: expect.stringContaining("成交价") });
    expect(parseLine(row({ discount: "120" }))).toMatchObject({ ok: false, message: expect.stringContaining("折扣") });
  });
  it("pairs the parallel fields by row and skips rows without a unit", () => {
    const form = new FormData();
    for (const [unit, start] of [["A-1", "2027-03-01"], ["", "2027-03-02"], ["B-2", "2027-03-03"]]) {
      form.append("unit", unit);
      form.append("start_date", start);
    }
    expect(postedLines(form).map((r) => [r.unit, r.start_date])).toEqual([["A-1", "2027-03-01"], ["B-2", "2027-03-03"]]);
  });
});

describe("messages", () => {
  it("names days as ranges", () => {
    expect(dayRanges(["2027-03-03", "2027-03-01", "2027-03-02", "2027-03-05"])).toBe("2027-03-01 至 2027-03-03、2027-03-05");
  });
  it("turns a transaction that kept colliding into a 503 'please retry' with nothing changed", async () => {
    expect(await booking(async () => { throw new RetryLaterError(); })).toMatchObject({ ok: false, status: 503, message: expect.stringContaining("请稍后重试") });
    await expect(booking(async () => { throw new Error("boom"); })).rejects.toThrow("boom");
  });
});
