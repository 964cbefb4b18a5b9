// Column names shown in the audit trail, in the words the forms use.
import { type MessageKey, t, tKey } from "~/i18n";
import { zh } from "~/i18n/zh";
import { formatCm, formatE6 } from "~/modules/inventory/site-form";
import { formatBasisPoints, formatFen } from "~/utils/money";
import { formatInstant } from "~/utils/time";

const CLIENT_FIELDS: Record<string, MessageKey> = {
  name: "clients.name",
  kind: "clients.kind",
  credit_code: "clients.creditCode",
  contact_name: "clients.contactName",
  contact_phone: "clients.contactPhone",
  address: "clients.address",
  phone: "clients.phone",
  bank_name: "clients.bankName",
  bank_account: "clients.bankAccount",
  owner_id: "clients.owner",
  commission_bp: "clients.commission",
  payment_days: "clients.paymentDays",
  notes: "clients.notes",
};

const FIELDS_BY_ENTITY: Record<string, Record<string, MessageKey>> = {
  client: CLIENT_FIELDS,
  user: { username: "users.username", display_name: "users.displayName", role: "users.role", disabled: "users.status" },
  import: {
    file_name: "audit.import.fileName",
    format: "audit.import.format",
    rows: "audit.import.rows",
    units_created: "audit.import.unitsCreated",
    units_updated: "audit.import.unitsUpdated",
    units_unchanged: "audit.import.unitsUnchanged",
    sites_created: "audit.import.sitesCreated",
    sites_updated: "audit.import.sitesUpdated",
    sites_unchanged: "audit.import.sitesUnchanged",
  },
  site: {
    code: "sites.code",
    name: "sites.name",
    facility_type: "sites.facilityType",
    address: "sites.address",
    district: "sites.district",
    latitude_e6: "sites.latitude",
    longitude_e6: "sites.longitude",
    width_cm: "sites.widthM",
    height_cm: "sites.heightM",
    illuminated: "sites.illuminated",
    traffic_notes: "sites.trafficNotes",
  },
  order: {
    title: "orders.field.title",
    product: "orders.field.product",
    ad_category: "orders.field.ad_category",
    approval_number: "orders.field.approval_number",
    terms: "orders.field.terms",
    status: "orders.field.stage",
    cancel_reason: "orders.field.cancelReason",
    list_fen: "orders.field.totalList",
    net_fen: "orders.field.totalNet",
  },
  order_line: {
    unit_id: "orders.line.unitName",
    start_date: "orders.line.start",
    end_date: "orders.line.end",
    quantity: "orders.line.quantity",
    kind: "orders.line.kind",
    list_fen: "orders.line.list",
    discount_bp: "orders.line.discount",
    net_fen: "orders.line.netCol",
    state: "orders.line.state",
  },
  contract: {
    number: "contracts.field.number",
    title: "contracts.field.title",
    client_id: "contracts.field.client",
    category_id: "contracts.field.category",
    owner_id: "contracts.field.owner",
    pricing: "contracts.field.pricing",
    status: "contracts.col.status",
    signed_on: "contracts.field.signedOn",
    start_date: "contracts.field.start",
    end_date: "contracts.field.end",
    amount_fen: "contracts.col.amount",
    monthly_fee_fen: "contracts.field.monthlyFee",
    tax_included: "contracts.field.taxIncluded",
    notes: "contracts.field.notes",
    milestones: "contracts.audit.milestones",
    rates: "contracts.audit.rates",
    milestone: "contracts.audit.milestone",
    delivered_on: "contracts.ms.delivered",
    accepted_on: "contracts.ms.acceptDate",
    acceptance_note: "contracts.ms.acceptNote",
    approved_by: "contracts.field.approval",
    approved_at: "contracts.audit.approvedAt",
    threshold_fen: "contracts.audit.threshold",
    return_reason: "contracts.audit.returnReason",
    terminated_on: "contracts.action.terminateDate",
    termination_reason: "contracts.audit.terminationReason",
    earned_fen: "contracts.field.earnedAtEnd",
    renewed_from_id: "contracts.audit.renewedFrom",
    item: "contracts.audit.item",
    work_date: "contracts.audit.workDate",
    quantity: "contracts.audit.quantity",
    note: "contracts.log.note",
    kind: "contracts.dl.kind",
    name: "contracts.dl.name",
    url: "contracts.dl.url",
    due_date: "contracts.dl.due",
    original_name: "contracts.audit.fileName",
    size_bytes: "contracts.audit.fileSize",
    content_type: "contracts.audit.fileType",
  },
  center: {
    code: "center.code",
    name: "center.name",
    taxpayer_status: "center.taxpayerStatus",
    tax_id: "center.taxId",
    address: "center.address",
    phone: "center.phone",
    bank_name: "center.bankName",
    bank_account: "center.bankAccount",
  },
};

