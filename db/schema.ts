// The one description of the database, shared by every query. Column conventions
// (docs/decisions/002-portable-columns.md): ids are 26-character text made by the app,
// money is integer fen, calendar dates 'YYYY-MM-DD' text, instants UTC ISO text, booleans 0/1.
// The tables are described by domain in db/schema/; this file puts them together as the one DB
// every query is typed by, and is the only place the rest of the code imports them from.
import type { Insertable, Selectable, Updateable } from "kysely";
import type { AuditLogTable, CentersTable, ClientsTable, LoginFailuresTable, RevenueCategoriesTable, SessionsTable, UsersTable } from "./schema/core";
import type { LeasesTable, NumberSequencesTable, PermitsTable, RateCardSpotPricesTable, RateCardsTable, SiteFilesTable, SitesTable, UnitsTable } from "./schema/inventory";
import type { EventSponsorsTable, EventsTable, OrderEventsTable, OrderLinesTable, OrdersTable } from "./schema/booking";
import type { ContractDeliverablesTable, ContractFilesTable, ContractMilestonesTable, ContractRatesTable, ContractWorkLogsTable, ContractsTable } from "./schema/contracts";
import type { RevenueClosingsTable, RevenueFactsTable, RevenueMonthTotalsTable, RevenueTargetsTable, StatMappingsTable, SubsidiesTable } from "./schema/revenue";
import type { NotificationRoutesTable, OutboxTable, ReminderKindsTable, RobotsTable } from "./schema/notify";
import type { BillLinesTable, BillingPlansTable, BillsTable, CultureFeeDeductionsTable, CultureFeeRatesTable, PaymentAllocationsTable, PaymentsTable, TaxCodesTable, VatRatesTable } from "./schema/billing";
export type { Role, TaxpayerStatus, ClientKind, CentersTable, UsersTable, SessionsTable, LoginFailuresTable, ClientsTable, AuditLogTable, ReportGroup, RevenueCategoriesTable } from "./schema/core";
export type { FacilityType, SitesTable, SiteFilesTable, PermitsTable, LeasesTable, Medium, CapacityUnit, UnitStatus, UnitsTable, PriceBasis, Daypart, RateCardsTable, RateCardSpotPricesTable, NumberSequencesTable } from "./schema/inventory";
export type { OrderStatus, AdCategory, OrdersTable, LineKind, LineState, OrderLinesTable, OrderEventsTable, EventType, EventStatus, EventsTable, EventSponsorsTable } from "./schema/booking";
export type { ContractPricing, ContractStatus, DeliverableKind, ContractsTable, ContractMilestonesTable, ContractRatesTable, ContractWorkLogsTable, ContractDeliverablesTable, ContractFilesTable } from "./schema/contracts";
export type { BillingSchedule, BillKind, BillStatus, InvoiceKind, CreditReason, PaymentMethod, VatRatesTable, CultureFeeRatesTable, TaxCodesTable, BillingPlansTable, BillsTable, BillLinesTable, PaymentsTable, PaymentAllocationsTable, CultureFeeDeductionsTable } from "./schema/billing";

export type { FactSourceKind, FactOrigin, TargetSubject, StatHeading, RevenueFactsTable, RevenueMonthTotalsTable, RevenueClosingsTable, RevenueTargetsTable, StatMappingsTable, SubsidiesTable } from "./schema/revenue";
export type { RobotKind, OutboxStatus, RobotsTable, NotificationRoutesTable, OutboxTable, ReminderKindsTable } from "./schema/notify";

export interface DB {
  centers: CentersTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  clients: ClientsTable;
  audit_log: AuditLogTable;
  revenue_categories: RevenueCategoriesTable;
  sites: SitesTable;
  site_files: SiteFilesTable;
  permits: PermitsTable;
  leases: LeasesTable;
  units: UnitsTable;
  rate_cards: RateCardsTable;
  rate_card_spot_prices: RateCardSpotPricesTable;
  number_sequences: NumberSequencesTable;
  orders: OrdersTable;
  order_lines: OrderLinesTable;
  order_events: OrderEventsTable;
  events: EventsTable;
  event_sponsors: EventSponsorsTable;
  contracts: ContractsTable;
  contract_milestones: ContractMilestonesTable;
  contract_rates: ContractRatesTable;
  contract_work_logs: ContractWorkLogsTable;
  contract_deliverables: ContractDeliverablesTable;
  contract_files: ContractFilesTable;
  vat_rates: VatRatesTable;
  culture_fee_rates: CultureFeeRatesTable;
  tax_codes: TaxCodesTable;
  billing_plans: BillingPlansTable;
  bills: BillsTable;
  bill_lines: BillLinesTable;
  payments: PaymentsTable;
  payment_allocations: PaymentAllocationsTable;
  culture_fee_deductions: CultureFeeDeductionsTable;
  revenue_facts: RevenueFactsTable;
  revenue_month_totals: RevenueMonthTotalsTable;
  revenue_closings: RevenueClosingsTable;
  revenue_targets: RevenueTargetsTable;
  stat_mappings: StatMappingsTable;
  subsidies: SubsidiesTable;
  robots: RobotsTable;
  notification_routes: NotificationRoutesTable;
  outbox: OutboxTable;
  reminder_kinds: ReminderKindsTable;
}

export type Center = Selectable<CentersTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type Client = Selectable<ClientsTable>;
export type NewClient = Insertable<ClientsTable>;
export type ClientUpdate = Updateable<ClientsTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type RevenueCategory = Selectable<RevenueCategoriesTable>;
export type Site = Selectable<SitesTable>;
export type Permit = Selectable<PermitsTable>;
export type Lease = Selectable<LeasesTable>;
export type Unit = Selectable<UnitsTable>;
export type RateCardRow = Selectable<RateCardsTable>;
export type Order = Selectable<OrdersTable>;
export type OrderLine = Selectable<OrderLinesTable>;
export type Event = Selectable<EventsTable>;
export type EventSponsor = Selectable<EventSponsorsTable>;
export type Contract = Selectable<ContractsTable>;
export type ContractMilestone = Selectable<ContractMilestonesTable>;
export type ContractRate = Selectable<ContractRatesTable>;
export type ContractWorkLog = Selectable<ContractWorkLogsTable>;
export type ContractDeliverable = Selectable<ContractDeliverablesTable>;
export type Bill = Selectable<BillsTable>;
export type BillLine = Selectable<BillLinesTable>;
export type Payment = Selectable<PaymentsTable>;
export type RevenueFact = Selectable<RevenueFactsTable>;
export type RevenueTarget = Selectable<RevenueTargetsTable>;
export type Subsidy = Selectable<SubsidiesTable>;
