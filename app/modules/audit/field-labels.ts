// Column names shown in the audit trail, in the words the forms use.
import type { MessageKey } from "~/i18n";

export const FIELD_LABELS: Record<string, MessageKey> = {
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
  notes: "clients.notes",
  username: "users.username",
  display_name: "users.displayName",
  role: "users.role",
  disabled: "users.status",
  taxpayer_status: "center.taxpayerStatus",
  tax_id: "center.taxId",
  code: "center.code",
};
