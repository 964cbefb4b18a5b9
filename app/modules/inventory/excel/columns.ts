// The one sheet layout of the inventory import, export and template: one row per sellable unit,
// the unit's site carried on the same row. The list is data so that the parser, the validator,
// the template and the export can never disagree about a header or its order.
import type { FacilityType, Medium, UnitStatus } from "~db/schema";
import { zhCatalog } from "~/i18n/zh-catalog";
import { FACILITY_TYPES, MEDIUM_CODES, UNIT_STATUSES } from "../model";

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const MAX_DATA_ROWS = 20_000;

export type ColumnKind = "code" | "text" | "integer" | "date" | "metres" | "degrees" | "enum" | "category";
export type EnumName = "medium" | "status" | "facility" | "yesNo";

export interface ImportColumn {
  key: string;
  header: string;
  /** Which record the value belongs to: the unit, or the site the unit stands on. */
  target: "unit" | "site";
  /** The field of unitFormSchema / siteFormSchema it feeds. */
  field: string;
  kind: ColumnKind;
  enumName?: EnumName;
  /** Column width in the workbooks, in characters. */
  width: number;
  required: boolean;
  /** One line for the 说明 sheet of the template. */
  note: string;
}

function column(c: Omit<ImportColumn, "required"> & { required?: boolean }): ImportColumn {
  return { required: false, ...c };
}

export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  column({ key: "code", header: "广告位编号", target: "unit", field: "code", kind: "code", width: 14, required: true, note: "1 到 32 位字母、数字、点、下划线或短横线；已有编号则更新该广告位，否则新建" }),
  column({ key: "name", header: "广告位名称", target: "unit", field: "name", kind: "text", width: 24, required: true, note: "最多 100 个字" }),
  column({ key: "medium", header: "媒体类型", target: "unit", field: "medium", kind: "enum", enumName: "medium", width: 12, required: true, note: "从下拉列表选择" }),
  column({ key: "category", header: "收入类别", target: "unit", field: "category_id", kind: "category", width: 20, required: true, note: "类别路径（如“户外广告/LED屏”）或类别代码（如 outdoor.led），须为末级类别" }),
  column({ key: "capacity", header: "日容量", target: "unit", field: "capacity", kind: "integer", width: 8, note: "整数；户外静态固定为 1，LED 屏按轮播时长 ÷ 单条时长自动计算" }),
  column({ key: "loop_seconds", header: "轮播时长(秒)", target: "unit", field: "loop_seconds", kind: "integer", width: 12, note: "LED 屏必填，整数秒" }),
  column({ key: "spot_seconds", header: "单条时长(秒)", target: "unit", field: "spot_seconds", kind: "integer", width: 12, note: "LED 屏必填，整数秒" }),
  column({ key: "status", header: "状态", target: "unit", field: "status", kind: "enum", enumName: "status", width: 8, required: true, note: "从下拉列表选择" }),
  column({ key: "maintenance_from", header: "维护开始", target: "unit", field: "maintenance_from", kind: "date", width: 12, note: "状态为“维护中”时必填，日期格式 YYYY-MM-DD" }),
  column({ key: "maintenance_to", header: "维护结束", target: "unit", field: "maintenance_to", kind: "date", width: 12, note: "状态为“维护中”时必填，不早于维护开始" }),
  column({ key: "notes", header: "备注", target: "unit", field: "notes", kind: "text", width: 20, note: "最多 500 个字" }),
  column({ key: "site_code", header: "点位编号", target: "site", field: "code", kind: "code", width: 12, note: "户外静态和 LED 屏必填；同一点位的各行点位信息必须一致；已有编号则更新该点位" }),
  column({ key: "site_name", header: "点位名称", target: "site", field: "name", kind: "text", width: 20, note: "有点位编号时必填" }),
  column({ key: "facility_type", header: "设施类型", target: "site", field: "facility_type", kind: "enum", enumName: "facility", width: 12, note: "从下拉列表选择" }),
  column({ key: "address", header: "地址", target: "site", field: "address", kind: "text", width: 28, note: "最多 200 个字" }),
  column({ key: "district", header: "乡镇/街道", target: "site", field: "district", kind: "text", width: 12, note: "有点位编号时必填" }),
  column({ key: "latitude", header: "纬度", target: "site", field: "latitude", kind: "degrees", width: 12, note: "如 30.123456，最多 6 位小数，可空" }),
  column({ key: "longitude", header: "经度", target: "site", field: "longitude", kind: "degrees", width: 12, note: "如 118.123456，最多 6 位小数，可空" }),
  column({ key: "width_m", header: "宽(米)", target: "site", field: "width_m", kind: "metres", width: 9, note: "大于 0 的米数，最多两位小数" }),
  column({ key: "height_m", header: "高(米)", target: "site", field: "height_m", kind: "metres", width: 9, note: "大于 0 的米数，最多两位小数" }),
  column({ key: "illuminated", header: "是否照明", target: "site", field: "illuminated", kind: "enum", enumName: "yesNo", width: 9, note: "是 或 否" }),
  column({ key: "traffic_notes", header: "客流/曝光说明", target: "site", field: "traffic_notes", kind: "text", width: 24, note: "最多 500 个字" }),
  column({ key: "face", header: "面", target: "unit", field: "face", kind: "text", width: 8, note: "户外广告位的朝向或面，如“A面”，最多 20 个字" }),
];

