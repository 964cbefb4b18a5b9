// The demo center's service contracts, written as its sales rep (and approved by its manager)
// through the real contract services, so numbers, milestone amounts, fees, approvals, acceptances
// and work logs are exactly what a person's would be. What a first look should show: technical
// services of every kind and two government purchases, in every status, income month by month
// over the last two years, a late milestone, and contracts ending soon on the renewal list.
import type { AppDb } from "../../db/connection";
import type { ContractPricing } from "../../db/schema";
import type { Scope } from "../../app/modules/auth/scope";
import { createClient } from "../../app/modules/clients/clients.server";
import type { ContractInput } from "../../app/modules/contracts/contract-form";
import { createContract, updateContract } from "../../app/modules/contracts/contracts.server";
import { acceptMilestone, addWorkLog, type DeliverableInput, saveDeliverable } from "../../app/modules/contracts/delivery.server";
import { approveContract, finishContract, renewContract, startContract, submitForSigning, terminateContract } from "../../app/modules/contracts/lifecycle.server";
import { feeTotal, formatContractNumber, splitMilestones } from "../../app/modules/contracts/model";
import type { ContractWriteResult } from "../../app/modules/contracts/access.server";
import { addDays } from "../../app/modules/inventory/calendar-dates";
import { creditCodeCheckChar } from "../../app/utils/credit-code";
import { todayInShanghai } from "../../app/utils/time";

/** Where a demo contract ends up: 已完成/已验收 is "done". */
type Final = "draft" | "pending" | "signed" | "active" | "done" | "terminated";

interface DemoContract {
  key: string;
  category: string;
  client: string;
  title: string;
  pricing: ContractPricing;
  signed: string | null;
  start: string;
  end: string;
  /** Total (milestones), ceiling (time and materials) or monthly fee, in yuan. */
  yuan: number;
  milestones?: [name: string, percentBp: number, planned: string][];
  rates?: [name: string, unit: string, priceYuan: number][];
  accepted?: [milestone: number, date: string, note: string][];
  logs?: [rate: number, date: string, quantity: number, note: string][];
  deliverables?: DeliverableInput[];
  final: Final;
  terminate?: { date: string; reason: string; earned: string };
  /** The contract whose next term this is (made with "续签"). */
  renews?: string;
  notes?: string;
}

const GOVERNMENT_OFFICE = "示范县人民政府办公室";
const PHARMACY = "示范县惠民大药房有限公司";

