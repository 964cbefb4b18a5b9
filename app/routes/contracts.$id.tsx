import { type ActionFunctionArgs, data, type LinksFunction, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { t, tKey } from "~/i18n";
import { AuditTable } from "~/components/AuditTable";
import { DefinitionPanel } from "~/components/DefinitionPanel";
import { FormError, Notice } from "~/components/Field";
import { ContractActions } from "~/components/contracts/ContractActions";
import { ContractStatusBadge } from "~/components/contracts/ContractStatusBadge";
import { DeliverablesPanel } from "~/components/contracts/DeliverablesPanel";
import { FilesPanel } from "~/components/contracts/FilesPanel";
import { MilestonesPanel } from "~/components/contracts/MilestonesPanel";
import { MonthsPanel, WorkLogPanel } from "~/components/contracts/WorkPanel";
import contractStyles from "~/components/contracts/contracts.css";
import { BillingPlanPanel } from "~/components/finance/BillingPlanPanel";
import { requirePermission } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import { billingPlanAction, billingPlanPanel } from "~/modules/billing/bill-intents.server";
import { getCenter } from "~/modules/centers/centers.server";
import { contractHistory } from "~/modules/contracts/history.server";
import { DONE, isIntent, runIntent } from "~/modules/contracts/intents.server";
import { getContractDetail } from "~/modules/contracts/views.server";
import { readUploadForm, UPLOAD_RULES } from "~/modules/inventory/files.server";
import { field, forbidden, notFound } from "~/utils/http.server";
import { formatFen } from "~/utils/money";
import { fenToChineseUpper } from "~/utils/money-words";
import { formatInstant, todayInShanghai } from "~/utils/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: contractStyles }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "contract", "read");
  const today = todayInShanghai();
  const detail = await getContractDetail(context.db, caller.scope, params.id ?? "", today);
  if (!detail) notFound();
  const center = await getCenter(context.db, caller.scope);
  return {
    ...detail,
    today,
    thresholdFen: Number(center.contract_approval_fen),
    mayApprove: can(caller.user.role, "contract", "approve"),
    history: can(caller.user.role, "audit", "read") ? await contractHistory(context.db, caller.scope, detail.contract.id) : null,
    accept: UPLOAD_RULES.contract_scan.accept,
    billingPlan: await billingPlanPanel(context.db, caller.scope, { kind: "contract", id: detail.contract.id }),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const caller = await requirePermission(request, context, "contract", "read");
  // Finance sets the billing plan without the right to change the contract.
  const planned = await billingPlanAction(request, context, { kind: "contract", id: params.id ?? "" }, `/contracts/${params.id ?? ""}`);
  if (planned) return planned;
  // SECURITY: only people who may change or approve contracts get their body read at all.
  if (!can(caller.user.role, "contract", "update") && !can(caller.user.role, "contract", "approve")) forbidden();
  const upload = await readUploadForm(request, "contract_scan");
  if (!upload.ok) return data({ intent: "file-upload", errors: { file: upload.message } as Record<string, string | undefined>, target: "" }, { status: upload.status });
  const form = upload.form;
  const intent = field(form, "intent");
  if (!isIntent(intent)) throw data({ message: "未知的操作" }, { status: 400 });
  // Approving is a manager's; everything else needs the right to change contracts.
  if (!can(caller.user.role, "contract", intent === "approve" || intent === "return" ? "approve" : "update")) forbidden();
  const id = params.id ?? "";
  const result = await runIntent(context.db, caller.scope, id, intent, form, todayInShanghai());
  if (!result.ok) {
    if (result.status === 404 && result.errors.form === "合同不存在") notFound();
    if (result.status === 403) forbidden();
    return data({ intent, errors: result.errors, target: field(form, "milestone_id") }, { status: result.status });
  }
  return redirect(`/contracts/${result.id}?done=${DONE[intent]}`);
}

export default function ContractDetailPage() {
  const d = useLoaderData<typeof loader>();
  const c = d.contract;
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const done = search.get("done");
  const errors = result?.errors ?? {};
  const messages = Object.values(errors).filter((m): m is string => Boolean(m));
  const inForce = c.status === "signed" || c.status === "active";
  const basic: [string, ReactNode][] = [
    [t("contracts.field.number"), <span className="mono">{c.number}</span>],
    [t("contracts.col.status"), <ContractStatusBadge status={c.status} />],
    [t("contracts.field.client"), c.client_name],
    [t("contracts.field.category"), d.category],
    [t("contracts.field.pricing"), tKey("contracts.pricing", c.pricing)],
    [t("contracts.field.owner"), c.owner_name],
    [t("contracts.field.signedOn"), c.signed_on ?? ""],
    [t("contracts.col.term"), `${c.start_date} ~ ${c.end_date}`],
    [t("contracts.field.approval"), c.approved_at ? `${c.approver_name ?? "—"} · ${formatInstant(c.approved_at)}` : ""],
  ];
  if (c.renewed_from_number) basic.push([t("contracts.renewedFrom"), <Link to={`/contracts/${c.renewed_from_id}`}>{c.renewed_from_number}</Link>]);
  if (d.renewal) basic.push([t("contracts.renewedAs"), <Link to={`/contracts/${d.renewal.id}`}>{d.renewal.number}</Link>]);
  const money: [string, ReactNode][] = [
    [t(c.pricing === "tm" ? "contracts.field.ceiling" : "contracts.col.amount"), <><strong>{formatFen(c.amount_fen)}</strong> <span className="muted small">{fenToChineseUpper(c.amount_fen)}</span></>],
    ...(c.pricing === "monthly" ? [[t("contracts.field.monthlyFee"), formatFen(c.monthly_fee_fen)] as [string, ReactNode]] : []),
    [t("contracts.field.taxIncluded"), t(c.tax_included ? "contracts.field.taxIncludedYes" : "contracts.field.taxIncludedNo")],
    [t("contracts.field.vatItem"), c.vat_item_code ? <span className="mono">{c.vat_item_code}</span> : <span className="muted">{t("contracts.field.vatNotSet")}</span>],
    [t("contracts.field.cultureFee"), t(c.bears_culture_fee ? "contracts.field.cultureFeeYes" : "contracts.field.cultureFeeNo")],
    [t("contracts.field.billable"), formatFen(d.billableFen)],
    [t("contracts.field.earned"), formatFen(d.earnedToDateFen)],
  ];
  if (c.earned_fen !== null) money.push([t("contracts.field.earnedAtEnd"), formatFen(c.earned_fen)]);
  return (
    <section>
      <div className="page-head">
        <h1>{c.title}</h1>
        <div className="actions">
          <Link to="/contracts">{t("common.back")}</Link>
          {d.mayEdit && c.status === "draft" ? <Link className="button primary" to={`/contracts/${c.id}/edit`}>{t("common.edit")}</Link> : null}
        </div>
      </div>
      <Notice message={done && !result ? tKey("contracts.done", done) : null} />
      <FormError message={messages.length ? messages.join("；") : undefined} />
      {c.status === "pending" ? <div className="banner banner-warn">{t("contracts.pendingBanner", { threshold: formatFen(d.thresholdFen) })}</div> : null}
      {c.status === "draft" && c.return_reason ? <div className="banner banner-error">{t("contracts.returnedBanner", { reason: c.return_reason })}</div> : null}
      {c.status === "terminated" ? <div className="banner banner-error">{t("contracts.terminatedBanner", { date: c.terminated_on ?? "—", reason: c.termination_reason })}</div> : null}
      {!d.mayEdit && ["draft", "signed", "active"].includes(c.status) ? <p className="muted small">{t("contracts.notOwner")}</p> : null}
      <ContractActions
        status={c.status}
        pricing={c.pricing}
        updatedAt={c.updated_at}
        isOwner={d.mayEdit}
        mayApprove={d.mayApprove}
        renewed={Boolean(d.renewal)}
        openMilestones={d.milestones.filter((m) => !m.accepted_on).length}
        endDate={c.end_date}
        today={d.today}
        errors={errors}
        intent={result?.intent}
        busy={busy}
      />
      <div className="two-col">
        <DefinitionPanel title={t("contracts.section.basic")} rows={basic} />
        <DefinitionPanel title={t("contracts.section.money")} rows={money} />
      </div>
      {d.billingPlan ? <BillingPlanPanel plan={d.billingPlan} errors={result?.intent === "billing-plan" ? result.errors : undefined} busy={busy} /> : null}
      {c.notes ? <p className="notes">{c.notes}</p> : null}
      {c.pricing === "milestone" ? (
        <MilestonesPanel
          milestones={d.milestones}
          editable={d.mayEdit && inForce}
          today={d.today}
          error={result?.intent === "accept" && result.target ? { id: result.target, message: messages.join("；") } : undefined}
        />
      ) : null}
      {c.pricing === "monthly" ? <MonthsPanel months={d.months} /> : null}
      {c.pricing === "tm" ? (
        <WorkLogPanel rates={d.rates} logs={d.logs} ceilingFen={c.amount_fen} editable={d.mayEdit && inForce} today={d.today} error={result?.intent === "log-add" ? messages.join("；") : undefined} />
      ) : null}
      <DeliverablesPanel
        deliverables={d.deliverables}
        editable={d.mayEdit && c.status !== "terminated"}
        today={d.today}
        error={result?.intent === "deliverable-add" ? messages.join("；") : undefined}
      />
      <FilesPanel contractId={c.id} files={d.files} editable={d.mayEdit} accept={d.accept} error={result?.intent === "file-upload" ? messages.join("；") : undefined} />
      {d.history ? (
        <div className="panel">
          <h2>{t("contracts.section.history")}</h2>
          <AuditTable rows={d.history} />
        </div>
      ) : null}
    </section>
  );
}
