import type { Migration } from "kysely";
import * as m0001 from "./2026-11-26-0001-foundation";
import * as m0002 from "./2026-11-27-0002-inventory";
import * as m0003 from "./2026-11-27-0003-booking";
import * as m0004 from "./2026-11-28-0004-contracts";
import * as m0005 from "./2026-11-28-0005-billing";
import * as m0006 from "./2026-11-28-0006-bills-settled-on";
import * as m0007 from "./2026-11-29-0007-revenue";
import * as m0008 from "./2026-11-29-0008-money-by-month-indexes";
import * as m0009 from "./2026-11-30-0009-notifications";
import * as m0010 from "./2026-12-01-0010-reminder-kinds";

/** Every migration, by name. Names sort in the order they run; add new files at the end. */
export const migrations: Record<string, Migration> = {
  "2026-11-26-0001-foundation": m0001,
  "2026-11-27-0002-inventory": m0002,
  "2026-11-27-0003-booking": m0003,
  "2026-11-28-0004-contracts": m0004,
  "2026-11-28-0005-billing": m0005,
  "2026-11-28-0006-bills-settled-on": m0006,
  "2026-11-29-0007-revenue": m0007,
  "2026-11-29-0008-money-by-month-indexes": m0008,
  "2026-11-30-0009-notifications": m0009,
  "2026-12-01-0010-reminder-kinds": m0010,
};
