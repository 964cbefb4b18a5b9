import { describe, expect, it } from "vitest";
import { parseUnitRecord } from "../../app/modules/inventory/unit-form";
import { sizeClass } from "../../app/modules/inventory/model";

const BASE = { code: "LED-01", name: "城关LED", medium: "led", site_id: "S1", face: "", category_id: "C1", capacity: "", loop_seconds: "60", spot_seconds: "5", status: "available", maintenance_from: "", maintenance_to: "", notes: "" };

describe("unit form", () => {
  it("derives an LED screen's capacity from its loop", () => {
    const r = parseUnitRecord(BASE);
    expect(r.ok && r.value.capacity).toBe(12);
    expect(r.ok && r.value.capacity_unit).toBe("spot");
  });

  it("reports single-field and cross-field problems in one answer", () => {
    const r = parseUnitRecord({ ...BASE, name: "", medium: "outdoor_static", site_id: "", status: "maintenance", maintenance_from: "2026-12-10", maintenance_to: "2026-12-01" });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toMatchObject({
      name: "请填写广告位名称",
      site_id: "户外广告位须属于一个点位",
      maintenance_to: "维护结束日期不能早于开始日期",
    });
  });

  it("refuses an LED loop shorter than its spot", () => {
    const r = parseUnitRecord({ ...BASE, loop_seconds: "4" });
    expect(!r.ok && r.errors.loop_seconds).toBe("轮播时长不能短于单条时长");
  });
});

describe("size class", () => {
  it.each([
    [250, 100, "small"], // 2.5 m² exactly: small (up to and including 2.5)
    [251, 100, "medium"],
    [390, 255, "medium"], // 9.95 m², no side reaches 4 m
    [500, 200, "large"], // 10 m²
    [400, 50, "large"], // a 4 m side
    [120, 180, "small"],
  ])("%i cm × %i cm is %s", (w, h, expected) => {
    expect(sizeClass(w, h)).toBe(expected);
  });
});
