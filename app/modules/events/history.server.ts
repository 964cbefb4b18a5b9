// The event page's change trail in words: ids become names, fen become ¥, codes become labels.
import type { Executor } from "~db/dialect";
import { type MessageKey, t, tKey } from "~/i18n";
import { zh } from "~/i18n/zh";
import { changedFields } from "~/modules/audit/audit.server";
import type { Scope } from "~/modules/auth/scope";
import { formatFen } from "~/utils/money";
import { eventHistory } from "./events.server";

const HIDDEN = new Set(["event_id"]);
const ID_FIELDS = { owner_id: "users", client_id: "clients", category_id: "revenue_categories" } as const;

export interface HistoryRow {
  id: string;
  at: string;
  user_name: string | null;
  entity: string;
  action: string;
  actionLabel: string;
  changes: { field: string; label: string; from: string; to: string }[];
}

function label(prefix: string, value: string): string {
  const key = `${prefix}.${value}` as MessageKey;
  return key in zh ? t(key) : tKey("audit.action", value);
}

function historyActionLabel(action: string): string {
  return label("events.audit.action", action);
}

function historyFieldLabel(field: string): string {
  const key = `events.audit.field.${field}` as MessageKey;
  return key in zh ? t(key) : field;
}

async function namesFor(db: Executor, scope: Scope, ids: Record<keyof typeof ID_FIELDS, Set<string>>): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const users = [...ids.owner_id];
  const clients = [...ids.client_id];
  const categories = [...ids.category_id];
  if (users.length) {
    for (const u of await db.selectFrom("users").select(["id", "display_name"]).where("center_id", "=", scope.centerId).where("id", "in", users).execute()) names.set(u.id, u.display_name);
  }
  if (clients.length) {
    for (const c of await db.selectFrom("clients").select(["id", "name"]).where("center_id", "=", scope.centerId).where("id", "in", clients).execute()) names.set(c.id, c.name);
  }
  if (categories.length) {
    for (const c of await db.selectFrom("revenue_categories").select(["id", "name"]).where("center_id", "=", scope.centerId).where("id", "in", categories).execute()) names.set(c.id, c.name);
  }
  return names;
}

function show(field: string, value: unknown, names: Map<string, string>): string {
  if (value === null || value === undefined || value === "") return "（空）";
  if ((field === "budget_fen" || field === "amount_fen") && typeof value === "number") return formatFen(value);
  if (field === "status") return tKey("events.status", String(value));
  if (field === "type") return tKey("events.type", String(value));
  if (field === "starts_at" || field === "ends_at") return String(value).replace("T", " ");
  if (field in ID_FIELDS) return names.get(String(value)) ?? String(value);
  return String(value);
}

export async function eventHistoryView(db: Executor, scope: Scope, eventId: string): Promise<HistoryRow[]> {
  const rows = await eventHistory(db, scope, eventId);
  const raw = rows.map((r) => ({ row: r, changes: changedFields(r.before_json, r.after_json).filter((c) => !HIDDEN.has(c.field)) }));
  const ids = { owner_id: new Set<string>(), client_id: new Set<string>(), category_id: new Set<string>() };
  for (const { changes } of raw) {
    for (const c of changes) {
      if (c.field in ids) {
        const set = ids[c.field as keyof typeof ids];
        for (const v of [c.from, c.to]) if (typeof v === "string" && v) set.add(v);
      }
    }
  }
  const names = await namesFor(db, scope, ids);
  return raw.map(({ row, changes }) => ({
    id: row.id,
    at: row.at,
    user_name: row.user_name,
    entity: row.entity,
    action: row.action,
    actionLabel: historyActionLabel(row.action),
    changes: changes.map((c) => ({ field: c.field, label: historyFieldLabel(c.field), from: show(c.field, c.from, names), to: show(c.field, c.to, names) })),
  }));
}
