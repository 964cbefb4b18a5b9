// GET /orders/:id/print: the order confirmation (广告发布确认单) laid out for A4. On screen it sits
// in the app shell with a print button; the print stylesheet drops the shell and the buttons.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { t, tKey } from "~/i18n";
import { OrderTabs } from "~/components/booking/OrderTabs";
import { DocFoot, DocHead, DocSection, DocSheet, DocTotals, Party, PrintToolbar } from "~/components/PrintSheet";
import printStyles from "~/components/booking/print.css";
import { requirePermission } from "~/modules/auth/guard.server";
import { orderDocument, type PrintLine } from "~/modules/booking/order-documents.server";
import { notFound } from "~/utils/http.server";
import { formatBasisPoints, formatFen, formatFenPlain } from "~/utils/money";
import { formatInstant, nowIso, todayInShanghai } from "~/utils/time";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: printStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? t("orderdocs.print.pageTitle", { number: data.order.number }) : t("orderdocs.print.title") }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "order", "read");
  const now = nowIso();
  const doc = await orderDocument(context.db, caller.scope, params.id ?? "", todayInShanghai(), now);
  if (!doc) notFound();
  return { ...doc, printedAt: formatInstant(now) };
}

const TERMS_DEFAULT = [t("orderdocs.terms.1"), t("orderdocs.terms.2"), t("orderdocs.terms.3"), t("orderdocs.terms.4"), t("orderdocs.terms.5"), t("orderdocs.terms.6")];

/** "3 × 15秒" then "A段 正一": the spot spec of a TV or radio line, each part kept whole when it wraps. */
function Quantity({ line }: { line: PrintLine }) {
  const spec = [
    line.daypart ? tKey("orders.daypart", line.daypart) : "",
    line.position === "first" ? t("orders.line.positionFirst") : line.position === "last" ? t("orders.line.positionLast") : "",
  ].filter(Boolean);
  return (
    <>
      <span>{line.seconds ? `${line.quantity} × ${line.seconds}${t("orders.line.seconds")}` : line.quantity}</span>
      {spec.length ? <> <span>{spec.join(" ")}</span></> : null}
    </>
  );
}

function Signature({ title, name }: { title: string; name: string }) {
  return (
    <div className="doc-signature">
      <p className="doc-signature-title">
        {title}：<strong>{name}</strong>
      </p>
      <p>{t("orderdocs.print.sign")}<span className="doc-blank" /></p>
      <p>{t("orderdocs.print.seal")}<span className="doc-blank" /></p>
      <p>{t("orderdocs.print.date")}<span className="doc-date">{t("orderdocs.print.dateBlank")}</span></p>
    </div>
  );
}

