// Yearly income targets (收入目标): one for the center's earned income, one per top-level category,
// one per sales rep, all ex-VAT fen like the facts they are measured against. Managers set them;
// progress is earned income recognised in the year so far, and the forecast extends it at the
// year's run rate.
import { newId } from "~db/ids";
import { type Executor, insertIfAbsent, lockRows, writeTransaction } from "~db/dialect";
import type { AppDb } from "~db/connection";
import type { TargetSubject } from "~db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Scope } from "~/modules/auth/scope";
import { closedThrough } from "~/modules/revenue/closing.server";
import { daysInMonth, isLeapYear } from "~/modules/inventory/calendar-dates";
import { mulDivHalfUp, parseYuanToFen } from "~/utils/money";
import { nowIso } from "~/utils/time";
import { incomeByClientAndRep, monthCategoryTotals } from "./dashboard-facts.server";
import type { MonthKey } from "./series";

/** MONEY: the largest target accepted, 100 亿元. */
export const MAX_TARGET_FEN = 1_000_000_000_000;
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export interface StoredTarget {
  id: string;
  subject: TargetSubject;
  subject_id: string;
  amount_fen: number;
  updated_at: string;
  updated_by: string;
}

/** The field a target is entered in: total, category.<id>, rep.<id>. */
export const fieldOf = (subject: TargetSubject, subjectId: string) => (subject === "total" ? "total" : `${subject}.${subjectId}`);

export async function targetsOf(db: Executor, scope: Pick<Scope, "centerId">, year: number): Promise<StoredTarget[]> {
  const rows = await db
    .selectFrom("revenue_targets")
    .select(["id", "subject", "subject_id", "amount_fen", "updated_at", "updated_by"])
    .where("center_id", "=", scope.centerId)
    .where("year", "=", year)
    .execute();
  return rows.map((r) => ({ ...r, amount_fen: Number(r.amount_fen) }));
}

export interface TargetSubjects {
  /** Top-level categories of earned income (not retired), and any other top category that has a target. */
  categories: { id: string; name: string }[];
  /** Active sales reps, and anyone else who has a target this year. */
  reps: { id: string; name: string; active: boolean }[];
}

/** What a year's targets can be set for, in the order the page lists them. */
export async function targetSubjects(db: Executor, scope: Pick<Scope, "centerId">, stored: readonly StoredTarget[]): Promise<TargetSubjects> {
  const withTarget = (subject: TargetSubject) => new Set(stored.filter((t) => t.subject === subject).map((t) => t.subject_id));
  const [categories, users] = await Promise.all([
    db.selectFrom("revenue_categories").select(["id", "name", "is_earned", "retired"]).where("center_id", "=", scope.centerId).where("parent_id", "is", null).orderBy("sort_order").orderBy("code").execute(),
    db.selectFrom("users").select(["id", "display_name", "role", "disabled"]).where("center_id", "=", scope.centerId).orderBy("display_name").orderBy("username").execute(),
  ]);
  const catTargets = withTarget("category");
  const repTargets = withTarget("rep");
  return {
    categories: categories.filter((c) => (c.is_earned === 1 && c.retired === 0) || catTargets.has(c.id)).map((c) => ({ id: c.id, name: c.name })),
    reps: users
      .filter((u) => (u.role === "sales" && u.disabled === 0) || repTargets.has(u.id))
      .map((u) => ({ id: u.id, name: u.display_name, active: u.role === "sales" && u.disabled === 0 })),
  };
}

export interface TargetChange {
  subject: TargetSubject;
  subject_id: string;
  /** null: no target (a stored one is removed). */
  amount_fen: number | null;
}

export type TargetFormResult =
  | { ok: true; changes: TargetChange[] }
  | { ok: false; status: 400; errors: Record<string, string> }
  | { ok: false; status: 404 };

/**
 * The year's targets from the form: `total`, `category.<id>` and `rep.<id>` in yuan; blank means no
 * target. SECURITY: a category or rep that is not one of this center's subjects is a 404.
 */
