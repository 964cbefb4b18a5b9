// The demo data `npm start` puts into an empty database: a demo center with one user per role
// and some clients, inventory (sites, units, rate cards), bookings and events around today, and a
// small second center with two sites so that isolation can be tried by hand.
import type { AppDb } from "../../db/connection";
import { writeTransaction } from "../../db/dialect";
import { newId } from "../../db/ids";
import type { ClientKind, Role } from "../../db/schema";
import { createCenterWithAdmin, insertUser } from "../../app/modules/centers/centers.server";
import { generatePassword, hashPassword } from "../../app/modules/auth/password.server";
import { creditCodeCheckChar } from "../../app/utils/credit-code";
import { nowIso } from "../../app/utils/time";
import { DEMO_INVENTORY, type InventoryPlan, seedInventory, SMALL_INVENTORY } from "./demo-seed-inventory";
import { seedDemoBookings } from "./demo-seed-orders";
import { seedDemoBills } from "./demo-seed-bills";
import { seedDemoContracts } from "./demo-seed-contracts";
import { seedDemoHistory } from "./demo-seed-history";
import { seedDemoRevenue } from "./demo-seed-revenue";
import { seedDemoRobots } from "./demo-seed-robots";

export interface DemoAccount {
  center: string;
  username: string;
  role: Role;
  password: string;
}

/** A well-formed credit code from a 17-character body (registration prefix + region + serial). */
export function creditCode(body: string): string {
  return body + creditCodeCheckChar(body);
}

type DemoClient = [name: string, kind: ClientKind, body: string, contact: string, owner: Role | null, commissionBp: number];

const DEMO_CLIENTS: DemoClient[] = [
  ["示范县人民医院", "institution", "12330000MB0012345", "王主任", "sales", 0],
  ["示范县文化和旅游局", "government", "11330000MB1012347", "李科长", "sales", 0],
  ["示范县农商银行", "enterprise", "91330000MA2A12B3C", "陈经理", "sales", 0],
  ["浙东汽车销售服务有限公司", "enterprise", "91330000MA2B3C4D5", "赵总", "sales", 0],
  ["示范县教育局", "government", "11330000MB1098765", "孙老师", null, 0],
  ["之江广告传媒有限公司", "agency", "91330000MA2C5D6E7", "周经理", "sales", 1500],
  ["示范县市场监督管理局", "government", "11330000MB1011111", "吴科长", null, 0],
  ["青山茶业有限公司", "enterprise", "91330000MA2D7E8F9", "郑总", "sales", 0],
  ["示范县融媒体服务部（个体）", "individual", "", "冯先生", null, 0],
  ["示范县自来水有限公司", "enterprise", "91330000MA2E9F0G1", "褚经理", "manager", 0],
  ["示范县第一中学", "institution", "12330000MB0054321", "卫老师", null, 0],
  ["星河房地产开发有限公司", "enterprise", "91330000MA2F1G2H3", "蒋总", "sales", 0],
];

