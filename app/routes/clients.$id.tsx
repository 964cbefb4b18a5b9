import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { t, tKey } from "~/i18n";
import { AuditTable } from "~/components/AuditTable";
import { DefinitionPanel } from "~/components/DefinitionPanel";
import { changedFields, listAudit } from "~/modules/audit/audit.server";
import { requirePermission } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import { canEditClient, getClient } from "~/modules/clients/clients.server";
import { notFound } from "~/utils/http.server";
import { creditCodeHint } from "~/utils/credit-code";
import { formatBasisPoints } from "~/utils/money";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "client", "read");
  const client = await getClient(context.db, caller.scope, params.id ?? "");
  if (!client) notFound();
  const history = can(caller.user.role, "audit", "read")
    ? (await listAudit(context.db, caller.scope, { entity: "client", entityId: client.id, limit: 20 })).rows.map((r) => ({
        ...r,
        changes: changedFields(r.before_json, r.after_json),
      }))
    : null;
  return { client, canEdit: canEditClient(caller.scope, client), history };
}

export default function ClientDetail() {
  const { client, canEdit, history } = useLoaderData<typeof loader>();
  const warning = creditCodeHint(client.credit_code);
  const rows: [string, string][] = [
    [t("clients.kind"), tKey("clients.kind", client.kind)],
    [t("clients.contactName"), client.contact_name],
    [t("clients.contactPhone"), client.contact_phone],
    [t("clients.owner"), client.owner_name ?? t("clients.noOwner")],
    [t("clients.commission"), client.commission_bp ? formatBasisPoints(client.commission_bp) : "—"],
  ];
  const invoice: [string, string][] = [
    [t("clients.creditCode"), client.credit_code],
    [t("clients.address"), client.address],
    [t("clients.phone"), client.phone],
    [t("clients.bankName"), client.bank_name],
    [t("clients.bankAccount"), client.bank_account],
  ];
  return (
    <section>
      <div className="page-head">
        <h1>{client.name}</h1>
        <div className="actions">
          <Link to="/clients">{t("common.back")}</Link>
          {canEdit ? <Link className="button primary" to={`/clients/${client.id}/edit`}>{t("common.edit")}</Link> : null}
        </div>
      </div>
      {warning ? <div className="banner banner-warn">{warning}</div> : null}
      <div className="two-col">
        <DefinitionPanel title={t("clients.basic")} rows={rows} />
        <DefinitionPanel title={t("clients.invoiceInfo")} rows={invoice} />
      </div>
      {client.notes ? <p className="notes">{client.notes}</p> : null}
      {history ? (
        <div className="panel">
          <h2>{t("clients.history")}</h2>
          <AuditTable rows={history} />
        </div>
      ) : null}
    </section>
  );
}
