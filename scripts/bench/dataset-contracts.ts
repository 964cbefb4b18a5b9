// The synthetic dataset's service contracts per center: five years of technical services,
// government purchases, events and other income before DATASET_TODAY, with milestones, agreed
// rates and work logs, deliverables and the contract-number sequences. Rows are written in bulk,
// but every value is the one the contract services would have stored: milestone amounts from
// splitMilestones, a monthly contract's amount from feeTotal, logs at quantity × price within the
// ceiling, approvals by a manager above the default threshold, acceptances by the owner, and a
// status that agrees with the dates. Drawn from the center's own seeded stream.
import type { Kysely, Transaction } from "kysely";
import type { ClientKind, Contract, ContractDeliverable, ContractMilestone, ContractPricing, ContractRate, ContractStatus, ContractWorkLog, DB, DeliverableKind, RevenueCategory, Role } from "../../db/schema";
import { feeTotal, formatContractNumber, needsApproval, splitMilestones } from "../../app/modules/contracts/model";
import { dayNumber, fromDayNumber, parseDate } from "../../app/modules/inventory/calendar-dates";
import type { DatasetSize } from "./dataset";
import { DATASET_TODAY } from "./dataset-inventory";
import { DATASET_NOW } from "./dataset-orders";
import { Rng, seededId } from "./rng";

export interface ContractsShape {
  contracts: number;
  years: number;
}

/** Per center: county-l is the issue's figure; the others keep the orders' proportions. */
export const CONTRACT_SHAPES: Record<DatasetSize, ContractsShape> = {
  demo: { contracts: 120, years: 5 },
  "county-l": { contracts: 3_000, years: 5 },
  province: { contracts: 600, years: 5 },
};

/** The centers' default settings, as the migration gives them. */
const APPROVAL_FEN = 5_000_000;
const NUMBER_PATTERN = "HT{YYYY}-{NNN}";

export interface ContractsCenter {
  id: string;
  county: string;
  users: { id: string; role: Role }[];
  clients: { id: string; kind: ClientKind; name: string }[];
  categories: RevenueCategory[];
}

export interface ContractRows {
  contracts: Contract[];
  milestones: ContractMilestone[];
  rates: ContractRate[];
  logs: ContractWorkLog[];
  deliverables: ContractDeliverable[];
  sequences: DB["number_sequences"][];
}

/** The contracts' own stream per center, so adding them left everything else as it was. */
export function contractsRng(seed: number, centerIndex: number): Rng {
  return new Rng((Math.imul(seed ^ 0x5bd1e995, 0x1b873593) + Math.imul(centerIndex + 1, 0xcc9e2d51)) >>> 0);
}

const DAY_MS = 86_400_000;
const BEIJING_MS = 8 * 3_600_000;
const NOW_MS = Date.parse(DATASET_NOW);
const TODAY = dayNumber(DATASET_TODAY);
const iso = (ms: number) => new Date(ms).toISOString();
/** An instant during office hours of a Beijing day, never after the dataset's now. */
const officeMs = (rng: Rng, day: number) => Math.min(NOW_MS - 1, day * DAY_MS - BEIJING_MS + 8.5 * 3_600_000 + rng.int(9 * 3_600_000));

