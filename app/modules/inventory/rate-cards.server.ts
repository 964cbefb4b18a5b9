// Rate cards (刊例价): a unit's price history. A new price is a new card from a date; an old card is
// never rewritten, so a quote for past dates always gives what it gave then.
import type { AppDb } from "~db/connection";
import { type Executor, isUniqueViolation, writeTransaction } from "~db/dialect";
import { newId } from "~db/ids";
import type { Daypart, PriceBasis, RateCardRow } from "~db/schema";
import { nowIso } from "~/utils/time";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Scope } from "~/modules/auth/scope";
import type { FieldErrors } from "~/utils/form";
import type { RateCard } from "./quote";

export interface RateCardInput {
  effective_from: string;
  basis: PriceBasis;
  price_fen: number;
  min_days: number;
  surcharge_first_bp: number;
  surcharge_last_bp: number;
  spot_prices: { daypart: Daypart; seconds: number; price_fen: number }[];
}

export type RateCardWriteResult = { ok: true; id: string } | { ok: false; status: 400 | 404; errors: FieldErrors };

export async function addRateCard(db: AppDb, scope: Scope, unitId: string, input: RateCardInput): Promise<RateCardWriteResult> {
  try {
    return await writeTransaction(db, (trx) => insertRateCard(trx, scope, unitId, input));
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, status: 400, errors: { effective_from: "该广告位在这一天已有刊例价；如需调整，请从其他日期起另立新价" } };
    throw error;
  }
}

export async function insertRateCard(trx: Executor, scope: Scope, unitId: string, input: RateCardInput): Promise<RateCardWriteResult> {
  const unit = await trx.selectFrom("units").select("id").where("center_id", "=", scope.centerId).where("id", "=", unitId).executeTakeFirst();
  if (!unit) return { ok: false, status: 404, errors: {} };
  const { spot_prices, ...card } = input;
  const row: RateCardRow = { id: newId(), center_id: scope.centerId, unit_id: unitId, ...card, created_by: scope.userId, created_at: nowIso() };
  await trx.insertInto("rate_cards").values(row).execute();
  if (input.basis === "spot" && spot_prices.length) {
    await trx
      .insertInto("rate_card_spot_prices")
      .values(spot_prices.map((p) => ({ id: newId(), center_id: scope.centerId, rate_card_id: row.id, ...p })))
      .execute();
  }
  await recordAudit(trx, scope, { entity: "rate_card", entityId: row.id, action: "create", after: { ...row, spot_prices } });
  return { ok: true, id: row.id };
}

/** The unit's cards, newest first, each with its spot prices. */
export async function rateHistory(db: Executor, scope: Scope, unitId: string) {
  const cards = await db
    .selectFrom("rate_cards")
    .leftJoin("users", "users.id", "rate_cards.created_by")
    .selectAll("rate_cards")
    .select("users.display_name as created_by_name")
    .where("rate_cards.center_id", "=", scope.centerId)
    .where("rate_cards.unit_id", "=", unitId)
    .orderBy("rate_cards.effective_from", "desc")
    .execute();
  const spots = cards.length
    ? await db
        .selectFrom("rate_card_spot_prices")
        .selectAll()
        .where("center_id", "=", scope.centerId)
        .where(
          "rate_card_id",
          "in",
          cards.map((c) => c.id),
        )
        .orderBy("daypart")
        .orderBy("seconds")
        .execute()
    : [];
  return cards.map((c) => ({ ...c, spot_prices: spots.filter((s) => s.rate_card_id === c.id) }));
}

/** The history in the quote function's terms. */
export async function cardsForQuote(db: Executor, scope: Scope, unitId: string): Promise<RateCard[]> {
  return (await rateHistory(db, scope, unitId)).map((c) => ({
    id: c.id,
    effectiveFrom: c.effective_from,
    basis: c.basis,
    priceFen: Number(c.price_fen),
    spotPrices: c.spot_prices.map((s) => ({ daypart: s.daypart, seconds: s.seconds, priceFen: Number(s.price_fen) })),
    minDays: c.min_days,
    surchargeFirstBp: c.surcharge_first_bp,
    surchargeLastBp: c.surcharge_last_bp,
  }));
}

/**
 * One price for a group of units (e.g. every 单立柱 face in a township): each unit gets its own card
 * from the same date, so each unit's history stays whole. All or nothing: if any unit already has a
 * card on that date, nothing is written and the message names those units.
 */
export async function addRateCardToUnits(db: AppDb, scope: Scope, unitIds: string[], input: RateCardInput): Promise<RateCardWriteResult & { count?: number }> {
  if (unitIds.length === 0) return { ok: false, status: 400, errors: { form: "没有符合条件的广告位" } };
  return writeTransaction(db, async (trx) => {
    const clashes = await trx
      .selectFrom("rate_cards")
      .innerJoin("units", "units.id", "rate_cards.unit_id")
      .select("units.code")
      .where("rate_cards.center_id", "=", scope.centerId)
      .where("rate_cards.unit_id", "in", unitIds)
      .where("rate_cards.effective_from", "=", input.effective_from)
      .orderBy("units.code")
      .execute();
    if (clashes.length) {
      const codes = clashes.map((c) => c.code);
      const shown = codes.slice(0, 10).join("、") + (codes.length > 10 ? ` 等 ${codes.length} 个` : "");
      return { ok: false, status: 400, errors: { effective_from: `${shown} 在 ${input.effective_from} 已有刊例价，未做任何修改；请换一个生效日期` } } as const;
    }
    for (const unitId of unitIds) {
      const result = await insertRateCard(trx, scope, unitId, input);
      if (!result.ok) throw new Error("unit vanished inside the transaction"); // ids come from a scoped query just before
    }
    return { ok: true, id: unitIds[0], count: unitIds.length } as const;
  });
}