export function readTargetForm(form: FormData, subjects: TargetSubjects): TargetFormResult {
  const categories = new Set(subjects.categories.map((c) => c.id));
  const reps = new Set(subjects.reps.map((r) => r.id));
  const errors: Record<string, string> = {};
  const changes: TargetChange[] = [];
  for (const [name, raw] of form.entries()) {
    if (typeof raw !== "string") continue;
    let change: Omit<TargetChange, "amount_fen">;
    if (name === "total") change = { subject: "total", subject_id: "" };
    else if (name.startsWith("category.")) change = { subject: "category", subject_id: name.slice(9) };
    else if (name.startsWith("rep.")) change = { subject: "rep", subject_id: name.slice(4) };
    else continue;
    if (change.subject === "category" && !categories.has(change.subject_id)) return { ok: false, status: 404 };
    if (change.subject === "rep" && !reps.has(change.subject_id)) return { ok: false, status: 404 };
    const text = raw.trim();
    if (text === "") {
      changes.push({ ...change, amount_fen: null });
      continue;
    }
    const fen = parseYuanToFen(text);
    if (fen === null) errors[name] = "金额格式不正确：请填写元，最多两位小数";
    else if (fen <= 0) errors[name] = "目标金额须大于 0（不设目标请留空）";
    else if (fen > MAX_TARGET_FEN) errors[name] = "目标金额过大：最多 100 亿元";
    else changes.push({ ...change, amount_fen: fen });
  }
  if (Object.keys(errors).length > 0) return { ok: false, status: 400, errors };
  return { ok: true, changes };
}

const snapshot = (year: number, t: { subject: TargetSubject; subject_id: string; amount_fen: number }) => ({ year, subject: t.subject, subject_id: t.subject_id, amount_fen: t.amount_fen });

/**
 * Store the year's targets: each change is an upsert on (center, year, subject, subject_id), or a
 * removal when its amount is null; unchanged ones are left alone. One transaction, each change
 * audited. CONCURRENCY: the year's rows are locked first; a row another save inserted meanwhile is
 * met by insertIfAbsent and then updated, so two saves never fail on the unique key.
 */
export async function saveTargets(db: AppDb, scope: Scope, year: number, changes: readonly TargetChange[]): Promise<{ changed: number }> {
  return writeTransaction(db, async (trx) => {
    const locked = await lockRows(
      trx,
      trx.selectFrom("revenue_targets").select(["id", "subject", "subject_id", "amount_fen"]).where("center_id", "=", scope.centerId).where("year", "=", year),
    ).execute();
    const existing = new Map(locked.map((r) => [fieldOf(r.subject, r.subject_id), { ...r, amount_fen: Number(r.amount_fen) }]));
    const now = nowIso();
    const by = scope.userId ?? "";
    let changed = 0;
    for (const c of changes) {
      const before = existing.get(fieldOf(c.subject, c.subject_id));
      const match = { center_id: scope.centerId, year, subject: c.subject, subject_id: c.subject_id };
      if (c.amount_fen === null) {
        if (!before) continue;
        await trx.deleteFrom("revenue_targets").where((eb) => eb.and(match)).execute();
        await recordAudit(trx, scope, { entity: "target", entityId: before.id, action: "delete", before: snapshot(year, before) });
      } else if (!before) {
        await insertIfAbsent(trx, "revenue_targets", { id: newId(), ...match, amount_fen: c.amount_fen, updated_at: now, updated_by: by });
        await trx.updateTable("revenue_targets").set({ amount_fen: c.amount_fen, updated_at: now, updated_by: by }).where((eb) => eb.and(match)).execute();
        const { id } = await trx.selectFrom("revenue_targets").select("id").where((eb) => eb.and(match)).executeTakeFirstOrThrow();
        await recordAudit(trx, scope, { entity: "target", entityId: id, action: "create", after: snapshot(year, { ...c, amount_fen: c.amount_fen }) });
      } else if (before.amount_fen !== c.amount_fen) {
        await trx.updateTable("revenue_targets").set({ amount_fen: c.amount_fen, updated_at: now, updated_by: by }).where((eb) => eb.and(match)).execute();
        await recordAudit(trx, scope, { entity: "target", entityId: before.id, action: "update", before: snapshot(year, before), after: snapshot(year, { ...before, amount_fen: c.amount_fen }) });
      } else continue;
      changed += 1;
    }
    return { changed };
  });
}

/** How far into a year the figures reach on `today`: the months counted and their days. */
export interface YearSpan {
  year: number;
  /** The last month counted ('YYYY-MM'); null for a year that has not begun. */
  through: MonthKey | null;
  /** Days from 1 January to the end of `through`. */
  daysCounted: number;
  daysInYear: number;
}

/**
 * Facts are by month, and the current month's carry its whole schedule; so a year's figures so far
 * run to the end of the current month, and its run rate is their total over those days.
 */
export function yearSpan(year: number, today: string): YearSpan {
  const daysInYear = isLeapYear(year) ? 366 : 365;
  const thisYear = Number(today.slice(0, 4));
  if (year > thisYear) return { year, through: null, daysCounted: 0, daysInYear };
  const lastMonth = year < thisYear ? 12 : Number(today.slice(5, 7));
  let days = 0;
  for (let m = 1; m <= lastMonth; m++) days += daysInMonth(year, m);
  return { year, through: `${year}-${String(lastMonth).padStart(2, "0")}`, daysCounted: days, daysInYear };
}

