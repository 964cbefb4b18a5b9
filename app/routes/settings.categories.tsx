import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Fragment } from "react";
import { t, tKey } from "~/i18n";
import { FormError } from "~/components/Field";
import { AddCategoryForm, type CategoryValues, EditCategoryForm, RetireButton } from "~/components/sites/CategoryForms";
import { requirePermission } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import { parseCategoryAdd, parseCategoryEdit } from "~/modules/categories/category-form";
import { unitCountsByCategory } from "~/modules/categories/category-usage.server";
import { addCategory, categoryTree, updateCategory } from "~/modules/categories/categories.server";
import type { FieldErrors } from "~/utils/form";
import { field, notFound } from "~/utils/http.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requirePermission(request, context, "category", "read");
  const [tree, counts] = await Promise.all([categoryTree(context.db, caller.scope), unitCountsByCategory(context.db, caller.scope)]);
  return { tree, counts, canEdit: can(caller.user.role, "category", "update") };
}

/** A refused form names which form it was (the row being edited or the parent added to). */
type Refusal = { target: string; errors: FieldErrors; values: CategoryValues & { report_group?: string }; message: string | null };

function valuesOf(form: FormData) {
  return {
    name: field(form, "name"),
    vat_item_code: field(form, "vat_item_code"),
    bears_culture_fee: ["1", "on"].includes(field(form, "bears_culture_fee")),
    is_earned: ["1", "on"].includes(field(form, "is_earned")),
    report_group: field(form, "report_group"),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const caller = await requirePermission(request, context, "category", "update");
  const form = await request.formData();
  const intent = field(form, "intent");
  const id = field(form, "id");
  const refuse = (status: number, target: string, errors: FieldErrors, message: string | null = null) =>
    data<Refusal>({ target, errors, values: valuesOf(form), message }, { status });

  if (intent === "retire" || intent === "restore") {
    const result = await updateCategory(context.db, caller.scope, id, { retired: intent === "retire" });
    if (!result.ok) notFound();
    return redirect("/settings/categories");
  }
  if (intent === "update") {
    const parsed = parseCategoryEdit(form);
    if (!parsed.ok) return refuse(400, `edit:${id}`, parsed.errors);
    const result = await updateCategory(context.db, caller.scope, id, parsed.value);
    if (!result.ok) {
      if (result.status === 404) notFound();
      return refuse(result.status, `edit:${id}`, { name: result.message });
    }
    return redirect("/settings/categories");
  }
  if (intent === "add") {
    const parentId = field(form, "parent_id");
    const target = `add:${parentId || "top"}`;
    const parsed = parseCategoryAdd(form);
    if (!parsed.ok) return refuse(400, target, parsed.errors);
    const result = await addCategory(context.db, caller.scope, parsed.parentId, parsed.input);
    if (!result.ok) {
      if (result.status === 404) notFound();
      return refuse(result.status, target, {}, result.message);
    }
    return redirect("/settings/categories");
  }
  return refuse(400, "", {}, t("error.badRequest.title"));
}

const OPEN_ROW = { background: "#f4f7fb" };

export default function Categories() {
  const { tree, counts, canEdit } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const [params] = useSearchParams();
  // Which inline form is open: from the link clicked, or the form just refused.
  const open = refused?.target || (params.get("edit") ? `edit:${params.get("edit")}` : params.get("add") ? `add:${params.get("add")}` : "");
  const formFor = (target: string) => (refused?.target === target ? { values: refused.values, errors: refused.errors } : null);
  const cols = canEdit ? 8 : 7;

  const row = (c: (typeof tree)[number] | (typeof tree)[number]["children"][number], child: boolean) => {
    const editing = open === `edit:${c.id}`;
    const again = formFor(`edit:${c.id}`);
    return (
      <Fragment key={c.id}>
        <tr className={c.retired ? "row-muted" : undefined}>
          <td style={child ? { paddingLeft: 28 } : { fontWeight: 600 }}>{child ? "└ " : ""}{c.name}</td>
          <td>{tKey("reportGroup", c.report_group)}</td>
          <td>{c.bears_culture_fee ? t("common.yes") : t("common.no")}</td>
          <td>{c.is_earned ? t("common.yes") : <strong>{t("common.no")}</strong>}</td>
          <td className="mono">{c.vat_item_code || <span className="muted">—</span>}</td>
          <td className="num">{counts[c.id] ?? 0}</td>
          <td>{c.retired ? <span className="tag">{t("categories.retired")}</span> : t("categories.active")}</td>
          {canEdit ? (
            <td className="nowrap">
              <span className="actions">
                <Link to={`?edit=${c.id}`} preventScrollReset>{t("common.edit")}</Link>
                {!child && !c.retired ? <Link to={`?add=${c.id}`} preventScrollReset>{t("categories.addChild")}</Link> : null}
                <RetireButton id={c.id} retired={Boolean(c.retired)} />
              </span>
            </td>
          ) : null}
        </tr>
        {canEdit && editing ? (
          <tr style={OPEN_ROW}>
            <td colSpan={cols}>
              <EditCategoryForm
                id={c.id}
                values={again?.values ?? { name: c.name, vat_item_code: c.vat_item_code, bears_culture_fee: Boolean(c.bears_culture_fee), is_earned: Boolean(c.is_earned) }}
                errors={again?.errors}
              />
            </td>
          </tr>
        ) : null}
      </Fragment>
    );
  };

  return (
    <div>
      <div className="page-head">
        <h2>{t("categories.title")}</h2>
      </div>
      <p className="muted small">{t("categories.hint")}</p>
      {!canEdit ? <p className="muted small">{t("categories.readOnly")}</p> : null}
      <FormError message={refused?.message ?? undefined} />
      <table className="grid">
        <thead>
          <tr>
            <th>{t("categories.name")}</th>
            <th>{t("categories.reportGroup")}</th>
            <th>{t("categories.cultureFee")}</th>
            <th>{t("categories.earned")}</th>
            <th>{t("categories.vatCode")}</th>
            <th className="num">{t("categories.units")}</th>
            <th>{t("categories.state")}</th>
            {canEdit ? <th>{t("common.actions")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {tree.map((top) => (
            <Fragment key={top.id}>
              {row(top, false)}
              {top.children.map((c) => row(c, true))}
              {canEdit && open === `add:${top.id}` ? (
                <tr style={OPEN_ROW}>
                  <td colSpan={cols}>
                    <div className="small muted">{t("categories.addChildTo", { name: top.name })}</div>
                    <AddCategoryForm
                      parentId={top.id}
                      values={formFor(`add:${top.id}`)?.values ?? { name: "", vat_item_code: top.vat_item_code, bears_culture_fee: Boolean(top.bears_culture_fee), is_earned: Boolean(top.is_earned) }}
                      errors={formFor(`add:${top.id}`)?.errors}
                    />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          ))}
        </tbody>
      </table>
      {canEdit ? (
        <div className="panel" style={{ marginTop: 16 }}>
          <h2>{t("categories.addTop")}</h2>
          <AddCategoryForm
            // A new key after each added category empties the form the redirect would otherwise keep.
            key={refused?.target === "add:top" ? "retry" : `fresh-${tree.reduce((n, top) => n + 1 + top.children.length, 0)}`}
            parentId={null}
            values={formFor("add:top")?.values ?? { name: "", vat_item_code: "", bears_culture_fee: false, is_earned: true, report_group: "" }}
            errors={formFor("add:top")?.errors}
          />
        </div>
      ) : null}
    </div>
  );
}
