// Milestones with their money and acceptance: planned and delivered dates, who recorded the
// acceptance and when, late ones flagged; the owner records delivery and acceptance here.
import { Form } from "@remix-run/react";
import { t } from "~/i18n";
import type { ContractDetail } from "~/modules/contracts/views.server";
import { formatBasisPoints, formatFen } from "~/utils/money";
import { formatInstant } from "~/utils/time";

export function MilestonesPanel({ milestones, editable, today, error }: { milestones: ContractDetail["milestones"]; editable: boolean; today: string; error?: { id: string; message: string } }) {
  const total = milestones.reduce((s, m) => s + m.amount_fen, 0);
  const accepted = milestones.filter((m) => m.accepted_on).reduce((s, m) => s + m.amount_fen, 0);
  return (
    <div className="panel">
      <h2>{t("contracts.section.milestones")}</h2>
      <table className="grid milestones">
        <thead>
          <tr>
            <th>#</th>
            <th>{t("contracts.ms.name")}</th>
            <th className="num">{t("contracts.ms.percent")}</th>
            <th className="num">{t("contracts.ms.amount")}</th>
            <th>{t("contracts.ms.planned")}</th>
            <th>{t("contracts.ms.delivered")}</th>
            <th>{t("contracts.ms.accepted")}</th>
          </tr>
        </thead>
        <tbody>
          {milestones.map((m) => (
            <tr key={m.id} className={m.late ? "row-late" : undefined}>
              <td className="muted">{m.seq}</td>
              <td>{m.name}{m.late ? <span className="tag stage-cancelled late-tag">{t("contracts.ms.late")}</span> : null}</td>
              <td className="num">{formatBasisPoints(m.percent_bp)}</td>
              <td className="num">{formatFen(m.amount_fen)}</td>
              <td className="nowrap">{m.planned_date}</td>
              <td className="nowrap">
                {m.delivered_on ?? (editable && !m.accepted_on ? (
                  <Form method="post" className="inline-form compact">
                    <input type="hidden" name="intent" value="deliver" />
                    <input type="hidden" name="milestone_id" value={m.id} />
                    <input type="date" name="date" defaultValue={today} max={today} aria-label={`${m.name} ${t("contracts.ms.delivered")}`} />
                    <button type="submit">{t("contracts.ms.deliver")}</button>
                  </Form>
                ) : <span className="muted">—</span>)}
              </td>
              <td>
                {m.accepted_on ? (
                  <span className="small">
                    {t("contracts.ms.acceptedBy", { date: m.accepted_on, user: m.accepted_by_name ?? "—", at: m.accepted_at ? formatInstant(m.accepted_at) : "—" })}
                    {m.acceptance_note ? <span className="muted"> · {m.acceptance_note}</span> : null}
                  </span>
                ) : editable ? (
                  <Form method="post" className="inline-form compact">
                    <input type="hidden" name="intent" value="accept" />
                    <input type="hidden" name="milestone_id" value={m.id} />
                    <input type="date" name="date" defaultValue={today} max={today} aria-label={`${m.name} ${t("contracts.ms.acceptDate")}`} />
                    <input name="note" maxLength={200} placeholder={t("contracts.ms.acceptNote")} aria-label={`${m.name} ${t("contracts.ms.acceptNote")}`} />
                    <button type="submit" className="primary">{t("contracts.ms.accept")}</button>
                    {error?.id === m.id ? <span className="field-error" role="alert">{error.message}</span> : null}
                  </Form>
                ) : <span className="muted">—</span>}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th colSpan={3}>{t("contracts.ms.total")}</th>
            <th className="num">{formatFen(total)}</th>
            <td colSpan={3} className="muted small">{t("contracts.field.billable")} {formatFen(accepted)}</td>
          </tr>
        </tfoot>
      </table>
      <p className="muted small">{t("contracts.ms.rule")}</p>
    </div>
  );
}
