import { Form, Link } from "@remix-run/react";
import { t } from "~/i18n";
import { Field } from "~/components/Field";
import type { FieldErrors } from "~/modules/events/event-form";
import { SPONSOR_PACKAGES } from "~/modules/events/model";
import { fenToYuanString, formatFen } from "~/utils/money";
import { fenToChineseUpper } from "~/utils/money-words";

export interface SponsorRow {
  id: string;
  client_id: string;
  client_name: string;
  package: string;
  amount_fen: number;
  updated_at: string;
}

export interface SponsorDraft {
  client: string;
  package: string;
  amount: string;
}

/** What a refused sponsor form sent back: which form it was and what was typed. */
export interface SponsorFormState {
  sponsorId: string | null;
  values: SponsorDraft;
  errors: FieldErrors;
}

function SponsorFields({ values, errors }: { values: SponsorDraft; errors: FieldErrors }) {
  return (
    <>
      <Field label={t("events.sponsor.client")} error={errors.client} required>
        <input name="client" list="sponsor-clients" defaultValue={values.client} autoComplete="off" placeholder={t("events.sponsor.chooseClient")} />
      </Field>
      <Field label={t("events.sponsor.package")} error={errors.package} required>
        <input name="package" list="sponsor-packages" defaultValue={values.package} maxLength={100} placeholder={t("events.sponsor.packageHint")} />
      </Field>
      <Field label={t("events.sponsor.amount")} error={errors.amount} required>
        <input name="amount" defaultValue={values.amount} inputMode="decimal" placeholder="0.00" />
      </Field>
    </>
  );
}

export function SponsorsPanel({
  eventId,
  sponsors,
  totalFen,
  editable,
  editingId,
  clientNames,
  refused,
}: {
  eventId: string;
  sponsors: SponsorRow[];
  totalFen: number;
  editable: boolean;
  editingId: string | null;
  clientNames: string[];
  refused: SponsorFormState | null;
}) {
  const empty: SponsorDraft = { client: "", package: "", amount: "" };
  const addState = refused && refused.sponsorId === null ? refused : null;
  return (
    <div className="panel">
      <h2>{t("events.section.sponsors")}</h2>
      {editable ? (
        <>
          <datalist id="sponsor-clients">
            {clientNames.map((name) => <option key={name} value={name} />)}
          </datalist>
          <datalist id="sponsor-packages">
            {SPONSOR_PACKAGES.map((p) => <option key={p} value={p} />)}
          </datalist>
        </>
      ) : null}
      <table className="grid sponsors-table">
        <thead>
          <tr>
            <th>{t("events.sponsor.client")}</th>
            <th>{t("events.sponsor.package")}</th>
            <th className="num">{t("events.sponsor.amountShow")}</th>
            {editable ? <th>{t("common.actions")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {sponsors.map((s) =>
            editable && s.id === editingId ? (
              <tr key={s.id} className="editing">
                <td colSpan={4}>
                  <Form method="post" className="sponsor-form" key={refused?.sponsorId === s.id ? "retry" : "fresh"}>
                    <input type="hidden" name="intent" value="sponsor-save" />
                    <input type="hidden" name="sponsor_id" value={s.id} />
                    <input type="hidden" name="updated_at" value={s.updated_at} />
                    <SponsorFields
                      values={refused?.sponsorId === s.id ? refused.values : { client: s.client_name, package: s.package, amount: fenToYuanString(s.amount_fen) }}
                      errors={refused?.sponsorId === s.id ? refused.errors : {}}
                    />
                    <div className="sponsor-form-actions">
                      <button type="submit" className="primary">{t("common.save")}</button>
                      <Link to={`/events/${eventId}`} preventScrollReset>{t("common.cancel")}</Link>
                    </div>
                  </Form>
                </td>
              </tr>
            ) : (
              <tr key={s.id}>
                <td><Link to={`/clients/${s.client_id}`}>{s.client_name}</Link></td>
                <td>{s.package}</td>
                <td className="num">{formatFen(s.amount_fen)}</td>
                {editable ? (
                  <td className="nowrap row-actions">
                    <Link to={`/events/${eventId}?sponsor=${s.id}`} preventScrollReset>{t("events.sponsor.edit")}</Link>
                    <Form
                      method="post"
                      className="inline"
                      onSubmit={(e) => {
                        if (!window.confirm(t("events.sponsor.confirmRemove"))) e.preventDefault();
                      }}
                    >
                      <input type="hidden" name="intent" value="sponsor-remove" />
                      <input type="hidden" name="sponsor_id" value={s.id} />
                      <button type="submit" className="linklike danger-text">{t("events.sponsor.remove")}</button>
                    </Form>
                  </td>
                ) : null}
              </tr>
            ),
          )}
          {sponsors.length === 0 ? (
            <tr><td colSpan={editable ? 4 : 3} className="muted">{t("events.sponsor.empty")}</td></tr>
          ) : null}
        </tbody>
        <tfoot>
          <tr>
            <th colSpan={2}>{t("events.sponsor.total")}</th>
            <th className="num">{formatFen(totalFen)}</th>
            {editable ? <th /> : null}
          </tr>
          <tr>
            <td colSpan={editable ? 4 : 3} className="money-words">{t("events.sponsor.inWords")}：人民币{fenToChineseUpper(totalFen)}</td>
          </tr>
        </tfoot>
      </table>
      {editable ? (
        <Form method="post" className="sponsor-form" key={addState ? "retry" : `fresh-${sponsors.length}`}>
          <input type="hidden" name="intent" value="sponsor-add" />
          <SponsorFields values={addState?.values ?? empty} errors={addState?.errors ?? {}} />
          <div className="sponsor-form-actions">
            <button type="submit">{t("events.sponsor.add")}</button>
          </div>
        </Form>
      ) : null}
    </div>
  );
}
