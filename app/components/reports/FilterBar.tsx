import { Form, Link } from "@remix-run/react";
import { t, tKey } from "~/i18n";
import { MEDIUM_CODES } from "~/modules/inventory/model";
import type { FilterField, FilterOptions, FilterValues } from "~/modules/analytics/reports/filter-types";

/** A select whose first option ("类别：全部") clears the filter; disabled where the report cannot use it. */
function Choice({ name, label, value, options, disabled }: { name: string; label: string; value: string; options: { value: string; label: string }[]; disabled?: string }) {
  return (
    <select name={name} defaultValue={disabled ? "" : value} aria-label={label} disabled={Boolean(disabled)} title={disabled} className="report-choice">
      <option value="">{disabled ? `${label}：${t("rpt.filter.notApplicable")}` : `${label}：${t("common.all")}`}</option>
      {disabled ? null : options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
    </select>
  );
}

/**
 * The report filter: period (from/to months), category (top or leaf), medium, client, sales rep.
 * `unused` names the fields this report cannot filter by, with the reason shown on hover.
 */
export function FilterBar({ values, options, unused = {}, media = MEDIUM_CODES }: { values: FilterValues; options: FilterOptions; unused?: Partial<Record<FilterField, string>>; media?: readonly string[] }) {
  return (
    <Form method="get" className="filters report-filters">
      <label className="check">
        {t("rpt.filter.from")}
        <input type="month" name="from" defaultValue={values.from} aria-label={t("rpt.filter.from")} />
      </label>
      <label className="check">
        {t("rpt.filter.to")}
        <input type="month" name="to" defaultValue={values.to} aria-label={t("rpt.filter.to")} />
      </label>
      <Choice name="category" label={t("rpt.filter.category")} value={values.category} options={options.categories} disabled={unused.category} />
      <Choice name="medium" label={t("rpt.filter.medium")} value={values.medium} options={media.map((m) => ({ value: m, label: tKey("medium", m) }))} disabled={unused.medium} />
      <Choice name="client" label={t("rpt.filter.client")} value={values.client} options={options.clients} disabled={unused.client} />
      <Choice name="rep" label={t("rpt.filter.rep")} value={values.rep} options={options.reps} disabled={unused.rep} />
      <button type="submit" className="primary">{t("common.search")}</button>
      <Link to="?">{t("common.reset")}</Link>
      {options.clientsTruncated && !unused.client ? <span className="muted small">{t("rpt.filter.clientsTruncated", { n: options.clients.length })}</span> : null}
    </Form>
  );
}
