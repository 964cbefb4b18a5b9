// Permissions are data: for every role, what it may do with every entity. The type makes a
// forgotten entity or role a compile error. The loader checks, and the action checks again.
import type { Role } from "~db/schema";

export const ROLES = ["admin", "sales", "finance", "manager", "auditor"] as const satisfies readonly Role[];

export type Entity =
  | "center" // center profile (name, tax id, bank: printed on invoices)
  | "user"
  | "client"
  | "audit" // the audit trail
  | "inventory" // sellable units, sites, permits, leases, rate cards, imports
  | "category" // the revenue category tree
  | "order" // orders, holds and bookings (and the booking calendar)
  | "contract" // service contracts, milestones, deliveries ("approve": signing above the threshold)
  | "billing" // bills, payments, receivables
  | "report" // revenue reports and exports
  | "target"; // income targets

export type Action = "read" | "create" | "update" | "delete" | "approve";

type Matrix = Record<Role, Record<Entity, readonly Action[]>>;

const READ = ["read"] as const;
const ALL = ["read", "create", "update", "delete"] as const;
const NONE = [] as const;

export const PERMISSIONS: Matrix = {
  admin: {
    center: ["read", "update"],
    user: ALL,
    client: ALL,
    audit: READ,
    inventory: ALL,
    category: ["read", "create", "update"],
    order: READ,
    contract: READ,
    billing: ALL,
    report: READ,
    target: READ,
  },
  sales: {
    center: READ,
    user: NONE,
    client: ["read", "create", "update"], // update only their own clients: see canEditClient
    audit: NONE,
    inventory: READ,
    category: READ,
    order: ["read", "create", "update"],
    contract: ["read", "create", "update"], // only their own: see canEditContract
    billing: READ, // only the bills of their own clients: see readAccess in bill-views.server.ts
    report: NONE,
    target: NONE,
  },
  finance: {
    center: READ,
    user: NONE,
    client: ["read", "update"], // invoice details (tax id, bank) are finance's to correct
    audit: READ,
    inventory: READ,
    category: READ,
    order: READ,
    contract: READ,
    billing: ALL,
    report: READ,
    target: NONE,
  },
  manager: {
    center: READ,
    user: READ,
    client: ["read", "create", "update"],
    audit: READ,
    inventory: ["read", "create", "update"], // managers keep inventory and rate cards too
    category: READ,
    order: READ,
    contract: ["read", "approve"],
    billing: READ,
    report: READ,
    target: ["read", "create", "update"],
  },
  auditor: {
    center: READ,
    user: READ,
    client: READ,
    audit: READ,
    inventory: READ,
    category: READ,
    order: READ,
    contract: READ,
    billing: READ,
    report: READ,
    target: READ,
  },
};

export function can(role: Role, entity: Entity, action: Action): boolean {
  return PERMISSIONS[role]?.[entity]?.includes(action) ?? false;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
