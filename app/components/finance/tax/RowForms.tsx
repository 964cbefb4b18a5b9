// The in-table forms of the tax settings and culture-fee panels (laid out by finance/tax.css): a
// button in a row's action cell, a form row opened under the row it changes, and the add form
// under the table. Each posts back to the page and keeps the scroll where it was.
import { Form, Link, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { t } from "~/i18n";

const useBusy = () => useNavigation().state !== "idle";

/** One action on a row (retire, delete…); with `confirm`, the browser asks first. `children`: more hidden fields. */
export function RowButton({ intent, id, label, danger = false, confirm, children }: { intent: string; id: string; label: string; danger?: boolean; confirm?: string; children?: ReactNode }) {
  const busy = useBusy();
  return (
    <Form method="post" className="inline-form" preventScrollReset>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={id} />
      {children}
      <button
        type="submit"
        className={danger ? "linklike danger-text" : "linklike"}
        disabled={busy}
        onClick={
          confirm
            ? (e) => {
                if (!window.confirm(confirm)) e.preventDefault();
              }
            : undefined
        }
      >
        {label}
      </button>
    </Form>
  );
}

/** A form row spanning the table under the row `id`; `cancelTo` closes it. */
export function OpenRowForm({ cols, intent, id, submit, cancelTo, children }: { cols: number; intent: string; id: string; submit: string; cancelTo: string; children: ReactNode }) {
  const busy = useBusy();
  return (
    <tr className="open-row">
      <td colSpan={cols}>
        <Form method="post" className="row-form" preventScrollReset>
          <input type="hidden" name="intent" value={intent} />
          <input type="hidden" name="id" value={id} />
          {children}
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>{submit}</button>
            <Link to={cancelTo} preventScrollReset>{t("common.cancel")}</Link>
          </div>
        </Form>
      </td>
    </tr>
  );
}

/**
 * The add form under a table. A refused add (`retry`) keeps what was typed; `fresh` (the row
 * count) changes after each add, so the form comes back empty rather than with the last values.
 */
export function AddRowForm({ intent, retry, fresh, submit, children }: { intent: string; retry: boolean; fresh: number; submit: string; children: ReactNode }) {
  const busy = useBusy();
  return (
    <Form method="post" className="row-form add-form" preventScrollReset key={retry ? "retry" : `fresh-${fresh}`}>
      <input type="hidden" name="intent" value={intent} />
      {children}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>{submit}</button>
      </div>
    </Form>
  );
}