/** The first day of the month `k` months from today's month. */
function monthStart(today: string, k: number): string {
  const total = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 + k;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}-01`;
}

const monthEnd = (today: string, k: number) => addDays(monthStart(today, k + 1), -1);

function deliverable(kind: DeliverableInput["kind"], name: string, url: string, delivered: string | null, due: string | null = null, notes = ""): DeliverableInput {
  return { kind, name, url, due_date: due, delivered_on: delivered, notes };
}

function plan(today: string): DemoContract[] {
  const d = (days: number) => addDays(today, days);
  const m = (k: number) => monthStart(today, k);
  const me = (k: number) => monthEnd(today, k);
  const sessions: [number, string][] = [
    [-530, "油菜花节开幕式"], [-480, "乡村音乐节"], [-420, "非遗市集"], [-365, "端午龙舟赛"], [-300, "古村落文化周"], [-250, "丰收节农民运动会"],
    [-190, "民宿推介会"], [-130, "茶文化节"], [-75, "乡村旅游节"], [-40, "秋季研学游启动仪式"], [-12, "文旅招商推介会"],
  ];
  return [
    {
      key: "water-1", category: "tech.ops", client: "示范县自来水有限公司", title: "智慧水务营业收费系统运维服务", pricing: "monthly",
      signed: addDays(m(-23), -10), start: m(-23), end: me(-12), yuan: 8_000, final: "done", notes: "含7×24小时故障响应，每月提交运维报告",
      deliverables: [deliverable("system", "智慧水务营业收费系统", "https://sw.sfzls.example.cn/", m(-23))],
    },
    {
      key: "hospital-app", category: "tech.app_dev", client: "示范县人民医院", title: "县人民医院“掌上医院”App开发", pricing: "milestone",
      signed: d(-700), start: d(-700), end: d(-400), yuan: 280_000, final: "done", notes: "含上线后一年免费维护",
      milestones: [["合同签订预付款", 3000, d(-695)], ["上线试运行", 4000, d(-550)], ["终验", 3000, d(-430)]],
      accepted: [[0, d(-694), "预付款到账确认"], [1, d(-548), "上线试运行验收单（院信息科）"], [2, d(-425), "终验报告 YY-2024-017"]],
      deliverables: [
        deliverable("app", "掌上医院App（安卓/iOS）", "https://zsyy.sfrmyy.example.cn/app", d(-548)),
        deliverable("system", "预约挂号管理后台", "https://zsyy.sfrmyy.example.cn/admin", d(-548)),
      ],
    },
    {
      key: "market-wechat", category: "tech.operation", client: "示范县市场监督管理局", title: "“示范市监”政务新媒体代运营", pricing: "monthly",
      signed: addDays(m(-18), -7), start: m(-18), end: me(-7), yuan: 12_000, final: "terminated",
      terminate: { date: addDays(m(-11), 14), reason: "机构改革，账号并入县政务新媒体矩阵统一运营，双方协商终止", earned: "" },
      deliverables: [deliverable("account", "“示范市监”微信公众号", "https://mp.sfrmt.example.cn/sfsj", m(-18), null, "每周推送3期")],
    },
    {
      // The steady monthly income that carries technical services past traditional advertising.
      key: "matrix-operation", category: "tech.operation", client: GOVERNMENT_OFFICE, title: "县政务新媒体矩阵代运营服务", pricing: "monthly",
      signed: addDays(m(-17), -12), start: m(-17), end: me(6), yuan: 30_000, final: "active", notes: "含政务公众号、视频号、抖音号日常运营及月度数据报告",
      deliverables: [deliverable("account", "示范发布政务新媒体矩阵", "https://mp.sfrmt.example.cn/zwjz", m(-17))],
    },
    {
      // A new client whose tax id finance has not collected yet: its bill this month cannot be
      // issued until someone fills it in on the client's page.
      key: "pharmacy-video", category: "tech.video", client: PHARMACY, title: "惠民大药房门店健康科普短视频", pricing: "milestone",
      signed: d(-20), start: d(-20), end: d(40), yuan: 18_000, final: "active",
      milestones: [["样片交付", 10000, today]],
      accepted: [[0, today, "样片验收确认单"]],
      deliverables: [deliverable("video", "健康科普短视频（6集）", "https://v.sfrmt.example.cn/hmdyf", today)],
    },
    {
      key: "school-integration", category: "tech.integration", client: "示范县第一中学", title: "录播教室及校园广播系统集成", pricing: "milestone",
      signed: d(-425), start: d(-420), end: d(-240), yuan: 360_000, final: "done",
      milestones: [["合同签订预付款", 3000, d(-415)], ["设备到货安装", 5000, d(-330)], ["竣工验收", 2000, d(-250)]],
      accepted: [[0, d(-415), "预付款到账确认"], [1, d(-328), "到货签收单"], [2, d(-250), "竣工验收报告"]],
      deliverables: [deliverable("system", "录播教室管理平台", "https://lb.sfyz.example.cn/", d(-250), null, "录播教室2间，广播分区24个")],
    },
    {
      key: "auto-miniapp", category: "tech.app_dev", client: "浙东汽车销售服务有限公司", title: "4S店预约保养小程序开发", pricing: "milestone",
      signed: d(-382), start: d(-380), end: d(-200), yuan: 68_000, final: "terminated",
      milestones: [["合同签订预付款", 3000, d(-375)], ["上线验收", 7000, d(-220)]],
      accepted: [[0, d(-375), "预付款到账确认"]],
      terminate: { date: d(-260), reason: "客户集团统一上线全国预约平台，双方协商终止", earned: "34000" },
      deliverables: [deliverable("app", "预约保养小程序（测试版）", "https://mp.sfrmt.example.cn/zdqc-test", d(-290))],
    },
    {
      key: "tourism-live", category: "tech.live", client: "示范县文化和旅游局", title: "文旅活动直播服务框架协议", pricing: "tm",
      signed: d(-545), start: d(-540), end: d(30), yuan: 150_000, final: "active", notes: "单场直播含三机位及导播，剪辑短视频按条计",
      rates: [["活动直播", "场", 6_000], ["直播精彩短视频剪辑", "条", 800]],
      logs: sessions.flatMap(([day, name], i): [number, string, number, string][] => [[0, d(day), 1, `${name}直播`], [1, d(day + 2), 2 + (i % 4), `${name}短视频`]]),
      deliverables: sessions.slice(-3).map(([day, name]) => deliverable("live", `${name}直播回放`, `https://live.sfrmt.example.cn/replay/${today.slice(0, 4)}-${-day}`, d(day))),
    },
    {
      key: "estate-live", category: "tech.live", client: "星河房地产开发有限公司", title: "星河湾二期开盘直播", pricing: "tm",
      signed: d(-205), start: d(-200), end: d(-150), yuan: 30_000, final: "done",
      rates: [["开盘活动直播", "场", 6_000]],
      logs: [[0, d(-190), 1, "样板间开放直播"], [0, d(-170), 1, "二期开盘直播"], [0, d(-160), 1, "认筹答谢会直播"]],
      deliverables: [deliverable("live", "星河湾二期开盘直播回放", "https://live.sfrmt.example.cn/replay/xhw2", d(-170))],
    },
    {
      key: "tea-video", category: "tech.video", client: "青山茶业有限公司", title: "青山龙井品牌宣传片及系列短视频制作", pricing: "tm",
      signed: d(-335), start: d(-330), end: d(-60), yuan: 60_000, final: "done",
      rates: [["宣传片成片", "分钟", 3_000], ["短视频成片", "分钟", 1_500]],
      logs: [[0, d(-300), 5, "《青山龙井》品牌宣传片"], [1, d(-240), 3, "春茶采摘系列（一）"], [1, d(-200), 3, "春茶采摘系列（二）"], [1, d(-150), 4, "制茶工艺"], [1, d(-90), 2, "冲泡指南"]],
      deliverables: [deliverable("video", "《青山龙井》品牌宣传片（5分钟）", "https://v.sfrmt.example.cn/qsls-brand", d(-300))],
    },
    {
      key: "emergency-radio", category: "gov_service", client: GOVERNMENT_OFFICE, title: "县级应急广播系统运行维护（政府购买服务）", pricing: "monthly",
      signed: addDays(m(-14), -15), start: m(-14), end: me(-3), yuan: 20_000, final: "done", notes: "按季度考核，考核合格后支付",
      deliverables: [deliverable("system", "县级应急广播平台", "https://yjgb.sfrmt.example.cn/", m(-14))],
    },
    {
      key: "water-2", renews: "water-1", category: "tech.ops", client: "示范县自来水有限公司", title: "智慧水务营业收费系统运维服务", pricing: "monthly",
      signed: addDays(m(-11), -10), start: m(-11), end: me(0), yuan: 8_000, final: "active", notes: "含7×24小时故障响应，每月提交运维报告",
    },
    {
      key: "safety-program", category: "gov_service", client: "示范县教育局", title: "中小学安全教育专题节目制作（政府购买服务）", pricing: "milestone",
      signed: d(-102), start: d(-100), end: d(90), yuan: 150_000, final: "active",
      milestones: [["节目大纲及首期交付", 5000, d(-80)], ["全部节目交付验收", 5000, d(60)]],
      accepted: [[0, d(-78), "首期节目验收意见"]],
      deliverables: [deliverable("video", "《平安校园》第1-4期", "https://v.sfrmt.example.cn/paxy-1-4", d(-80)), deliverable("video", "《平安校园》第5-12期", "", null, d(60))],
    },
    {
      key: "tourism-miniapp", category: "tech.app_dev", client: "示范县文化和旅游局", title: "“畅游示范”文旅小程序开发", pricing: "milestone",
      signed: d(-122), start: d(-120), end: d(90), yuan: 180_000, final: "active",
      milestones: [["合同签订预付款", 3000, d(-117)], ["小程序上线试运行", 4000, d(-20)], ["终验", 3000, d(80)]],
      accepted: [[0, d(-115), "预付款到账确认"]],
      deliverables: [deliverable("app", "“畅游示范”小程序（体验版）", "https://mp.sfrmt.example.cn/cysf-trial", null, d(-20), "景区导览、门票预约、民宿查询")],
    },
    {
      key: "campus-ops", category: "tech.ops", client: "示范县第一中学", title: "智慧校园平台运维服务", pricing: "monthly",
      signed: addDays(m(-4), -5), start: m(-4), end: me(7), yuan: 3_500, final: "active",
    },
    {
      key: "health-video", category: "tech.video", client: "示范县人民医院", title: "健康科普系列短视频制作", pricing: "tm",
      signed: d(-5), start: d(10), end: d(190), yuan: 40_000, final: "signed",
      rates: [["科普短视频成片", "分钟", 2_000]],
    },
    {
      key: "studio", category: "tech.integration", client: "示范县教育局", title: "县域教育融媒体演播室系统集成", pricing: "milestone",
      signed: d(-3), start: d(15), end: d(165), yuan: 520_000, final: "pending",
      milestones: [["合同签订预付款", 3000, d(20)], ["设备到货安装调试", 5000, d(110)], ["竣工验收", 2000, d(160)]],
    },
    {
      key: "bank-wechat", category: "tech.operation", client: "示范县农商银行", title: "农商银行微信公众号及视频号代运营", pricing: "monthly",
      signed: null, start: m(1), end: me(12), yuan: 15_000, final: "draft",
      deliverables: [deliverable("account", "农商银行微信公众号", "", null, m(1), "每周推送2期，视频号每月8条")],
    },
  ];
}