/** Bills and payments share one set of words (the trail of a bill shows its payments too). */
const FINANCE_FIELDS: Record<string, MessageKey> = Object.fromEntries(
  Object.keys(zh)
    .filter((key) => key.startsWith("finance.audit."))
    .map((key) => [key.slice("finance.audit.".length), key as MessageKey]),
);
FIELDS_BY_ENTITY.bill = FINANCE_FIELDS;
FIELDS_BY_ENTITY.payment = FINANCE_FIELDS;
FIELDS_BY_ENTITY.revenue = { closed_through: "closing.audit.closedThrough" };
FIELDS_BY_ENTITY.subsidy = { received_on: "subsidy.col.receivedOn", grantor: "subsidy.col.grantor", amount_fen: "subsidy.col.amountShort", note: "subsidy.col.note" };

/** The client fields by column name (also used for "missing invoice details" lists). */
export const FIELD_LABELS = CLIENT_FIELDS;

export function auditFieldLabel(entity: string, field: string): string {
  const key = FIELDS_BY_ENTITY[entity]?.[field] ?? (entity === "unit" ? (`inventory.field.${field}` as MessageKey) : undefined);
  return key && key in zh ? t(key) : field;
}

/** Stored codes (a client kind, a role) shown in the words the screens use. */
const VALUE_PREFIXES: Record<string, string> = {
  kind: "clients.kind",
  role: "role",
  taxpayer_status: "center.taxpayer",
  medium: "medium",
  facility_type: "facility",
  status: "unitStatus",
  basis: "basis",
};

/** Per entity, where the same column name means something else (an order's status, a line's kind). */
const ENTITY_VALUE_PREFIXES: Record<string, Record<string, string>> = {
  order: { status: "orders.stage", ad_category: "orders.adCategory" },
  order_line: { kind: "orders.kind", state: "orders.lineState" },
  contract: { status: "contracts.status", pricing: "contracts.pricing", kind: "contracts.kind" },
  bill: { status: "finance.billStatus", invoice_kind: "finance.invoiceKind", source: "finance.recordSource" },
  payment: { method: "finance.method" },
};

/** A payment's allocation as the trail stores it ({bill, amount_fen, ...}), in words. */
function allocationText(a: unknown): string {
  if (!a || typeof a !== "object") return String(a);
  const { bill, number, amount_fen } = a as { bill?: string; number?: string; amount_fen?: number };
  return `${bill ?? number ?? ""} ${typeof amount_fen === "number" ? formatFen(amount_fen) : ""}`.trim();
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

export function auditValue(field: string, value: unknown, entity?: string): string {
  if (value === null || value === undefined || value === "") return "（空）";
  if (field.endsWith("_fen") && typeof value === "number") return formatFen(value);
  if (field.endsWith("_at") && typeof value === "string" && ISO_INSTANT.test(value)) return formatInstant(value);
  if ((field === "discount_bp" || field === "rate_bp") && typeof value === "number") return formatBasisPoints(value);
  if (field === "fully_credited" && typeof value === "boolean") return value ? t("common.yes") : t("common.no");
  if ((field === "allocations" || field === "reopened") && Array.isArray(value)) return value.map(allocationText).join("；") || "（无）";
  const entityPrefix = entity ? ENTITY_VALUE_PREFIXES[entity]?.[field] : undefined;
  if (entityPrefix) return tKey(entityPrefix, String(value));
  if (field === "disabled") return value ? t("users.disabled") : t("users.enabled");
  if (field === "commission_bp" && typeof value === "number") return formatBasisPoints(value);
  if ((field === "width_cm" || field === "height_cm") && typeof value === "number") return formatCm(value);
  if ((field === "latitude_e6" || field === "longitude_e6") && typeof value === "number") return formatE6(value);
  if (entity === "contract" && field === "tax_included" && typeof value === "number") return value ? t("contracts.field.taxIncludedYes") : t("contracts.field.taxIncludedNo");
  if ((field === "illuminated" || field === "archived") && typeof value === "number") return value ? t("common.yes") : t("common.no");
  const prefix = VALUE_PREFIXES[field];
  return prefix ? tKey(prefix, String(value)) : String(value);
}
