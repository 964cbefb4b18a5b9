// The revenue-category form's schemas: editing a category, and adding one (a child reports under
// its parent's group; a new top-level category names its own group).
import { z } from "zod";
import type { ReportGroup } from "~db/schema";
import { parseForm } from "~/utils/form";

export const REPORT_GROUPS: ReportGroup[] = ["traditional_media", "new_media", "outdoor", "tech_service", "event", "gov_service", "other", "subsidy"];

const checkbox = z.string().transform((v) => v === "1" || v === "on");

const base = {
  name: z.string().trim().min(1, "请填写类别名称").max(50, "内容过长（最多 50 个字）"),
  // MONEY: the tax classification code printed on invoices; 19 digits, or empty until finance sets it.
  vat_item_code: z.string().trim().regex(/^(\d{19})?$/, "税收分类编码应为 19 位数字，或留空"),
  bears_culture_fee: checkbox,
  is_earned: checkbox,
};

export const categoryEditSchema = z.object(base);

export const categoryAddSchema = z.object({
  ...base,
  parent_id: z.string().trim(),
  report_group: z.string().trim(),
}).superRefine((v, ctx) => {
  if (!v.parent_id && !(REPORT_GROUPS as string[]).includes(v.report_group)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["report_group"], message: "请选择报表分组" });
  }
});

export function parseCategoryEdit(form: FormData) {
  return parseForm(categoryEditSchema, form);
}

export function parseCategoryAdd(form: FormData) {
  const parsed = parseForm(categoryAddSchema, form);
  if (!parsed.ok) return parsed;
  const { parent_id, report_group, ...input } = parsed.value;
  return { ok: true as const, parentId: parent_id || null, input: { ...input, report_group: (report_group || "other") as ReportGroup } };
}
