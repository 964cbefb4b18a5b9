// The unit form's one schema, shared by the form, the import and the tests.
import { z } from "zod";
import type { Medium, UnitStatus } from "~db/schema";
import { isCalendarDate } from "~/utils/time";
import { parseForm } from "~/utils/form";
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

export const unitFormSchema = z
  .object({
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
  })
  .transform((unit, ctx) => {
    const spec = MEDIA[unit.medium];
    if (spec.outdoor && !unit.site_id) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["site_id"], message: "户外广告位须属于一个点位" });
    if (!spec.outdoor && unit.site_id) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["site_id"], message: "只有户外和 LED 广告位属于点位" });
    let capacity = unit.capacity;
    if (unit.medium === "led") {
      if (!unit.loop_seconds || !unit.spot_seconds) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["loop_seconds"], message: "LED 屏须填写轮播时长和单条时长" });
      } else {
        capacity = ledCapacity(unit.loop_seconds, unit.spot_seconds); // N spots of S seconds in a loop of L
      }
    }
    if (unit.medium === "outdoor_static") capacity = 1; // a static face is exclusive
    if (capacity < 1) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["capacity"], message: "日容量至少为 1" });
    if (unit.status === "maintenance") {
      if (!unit.maintenance_from || !unit.maintenance_to) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["maintenance_from"], message: "维护中须填写起止日期" });
      } else if (unit.maintenance_from > unit.maintenance_to) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["maintenance_to"], message: "维护结束日期不能早于开始日期" });
      }
    }
    const keepWindow = unit.status === "maintenance";
    return {
      ...unit,
      capacity,
      capacity_unit: spec.capacityUnit,
      face: spec.outdoor ? unit.face : "",
      maintenance_from: keepWindow ? unit.maintenance_from : null,
      maintenance_to: keepWindow ? unit.maintenance_to : null,
    };
  });

export type UnitFormValues = z.infer<typeof unitFormSchema>;

export function parseUnitForm(form: FormData) {
  return parseForm(unitFormSchema, form);
}
