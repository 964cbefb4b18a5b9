// The dated VAT and culture-fee rates. A rate an issued bill may have used is never edited: it
// is ended and the next one added; a rate not yet in force may be removed.
import { Link } from "@remix-run/react";
import { Fragment, type ReactNode } from "react";
import { Field } from "~/components/Field";
import { t, tKey } from "~/i18n";
import type { FieldErrors } from "~/utils/form";
import { formatBasisPoints, formatFen } from "~/utils/money";
import { AddRowForm, OpenRowForm, RowButton } from "./RowForms";

export interface RateView {
  id: string;
  rate_bp: number;
  valid_from: string;
  valid_to: string | null;
  note: string;
}
export interface VatRateView extends RateView {
  taxpayer_status: "general" | "small";
  report_group: string | null;
}
export interface CultureFeeRateView extends RateView {
  threshold_fen: number;
}
export type Refused = { target: string; errors: FieldErrors; values: Record<string, string> } | null;

type Kind = "vat" | "cf";
type RateState = "future" | "current" | "ended";
const stateOf = (r: RateView, today: string): RateState => (r.valid_from > today ? "future" : r.valid_to !== null && r.valid_to < today ? "ended" : "current");

function StateTag({ state }: { state: RateState }) {
  return <span className={`tag rate-${state}`}>{t(`tax.settings.state.${state}`)}</span>;
}

/** 结束 (opens the end-date row) and 删除 for a rate not yet in force. */
function RateActions({ rate, kind, today }: { rate: RateView; kind: Kind; today: string }) {
  const state = stateOf(rate, today);
  return (
    <span className="actions">
      {state !== "ended" ? <Link to={`?end=${rate.id}`} preventScrollReset>{t("tax.settings.end")}</Link> : null}
      {state === "future" ? <RowButton intent={`${kind}-remove`} id={rate.id} label={t("tax.delete")} danger confirm={t("tax.settings.confirmRemove")} /> : null}
    </span>
  );
}

/** The end date is typed, never offered: one click must not end a standing rate by accident. */
function EndRow({ rate, kind, cols, refused }: { rate: RateView; kind: Kind; cols: number; refused: Refused }) {
  const again = refused?.target === `${kind}-end:${rate.id}` ? refused : null;
  return (
    <OpenRowForm cols={cols} intent={`${kind}-end`} id={rate.id} submit={t("tax.settings.endConfirm")} cancelTo="?">
      <Field label={t("tax.settings.endOn")} error={again?.errors.valid_to ?? again?.errors.form} hint={t("tax.settings.endHint")} required>
        <input type="date" name="valid_to" defaultValue={again?.values.valid_to ?? ""} required />
      </Field>
    </OpenRowForm>
  );
}

function PeriodFields({ values, errors }: { values: Record<string, string>; errors: FieldErrors }) {
  return (
    <>
      <Field label={t("tax.settings.validFrom")} error={errors.valid_from} required>
        <input type="date" name="valid_from" defaultValue={values.valid_from ?? ""} required />
      </Field>
      <Field label={t("tax.settings.validToOpen")} error={errors.valid_to}>
        <input type="date" name="valid_to" defaultValue={values.valid_to ?? ""} />
      </Field>
      <Field label={t("tax.settings.note")} error={errors.note}>
        <input name="note" defaultValue={values.note ?? ""} maxLength={200} />
      </Field>
    </>
  );
}

function RateField({ value, error }: { value: string; error: string | undefined }) {
  return (
    <Field label={t("tax.settings.ratePercent")} error={error} required>
      <input name="rate" defaultValue={value} inputMode="decimal" className="num short" required />
    </Field>
  );
}

interface PanelProps {
  canEdit: boolean;
  today: string;
  ending: string | null;
  refused: Refused;
}

/**
 * One kind of dated rate: the table, then the add form. `heads` and `cells` come before the
 * rate, `extraHeads` and `extra` right after it; `fields` are the add form's fields before the
 * period (the rate among them), given what a refused add had typed.
 */