async function seedClients(db: AppDb, centerId: string, owners: Partial<Record<Role, string>>, clients: DemoClient[]) {
  await writeTransaction(db, async (trx) => {
    const now = nowIso();
    for (const [name, kind, body, contact, owner, commission] of clients) {
      const complete = kind !== "individual" && !name.includes("教育局");
      await trx
        .insertInto("clients")
        .values({
          id: newId(),
          center_id: centerId,
          name,
          kind,
          credit_code: body ? creditCode(body) : "",
          contact_name: contact,
          contact_phone: "0571-8" + String(1000000 + name.length * 7919).slice(-7),
          address: complete ? `${name.slice(0, 3)}城关镇人民路${name.length * 3}号` : "",
          phone: complete ? "0571-86001234" : "",
          bank_name: complete ? "示范县农商银行城关支行" : "",
          bank_account: complete ? "2010" + String(10000000000 + name.length * 104729).slice(-12) : "",
          owner_id: owner ? (owners[owner] ?? null) : null,
          commission_bp: commission,
          notes: "",
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
  });
}

async function seedCenter(
  db: AppDb,
  center: { code: string; name: string; taxId: string },
  roles: Role[],
  clients: DemoClient[],
  inventory: InventoryPlan,
  passwordFor: (username: string) => string,
): Promise<DemoAccount[]> {
  const accounts: DemoAccount[] = [];
  const adminName = `${center.code}-admin`;
  const adminPassword = passwordFor(adminName);
  const { centerId, adminId } = await createCenterWithAdmin(db, {
    code: center.code,
    name: center.name,
    taxpayer_status: "general",
    tax_id: center.taxId,
    address: `${center.name.slice(0, 3)}城关镇广电路1号`,
    phone: "0571-86000000",
    bank_name: "中国工商银行城关支行",
    bank_account: "1202020209000012345",
    admin: { username: adminName, displayName: "系统管理员", password: adminPassword },
  });
  accounts.push({ center: center.name, username: adminName, role: "admin", password: adminPassword });
  const owners: Partial<Record<Role, string>> = { admin: adminId };
  const names: Record<Role, string> = { admin: "系统管理员", sales: "张销售", finance: "刘会计", manager: "黄主任", auditor: "何审计" };
  for (const role of roles) {
    const username = `${center.code}-${role}`;
    const password = passwordFor(username);
    owners[role] = await insertUser(db, centerId, { username, displayName: names[role], role, passwordHash: await hashPassword(password) });
    accounts.push({ center: center.name, username, role, password });
  }
  await seedClients(db, centerId, owners, clients);
  await seedInventory(db, { centerId, userId: adminId, role: "admin" }, inventory);
  return accounts;
}

/** Seeds only an empty database. `password` fixes every password (browser tests); otherwise each is random. */
export async function seedDemo(db: AppDb, options: { password?: string } = {}): Promise<DemoAccount[] | null> {
  const existing = await db.selectFrom("centers").select("id").limit(1).executeTakeFirst();
  if (existing) return null;
  const passwordFor = () => options.password ?? generatePassword();
  const demo = await seedCenter(
    db,
    { code: "demo", name: "示范县融媒体中心", taxId: creditCode("12330000MB0000001") },
    ["sales", "finance", "manager", "auditor"],
    DEMO_CLIENTS,
    DEMO_INVENTORY,
    passwordFor,
  );
  const demoSales = await db
    .selectFrom("users")
    .innerJoin("centers", "centers.id", "users.center_id")
    .select(["users.id", "users.center_id"])
    .where("centers.code", "=", "demo")
    .where("users.role", "=", "sales")
    .executeTakeFirstOrThrow();
  await seedDemoHistory(db, demoSales.center_id, demoSales.id);
  await seedDemoBookings(db, demoSales.center_id, demoSales.id);
  await seedDemoContracts(db, demoSales.center_id, demoSales.id);
  await seedDemoBills(db, demoSales.center_id);
  await seedDemoRevenue(db, demoSales.center_id);
  const demoAdmin = await db.selectFrom("users").select("id").where("center_id", "=", demoSales.center_id).where("role", "=", "admin").executeTakeFirstOrThrow();
  await seedDemoRobots(db, { centerId: demoSales.center_id, userId: demoAdmin.id, role: "admin" });
  const small = await seedCenter(
    db,
    { code: "xiaohe", name: "小河县融媒体中心", taxId: creditCode("12330000MB0000002") },
    ["sales"],
    [
      ["小河县人民政府办公室", "government", "11330000MB2000001", "林主任", "sales", 0],
      ["小河县供销社", "enterprise", "91330000MA3A00012", "方经理", "sales", 0],
      ["小河镇中心小学", "institution", "12330000MB2000003", "朱老师", null, 0],
    ],
    SMALL_INVENTORY,
    passwordFor,
  );
  return [...demo, ...small];
}