function must(result: ContractWriteResult, what: string): string {
  if (!result.ok) throw new Error(`示范数据：合同“${what}”未能完成：${JSON.stringify(result.errors)}`);
  return result.id;
}

async function ensureContractClients(db: AppDb, sales: Scope): Promise<void> {
  const exists = await db.selectFrom("clients").select("id").where("center_id", "=", sales.centerId).where("name", "=", GOVERNMENT_OFFICE).executeTakeFirst();
  if (exists) return;
  const body = "11330000MB1020304";
  const created = await createClient(db, sales, {
    name: GOVERNMENT_OFFICE, kind: "government", credit_code: body + creditCodeCheckChar(body), contact_name: "林主任", contact_phone: "0571-86002001",
    address: "示范县城关镇府前路1号", phone: "0571-86002000", bank_name: "", bank_account: "", owner_id: null, commission: 0, payment_days: 60, notes: "",
  });
  if (!created.ok) throw new Error(`示范数据：未能建立客户 ${GOVERNMENT_OFFICE}：${JSON.stringify(created.errors)}`);
  const pharmacy = await createClient(db, sales, {
    name: PHARMACY, kind: "enterprise", credit_code: "", contact_name: "严店长", contact_phone: "0571-86003101",
    address: "示范县城关镇解放路88号", phone: "0571-86003100", bank_name: "", bank_account: "", owner_id: sales.userId, commission: 0, payment_days: 30, notes: "新客户，开票资料待补",
  });
  if (!pharmacy.ok) throw new Error(`示范数据：未能建立客户 ${PHARMACY}：${JSON.stringify(pharmacy.errors)}`);
}