function RatePanel(props: PanelProps & {
  kind: Kind;
  title: string;
  hint: string;
  heads: string[];
  extraHeads?: string[];
  rows: { rate: RateView; cells: ReactNode[]; extra?: ReactNode[] }[];
  blank: Record<string, string>;
  fields: (values: Record<string, string>, errors: FieldErrors) => ReactNode;
  addLabel: string;
}) {
  const { kind, title, hint, heads, extraHeads = [], rows, canEdit, today, ending, refused, blank, fields, addLabel } = props;
  const again = refused?.target === `${kind}-add` ? refused : null;
  const values = again?.values ?? blank;
  const errors = again?.errors ?? {};
  const cols = heads.length + extraHeads.length + 5 + (canEdit ? 1 : 0);
  return (
    <div className="panel">
      <h3 className="panel-title">{title}</h3>
      <p className="muted small">{hint}</p>
      <table className="grid">
        <thead>
          <tr>
            {heads.map((h) => (
              <th key={h}>{h}</th>
            ))}
            <th className="num">{t("tax.settings.rate")}</th>
            {extraHeads.map((h) => (
              <th key={h} className="num">{h}</th>
            ))}
            <th>{t("tax.settings.validFrom")}</th>
            <th>{t("tax.settings.validTo")}</th>
            <th>{t("tax.settings.state")}</th>
            <th>{t("tax.settings.note")}</th>
            {canEdit ? <th>{t("common.actions")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ rate, cells, extra = [] }) => {
            const state = stateOf(rate, today);
            const open = canEdit && (ending === rate.id || refused?.target === `${kind}-end:${rate.id}`);
            return (
              <Fragment key={rate.id}>
                <tr className={state === "ended" ? "row-muted" : undefined}>
                  {cells.map((c, i) => (
                    <td key={i}>{c}</td>
                  ))}
                  <td className="num">{formatBasisPoints(rate.rate_bp)}</td>
                  {extra.map((c, i) => (
                    <td key={i} className="num nowrap">{c}</td>
                  ))}
                  <td className="nowrap">{rate.valid_from}</td>
                  <td className="nowrap">{rate.valid_to ?? <span className="muted">{t("tax.settings.openEnded")}</span>}</td>
                  <td><StateTag state={state} /></td>
                  <td className="muted">{rate.note}</td>
                  {canEdit ? (
                    <td className="nowrap">
                      <RateActions rate={rate} kind={kind} today={today} />
                    </td>
                  ) : null}
                </tr>
                {open ? <EndRow rate={rate} kind={kind} cols={cols} refused={refused} /> : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      {canEdit ? (
        <AddRowForm intent={`${kind}-add`} retry={again !== null} fresh={rows.length} submit={addLabel}>
          {fields(values, errors)}
          <PeriodFields values={values} errors={errors} />
        </AddRowForm>
      ) : null}
    </div>
  );
}

export function VatRatesPanel({ rates, groups, ...rest }: PanelProps & { rates: VatRateView[]; groups: string[] }) {
  return (
    <RatePanel
      {...rest}
      kind="vat"
      title={t("tax.settings.vatTitle")}
      hint={t("tax.settings.vatHint")}
      heads={[t("tax.settings.taxpayer"), t("tax.settings.group")]}
      rows={rates.map((r) => ({ rate: r, cells: [tKey("center.taxpayer", r.taxpayer_status), r.report_group ? tKey("reportGroup", r.report_group) : <span className="muted">{t("tax.settings.allGroups")}</span>] }))}
      blank={{ taxpayer_status: "general", report_group: "", rate: "", valid_from: "", valid_to: "", note: "" }}
      addLabel={t("tax.settings.addVat")}
      fields={(values, errors) => (
        <>
          <Field label={t("tax.settings.taxpayer")} error={errors.taxpayer_status} required>
            <select name="taxpayer_status" defaultValue={values.taxpayer_status}>
              <option value="general">{t("center.taxpayer.general")}</option>
              <option value="small">{t("center.taxpayer.small")}</option>
            </select>
          </Field>
          <Field label={t("tax.settings.group")} error={errors.report_group}>
            <select name="report_group" defaultValue={values.report_group}>
              <option value="">{t("tax.settings.allGroups")}</option>
              {groups.map((g) => (
                <option key={g} value={g}>{tKey("reportGroup", g)}</option>
              ))}
            </select>
          </Field>
          <RateField value={values.rate} error={errors.rate} />
        </>
      )}
    />
  );
}

export function CultureFeeRatesPanel({ rates, ...rest }: PanelProps & { rates: CultureFeeRateView[] }) {
  return (
    <RatePanel
      {...rest}
      kind="cf"
      title={t("tax.settings.cfTitle")}
      hint={t("tax.settings.cfHint")}
      heads={[]}
      extraHeads={[t("tax.settings.threshold")]}
      rows={rates.map((r) => ({ rate: r, cells: [], extra: [formatFen(r.threshold_fen)] }))}
      blank={{ rate: "", threshold: "", valid_from: "", valid_to: "", note: "" }}
      addLabel={t("tax.settings.addCf")}
      fields={(values, errors) => (
        <>
          <RateField value={values.rate} error={errors.rate} />
          <Field label={t("tax.settings.thresholdYuan")} error={errors.threshold} required>
            <input name="threshold" defaultValue={values.threshold} inputMode="decimal" className="num" required />
          </Field>
        </>
      )}
    />
  );
}

