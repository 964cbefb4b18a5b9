// A client picker for the money desks: clients with open invoices first (with what they owe),
// then the others by name.
import { t } from "~/i18n";
import type { ClientChoice } from "~/modules/billing/payment-views.server";
import { formatFen } from "~/utils/money";

export interface ClientChoices {
  open: ClientChoice[];
  others: ClientChoice[];
  truncated: boolean;
}

export function ClientSelect({ name, choices, value, current, autoSubmit = false }: { name: string; choices: ClientChoices; value: string; current?: { id: string; name: string } | null; autoSubmit?: boolean }) {
  // The chosen client may lie beyond the capped list: keep it selectable.
  const listed = [...choices.open, ...choices.others].some((c) => c.id === value);
  return (
    <select
      name={name}
      defaultValue={value}
      aria-label={t("pay.field.client")}
      className="client-select"
      onChange={autoSubmit ? (e) => e.currentTarget.form?.requestSubmit() : undefined}
    >
      <option value="">{t("pay.client.choose")}</option>
      {current && !listed ? <option value={current.id}>{current.name}</option> : null}
      {choices.open.length ? (
        <optgroup label={t("pay.client.withOpen")}>
          {choices.open.map((c) => (
            <option key={c.id} value={c.id}>{t("pay.client.option", { name: c.name, amount: formatFen(c.open_fen) })}</option>
          ))}
        </optgroup>
      ) : null}
      {choices.others.length ? (
        <optgroup label={choices.truncated ? t("pay.client.othersTruncated") : t("pay.client.others")}>
          {choices.others.map((c) => (
            <option key={c.id} value={c.id}>{c.name}</option>
          ))}
        </optgroup>
      ) : null}
    </select>
  );
}