type Code = "tech.app_dev" | "tech.ops" | "tech.live" | "tech.video" | "tech.integration" | "tech.operation" | "gov_service" | "event" | "other";
type Kind = { weight: number; pricing: Partial<Record<ContractPricing, number>>; yuan: [number, number]; fee: [number, number]; days: [number, number]; titles: string[]; deliverable: DeliverableKind | null; rates: [string, string, number, number][] };
const KINDS: Record<Code, Kind> = {
  "tech.app_dev": { weight: 14, pricing: { milestone: 1 }, yuan: [80_000, 600_000], fee: [0, 0], days: [90, 360], titles: ["移动客户端开发", "微信小程序开发", "门户网站改版", "预约服务平台开发", "数字展厅建设"], deliverable: "app", rates: [] },
  "tech.ops": { weight: 14, pricing: { monthly: 9, milestone: 1 }, yuan: [20_000, 200_000], fee: [2_000, 20_000], days: [180, 365], titles: ["信息系统运维服务", "网站及新媒体平台运维", "机房及网络运维", "视频监控平台运维"], deliverable: "system", rates: [] },
  "tech.live": { weight: 14, pricing: { tm: 8, milestone: 2 }, yuan: [10_000, 100_000], fee: [0, 0], days: [90, 540], titles: ["活动直播服务", "会议直播服务", "赛事直播服务", "助农直播服务"], deliverable: "live", rates: [["活动直播", "场", 3_000, 12_000], ["直播短视频剪辑", "条", 500, 1_500]] },
  "tech.video": { weight: 12, pricing: { tm: 6, milestone: 4 }, yuan: [10_000, 150_000], fee: [0, 0], days: [60, 365], titles: ["宣传片制作", "专题片制作", "系列短视频制作", "微电影制作"], deliverable: "video", rates: [["宣传片成片", "分钟", 2_000, 6_000], ["短视频成片", "分钟", 800, 2_000]] },
  "tech.integration": { weight: 8, pricing: { milestone: 1 }, yuan: [100_000, 1_200_000], fee: [0, 0], days: [60, 240], titles: ["LED大屏系统集成", "会议室音视频系统集成", "融媒体演播室集成", "应急广播系统集成"], deliverable: "system", rates: [] },
  "tech.operation": { weight: 12, pricing: { monthly: 8, milestone: 2 }, yuan: [30_000, 200_000], fee: [5_000, 30_000], days: [180, 365], titles: ["微信公众号代运营", "政务新媒体代运营", "短视频账号代运营", "视频号代运营"], deliverable: "account", rates: [] },
  gov_service: { weight: 12, pricing: { monthly: 5, milestone: 5 }, yuan: [50_000, 500_000], fee: [10_000, 50_000], days: [90, 365], titles: ["应急广播运行维护（政府购买服务）", "政务信息发布服务（政府购买服务）", "公共文化节目制作（政府购买服务）", "政策宣传服务（政府购买服务）"], deliverable: null, rates: [] },
  event: { weight: 8, pricing: { milestone: 7, tm: 3 }, yuan: [30_000, 500_000], fee: [0, 0], days: [30, 180], titles: ["活动策划执行", "晚会承办", "赛事执行", "展会承办"], deliverable: null, rates: [["活动执行", "场", 20_000, 80_000]] },
  other: { weight: 6, pricing: { milestone: 6, tm: 4 }, yuan: [5_000, 100_000], fee: [0, 0], days: [30, 365], titles: ["文创产品设计", "农产品电商运营", "会务服务", "培训服务"], deliverable: null, rates: [["文创设计", "项", 2_000, 10_000], ["电商直播", "场", 2_000, 6_000]] },
};
const WEIGHTS = Object.fromEntries(Object.entries(KINDS).map(([code, k]) => [code, k.weight])) as Record<Code, number>;
const PATTERNS: [number[], string[]][] = [
  [[3000, 4000, 3000], ["合同签订预付款", "上线试运行", "终验"]],
  [[3000, 7000], ["预付款", "验收"]],
  [[5000, 5000], ["首期交付", "全部交付验收"]],
  [[10000], ["一次性验收"]],
  [[3000, 5000, 2000], ["预付款", "到货安装", "竣工验收"]],
  [[4000, 3000, 2000, 1000], ["预付款", "需求确认", "上线试运行", "终验"]],
  [[3333, 3333, 3334], ["第一阶段", "第二阶段", "第三阶段"]],
];
const DELIVERABLE_NAMES: Record<DeliverableKind, string> = { app: "客户端（安卓/iOS）", system: "业务管理平台", live: "直播回放", video: "成片", account: "运营账号", other: "交付物" };
type Fate = "draft" | "pending" | "future" | "normal" | "terminated";
const EARLY: Fate[] = ["draft", "pending", "future", "normal"];
const RECENT_DAYS = 60;
const TERMINATIONS = ["客户预算调整，双方协商终止", "机构改革，服务并入上级平台", "项目取消，按已完成工作量结算", "客户更换服务商", "政策调整，项目暂停"];

/** A whole-step amount in [lo, hi] yuan, as fen; now and then with odd fen, so rounding is exercised. */
function amount(rng: Rng, [lo, hi]: [number, number], step: number, odd = true): number {
  const fen = (lo + rng.int(Math.floor((hi - lo) / step) + 1) * step) * 100;
  return odd && rng.chance(0.15) ? fen + 1 + rng.int(9_999) : fen;
}

