// The pricing shape's own schedule: the months of a monthly fee, or the agreed unit prices and the
// logged work of a time-and-materials contract (with the form to log more).
import { Form } from "@remix-run/react";
import { t } from "~/i18n";
import type { ContractDetail } from "~/modules/contracts/views.server";
import { formatFen } from "~/utils/money";

export function MonthsPanel({ months }: { months: ContractDetail["months"] }) {
  const total = months.reduce((s, m) => s + m.amountFen, 0);
  return (
    <div className="panel">
      <h2>{t("contracts.section.months")}</h2>
      <table className="grid">
        <thead>
          <tr>
            <th>月份</th>
            <th>服务期</th>
            <th className="num">天数</th>
            <th className="num">{t("contracts.ms.amount")}</th>
          </tr>
        </thead>
        <tbody>
          {months.map((m) => (
            <tr key={m.month}>
              <td className="nowrap">{m.month}</td>
              <td className="nowrap">{m.from} ~ {m.to}</td>
              <td className="num">{m.days < m.monthDays ? `${m.days}/${m.monthDays}` : m.days}</td>
              <td className="num">{formatFen(m.amountFen)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th colSpan={3}>{t("contracts.ms.total")}</th>
            <th className="num">{formatFen(total)}</th>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export function WorkLogPanel({
  rates,
  logs,
  ceilingFen,
  editable,
  today,
  error,
}: {
  rates: ContractDetail["rates"];
  logs: ContractDetail["logs"];
  ceilingFen: number;
  editable: boolean;
  today: string;
  error?: string;
}) {
  const used = logs.reduce((s, l) => s + l.amount_fen, 0);
  return (
    <div className="panel">
      <h2>{t("contracts.section.rates")}</h2>
      <table className="grid">
        <thead>
          <tr>
            <th>{t("contracts.rate.name")}</th>
            <th>{t("contracts.rate.unit")}</th>
            <th className="num">{t("contracts.rate.price")}</th>
          </tr>
        </thead>
        <tbody>
          {rates.map((r) => (
            <tr key={r.id}>
              <td>{r.name}</td>
              <td>{r.unit}</td>
              <td className="num">{formatFen(r.price_fen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t("contracts.section.logs")} <span className="muted small">{t("contracts.log.used", { used: formatFen(used), ceiling: formatFen(ceilingFen) })}</span></h2>
      {editable ? (
        <Form method="post" className="inline-form log-form">
          <input type="hidden" name="intent" value="log-add" />
          <select name="rate_id" aria-label={t("contracts.log.item")}>
            {rates.map((r) => (
              <option key={r.id} value={r.id}>{r.name}（{formatFen(r.price_fen)}/{r.unit}）</option>
            ))}
          </select>
          <input type="date" name="date" defaultValue={today} max={today} aria-label={t("contracts.log.date")} />
          <input name="quantity" inputMode="numeric" className="narrow-input" placeholder={t("contracts.log.quantity")} aria-label={t("contracts.log.quantity")} />
          <input name="note" maxLength={200} placeholder={t("contracts.log.note")} aria-label={t("contracts.log.note")} />
          <button type="submit" className="primary">{t("contracts.log.add")}</button>
          {error ? <span className="field-error" role="alert">{error}</span> : null}
        </Form>
      ) : null}
      <table className="grid">
        <thead>
          <tr>
            <th>{t("contracts.log.date")}</th>
            <th>{t("contracts.log.item")}</th>
            <th className="num">{t("contracts.log.quantity")}</th>
            <th className="num">{t("contracts.log.amount")}</th>
            <th>{t("contracts.log.note")}</th>
            {editable ? <th /> : null}
          </tr>
        </thead>
        <tbody>
          {logs.map((l) => (
            <tr key={l.id}>
              <td className="nowrap">{l.work_date}</td>
              <td>{l.name}</td>
              <td className="num">{l.quantity} {l.unit}</td>
              <td className="num">{formatFen(l.amount_fen)}</td>
              <td>{l.note}</td>
              {editable ? (
                <td>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="log-remove" />
                    <input type="hidden" name="log_id" value={l.id} />
                    <button type="submit" className="link">{t("contracts.action.remove")}</button>
                  </Form>
                </td>
              ) : null}
            </tr>
          ))}
          {logs.length === 0 ? (
            <tr><td colSpan={editable ? 6 : 5} className="muted">{t("common.empty")}</td></tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
