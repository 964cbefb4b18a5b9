// Deterministic synthetic datasets for load tests and benchmarks (`npm run gen-dataset`, `npm run bench`).
// Centers, users and clients here; each center's inventory (categories, sites, units, rate cards)
// in dataset-inventory.ts; orders, events and service contracts in dataset-orders.ts, dataset-events.ts
// and dataset-contracts.ts. Everything (names, codes, owners, ids, timestamps) comes from seeded PRNGs, so the same
// size and seed give the same rows on SQLite and on MariaDB. Only the bcrypt salt differs.
import type { AppDb } from "../../db/connection";
import { writeTransaction } from "../../db/dialect";
import { migrateToLatest } from "../../db/migrate";
import { addMonths } from "../../app/modules/analytics/series";
import { rebuildRevenue } from "../../app/modules/revenue/facts.server";
import type { Insertable } from "kysely";
import type { AuditEntry, CentersTable, Client, Role, User } from "../../db/schema";
import { hashPassword } from "../../app/modules/auth/password.server";
import { seedBillingSettings } from "../../app/modules/billing/settings-seed";
import { StartupError } from "../lib/open-checked";
import { BILL_SHAPES, billsRng, generateBills, insertBills } from "./dataset-bills";
import { CONTRACT_SHAPES, contractsRng, generateContracts, insertContracts } from "./dataset-contracts";
import { DATASET_TODAY, generateInventory, insertInventory, INVENTORY_SHAPES, inventoryRng } from "./dataset-inventory";
import { generateOrders, insertOrders, ORDER_SHAPES, ordersRng, type OrdersShape } from "./dataset-orders";
import { address, BASE_MS, bankName, type CenterPlace, clientName, creditCode, landline, mobile, personName } from "./names";
import { Rng, seededId } from "./rng";
import { CONTACT_TITLES, COUNTIES, KIND_WEIGHTS, NOTES, SURNAMES, TOWNS } from "./words";

export type DatasetSize = "demo" | "county-l" | "province";
export const DATASET_SIZES: DatasetSize[] = ["demo", "county-l", "province"];
export const DEFAULT_SEED = 42;
export const DEFAULT_PASSWORD = "Bench-pass-2026";

const TWELVE: Role[] = ["admin", "manager", "manager", "sales", "sales", "sales", "sales", "sales", "finance", "finance", "auditor", "auditor"];

const PLANS: Record<DatasetSize, { centers: number; roles: Role[]; clientsPerCenter: number }> = {
  demo: { centers: 1, roles: ["admin", "sales", "finance", "manager", "auditor"], clientsPerCenter: 50 },
  "county-l": { centers: 1, roles: TWELVE, clientsPerCenter: 5000 },
  province: { centers: 20, roles: TWELVE, clientsPerCenter: 2000 },
};

const BATCH = 500;

export interface GenerateOptions {
  size: DatasetSize;
  seed?: number;
  password?: string;
  /** Progress lines (the bench sends them to stderr); silent by default. */
  log?: (line: string) => void;
  /** Overrides the size's orders per center (tests use a smaller set; `orders: 0` books nothing). */
  orders?: Partial<OrdersShape>;
  /** Overrides the size's bills per center (tests use a smaller set). */
  bills?: number;
}

export interface GeneratedCenter {
  id: string;
  code: string;
  name: string;
  adminId: string;
  salesIds: string[];
  usernames: string[];
  clients: number;
  sites: number;
  units: number;
  orders: number;
  orderLines: number;
}

export interface DatasetSummary {
  size: DatasetSize;
  seed: number;
  centers: number;
  users: number;
  clients: number;
  sites: number;
  units: number;
  rateCards: number;
  orders: number;
  orderLines: number;
  orderEvents: number;
  events: number;
  sponsors: number;
  contracts: number;
  contractMilestones: number;
  contractWorkLogs: number;
  bills: number;
  billLines: number;
  payments: number;
  /** Rows of revenue_facts made from the generated sources. */
  revenueFacts: number;
  seconds: number;
  centerList: GeneratedCenter[];
}

/**
 * Migrates `db`, then fills it with the dataset. Refuses (StartupError) when the database
 * already has centers: generated rows must never mix with real ones.
 */