/** The first day `months` calendar months after the first of the month after `day` (or `day` itself when it is a first). */
function monthStartAfter(day: number, months: number): number {
  const { year, month, day: d } = parseDate(fromDayNumber(day));
  const total = year * 12 + month - 1 + months + (d === 1 ? 0 : 1);
  return dayNumber(`${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}-01`);
}

export function generateContracts(rng: Rng, center: ContractsCenter, shape: ContractsShape): ContractRows {
  const out: ContractRows = { contracts: [], milestones: [], rates: [], logs: [], deliverables: [], sequences: [] };
  const sales = center.users.filter((u) => u.role === "sales").map((u) => u.id);
  const managers = center.users.filter((u) => u.role === "manager").map((u) => u.id);
  const category = new Map(center.categories.map((c) => [c.code, c.id]));
  const publicBodies = center.clients.filter((c) => c.kind === "government" || c.kind === "institution");
  const firms = center.clients.filter((c) => c.kind === "enterprise" || c.kind === "agency");
  if (!sales.length || !managers.length || !center.clients.length) return out;
  const firstDay = dayNumber(`${Number(DATASET_TODAY.slice(0, 4)) - shape.years}${DATASET_TODAY.slice(4)}`);
  // Business grows: more contracts in later years. A few are always from the last weeks, in each
  // early stage (草拟, 待审批, signed but not started), so even the smallest size shows them.
  const recent = Math.max(8, Math.round(shape.contracts * 0.03));
  const draws: { ms: number; fate?: Fate }[] = [
    ...Array.from({ length: shape.contracts - recent }, () => ({ ms: officeMs(rng, firstDay + Math.floor((TODAY - firstDay + 1) * rng.float() ** 0.75)) })),
    ...Array.from({ length: recent }, (_, i) => ({ ms: officeMs(rng, TODAY - rng.int(RECENT_DAYS)), fate: EARLY[i % EARLY.length] })),
  ].sort((a, b) => a.ms - b.ms);
  const perYear = new Map<number, number>();

  for (const { ms: createdMs, fate: forced } of draws) {
    const code = rng.weighted(WEIGHTS);
    const kind = KINDS[code];
    const pricing = rng.weighted(kind.pricing as Record<ContractPricing, number>);
    const pool = code === "gov_service" || (code.startsWith("tech.") && rng.chance(0.6)) ? publicBodies : firms;
    const client = rng.pick(pool.length ? pool : center.clients);
    const ownerId = rng.pick(sales);
    const createdDay = Math.floor((createdMs + BEIJING_MS) / DAY_MS);
    const r = rng.float();
    // What becomes of it: young contracts are often still in their early stages.
    const fate: Fate = forced ?? (TODAY - createdDay < RECENT_DAYS ? (r < 0.2 ? "draft" : r < 0.35 ? "pending" : r < 0.5 ? "future" : "normal") : r < 0.01 ? "draft" : r > 0.94 ? "terminated" : "normal");
    const signDay = Math.min(TODAY, createdDay + rng.int(15));
    let start = fate === "future" ? TODAY + 1 + rng.int(30) : signDay + rng.int(25);
    let end: number;
    let fee = 0;
    let total: number;
    if (pricing === "monthly") {
      fee = amount(rng, kind.fee, 500);
      const months = rng.weighted({ 12: 70, 6: 15, 24: 15 });
      if (rng.chance(0.8)) start = monthStartAfter(start, 0);
      end = rng.chance(0.8) && parseDate(fromDayNumber(start)).day === 1 ? monthStartAfter(start, Number(months)) - 1 : start + Math.round(Number(months) * 30.4) - 1;
      total = feeTotal(fee, fromDayNumber(start), fromDayNumber(end));
      // MONEY: waiting for approval means above the threshold: a bigger fee, the total still its months.
      while (fate === "pending" && !needsApproval(total, APPROVAL_FEN)) total = feeTotal((fee *= 2), fromDayNumber(start), fromDayNumber(end));
    } else {
      end = start + kind.days[0] + rng.int(kind.days[1] - kind.days[0] + 1);
      total = pricing === "tm" ? amount(rng, kind.yuan, 10_000, false) : amount(rng, kind.yuan, 100);
      if (fate === "pending" && !needsApproval(total, APPROVAL_FEN)) total += APPROVAL_FEN;
    }
    const approval = needsApproval(total, APPROVAL_FEN);
    let status: ContractStatus = fate === "draft" ? "draft" : fate === "pending" ? "pending" : fate === "terminated" && start < TODAY - 30 ? "terminated" : "signed";
    const signed = status !== "draft" || rng.chance(0.4);
    const terminatedDay = status === "terminated" ? start + 30 + rng.int(Math.max(1, Math.min(end, TODAY - 1) - start - 30)) : null;
    const earningUntil = Math.min(TODAY, end, terminatedDay ?? end);
    // Acceptance often comes after the term; never after today or the termination.
    const acceptUntil = Math.min(TODAY, terminatedDay ?? TODAY);
    const id = seededId(rng, createdMs);
    const approvedMs = status !== "draft" && status !== "pending" && approval ? Math.max(createdMs, officeMs(rng, signDay)) : null;
    let lastMs = Math.max(createdMs, approvedMs ?? 0);
    const working = status === "signed" || status === "terminated";
    const startDate = fromDayNumber(start);
    const endDate = fromDayNumber(end);
    let earned: number | null = null;
    let finished = false;

    if (pricing === "milestone") {
      const [shares, names] = rng.pick(PATTERNS);
      const amounts = splitMilestones(total, shares.map((percentBp) => ({ percentBp })))!;
      const span = end - start;
      let previous = signDay;
      let open = false;
      let acceptedFen = 0;
      shares.forEach((bp, i) => {
        const planned = shares.length > 1 && i === 0 ? start + 5 + rng.int(10) : start + Math.round((span * (i + 1)) / shares.length);
        let acceptedOn: number | null = null;
        // Some milestones run late: more of them among the contracts still under way.
        if (working && !open && planned <= TODAY + 10 && !rng.chance(end < TODAY - 90 ? 0.01 : 0.08)) {
          acceptedOn = Math.max(previous, planned - 3 + rng.int(28));
          if (acceptedOn > acceptUntil) acceptedOn = null;
        }
        if (acceptedOn === null) open = true;
        else previous = acceptedOn;
        const acceptedMs = acceptedOn === null ? null : Math.max(createdMs, officeMs(rng, acceptedOn));
        if (acceptedMs) lastMs = Math.max(lastMs, acceptedMs);
        if (acceptedOn !== null) acceptedFen += amounts[i];
        out.milestones.push({
          id: seededId(rng, createdMs), center_id: center.id, contract_id: id, seq: i + 1, name: names[i], percent_bp: bp, amount_fen: amounts[i], planned_date: fromDayNumber(Math.min(planned, end)),
          delivered_on: acceptedOn === null ? null : fromDayNumber(Math.max(start, acceptedOn - rng.int(8))), accepted_on: acceptedOn === null ? null : fromDayNumber(acceptedOn),
          accepted_by: acceptedOn === null ? null : ownerId, accepted_at: acceptedMs === null ? null : iso(acceptedMs), acceptance_note: acceptedOn === null ? "" : `验收单 ${fromDayNumber(acceptedOn).slice(0, 4)}-${rng.digits(3)}`,
          created_at: iso(createdMs), updated_at: iso(acceptedMs ?? createdMs),
        });
      });
      finished = !open;
      if (status === "terminated") earned = acceptedFen + (rng.chance(0.3) && acceptedFen < total ? Math.floor(((total - acceptedFen) * 0.3) / 10_000) * 10_000 : 0);
    } else if (pricing === "tm") {
      const templates = kind.rates.length ? kind.rates.slice(0, 1 + rng.int(kind.rates.length)) : KINDS.other.rates.slice(0, 1);
      const rates = templates.map(([name, unit, lo, hi], i): ContractRate => ({
        id: seededId(rng, createdMs), center_id: center.id, contract_id: id, seq: i + 1, name, unit, price_fen: (lo + rng.int((hi - lo) / 100 + 1) * 100) * 100, created_at: iso(createdMs),
      }));
      out.rates.push(...rates);
      let used = 0;
      for (let day = start + rng.int(20); working && day <= earningUntil; day += 7 + rng.int(50)) {
        const rate = rng.pick(rates);
        const quantity = rate.unit === "分钟" ? 1 + rng.int(10) : rate.unit === "条" ? 1 + rng.int(6) : 1 + rng.int(2);
        const fen = quantity * rate.price_fen;
        if (used + fen > total) break;
        used += fen;
        const ms = Math.max(createdMs, officeMs(rng, Math.min(TODAY, day + rng.int(3))));
        lastMs = Math.max(lastMs, ms);
        out.logs.push({ id: seededId(rng, ms), center_id: center.id, contract_id: id, rate_id: rate.id, work_date: fromDayNumber(day), quantity, amount_fen: fen, note: `${rate.name}${quantity}${rate.unit}`, created_by: ownerId, created_at: iso(ms) });
      }
      finished = end < TODAY && rng.chance(0.85);
      if (status === "terminated") earned = used;
    } else {
      finished = end < TODAY && rng.chance(0.9);
      if (terminatedDay !== null) earned = feeTotal(fee, startDate, fromDayNumber(terminatedDay));
    }
    if (status === "signed") status = start > TODAY ? "signed" : finished && end < TODAY ? (pricing === "milestone" ? "accepted" : "completed") : "active";
    if (terminatedDay !== null) lastMs = Math.max(lastMs, officeMs(rng, Math.max(terminatedDay, createdDay)));

    if (kind.deliverable && status !== "draft" && status !== "pending") {
      const delivered = start <= TODAY && rng.chance(0.8) ? Math.min(TODAY, start + rng.int(Math.max(1, earningUntil - start + 1))) : null;
      out.deliverables.push({
        id: seededId(rng, createdMs), center_id: center.id, contract_id: id, kind: kind.deliverable, name: DELIVERABLE_NAMES[kind.deliverable], url: `https://${kind.deliverable}.example.cn/${id.slice(-8).toLowerCase()}`,
        due_date: fromDayNumber(Math.min(end, start + 30)), delivered_on: delivered === null ? null : fromDayNumber(delivered), notes: "", created_at: iso(createdMs), updated_at: iso(createdMs),
      });
    }
    const year = parseDate(fromDayNumber(createdDay)).year;
    perYear.set(year, (perYear.get(year) ?? 0) + 1);
    out.contracts.push({
      id, center_id: center.id, number: formatContractNumber(NUMBER_PATTERN, year, perYear.get(year)!), renewed_from_id: null,
      title: `${fromDayNumber(start).slice(0, 4)}年${client.name.replace(center.county, "").slice(0, 16)}${rng.pick(kind.titles)}`.slice(0, 100),
      client_id: client.id, category_id: category.get(code)!, owner_id: ownerId, pricing, status, signed_on: signed ? fromDayNumber(signDay) : null,
      start_date: startDate, end_date: endDate, amount_fen: total, tax_included: rng.chance(0.9) ? 1 : 0, monthly_fee_fen: fee,
      approved_by: approvedMs === null ? null : rng.pick(managers), approved_at: approvedMs === null ? null : iso(approvedMs), return_reason: "",
      terminated_on: terminatedDay === null ? null : fromDayNumber(terminatedDay), termination_reason: terminatedDay === null ? "" : rng.pick(TERMINATIONS), earned_fen: earned,
      notes: "", idempotency_key: null, created_by: ownerId, created_at: iso(createdMs), updated_at: iso(lastMs),
    });
  }
  for (const [year, last] of [...perYear].sort((a, b) => a[0] - b[0])) out.sequences.push({ id: seededId(rng, NOW_MS), center_id: center.id, series: "HT", year, last_value: last });
  return out;
}

const BATCH = 1_000;

/** Bulk insert, parents before children, one transaction per table. */
export async function insertContracts(db: Kysely<DB>, rows: ContractRows): Promise<void> {
  const tables: [keyof DB, unknown[]][] = [
    ["number_sequences", rows.sequences], ["contracts", rows.contracts], ["contract_milestones", rows.milestones],
    ["contract_rates", rows.rates], ["contract_work_logs", rows.logs], ["contract_deliverables", rows.deliverables],
  ];
  for (const [table, values] of tables) {
    if (!values.length) continue;
    await db.transaction().execute(async (trx: Transaction<DB>) => {
      for (let i = 0; i < values.length; i += BATCH) await trx.insertInto(table).values(values.slice(i, i + BATCH) as never).execute();
    });
  }
}