export default function OrderPrint() {
  const { order, center, client, lines, totals, printedAt } = useLoaderData<typeof loader>();
  const voidLabel = order.stage === "cancelled" ? t("orderdocs.print.void.cancelled") : t("orderdocs.print.void.expired");

  return (
    <section className="print-page">
      <div className="no-print">
        <OrderTabs />
        <PrintToolbar back={`/orders/${order.id}`} backLabel={t("orderdocs.print.back")} hint={t("orderdocs.print.hint")} printLabel={t("orderdocs.print.button")} />
      </div>

      <DocSheet className={order.void ? "doc-sheet doc-void" : "doc-sheet"} label={t("orderdocs.print.title")} watermark={order.void ? t("orderdocs.print.watermark") : null}>
        <DocHead title={t("orderdocs.print.title")}>
          <span>
            {t("orderdocs.print.number")}：<span className="mono">{order.number}</span>
          </span>
          <span>
            {t("orderdocs.print.orderDate")}：{formatInstant(order.createdAt).slice(0, 10)}
          </span>
          {order.confirmedAt ? (
            <span>
              {t("orderdocs.print.confirmDate")}：{formatInstant(order.confirmedAt).slice(0, 10)}
            </span>
          ) : null}
          <span>
            {t("orderdocs.print.status")}：{tKey("orders.stage", order.stage)}
          </span>
        </DocHead>

        {order.void ? (
          <p className="doc-void-banner" role="note">
            <strong>{voidLabel}</strong>　{t("orderdocs.print.voidNote", { stage: tKey("orders.stage", order.stage) })}
          </p>
        ) : null}

        <div className="doc-parties">
          <Party
            title={t("orderdocs.print.partyA")}
            rows={[
              [t("orderdocs.print.name"), client.name],
              [t("orderdocs.print.creditCode"), client.creditCode],
              [t("orderdocs.print.address"), client.address],
              [t("orderdocs.print.phone"), client.phone],
              [t("orderdocs.print.contact"), [client.contactName, client.contactPhone].filter(Boolean).join("　")],
              [t("orderdocs.print.bankName"), client.bankName],
              [t("orderdocs.print.bankAccount"), client.bankAccount],
            ]}
          />
          <Party
            title={t("orderdocs.print.partyB")}
            rows={[
              [t("orderdocs.print.name"), center.name],
              [t("orderdocs.print.creditCode"), center.taxId],
              [t("orderdocs.print.address"), center.address],
              [t("orderdocs.print.phone"), center.phone],
              [t("orderdocs.print.owner"), order.ownerName],
              [t("orderdocs.print.bankName"), center.bankName],
              [t("orderdocs.print.bankAccount"), center.bankAccount],
            ]}
          />
        </div>

        <DocSection title={t("orderdocs.print.adSection")} />
        <dl className="doc-facts">
          <div>
            <dt>{t("orderdocs.print.orderTitle")}</dt>
            <dd>{order.title}</dd>
          </div>
          <div>
            <dt>{t("orderdocs.print.product")}</dt>
            <dd>{order.product || "\u00a0"}</dd>
          </div>
          <div>
            <dt>{t("orderdocs.print.category")}</dt>
            <dd>{tKey("orders.adCategory", order.adCategory)}</dd>
          </div>
          {order.regulated ? (
            <div>
              <dt>{t("orderdocs.print.approval")}</dt>
              <dd>{order.approvalNumber || <span className="doc-warn">{t("orderdocs.print.approvalMissing")}</span>}</dd>
            </div>
          ) : null}
        </dl>

        <DocSection title={t("orderdocs.print.linesSection")} unitNote={t("orderdocs.print.unitYuan")} />
        <table className="doc-lines">
          <thead>
            <tr>
              <th className="c-seq">{t("orderdocs.print.seq")}</th>
              <th>{t("orderdocs.print.unit")}</th>
              <th className="c-medium">{t("orderdocs.print.medium")}</th>
              <th className="c-dates">{t("orderdocs.print.dates")}</th>
              <th className="num c-days">{t("orderdocs.print.days")}</th>
              <th className="num c-qty">{t("orderdocs.print.quantity")}</th>
              <th className="c-kind">{t("orderdocs.print.kind")}</th>
              <th className="num c-money">{t("orderdocs.print.list")}</th>
              <th className="num c-rate">{t("orders.line.discount")}</th>
              <th className="num c-money">{t("orderdocs.print.net")}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l, i) => (
              <tr key={l.id}>
                <td className="c-seq">{i + 1}</td>
                <td className="c-unit">
                  <span className="mono">{l.unitCode}</span> {l.unitName}
                  {l.state === "queued" ? <span className="doc-tag">{t("orderdocs.print.queued")}</span> : null}
                  {l.content ? (
                    <div className="doc-content">
                      {t("orderdocs.print.content")}
                      {l.content}
                    </div>
                  ) : null}
                </td>
                <td>{tKey("medium", l.medium)}</td>
                <td className="nowrap">
                  {l.startDate}
                  <br />
                  {l.endDate}
                </td>
                <td className="num">{l.days}</td>
                <td className="num c-qty">
                  <Quantity line={l} />
                </td>
                <td className="nowrap">{tKey("orders.kind", l.kind)}</td>
                <td className="num">{formatFenPlain(l.listFen)}</td>
                <td className="num">{formatBasisPoints(l.discountBp)}</td>
                <td className="num">{formatFenPlain(l.netFen)}</td>
              </tr>
            ))}
            {lines.length === 0 ? (
              <tr>
                <td colSpan={10} className="doc-empty">{t("orderdocs.print.noLines")}</td>
              </tr>
            ) : null}
          </tbody>
        </table>

        <DocTotals
          amounts={[
            [t("orderdocs.print.totalList"), formatFen(totals.listFen)],
            [t("orderdocs.print.totalDiscount"), formatFen(totals.discountFen)],
            [t("orderdocs.print.totalNet"), formatFen(totals.netFen)],
          ]}
          inWordsLabel={t("orderdocs.print.inWords")}
          inWords={totals.inWords}
        />

        <DocSection title={t("orderdocs.print.termsSection")} />
        {order.terms ? (
          <div className="doc-terms doc-terms-own">{order.terms}</div>
        ) : (
          <ol className="doc-terms">
            {TERMS_DEFAULT.map((term) => (
              <li key={term}>{term}</li>
            ))}
          </ol>
        )}

        <div className="doc-signatures">
          <Signature title={t("orderdocs.print.partyA")} name={client.name} />
          <Signature title={t("orderdocs.print.partyB")} name={center.name} />
        </div>

        <DocFoot reference={`${t("orderdocs.print.number")} ${order.number}`} printedAt={t("orderdocs.print.printedAt", { at: printedAt })} />
      </DocSheet>
    </section>
  );
}
