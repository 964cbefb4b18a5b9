import type { ReactNode } from "react";
// /inventory/import: upload a sheet → preview every problem, or what will be created and updated
// → confirm. The confirm form posts back only the token of the stored upload (see
// app/modules/inventory/excel/upload-store.server.ts), so the file is picked once.
import { InventoryTabs } from "~/components/inventory/InventoryTabs";
import { type ActionFunctionArgs, type AppLoadContext, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { t } from "~/i18n";
import { FormError, Notice } from "~/components/Field";
import { ConfirmUploadForm, TruncatedNote, UploadFileForm, UploadProblems, UploadStat } from "~/components/UploadPreview";
import { requirePermission } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import { MAX_DATA_ROWS, MAX_UPLOAD_BYTES } from "~/modules/inventory/excel/columns";
import { commitImport, type ImportCounts, previewImport, type PreviewSite, type PreviewUnit, type Refusal } from "~/modules/inventory/excel/import.server";
import { isMultipart, readImportUpload } from "~/modules/inventory/excel/upload-form.server";
import type { Problem } from "~/modules/inventory/excel/validate";
import { field, forbidden } from "~/utils/http.server";

/** The page lists this many problems or rows at most; the totals are always shown. */
const SHOWN_PROBLEMS = 2000;
const SHOWN_ROWS = 1000;

/** Importing creates and updates units and sites: both rights are needed. */
async function requireImporter(request: Request, context: AppLoadContext) {
  const caller = await requirePermission(request, context, "inventory", "create");
  if (!can(caller.user.role, "inventory", "update")) forbidden();
  return caller;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireImporter(request, context);
  return null;
}

type ActionData =
  | { stage: "refused"; message: string; problems: Problem[]; problemCount: number }
  | { stage: "preview"; token: string; fileName: string; counts: ImportCounts; units: PreviewUnit[]; unitCount: number; sites: PreviewSite[]; siteCount: number }
  | { stage: "done"; fileName: string; counts: ImportCounts };

function refused(outcome: Pick<Refusal, "status" | "message" | "problems">) {
  const body: ActionData = { stage: "refused", message: outcome.message, problems: outcome.problems.slice(0, SHOWN_PROBLEMS), problemCount: outcome.problems.length };
  return data(body, { status: outcome.status });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const caller = await requireImporter(request, context);
  if (isMultipart(request)) {
    const upload = await readImportUpload(request);
    if (!upload.ok) return refused({ ...upload, problems: [] });
    const preview = await previewImport(context.db, caller.scope, upload);
    if (!preview.ok) return refused(preview);
    const body: ActionData = {
      stage: "preview",
      token: preview.token,
      fileName: preview.fileName,
      counts: preview.counts,
      units: preview.units.slice(0, SHOWN_ROWS),
      unitCount: preview.units.length,
      sites: preview.sites.slice(0, SHOWN_ROWS),
      siteCount: preview.sites.length,
    };
    return data(body);
  }
  const form = await request.formData();
  const outcome = await commitImport(context.db, caller.scope, field(form, "token"));
  if (!outcome.ok) return refused(outcome);
  const body: ActionData = { stage: "done", fileName: outcome.fileName, counts: outcome.counts };
  return data(body);
}

function Stats({ counts }: { counts: ImportCounts }) {
  const units = t("excel.import.units");
  const sites = t("excel.import.sites");
  return (
    <div className="stats">
      <UploadStat value={counts.units.created} label={`${units}${t("excel.import.created")}`} />
      <UploadStat value={counts.units.updated} label={`${units}${t("excel.import.updated")}`} />
      <UploadStat value={counts.units.unchanged} label={`${units}${t("excel.import.unchanged")}`} />
      <UploadStat value={counts.sites.created} label={`${sites}${t("excel.import.created")}`} />
      <UploadStat value={counts.sites.updated} label={`${sites}${t("excel.import.updated")}`} />
      <UploadStat value={counts.sites.unchanged} label={`${sites}${t("excel.import.unchanged")}`} />
    </div>
  );
}

function Problems({ problems, count }: { problems: Problem[]; count: number }) {
  return (
    <UploadProblems
      heading={
        <>
          <h2>{t("excel.import.problemsTitle", { count })}</h2>
          <p className="muted">{t("excel.import.problemsHint")}</p>
        </>
      }
      problems={problems}
      count={count}
      truncated={t("excel.import.problemsTruncated", { shown: problems.length, count })}
    />
  );
}

function actionLabel(action: "create" | "update") {
  return action === "create" ? t("excel.import.created") : t("excel.import.updated");
}

interface PlanRow {
  row: number;
  action: "create" | "update";
  code: string;
  name: string;
  changed: string[];
  extra: ReactNode[];
}

/** Sites or units the import will write: what happens to each, and which columns change. */
function PlanPanel({ title, count, rows, extraHeads }: { title: string; count: number; rows: PlanRow[]; extraHeads: string[] }) {
  if (count === 0) return null;
  return (
    <div className="panel">
      <h2>{title}</h2>
      <TruncatedNote shown={rows.length} count={count} text={t("excel.import.listTruncated", { shown: rows.length, count })} />
      <table className="grid">
        <thead>
          <tr>
            <th className="num">{t("excel.import.row")}</th>
            <th>{t("excel.import.action")}</th>
            <th>{t("excel.import.code")}</th>
            <th>{t("excel.import.name")}</th>
            {extraHeads.map((h) => (
              <th key={h}>{h}</th>
            ))}
            <th>{t("excel.import.changes")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.code}>
              <td className="num">{r.row}</td>
              <td>{actionLabel(r.action)}</td>
              <td className="mono">{r.code}</td>
              <td>{r.name}</td>
              {r.extra.map((cell, i) => (
                <td key={i}>{cell}</td>
              ))}
              <td className="muted">{r.changed.join("、")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Preview({ result }: { result: Extract<ActionData, { stage: "preview" }> }) {
  const nothing = result.unitCount === 0 && result.siteCount === 0;
  return (
    <>
      <h2>{t("excel.import.previewTitle", { file: result.fileName })}</h2>
      <p className="muted">{t("excel.import.previewHint")}</p>
      <Stats counts={result.counts} />
      {nothing ? <div className="banner banner-warn">{t("excel.import.nothingToChange")}</div> : null}
      <PlanPanel
        title={t("excel.import.sites")}
        count={result.siteCount}
        rows={result.sites.map((r) => ({ ...r, extra: [] }))}
        extraHeads={[]}
      />
      <PlanPanel
        title={t("excel.import.units")}
        count={result.unitCount}
        rows={result.units.map((u) => ({ ...u, extra: [u.medium, <span key="site" className="mono">{u.siteCode}</span>] }))}
        extraHeads={[t("excel.import.medium"), t("excel.import.site")]}
      />
      <ConfirmUploadForm token={result.token} button={t("excel.import.confirm")} cancelTo="/inventory/import" cancelLabel={t("excel.import.cancel")} />
    </>
  );
}

function UploadForm() {
  return (
    <div className="panel">
      <UploadFileForm id="import-file" label={t("excel.import.file")} accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" button={t("excel.import.upload")} />
      <p className="muted small">{t("excel.import.intro")}</p>
      <p className="muted small">{t("excel.import.rules", { mb: MAX_UPLOAD_BYTES / 1024 / 1024, rows: MAX_DATA_ROWS })}</p>
    </div>
  );
}

export default function InventoryImport() {
  const result = useActionData<typeof action>() as ActionData | undefined;
  return (
    <section className="stack">
      <div className="page-head">
        <h1>{t("excel.import.title")}</h1>
        <div className="actions">
          <a href="/inventory/template.xlsx" download>{t("excel.import.template")}</a>
          <a href="/inventory/export.xlsx" download>{t("excel.import.export")}</a>
          <Link to="/inventory">{t("excel.import.back")}</Link>
        </div>
      </div>
      <InventoryTabs />
      {result?.stage === "done" ? (
        <Notice
          message={`${t("excel.import.done", { file: result.fileName })}　${t("excel.import.doneDetail", {
            unitsCreated: result.counts.units.created,
            unitsUpdated: result.counts.units.updated,
            unitsUnchanged: result.counts.units.unchanged,
            sitesCreated: result.counts.sites.created,
            sitesUpdated: result.counts.sites.updated,
            sitesUnchanged: result.counts.sites.unchanged,
          })}`}
        />
      ) : null}
      {result?.stage === "preview" ? (
        <Preview result={result} />
      ) : (
        <>
          {result?.stage === "refused" ? <FormError message={result.message} /> : null}
          {result?.stage === "refused" ? <Problems problems={result.problems} count={result.problemCount} /> : null}
          <UploadForm />
        </>
      )}
    </section>
  );
}
