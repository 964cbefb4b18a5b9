import { Form, Link } from "@remix-run/react";
import { t, tKey } from "~/i18n";
import { formatFen } from "~/utils/money";
import { BillStatusTag } from "./BillStatusTag";

export interface BillRowView {
  id: string;
  number: string | null;
  kind: string;
  status: string;
  client_name: string;
  owner_name: string | null;
  invoice_kind: string;
  period_from: string | null;
  period_to: string | null;
  issue_date: string | null;
  due_date: string | null;
  net_fen: number;
  tax_fen: number;
  total_fen: number;
  open_fen: number;
  status_word: string;
  tax_invoice_number: string;
}

interface Props {
  rows: BillRowView[];
  total: number;
  totals: { net_fen: number; tax_fen: number; total_fen: number; open_fen: number };
  /** Finance: tick drafts and issue them together. */
  selectable: boolean;
  today: string;
  errors: Record<string, string | undefined>;
  busy: boolean;
}

const money = (fen: number) => <td className={fen < 0 ? "num neg" : "num"}>{formatFen(fen)}</td>;

function BillRow({ b, selectable }: { b: BillRowView; selectable: boolean }) {
  const href = `/finance/bills/${b.id}`;
  return (
    <tr>
      {selectable ? <td className="check-col">{b.status === "draft" ? <input type="checkbox" name="bill_id" value={b.id} aria-label={t("bills.select")} /> : null}</td> : null}
      <td className="mono nowrap"><Link to={href}>{b.number ?? t("finance.billStatus.draft")}</Link></td>
      <td className="client"><Link to={href}>{b.client_name}</Link></td>
      <td className="nowrap">{b.owner_name ?? ""}</td>
      <td className="nowrap">{tKey("bills.invoiceKindShort", b.invoice_kind)}</td>
      <td className="nowrap small period">
        {b.period_from ? (
          <>
            {b.period_from} ~<br />
            {b.period_to}
          </>
        ) : null}
      </td>
      <td className="nowrap">{b.issue_date ?? ""}</td>
      <td className="nowrap">{b.due_date ?? ""}</td>
      {money(b.net_fen)}
      {money(b.tax_fen)}
      {money(b.total_fen)}
      <td className="num">{b.kind === "invoice" && b.status === "issued" ? formatFen(b.open_fen) : ""}</td>
      <td className="nowrap"><BillStatusTag word={b.status_word} /></td>
    </tr>
  );
}

/** The bills of the page with the filter's totals (over every page) in the footer. */
export function BillTable({ rows, total, totals, selectable: mayIssue, today, errors, busy }: Props) {
  const drafts = rows.filter((r) => r.status === "draft").length;
  const selectable = mayIssue && drafts > 0;
  const columns = selectable ? 13 : 12;
  const table = (
    <table className="grid bill-list">
      <thead>
        <tr>
          {selectable ? (
            <th className="check-col">
              <input
                type="checkbox"
                aria-label={t("bills.selectAll")}
                title={t("bills.selectAll")}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  e.currentTarget.form?.querySelectorAll<HTMLInputElement>('input[name="bill_id"]').forEach((c) => (c.checked = on));
                }}
              />
            </th>
          ) : null}
          <th>{t("bills.col.number")}</th>
          <th>{t("bills.col.client")}</th>
          <th>{t("bills.col.owner")}</th>
          <th>{t("bills.col.invoiceKind")}</th>
          <th>{t("bills.col.period")}</th>
          <th>{t("bills.col.issueDate")}</th>
          <th>{t("bills.col.dueDate")}</th>
          <th className="num">{t("bills.col.net")}</th>
          <th className="num">{t("bills.col.tax")}</th>
          <th className="num">{t("bills.col.total")}</th>
          <th className="num">{t("bills.col.open")}</th>
          <th>{t("bills.col.status")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((b) => (
          <BillRow key={b.id} b={b} selectable={selectable} />
        ))}
        {rows.length === 0 ? (
          <tr><td colSpan={columns} className="muted">{t("common.empty")}</td></tr>
        ) : null}
      </tbody>
      {total > 0 ? (
        <tfoot>
          <tr>
            <td colSpan={columns - 5}>{t("bills.totalsRow", { n: total })}</td>
            {money(totals.net_fen)}
            {money(totals.tax_fen)}
            {money(totals.total_fen)}
            <td className="num">{formatFen(totals.open_fen)}</td>
            <td />
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
  if (!selectable) return table;
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="issue" />
      <div className="batch-bar">
        <strong>{t("bills.issueMany.title")}</strong>
        <label className="check">
          {t("bills.issueMany.date")} <input type="date" name="issue_date" defaultValue={today} required aria-invalid={Boolean(errors.issue_date)} />
        </label>
        <button type="submit" className="primary" disabled={busy}>{t("bills.issueMany.submit")}</button>
        {errors.issue_date ? <span className="field-error">{errors.issue_date}</span> : null}
        {errors.bill_id ? <span className="field-error">{errors.bill_id}</span> : null}
      </div>
      {table}
    </Form>
  );
}