export async function generateDataset(db: AppDb, options: GenerateOptions): Promise<DatasetSummary> {
  const started = performance.now();
  const seed = options.seed ?? DEFAULT_SEED;
  const plan = PLANS[options.size];
  const log = options.log ?? (() => {});

  await migrateToLatest(db);
  const existing = await db.selectFrom("centers").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) {
    throw new StartupError(`目标数据库已有 ${existing.n} 个中心，生成数据只写入空数据库；请换一个新库（SQLite 新文件或新建的 MariaDB 库）`);
  }

  // SECURITY: one hash for every generated account; the password itself is never stored.
  const passwordHash = await hashPassword(options.password ?? DEFAULT_PASSWORD);
  const rng = new Rng(seed);
  let clock = BASE_MS;
  const tick = (ms: number) => {
    clock += ms;
    return clock;
  };
  const iso = (ms: number) => new Date(ms).toISOString();

  const centerList: GeneratedCenter[] = [];
  let users = 0;
  let clients = 0;
  let sites = 0;
  let units = 0;
  let rateCards = 0;
  const booked = { revenueFacts: 0, orders: 0, orderLines: 0, orderEvents: 0, events: 0, sponsors: 0, contracts: 0, contractMilestones: 0, contractWorkLogs: 0, bills: 0, billLines: 0, payments: 0 };
  const ordersShape: OrdersShape = { ...ORDER_SHAPES[options.size], ...options.orders };

  for (let c = 0; c < plan.centers; c++) {
    const [county, code] = COUNTIES[c];
    const place: CenterPlace = { county, code, region: `33${String(1021 + c * 3).padStart(4, "0")}`, areaCode: `05${70 + (c % 10)}` };
    const centerMs = tick(86_400_000);
    const center: Insertable<CentersTable> = {
      id: seededId(rng, centerMs),
      code,
      name: `${county}融媒体中心`,
      taxpayer_status: "general",
      tax_id: creditCode(rng, "center", place.region),
      address: `${county}城关镇广电路1号`,
      phone: `${place.areaCode}-86000000`,
      bank_name: `${county}农商银行城关支行`,
      bank_account: "2010" + rng.digits(15),
      created_at: iso(centerMs),
      updated_at: iso(centerMs),
    };

    const roleCount = new Map<Role, number>();
    for (const role of plan.roles) roleCount.set(role, (roleCount.get(role) ?? 0) + 1);
    const roleSeen = new Map<Role, number>();
    const userRows: User[] = plan.roles.map((role) => {
      const k = (roleSeen.get(role) ?? 0) + 1;
      roleSeen.set(role, k);
      const ms = tick(60_000);
      return {
        id: seededId(rng, ms),
        center_id: center.id,
        username: roleCount.get(role)! > 1 ? `${code}-${role}${k}` : `${code}-${role}`,
        display_name: personName(rng),
        role,
        password_hash: passwordHash,
        disabled: 0,
        password_changed_at: iso(ms),
        created_at: iso(ms),
        updated_at: iso(ms),
      };
    });
    const salesIds = userRows.filter((u) => u.role === "sales").map((u) => u.id);
    const adminId = userRows.find((u) => u.role === "admin")!.id;

    const audit: AuditEntry = {
      id: seededId(rng, centerMs),
      center_id: center.id,
      user_id: null,
      at: iso(centerMs),
      entity: "center",
      entity_id: center.id,
      action: "create",
      before_json: null,
      after_json: JSON.stringify(center),
    };

    const names = new Set<string>();
    const clientRows: Client[] = [];
    for (let i = 0; i < plan.clientsPerCenter; i++) {
      let kind = rng.weighted(KIND_WEIGHTS);
      let name = "";
      let town = "";
      // Small name spaces (government, institution) run dry in big centers: fall back to a company.
      for (let attempt = 0; attempt < 200; attempt++) {
        if (attempt === 20) kind = "enterprise";
        town = rng.pick(TOWNS);
        const candidate = clientName(rng, kind, place, town);
        if (!names.has(candidate)) {
          name = candidate;
          break;
        }
      }
      if (!name) throw new Error(`无法生成不重复的客户名称（第 ${i + 1} 个）`);
      names.add(name);
      const complete = kind !== "individual" && rng.chance(0.8);
      const ms = tick(60_000 + rng.int(3_600_000));
      const shopOwner = /镇(.)记/.exec(name)?.[1];
      const contact =
        kind === "individual" && SURNAMES.includes(name[0]) && name.length <= 3
          ? name // a natural person
          : (shopOwner ?? rng.pick(SURNAMES)) + rng.pick(CONTACT_TITLES[kind]);
      clientRows.push({
        id: seededId(rng, ms),
        center_id: center.id,
        name,
        kind,
        // Most organisations have a valid code; some records are incomplete; individuals have none.
        credit_code: kind !== "individual" && rng.chance(0.9) ? creditCode(rng, kind, place.region) : "",
        contact_name: contact,
        contact_phone: rng.chance(0.7) ? mobile(rng) : landline(rng, place),
        address: complete ? address(rng, place, town) : "",
        phone: complete ? landline(rng, place) : "",
        bank_name: complete ? bankName(rng, place) : "",
        bank_account: complete ? "62" + rng.digits(17) : "",
        owner_id: salesIds.length && rng.chance(0.9) ? rng.pick(salesIds) : null,
        commission_bp: kind === "agency" ? rng.pick([1000, 1200, 1500, 2000]) : 0,
        // Public bodies pay slower; the value comes from the kind, so the random stream is unchanged.
        payment_days: kind === "government" || kind === "institution" ? 60 : 30,
        notes: rng.chance(0.05) ? rng.pick(NOTES) : "",
        created_at: iso(ms),
        updated_at: iso(ms),
      });
    }

    const inventory = generateInventory(inventoryRng(seed, c), { id: center.id, adminId, place, startMs: centerMs }, INVENTORY_SHAPES[options.size]);

    await db.transaction().execute(async (trx) => {
      await trx.insertInto("centers").values(center).execute();
      await trx.insertInto("revenue_closings").values({ center_id: center.id, closed_through: null, closed_at: null, closed_by: null }).execute();
      await trx.insertInto("users").values(userRows).execute();
      await trx.insertInto("audit_log").values(audit).execute();
      for (let i = 0; i < clientRows.length; i += BATCH) {
        await trx.insertInto("clients").values(clientRows.slice(i, i + BATCH)).execute();
      }
      await insertInventory(trx, inventory);
      // The standard tax settings, as a new center gets them (their ids are not from the stream).
      await seedBillingSettings(trx, center.id);
    });
    let orders = 0;
    let orderLines = 0;
    if (ordersShape.orders > 0) {
      const bookingStarted = performance.now();
      const rows = generateOrders(ordersRng(seed, c), { id: center.id, users: userRows, clients: clientRows, county, inventory }, ordersShape);
      await insertOrders(db, rows, log);
      orders = rows.orders.length;
      orderLines = rows.lines.length;
      booked.orders += orders;
      booked.orderLines += orderLines;
      booked.orderEvents += rows.events.length;
      booked.events += rows.happenings.length;
      booked.sponsors += rows.sponsors.length;
      log(`${center.name}：订单 ${orders}，投放明细 ${orderLines}（放不下而略去 ${rows.skippedLines} 行），订单记录 ${rows.events.length}，活动 ${rows.happenings.length}，赞助 ${rows.sponsors.length}，${Math.round(performance.now() - bookingStarted) / 1000} 秒`);
    }
    const contractsStarted = performance.now();
    const contracts = generateContracts(contractsRng(seed, c), { id: center.id, county, users: userRows, clients: clientRows, categories: inventory.categories }, CONTRACT_SHAPES[options.size]);
    await insertContracts(db, contracts);
    booked.contracts += contracts.contracts.length;
    booked.contractMilestones += contracts.milestones.length;
    booked.contractWorkLogs += contracts.logs.length;
    log(`${center.name}：服务合同 ${contracts.contracts.length}，里程碑 ${contracts.milestones.length}，工作量记录 ${contracts.logs.length}，${Math.round(performance.now() - contractsStarted) / 1000} 秒`);
    const billsStarted = performance.now();
    const bills = generateBills(billsRng(seed, c), { id: center.id, taxpayerStatus: center.taxpayer_status, users: userRows, clients: clientRows, categories: inventory.categories }, options.bills === undefined ? BILL_SHAPES[options.size] : { ...BILL_SHAPES[options.size], bills: options.bills });
    await insertBills(db, bills);
    booked.bills += bills.bills.length;
    booked.billLines += bills.lines.length;
    booked.payments += bills.payments.length;
    log(`${center.name}：账单 ${bills.bills.length}（红字 ${bills.bills.filter((b) => b.kind === "credit").length}），明细 ${bills.lines.length}，收款 ${bills.payments.length}，${Math.round(performance.now() - billsStarted) / 1000} 秒`);
    // The rows above are written directly, not through the services: the revenue facts are made from them at the end.
    const facts = await writeTransaction(db, (trx) => rebuildRevenue(trx, { centerId: center.id }, DATASET_TODAY));
    booked.revenueFacts += facts.facts;
    // Finance closes each month early in the next: everything up to two months before the dataset's today is closed.
    await db.updateTable("revenue_closings").set({ closed_through: addMonths(DATASET_TODAY.slice(0, 7), -2), closed_at: `${DATASET_TODAY}T02:00:00.000Z`, closed_by: userRows.find((u) => u.role === "finance")!.id }).where("center_id", "=", center.id).execute();
    log(`${center.name}：收入事实 ${facts.facts}，${facts.seconds} 秒`);
    users += userRows.length;
    clients += clientRows.length;
    sites += inventory.sites.length;
    units += inventory.units.length;
    rateCards += inventory.rateCards.length;
    centerList.push({
      id: center.id,
      code,
      name: center.name,
      adminId,
      salesIds,
      usernames: userRows.map((u) => u.username),
      clients: clientRows.length,
      sites: inventory.sites.length,
      units: inventory.units.length,
      orders,
      orderLines,
    });
    log(`已生成 ${center.name}（${code}）：用户 ${userRows.length}，客户 ${clientRows.length}，点位 ${inventory.sites.length}，广告位 ${inventory.units.length}，刊例价 ${inventory.rateCards.length}`);
  }

  return {
    size: options.size,
    seed,
    centers: centerList.length,
    users,
    clients,
    sites,
    units,
    rateCards,
    ...booked,
    seconds: Math.round((performance.now() - started) / 10) / 100,
    centerList,
  };
}
