// Closing through a chosen month: the months after the last closed one, up to last month. The form
// carries the closed month it was rendered with, so a form left open while someone else closed
// is refused rather than closing more than its reader saw.
import { Form, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { Field } from "~/components/Field";
import { t } from "~/i18n";

export function CloseMonthForm({ choices, expected, lastMonth, canClose }: { choices: string[]; expected: string | null; lastMonth: string; canClose: boolean }) {
  const busy = useNavigation().state !== "idle";
  const [month, setMonth] = useState(choices[0] ?? "");
  return (
    <div className="panel">
      <h3 className="panel-title">{t("closing.form.title")}</h3>
      {!canClose ? (
        <p className="muted small">{t("closing.form.readOnly")}</p>
      ) : choices.length === 0 ? (
        <p className="muted small">{t("closing.form.nothing", { month: lastMonth })}</p>
      ) : (
        <>
          <Form
            method="post"
            className="closing-form"
            onSubmit={(e) => {
              if (!window.confirm(t("closing.form.confirm", { month }))) e.preventDefault();
            }}
          >
            <input type="hidden" name="intent" value="close" />
            <input type="hidden" name="expected" value={expected ?? ""} />
            <Field label={t("closing.form.month")} required>
              <select name="month" value={month} onChange={(e) => setMonth(e.target.value)} required>
                {choices.map((m) => (
                  <option key={m} value={m}>{m}</option>
                ))}
              </select>
            </Field>
            <div className="actions">
              <button type="submit" className="primary" disabled={busy}>{t("closing.form.submit")}</button>
            </div>
          </Form>
          <p className="muted small">{t("closing.form.hint")}</p>
        </>
      )}
    </div>
  );
}
