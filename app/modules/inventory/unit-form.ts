// The unit form's one schema, shared by the form, the import and the tests.
import { z } from "zod";
import type { Medium, UnitStatus } from "~db/schema";
import { isCalendarDate } from "~/utils/time";
import { type FieldErrors, parseRecord } from "~/utils/form";
import { ledCapacity, MEDIA, MEDIUM_CODES, UNIT_STATUSES } from "./model";

const count = (label: string, max: number) =>
  z.string().transform((v, ctx) => {
    if (v.trim() === "") return 0;
    const n = Number(v.trim());
    if (!Number.isInteger(n) || n < 0 || n > max) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${label}应为 0 到 ${max} 的整数` });
      return z.NEVER;
    }
    return n;
  });

const optionalDate = z.string().transform((v, ctx) => {
  const s = v.trim();
  if (s === "") return null;
  if (!isCalendarDate(s)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: "日期格式应为 YYYY-MM-DD" });
    return z.NEVER;
  }
  return s;
});

const unitFields = z.object({
    code: z.string().trim().regex(/^[A-Za-z0-9._-]{1,32}$/, "广告位编号为 1 到 32 位字母、数字、点、下划线或短横线"),
    name: z.string().trim().min(1, "请填写广告位名称").max(100, "内容过长（最多 100 个字）"),
    medium: z.enum(MEDIUM_CODES as [Medium, ...Medium[]], { errorMap: () => ({ message: "请选择媒体类型" }) }),
    site_id: z.string().trim().transform((v) => v || null),
    face: z.string().trim().max(20, "内容过长（最多 20 个字）"),
    category_id: z.string().trim().min(1, "请选择收入类别"),
    capacity: count("日容量", 100_000),
    loop_seconds: count("轮播时长", 3_600),
    spot_seconds: count("单条时长", 3_600),
    status: z.enum(UNIT_STATUSES as [UnitStatus, ...UnitStatus[]], { errorMap: () => ({ message: "请选择状态" }) }),
    maintenance_from: optionalDate,
    maintenance_to: optionalDate,
    notes: z.string().trim().max(500, "内容过长（最多 500 个字）"),
});

type UnitFields = z.infer<typeof unitFields>;

/**
 * Rules that need more than one field. They take whatever fields parsed, so a form with a bad
 * name still hears that its site is missing: every problem in one answer.
 */
function crossFieldProblems(unit: Partial<UnitFields>): { path: keyof UnitFields; message: string }[] {
  const problems: { path: keyof UnitFields; message: string }[] = [];
  if (unit.medium) {
    const outdoor = MEDIA[unit.medium].outdoor;
    if (unit.site_id !== undefined && outdoor && !unit.site_id) problems.push({ path: "site_id", message: "户外广告位须属于一个点位" });
    if (unit.site_id && !outdoor) problems.push({ path: "site_id", message: "只有户外和 LED 广告位属于点位" });
    if (unit.medium === "led" && unit.loop_seconds !== undefined && unit.spot_seconds !== undefined) {
      if (!unit.loop_seconds || !unit.spot_seconds) problems.push({ path: "loop_seconds", message: "LED 屏须填写轮播时长和单条时长" });
      else if (ledCapacity(unit.loop_seconds, unit.spot_seconds) < 1) problems.push({ path: "loop_seconds", message: "轮播时长不能短于单条时长" });
    } else if (unit.medium !== "outdoor_static" && unit.medium !== "led" && unit.capacity !== undefined && unit.capacity < 1) {
      problems.push({ path: "capacity", message: "日容量至少为 1" });
    }
  }
  if (unit.status === "maintenance" && unit.maintenance_from !== undefined && unit.maintenance_to !== undefined) {
    if (!unit.maintenance_from || !unit.maintenance_to) problems.push({ path: "maintenance_from", message: "维护中须填写起止日期" });
    else if (unit.maintenance_from > unit.maintenance_to) problems.push({ path: "maintenance_to", message: "维护结束日期不能早于开始日期" });
  }
  return problems;
}

/** Derived columns: a static face is exclusive (1); an LED loop of L s holds floor(L / S) spots. */
function derive(unit: UnitFields) {
  const spec = MEDIA[unit.medium];
  const capacity = unit.medium === "outdoor_static" ? 1 : unit.medium === "led" ? ledCapacity(unit.loop_seconds, unit.spot_seconds) : unit.capacity;
  const keepWindow = unit.status === "maintenance";
  return {
    ...unit,
    capacity,
    capacity_unit: spec.capacityUnit,
    face: spec.outdoor ? unit.face : "",
    maintenance_from: keepWindow ? unit.maintenance_from : null,
    maintenance_to: keepWindow ? unit.maintenance_to : null,
  };
}

export const unitFormSchema = unitFields.transform((unit, ctx) => {
  for (const p of crossFieldProblems(unit)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [p.path], message: p.message });
  return derive(unit);
});

export type UnitFormValues = z.infer<typeof unitFormSchema>;

/** A unit from text fields (a form or an imported row), with every problem reported at once. */
export function parseUnitRecord(raw: Record<string, string>): { ok: true; value: UnitFormValues } | { ok: false; errors: FieldErrors } {
  const parsed = parseRecord(unitFormSchema, raw);
  if (parsed.ok) return parsed;
  const partial: Partial<UnitFields> = {};
  for (const [key, field] of Object.entries(unitFields.shape) as [keyof UnitFields, z.ZodTypeAny][]) {
    const one = field.safeParse(raw[key] ?? "");
    if (one.success) (partial as Record<string, unknown>)[key] = one.data;
  }
  const errors: FieldErrors = { ...parsed.errors };
  for (const p of crossFieldProblems(partial)) errors[p.path] ??= p.message;
  return { ok: false, errors };
}

export function parseUnitForm(form: FormData) {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(unitFields.shape)) {
    const v = form.get(key);
    raw[key] = typeof v === "string" ? v : "";
  }
  return parseUnitRecord(raw);
}
