// 报表 › 收入目标 (?year=): a year's income targets for the center, each top-level category and each
// sales rep, with progress and the run-rate forecast. Managers set them; admin and auditor read.
// Only types and the loader's and action's calls come from targets.server: its values do not reach
// the browser bundle, so field names and year bounds arrive with the loader data.
import { type ActionFunctionArgs, data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { t } from "~/i18n";
import { FormError, Notice } from "~/components/Field";
import { pct } from "~/components/dashboard/format";
import { ProgressBar } from "~/components/dashboard/TargetBars";
import { requirePermission } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import { MAX_YEAR, MIN_YEAR, readTargetForm, saveTargets, type TargetProgress, targetPage, targetsOf, targetSubjects } from "~/modules/analytics/targets.server";
import { fenToYuanString, formatFen } from "~/utils/money";
import { notFound } from "~/utils/http.server";
import { todayInShanghai } from "~/utils/time";
import styles from "~/styles/dashboard.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: `${t("targets.title")} · ${t("app.name")}` }];

function yearOf(text: string | null | undefined, fallback: number): number | null {
  const raw = (text ?? "").trim();
  if (raw === "") return fallback;
  if (!/^\d{4}$/.test(raw)) return null;
  const year = Number(raw);
  return year >= MIN_YEAR && year <= MAX_YEAR ? year : null;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "target", "read");
  const today = todayInShanghai();
  const year = yearOf(new URL(request.url).searchParams.get("year"), Number(today.slice(0, 4)));
  const canEdit = can(caller.user.role, "target", "update");
  const bounds = { min: MIN_YEAR, max: MAX_YEAR };
  if (year === null) return data({ year: null, canEdit, bounds, page: null, error: t("targets.badYear") }, { status: 400 });
  return { year, canEdit, bounds, page: await targetPage(context.db, caller.scope, year, today), error: null as string | null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const caller = await requirePermission(request, context, "target", "update");
  const form = await request.formData();
  const year = yearOf(String(form.get("year") ?? ""), Number.NaN);
  if (year === null || Number.isNaN(year)) return data({ errors: { form: t("targets.badYear") } as Record<string, string> }, { status: 400 });
  const stored = await targetsOf(context.db, caller.scope, year);
  const subjects = await targetSubjects(context.db, caller.scope, stored);
  const read = readTargetForm(form, subjects);
  if (!read.ok) {
    if (read.status === 404) notFound();
    return data({ errors: { ...read.errors, form: t("targets.invalid", { n: Object.keys(read.errors).length }) } }, { status: 400 });
  }
  const { changed } = await saveTargets(context.db, caller.scope, year, read.changes);
  return redirect(`/reports/targets?year=${year}&saved=${changed}`);
}

export default function TargetsPage() {
  const d = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const [search] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const saved = search.get("saved");
  const thisYear = Number(todayInShanghai().slice(0, 4));
  const year = d.year ?? thisYear;
  return (
    <div className="targets-page">
      <div className="page-head">
        <h2>{t("targets.title")}</h2>
      </div>
      <Form method="get" className="targets-year">
        <Link to={`?year=${year - 1}`} aria-label={String(year - 1)}>‹ {year - 1}</Link>
        <label className="check">
          {t("targets.year")} <input type="number" name="year" defaultValue={year} min={d.bounds.min} max={d.bounds.max} />
        </label>
        <button type="submit">{t("targets.go")}</button>
        <Link to={`?year=${year + 1}`} aria-label={String(year + 1)}>{year + 1} ›</Link>
      </Form>
      <FormError message={d.error ?? refused?.errors.form} />
      <Notice message={saved !== null && !refused ? (saved === "0" ? t("targets.unchanged") : t("targets.saved", { n: saved })) : null} />
      {d.page ? <TargetsTable year={d.year!} page={d.page} canEdit={d.canEdit} errors={refused?.errors ?? {}} busy={busy} /> : null}
    </div>
  );
}

type Page = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["page"]>;

function TargetsTable({ year, page, canEdit, errors, busy }: { year: number; page: Page; canEdit: boolean; errors: Record<string, string>; busy: boolean }) {
  const { board, subjects } = page;
  const started = board.span.through !== null;
  const inactive = new Set(subjects.reps.filter((r) => !r.active).map((r) => r.id));
  const row = (p: TargetProgress, label: string) => {
    const name = p.field;
    return (
      <tr key={name} data-subject={name}>
        <td>
          {label}
          {p.subject === "rep" && inactive.has(p.subject_id) ? <span className="muted small">{t("targets.inactive")}</span> : null}
        </td>
        <td className="num">
          {canEdit ? (
            <>
              <input name={name} inputMode="decimal" defaultValue={p.target_fen === null ? "" : fenToYuanString(p.target_fen)} aria-invalid={errors[name] ? true : undefined} aria-label={label} />
              {errors[name] ? <span className="field-error" role="alert">{errors[name]}</span> : null}
            </>
          ) : p.target_fen === null ? (
            <span className="muted">—</span>
          ) : (
            formatFen(p.target_fen)
          )}
        </td>
        <td className="num">{started ? formatFen(p.actual_fen) : "—"}</td>
        <td className="bar-cell">
          {p.target_fen !== null && started ? (
            <>
              <ProgressBar progressBp={p.progress_bp} forecastBp={p.forecast_bp} elapsedBp={board.elapsed_bp} />
              <span className="small">{pct(p.progress_bp)}</span>
            </>
          ) : null}
        </td>
        <td className="num">
          {p.forecast_fen === null ? "—" : formatFen(p.forecast_fen)}
          {p.forecast_bp !== null ? <div className={p.forecast_bp < 10_000 ? "small danger-text" : "small ok-text"}>{pct(p.forecast_bp)}</div> : null}
        </td>
      </tr>
    );
  };
  const section = (label: string) => (
    <tr className="section">
      <td colSpan={5}>{label}</td>
    </tr>
  );
  const table = (
    <table className="grid">
      <thead>
        <tr>
          <th>{t("targets.subject")}</th>
          <th className="num">{t("targets.amount")}</th>
          <th className="num">{t("targets.actual")}</th>
          <th>{t("targets.progress")} <span className="muted small">{t("dash.targets.elapsed", { pct: pct(board.elapsed_bp) })}</span></th>
          <th className="num">{t("targets.forecast")}</th>
        </tr>
      </thead>
      <tbody>
        {row(board.total, t("targets.total"))}
        {section(t("targets.categories"))}
        {board.categories.map((p) => row(p, p.name))}
        {section(t("targets.reps"))}
        {board.reps.map((p) => row(p, p.name))}
        {board.reps.length === 0 ? (
          <tr>
            <td colSpan={5} className="muted">{t("targets.noReps")}</td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
  return (
    <div className="panel targets-form">
      <p className="muted small">
        {t("targets.intro")}
        {canEdit ? t("targets.blank") : null}
      </p>
      {!canEdit ? <p className="muted small">{t("targets.readOnly")}</p> : null}
      {!started ? <p className="muted small">{t("targets.notStarted", { year })}</p> : null}
      {canEdit ? (
        // Keyed by what is stored, so the inputs show the saved amounts after a save (they are uncontrolled).
        <Form method="post" key={page.stored.map((s) => `${s.subject}:${s.subject_id}:${s.amount_fen}`).join("|")}>
          <input type="hidden" name="year" value={year} />
          {table}
          <div className="actions" style={{ marginTop: 12 }}>
            <button type="submit" className="primary" disabled={busy}>{t("targets.save")}</button>
          </div>
        </Form>
      ) : (
        table
      )}
      <p className="muted small">{t("dash.targets.rule")}</p>
    </div>
  );
}
