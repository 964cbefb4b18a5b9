// The tax settings a new center starts with (the 2026 defaults; admins and finance edit them as
// law and locality change). The 0005 migration gave existing centers the same rows.
import type { Executor } from "~db/dialect";
import { newId } from "~db/ids";
import { nowIso } from "~/utils/time";

export const VAT_DEFAULTS = [
  { taxpayer_status: "general", rate_bp: 600, valid_from: "2000-01-01", valid_to: null, note: "一般纳税人：广告服务、信息技术服务等现代服务 6%" },
  { taxpayer_status: "small", rate_bp: 300, valid_from: "2000-01-01", valid_to: null, note: "小规模纳税人征收率 3%" },
  { taxpayer_status: "small", rate_bp: 100, valid_from: "2026-01-01", valid_to: "2027-12-31", note: "小规模纳税人减按 1% 征收（阶段性政策，以主管税务机关口径为准）" },
] as const;

export const CULTURE_FEE_DEFAULTS = [
  { rate_bp: 300, valid_from: "2000-01-01", valid_to: "2024-12-31", threshold_fen: 2_000_000, note: "费率 3%；月销售额不超过 2 万元的小规模纳税人免征" },
  { rate_bp: 150, valid_from: "2025-01-01", valid_to: "2027-12-31", threshold_fen: 2_000_000, note: "中央分成减半、地方分成减半后 1.5%（请按本省政策调整）" },
] as const;

/** Advertising publication (3040303…) and information-technology services (30402…), as DOMAIN.md names them. */
export const TAX_CODE_DEFAULTS = [
  { code: "3040303000000000000", short_name: "广告服务", item_name: "广告发布费" },
  { code: "3040303010000000000", short_name: "广告服务", item_name: "广告代理费" },
  { code: "3040201000000000000", short_name: "信息技术服务", item_name: "软件开发服务" },
  { code: "3040202000000000000", short_name: "信息技术服务", item_name: "信息系统集成服务" },
  { code: "3040203000000000000", short_name: "信息技术服务", item_name: "信息系统运行维护服务" },
  { code: "3040205000000000000", short_name: "信息技术服务", item_name: "信息系统增值服务" },
  { code: "3040301000000000000", short_name: "文化创意服务", item_name: "设计服务" },
  { code: "3040302000000000000", short_name: "文化创意服务", item_name: "会议展览服务" },
] as const;

/** Runs inside the center's creation transaction. */
export async function seedBillingSettings(trx: Executor, centerId: string): Promise<void> {
  const now = nowIso();
  await trx.insertInto("vat_rates").values(VAT_DEFAULTS.map((r) => ({ id: newId(), center_id: centerId, report_group: null, created_at: now, ...r }))).execute();
  await trx.insertInto("culture_fee_rates").values(CULTURE_FEE_DEFAULTS.map((r) => ({ id: newId(), center_id: centerId, created_at: now, ...r }))).execute();
  await trx.insertInto("tax_codes").values(TAX_CODE_DEFAULTS.map((c) => ({ id: newId(), center_id: centerId, retired: 0, created_at: now, updated_at: now, ...c }))).execute();
}