function contractInput(spec: DemoContract, categoryId: string, number: string): ContractInput {
  const fen = spec.yuan * 100;
  const shares = (spec.milestones ?? []).map(([, percentBp]) => ({ percentBp }));
  const amounts = spec.pricing === "milestone" ? splitMilestones(fen, shares) : [];
  if (!amounts) throw new Error(`示范数据：合同“${spec.title}”的里程碑比例有误`);
  return {
    number, title: spec.title, client: spec.client, category_id: categoryId, pricing: spec.pricing, signed_on: spec.signed, start_date: spec.start, end_date: spec.end,
    amount_fen: spec.pricing === "monthly" ? feeTotal(fen, spec.start, spec.end) : fen, monthly_fee_fen: spec.pricing === "monthly" ? fen : 0, tax_included: 1, notes: spec.notes ?? "",
    idempotency_key: `demo-${spec.key}`,
    milestones: (spec.milestones ?? []).map(([name, percentBp, plannedDate], i) => ({ name, percentBp, amountFen: amounts[i], plannedDate })),
    rates: (spec.rates ?? []).map(([name, unit, price]) => ({ name, unit, priceFen: price * 100 })),
  };
}

/** Writes the plan as `salesUserId`, approvals as the center's manager. Does nothing when the center has contracts already. */
export async function seedDemoContracts(db: AppDb, centerId: string, salesUserId: string, today: string = todayInShanghai()): Promise<{ contracts: number }> {
  if (await db.selectFrom("contracts").select("id").where("center_id", "=", centerId).limit(1).executeTakeFirst()) return { contracts: 0 };
  const sales: Scope = { centerId, userId: salesUserId, role: "sales" };
  const manager = await db.selectFrom("users").select("id").where("center_id", "=", centerId).where("role", "=", "manager").where("disabled", "=", 0).orderBy("id").executeTakeFirstOrThrow();
  const approver: Scope = { centerId, userId: manager.id, role: "manager" };
  await ensureContractClients(db, sales);
  const categories = new Map((await db.selectFrom("revenue_categories").select(["id", "code"]).where("center_id", "=", centerId).execute()).map((c) => [c.code, c.id]));
  const center = await db.selectFrom("centers").select("contract_number_pattern").where("id", "=", centerId).executeTakeFirstOrThrow();
  const perYear = new Map<number, number>();
  const ids = new Map<string, string>();
  const stamp = async (id: string) => (await db.selectFrom("contracts").select("updated_at").where("id", "=", id).executeTakeFirstOrThrow()).updated_at;

  // In the order they were signed, so each year's numbers follow the signing dates.
  const specs = plan(today).sort((a, b) => (a.signed ?? "9999").localeCompare(b.signed ?? "9999"));
  for (const spec of specs) {
    const categoryId = categories.get(spec.category);
    if (!categoryId) throw new Error(`示范数据：找不到收入类别 ${spec.category}`);
    // Contracts of past years carry that year's number; this year's are numbered by the app.
    const year = Number((spec.signed ?? today).slice(0, 4));
    let number = "";
    if (year < Number(today.slice(0, 4)) && !spec.renews) {
      perYear.set(year, (perYear.get(year) ?? 0) + 1);
      number = formatContractNumber(center.contract_number_pattern, year, perYear.get(year)!);
    }
    const input = contractInput(spec, categoryId, number);
    let id: string;
    if (spec.renews) {
      id = must(await renewContract(db, sales, ids.get(spec.renews)!), spec.title);
      must(await updateContract(db, sales, id, input, await stamp(id)), spec.title);
    } else {
      id = must(await createContract(db, sales, input), spec.title);
    }
    ids.set(spec.key, id);
    for (const item of spec.deliverables ?? []) must(await saveDeliverable(db, sales, id, null, item), spec.title);
    if (spec.final === "draft") continue;
    must(await submitForSigning(db, sales, id, {}), spec.title);
    const { status } = await db.selectFrom("contracts").select("status").where("id", "=", id).executeTakeFirstOrThrow();
    if (spec.final === "pending") continue;
    // Approved on the signing day (10:00 in Beijing), as it would have been.
    if (status === "pending") must(await approveContract(db, approver, id, { at: spec.signed ? `${spec.signed}T02:00:00.000Z` : undefined }), spec.title);
    if (spec.final === "signed") continue;
    must(await startContract(db, sales, id, {}), spec.title);
    const milestones = await db.selectFrom("contract_milestones").select("id").where("contract_id", "=", id).orderBy("seq").execute();
    for (const [index, date, note] of spec.accepted ?? []) must(await acceptMilestone(db, sales, id, milestones[index].id, { date, note }, today), spec.title);
    const rates = await db.selectFrom("contract_rates").select("id").where("contract_id", "=", id).orderBy("seq").execute();
    for (const [index, date, quantity, note] of spec.logs ?? []) must(await addWorkLog(db, sales, id, { rateId: rates[index].id, date, quantity, note }, today), spec.title);
    if (spec.final === "done") must(await finishContract(db, sales, id, { today }), spec.title);
    if (spec.terminate) must(await terminateContract(db, sales, id, spec.terminate, {}), spec.title);
  }
  return { contracts: ids.size };
}
