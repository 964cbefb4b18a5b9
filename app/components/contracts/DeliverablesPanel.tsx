// What the contract delivers (the app, the system, the live sessions…), with links and whether
// each has been handed over; the owner adds, marks delivered and removes.
import { Form } from "@remix-run/react";
import { t, tKey } from "~/i18n";
import { DELIVERABLE_KINDS } from "~/modules/contracts/model";
import type { ContractDetail } from "~/modules/contracts/views.server";

/** Only http(s) links are shown as links; anything else stays text. */
function safeHref(url: string): string | null {
  return /^https?:\/\//i.test(url) ? url : null;
}

export function DeliverablesPanel({ deliverables, editable, today, error }: { deliverables: ContractDetail["deliverables"]; editable: boolean; today: string; error?: string }) {
  const delivered = deliverables.filter((d) => d.delivered_on).length;
  return (
    <div className="panel">
      <h2>{t("contracts.section.deliverables")} <span className="muted small">{delivered}/{deliverables.length}</span></h2>
      <table className="grid">
        <thead>
          <tr>
            <th>{t("contracts.dl.kind")}</th>
            <th>{t("contracts.dl.name")}</th>
            <th>{t("contracts.dl.url")}</th>
            <th>{t("contracts.dl.due")}</th>
            <th>{t("contracts.dl.delivered")}</th>
            <th>{t("contracts.dl.notes")}</th>
            {editable ? <th /> : null}
          </tr>
        </thead>
        <tbody>
          {deliverables.map((d) => {
            const href = safeHref(d.url);
            return (
              <tr key={d.id}>
                <td className="nowrap">{tKey("contracts.kind", d.kind)}</td>
                <td>{d.name}</td>
                <td className="url-cell">{href ? <a href={href} target="_blank" rel="noreferrer noopener">{d.url}</a> : d.url}</td>
                <td className="nowrap">{d.due_date ?? ""}</td>
                <td className="nowrap">{d.delivered_on ?? <span className="muted">{t("contracts.dl.pending")}</span>}</td>
                <td>{d.notes}</td>
                {editable ? (
                  <td className="row-actions">
                    {!d.delivered_on ? (
                      <Form method="post" className="inline">
                        <input type="hidden" name="intent" value="deliverable-delivered" />
                        <input type="hidden" name="deliverable_id" value={d.id} />
                        <button type="submit" className="link">{t("contracts.dl.markDelivered")}</button>
                      </Form>
                    ) : null}
                    <Form method="post" className="inline">
                      <input type="hidden" name="intent" value="deliverable-remove" />
                      <input type="hidden" name="deliverable_id" value={d.id} />
                      <button type="submit" className="link">{t("contracts.action.remove")}</button>
                    </Form>
                  </td>
                ) : null}
              </tr>
            );
          })}
          {deliverables.length === 0 ? (
            <tr><td colSpan={editable ? 7 : 6} className="muted">{t("common.empty")}</td></tr>
          ) : null}
        </tbody>
      </table>
      {editable ? (
        <Form method="post" className="inline-form deliverable-form">
          <input type="hidden" name="intent" value="deliverable-add" />
          <select name="kind" aria-label={t("contracts.dl.kind")}>
            {DELIVERABLE_KINDS.map((k) => (
              <option key={k} value={k}>{tKey("contracts.kind", k)}</option>
            ))}
          </select>
          <input name="name" maxLength={100} placeholder={t("contracts.dl.name")} aria-label={t("contracts.dl.name")} />
          <input name="url" maxLength={300} placeholder="https://…" aria-label={t("contracts.dl.url")} />
          <label className="check">{t("contracts.dl.due")} <input type="date" name="due_date" /></label>
          <label className="check">{t("contracts.dl.delivered")} <input type="date" name="delivered_on" max={today} /></label>
          <input name="notes" maxLength={200} placeholder={t("contracts.dl.notes")} aria-label={t("contracts.dl.notes")} />
          <button type="submit">{t("contracts.dl.add")}</button>
          {error ? <span className="field-error" role="alert">{error}</span> : null}
        </Form>
      ) : null}
    </div>
  );
}
