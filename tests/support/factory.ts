// Test data made through the same domain functions the app uses.
import type { AppDb } from "../../db/connection";
import { newId } from "../../db/ids";
import type { Role } from "../../db/schema";
import { createCenterWithAdmin, insertUser } from "../../app/modules/centers/centers.server";
import { hashPassword } from "../../app/modules/auth/password.server";
import { startSession } from "../../app/modules/auth/session.server";
import type { Scope } from "../../app/modules/auth/scope";
import { createClient } from "../../app/modules/clients/clients.server";
import type { ClientFormValues } from "../../app/modules/clients/client-form";

export const PASSWORD = "Test-pass-2026";
let passwordHash: Promise<string> | null = null;

export interface TestUser {
  id: string;
  username: string;
  role: Role;
  scope: Scope;
}

export interface TestCenter {
  id: string;
  code: string;
  users: Record<Role, TestUser>;
}

const ALL_ROLES: Role[] = ["admin", "sales", "finance", "manager", "auditor"];

/** A center with one user of every role (the admin made by createCenterWithAdmin). */
export async function makeCenter(db: AppDb): Promise<TestCenter> {
  const code = `t-${newId().slice(-10).toLowerCase()}`;
  const { centerId, adminId } = await createCenterWithAdmin(db, {
    code,
    name: `测试中心${code}`,
    admin: { username: `${code}-admin`, displayName: "管理员", password: PASSWORD },
  });
  passwordHash ??= hashPassword(PASSWORD);
  const users = {} as Record<Role, TestUser>;
  for (const role of ALL_ROLES) {
    const username = `${code}-${role}`;
    const id = role === "admin" ? adminId : await insertUser(db, centerId, { username, displayName: `${role}用户`, role, passwordHash: await passwordHash });
    users[role] = { id, username, role, scope: { centerId, userId: id, role } };
  }
  return { id: centerId, code, users };
}

export function clientValues(overrides: Partial<ClientFormValues> = {}): ClientFormValues {
  return {
    name: `客户${newId().slice(-8)}`,
    kind: "enterprise",
    credit_code: "",
    contact_name: "联系人",
    contact_phone: "13800000000",
    address: "",
    phone: "",
    bank_name: "",
    bank_account: "",
    owner_id: null,
    commission: 0,
    payment_days: 30,
    notes: "",
    ...overrides,
  };
}

export async function makeClient(db: AppDb, scope: Scope, overrides: Partial<ClientFormValues> = {}): Promise<string> {
  const result = await createClient(db, scope, clientValues(overrides));
  if (!result.ok) throw new Error(`client not created: ${JSON.stringify(result.errors)}`);
  return result.id;
}

/** The Cookie header of a fresh session for this user. */
export async function cookieFor(db: AppDb, user: TestUser): Promise<string> {
  const setCookie = await startSession(db, new Request("http://localhost/login"), { id: user.id, center_id: user.scope.centerId }, { ip: "127.0.0.1" });
  return setCookie.split(";")[0];
}