export const COLUMN_BY_KEY = new Map(IMPORT_COLUMNS.map((c) => [c.key, c]));

/** The header a unit-schema or site-schema field is reported under. */
export function headerOfField(target: "unit" | "site", field: string): string {
  if (target === "unit" && field === "site_id") return "点位编号"; // the unit's site is named by its code
  const found = IMPORT_COLUMNS.find((c) => c.target === target && c.field === field);
  return found ? found.header : target === "unit" ? "广告位编号" : "点位编号";
}

/**
 * Header text as people retype it: spaces dropped, full-width brackets and slashes made
 * half-width, so "轮播时长（秒）" is the same column as "轮播时长(秒)".
 */
export function normaliseHeader(text: string): string {
  return text
    .replace(/\s+/g, "")
    .replace(/（/g, "(")
    .replace(/）/g, ")")
    .replace(/／/g, "/");
}

export interface EnumOption {
  code: string;
  label: string;
}

function catalog(prefix: string, codes: readonly string[]): EnumOption[] {
  const labels = zhCatalog as Record<string, string>;
  return codes.map((code) => ({ code, label: labels[`${prefix}.${code}`] ?? code }));
}

export const ENUMS: Record<EnumName, EnumOption[]> = {
  medium: catalog("medium", MEDIUM_CODES as Medium[]),
  status: catalog("unitStatus", UNIT_STATUSES as UnitStatus[]),
  facility: catalog("facility", FACILITY_TYPES as FacilityType[]),
  yesNo: [
    { code: "1", label: "是" },
    { code: "0", label: "否" },
  ],
};

const ENUM_LOOKUP: Record<EnumName, Map<string, string>> = Object.fromEntries(
  (Object.keys(ENUMS) as EnumName[]).map((name) => {
    const map = new Map<string, string>();
    for (const o of ENUMS[name]) {
      map.set(o.label.toLowerCase(), o.code);
      map.set(o.code.toLowerCase(), o.code);
    }
    return [name, map];
  }),
) as Record<EnumName, Map<string, string>>;

/** A Chinese label (or the code itself) → the code; null when it is not one of the options. */
export function enumCode(name: EnumName, text: string): string | null {
  return ENUM_LOOKUP[name].get(text.trim().toLowerCase()) ?? null;
}

export function enumLabel(name: EnumName, code: string): string {
  return ENUMS[name].find((o) => o.code === code)?.label ?? code;
}

/** The rate-card export's layout (export only; rate cards are not imported). */
export const RATE_TITLE = "刊例价表";
export const RATE_UNIT_NOTE = "单位：元";
