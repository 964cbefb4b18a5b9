// The outdoor site form's one schema. Metres and degrees arrive as decimal text and are stored
// exactly as integers (centimetres, micro-degrees).
import { z } from "zod";
import type { FacilityType } from "~db/schema";
import { parseForm } from "~/utils/form";
import { FACILITY_TYPES } from "./model";

/** "3.5" → 350 (cm). Up to two decimals; no floats involved. */
export function parseMetresToCm(input: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(input.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

/** "118.123456" → 118123456. Up to six decimals. */
export function parseDegreesE6(input: string): number | null {
  const m = /^(-?)(\d{1,3})(?:\.(\d{1,6}))?$/.exec(input.trim());
  if (!m) return null;
  const value = Number(m[2]) * 1_000_000 + Number((m[3] ?? "").padEnd(6, "0"));
  return m[1] ? -value : value;
}

export function formatE6(value: number | null): string {
  if (value === null) return "";
  const sign = value < 0 ? "-" : "";
  const abs = Math.abs(value);
  return `${sign}${Math.floor(abs / 1_000_000)}.${String(abs % 1_000_000).padStart(6, "0")}`;
}

export function formatCm(cm: number): string {
  return `${Math.floor(cm / 100)}.${String(cm % 100).padStart(2, "0")}`;
}

const text = (max: number) => z.string().trim().max(max, `内容过长（最多 ${max} 个字）`);

const metres = (label: string) =>
  z.string().transform((v, ctx) => {
    const cm = parseMetresToCm(v);
    if (cm === null || cm <= 0 || cm > 100_000) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${label}应为大于 0 的米数，最多两位小数` });
      return z.NEVER;
    }
    return cm;
  });

const degrees = (label: string, limit: number, example: string) =>
  z.string().transform((v, ctx) => {
    if (v.trim() === "") return null;
    const e6 = parseDegreesE6(v);
    if (e6 === null || Math.abs(e6) > limit * 1_000_000) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${label}格式不正确（如 ${example}）` });
      return z.NEVER;
    }
    return e6;
  });

export const siteFormSchema = z.object({
  code: z.string().trim().regex(/^[A-Za-z0-9._-]{1,32}$/, "点位编号为 1 到 32 位字母、数字、点、下划线或短横线"),
  name: z.string().trim().min(1, "请填写点位名称").max(100, "内容过长（最多 100 个字）"),
  facility_type: z.enum(FACILITY_TYPES as [FacilityType, ...FacilityType[]], { errorMap: () => ({ message: "请选择设施类型" }) }),
  address: text(200),
  district: z.string().trim().min(1, "请填写所在乡镇/街道").max(50, "内容过长（最多 50 个字）"),
  latitude: degrees("纬度", 90, "29.812345"),
  longitude: degrees("经度", 180, "120.512345"),
  width_m: metres("宽度"),
  height_m: metres("高度"),
  illuminated: z.string().transform((v) => (v === "1" || v === "on" || v === "是" ? 1 : 0)),
  traffic_notes: text(500),
});

export type SiteFormValues = z.infer<typeof siteFormSchema>;

export function parseSiteForm(form: FormData) {
  return parseForm(siteFormSchema, form);
}