/** MONEY: the year's total at the run rate so far (actual ÷ days counted × days in the year), rounded half-up. */
export function runRateForecast(actualFen: number, span: YearSpan): number | null {
  if (span.daysCounted === 0) return null;
  const sign = actualFen < 0 ? -1 : 1;
  return sign * mulDivHalfUp(Math.abs(actualFen), span.daysInYear, span.daysCounted);
}

export interface TargetProgress {
  subject: TargetSubject;
  subject_id: string;
  /** The form field its amount is entered in (fieldOf). */
  field: string;
  name: string;
  target_fen: number | null;
  actual_fen: number;
  forecast_fen: number | null;
  /** actual ÷ target and forecast ÷ target in basis points (null without a target). */
  progress_bp: number | null;
  forecast_bp: number | null;
}

export interface TargetBoard {
  span: YearSpan;
  /** The share of the year counted so far, in basis points: where progress "should" be. */
  elapsed_bp: number;
  total: TargetProgress;
  categories: TargetProgress[];
  reps: TargetProgress[];
}

/** Earned income of the year so far: in total, per top-level category and per rep. */
export interface YearActuals {
  total: number;
  byCategory: Map<string, number>;
  byRep: Map<string, number>;
}

const bp = (part: number | null, whole: number | null) => (part === null || !whole ? null : Math.round((part * 10000) / whole));

function progress(subject: TargetSubject, subjectId: string, name: string, target: number | null, actual: number, span: YearSpan): TargetProgress {
  const forecast = runRateForecast(actual, span);
  return { subject, subject_id: subjectId, field: fieldOf(subject, subjectId), name, target_fen: target, actual_fen: actual, forecast_fen: forecast, progress_bp: bp(actual, target), forecast_bp: bp(forecast, target) };
}

/** Progress of every subject against the stored targets (subjects without a target show their income only). */
export function targetBoard(span: YearSpan, stored: readonly StoredTarget[], subjects: TargetSubjects, actuals: YearActuals): TargetBoard {
  const target = (subject: TargetSubject, id: string) => stored.find((t) => t.subject === subject && t.subject_id === id)?.amount_fen ?? null;
  return {
    span,
    elapsed_bp: span.daysCounted === 0 ? 0 : Math.round((span.daysCounted * 10000) / span.daysInYear),
    total: progress("total", "", "全部创收", target("total", ""), actuals.total, span),
    categories: subjects.categories.map((c) => progress("category", c.id, c.name, target("category", c.id), actuals.byCategory.get(c.id) ?? 0, span)),
    reps: subjects.reps.map((r) => progress("rep", r.id, r.name, target("rep", r.id), actuals.byRep.get(r.id) ?? 0, span)),
  };
}

/** The year's earned income so far from the facts: by top-level category (its total too) and by rep. */
export async function yearActuals(db: Executor, scope: Pick<Scope, "centerId">, span: YearSpan): Promise<YearActuals> {
  if (!span.through) return { total: 0, byCategory: new Map(), byRep: new Map() };
  const from = `${span.year}-01`;
  const closed = await closedThrough(db, scope);
  const [categories, monthly, byClientAndRep] = await Promise.all([
    db.selectFrom("revenue_categories").select(["id", "parent_id"]).where("center_id", "=", scope.centerId).execute(),
    monthCategoryTotals(db, scope, from, span.through, closed),
    incomeByClientAndRep(db, scope, from, span.through, closed),
  ]);
  const top = new Map(categories.map((c) => [c.id, c.parent_id ?? c.id]));
  const byCategory = new Map<string, number>();
  let total = 0;
  for (const r of monthly) {
    if (r.earned !== 1) continue;
    const t = top.get(r.category_id!) ?? r.category_id!;
    byCategory.set(t, (byCategory.get(t) ?? 0) + r.amount_fen);
    total += r.amount_fen;
  }
  return { total, byCategory, byRep: byClientAndRep.reps };
}

/** The targets page: the year's targets, what they can be set for, and progress. */
export async function targetPage(db: Executor, scope: Pick<Scope, "centerId">, year: number, today: string) {
  const span = yearSpan(year, today);
  const stored = await targetsOf(db, scope, year);
  const [subjects, actuals] = await Promise.all([targetSubjects(db, scope, stored), yearActuals(db, scope, span)]);
  return { stored, subjects, board: targetBoard(span, stored, subjects, actuals) };
}
