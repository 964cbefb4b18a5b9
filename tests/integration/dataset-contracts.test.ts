// The generated service contracts must be rows the contract services could have written: milestone
// amounts split by the model's rule, monthly totals from the fee, logs at quantity × price within
// the ceiling, statuses that agree with the dates, numbers the app continues, and income the seam
// can read. generateDataset only fills an empty database, so each dialect gets a fresh one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppDb } from "../../db/connection";
import type { Contract, ContractMilestone } from "../../db/schema";
import type { Scope } from "../../app/modules/auth/scope";
import type { ContractInput } from "../../app/modules/contracts/contract-form";
import { createContract } from "../../app/modules/contracts/contracts.server";
import { EARNING, feeTotal, serviceEnd, splitMilestones } from "../../app/modules/contracts/model";
import { incomeEntries } from "../../app/modules/income/sources.server";
import { todayInShanghai } from "../../app/utils/time";
import { type DatasetSummary, generateDataset } from "../../scripts/bench/dataset";
import { CONTRACT_SHAPES, contractsRng, generateContracts } from "../../scripts/bench/dataset-contracts";
import { DATASET_TODAY, generateInventory, INVENTORY_SHAPES, inventoryRng } from "../../scripts/bench/dataset-inventory";
import { dialectsUnderTest, freshDatabase } from "../support/db";

describe("dataset contracts (pure)", () => {
  it("gives the same contracts for the same seed", () => {
    const { categories } = generateInventory(inventoryRng(42, 0), { id: "C1", adminId: "U1", place: { county: "示范县", code: "shifan", region: "331021", areaCode: "0570" }, startMs: Date.parse("2021-01-01") }, INVENTORY_SHAPES.demo);
    const center = {
      id: "C1", county: "示范县", categories,
      users: [{ id: "U1", role: "admin" as const }, { id: "U2", role: "sales" as const }, { id: "U3", role: "manager" as const }],
      clients: Array.from({ length: 20 }, (_, i) => ({ id: `K${i}`, kind: i % 3 ? ("enterprise" as const) : ("government" as const), name: `示范县客户${i}` })),
    };
    const shape = { contracts: 200, years: 5 };
    const a = generateContracts(contractsRng(7, 0), center, shape);
    expect(a.contracts).toHaveLength(200);
    expect(generateContracts(contractsRng(7, 0), center, shape)).toEqual(a);
    expect(generateContracts(contractsRng(8, 0), center, shape).contracts).not.toEqual(a.contracts);
  });
});

const num = <T extends Record<string, unknown>>(row: T, ...keys: (keyof T)[]) => ({ ...row, ...Object.fromEntries(keys.map((k) => [k, row[k] === null ? null : Number(row[k])])) }) as T;

for (const { dialect } of dialectsUnderTest()) {
  describe(`dataset contracts [${dialect}]`, () => {
    let db: AppDb;
    let drop: () => Promise<void>;
    let summary: DatasetSummary;
    let centerId: string;
    let contracts: (Contract & { code: string })[];
    let milestones: Map<string, ContractMilestone[]>;

    beforeAll(async () => {
      ({ db, drop } = await freshDatabase(dialect, "rm_contracts"));
      // The demo size without orders: only the contracts are looked at here.
      summary = await generateDataset(db, { size: "demo", orders: { orders: 0 } });
      centerId = summary.centerList[0].id;
      contracts = (await db.selectFrom("contracts as k").innerJoin("revenue_categories as c", "c.id", "k.category_id").selectAll("k").select("c.code").where("k.center_id", "=", centerId).execute())
        .map((k) => num(k, "amount_fen", "monthly_fee_fen", "earned_fen"));
      milestones = new Map();
      for (const m of await db.selectFrom("contract_milestones").selectAll().where("center_id", "=", centerId).orderBy("contract_id").orderBy("seq").execute()) {
        milestones.set(m.contract_id, [...(milestones.get(m.contract_id) ?? []), num(m, "amount_fen")]);
      }
    });
    afterAll(async () => {
      await drop?.();
    });

    it("spreads the size's contracts over five years, every contract category, pricing and status", async () => {
      expect(summary.contracts).toBe(CONTRACT_SHAPES.demo.contracts);
      expect(contracts).toHaveLength(CONTRACT_SHAPES.demo.contracts);
      expect(summary.contractMilestones).toBe([...milestones.values()].flat().length);
      const codes = new Set(contracts.map((k) => k.code));
      for (const code of ["tech.app_dev", "tech.ops", "tech.live", "tech.video", "tech.integration", "tech.operation", "gov_service", "event", "other"]) expect(codes, code).toContain(code);
      expect(new Set(contracts.map((k) => k.pricing))).toEqual(new Set(["milestone", "monthly", "tm"]));
      expect(new Set(contracts.map((k) => k.status))).toEqual(new Set(["draft", "pending", "signed", "active", "accepted", "completed", "terminated"]));
      const years = new Set(contracts.map((k) => k.created_at.slice(0, 4)));
      expect(years.size).toBeGreaterThanOrEqual(5);
      for (const k of contracts) {
        expect(k.created_at <= `${DATASET_TODAY}T02:00:00.000Z` && k.created_at >= "2021-11-30", k.number).toBe(true);
        expect(k.start_date <= k.end_date && (!k.signed_on || k.signed_on <= DATASET_TODAY), k.number).toBe(true);
        // The status agrees with the dates: not begun, under way, or over.
        if (k.status === "signed") expect(k.start_date > DATASET_TODAY, k.number).toBe(true);
        if (k.status === "active") expect(k.start_date <= DATASET_TODAY, k.number).toBe(true);
        if (k.status === "accepted" || k.status === "completed") expect(k.end_date < DATASET_TODAY, k.number).toBe(true);
        if (k.status === "terminated") expect(k.terminated_on! >= k.start_date && k.terminated_on! <= k.end_date && k.termination_reason !== "", k.number).toBe(true);
      }
    });

    it("splits milestone amounts by the model's rule and keeps acceptances consistent with the status", async () => {
      const managers = new Set((await db.selectFrom("users").select("id").where("center_id", "=", centerId).where("role", "=", "manager").execute()).map((u) => u.id));
      for (const k of contracts) {
        const approved = !["draft", "pending"].includes(k.status) && k.amount_fen > 5_000_000;
        expect(approved ? managers.has(k.approved_by!) && !!k.approved_at : k.approved_by === null, k.number).toBe(true);
        if (k.status === "pending") expect(k.amount_fen, k.number).toBeGreaterThan(5_000_000);
        const own = milestones.get(k.id) ?? [];
        if (k.pricing !== "milestone") {
          expect(own, k.number).toEqual([]);
          continue;
        }
        expect(own.reduce((s, m) => s + m.percent_bp, 0), k.number).toBe(10000);
        expect(own.map((m) => m.amount_fen), k.number).toEqual(splitMilestones(k.amount_fen, own.map((m) => ({ percentBp: m.percent_bp }))));
        const accepted = own.filter((m) => m.accepted_on);
        if (["draft", "pending"].includes(k.status)) expect(accepted, k.number).toEqual([]);
        if (k.status === "accepted") expect(accepted, k.number).toHaveLength(own.length);
        for (const m of accepted) {
          expect([m.accepted_by, !!m.accepted_at, m.accepted_on! >= k.signed_on!, m.accepted_on! <= DATASET_TODAY], k.number).toEqual([k.owner_id, true, true, true]);
          if (k.terminated_on) expect(m.accepted_on! <= k.terminated_on, k.number).toBe(true);
        }
        if (k.status === "terminated") expect(k.earned_fen!, k.number).toBeGreaterThanOrEqual(accepted.reduce((s, m) => s + m.amount_fen, 0));
      }
    });

    it("totals monthly contracts from their fee and keeps work logs at quantity × price within the ceiling", async () => {
      for (const k of contracts.filter((c) => c.pricing === "monthly")) {
        expect(k.amount_fen, k.number).toBe(feeTotal(k.monthly_fee_fen, k.start_date, k.end_date));
        if (k.status === "terminated") expect(k.earned_fen, k.number).toBe(feeTotal(k.monthly_fee_fen, k.start_date, k.terminated_on!));
      }
      const logs = await db
        .selectFrom("contract_work_logs as w")
        .innerJoin("contract_rates as r", "r.id", "w.rate_id")
        .select(["w.contract_id", "w.work_date", "w.quantity", "w.amount_fen", "r.price_fen", "r.contract_id as rate_contract"])
        .where("w.center_id", "=", centerId)
        .execute();
      expect(logs.length).toBe(summary.contractWorkLogs);
      expect(logs.length).toBeGreaterThan(0);
      const byId = new Map(contracts.map((k) => [k.id, k]));
      const used = new Map<string, number>();
      for (const l of logs) {
        const k = byId.get(l.contract_id)!;
        expect([k.pricing, l.rate_contract, Number(l.amount_fen)], k.number).toEqual(["tm", k.id, l.quantity * Number(l.price_fen)]);
        expect(l.work_date >= k.start_date && l.work_date <= serviceEnd(k) && l.work_date <= DATASET_TODAY, k.number).toBe(true);
        used.set(k.id, (used.get(k.id) ?? 0) + Number(l.amount_fen));
      }
      for (const [id, fen] of used) expect(fen, byId.get(id)!.number).toBeLessThanOrEqual(byId.get(id)!.amount_fen);
      for (const k of contracts.filter((c) => c.pricing === "tm" && c.status === "terminated")) expect(k.earned_fen).toBe(used.get(k.id) ?? 0);
    });

    it("numbers contracts uniquely per year of creation, and the app continues from the sequence", async () => {
      expect(new Set(contracts.map((k) => k.number)).size).toBe(contracts.length);
      const perYear = new Map<number, number[]>();
      for (const k of contracts) {
        const match = /^HT(\d{4})-(\d{3,})$/.exec(k.number)!;
        expect(Number(match[1]), k.number).toBe(Number(todayInShanghai(new Date(k.created_at)).slice(0, 4)));
        perYear.set(Number(match[1]), [...(perYear.get(Number(match[1])) ?? []), Number(match[2])]);
      }
      for (const n of perYear.values()) expect(n.sort((a, b) => a - b)).toEqual(n.map((_, i) => i + 1));
      const sequences = await db.selectFrom("number_sequences").select(["year", "last_value"]).where("center_id", "=", centerId).where("series", "=", "HT").orderBy("year").execute();
      expect(sequences.map((s) => [s.year, Number(s.last_value)])).toEqual([...perYear.keys()].sort().map((y) => [y, perYear.get(y)!.length]));

      const sales = contracts.find((k) => k.status === "active")!.owner_id;
      const scope: Scope = { centerId, userId: sales, role: "sales" };
      const client = await db.selectFrom("clients").select("name").where("id", "=", contracts[0].client_id).executeTakeFirstOrThrow();
      const input: ContractInput = {
        number: "", title: "续号检查", client: client.name, category_id: contracts[0].category_id, pricing: "tm", signed_on: null, start_date: "2027-01-01", end_date: "2027-06-30",
        amount_fen: 100_000, monthly_fee_fen: 0, tax_included: 1, notes: "", idempotency_key: "", milestones: [], rates: [{ name: "直播", unit: "场", priceFen: 50_000 }],
      };
      const made = await createContract(db, scope, input);
      expect(made.ok).toBe(true);
      const year = Number(todayInShanghai().slice(0, 4));
      const row = await db.selectFrom("contracts").select("number").where("id", "=", (made as { id: string }).id).executeTakeFirstOrThrow();
      expect(row.number).toBe(`HT${year}-${String((perYear.get(year)?.length ?? 0) + 1).padStart(3, "0")}`);
    });

    it("gives the income seam every earning contract's money: accepted milestones and settlements, served months, logged work", async () => {
      const scope: Scope = { centerId, userId: null, role: "admin" };
      const entries = (await incomeEntries(db, scope)).filter((e) => e.source.kind === "contract");
      const byContract = new Map<string, number>();
      for (const e of entries) byContract.set(e.source.id, (byContract.get(e.source.id) ?? 0) + e.amountFen);
      const logs = await db.selectFrom("contract_work_logs").select(["contract_id", "amount_fen"]).where("center_id", "=", centerId).execute();
      let checked = 0;
      for (const k of contracts) {
        let expected = 0;
        if (EARNING.includes(k.status)) {
          if (k.pricing === "monthly") expected = serviceEnd(k) < k.start_date ? 0 : feeTotal(k.monthly_fee_fen, k.start_date, serviceEnd(k));
          if (k.pricing === "tm") expected = logs.filter((l) => l.contract_id === k.id).reduce((s, l) => s + Number(l.amount_fen), 0);
          if (k.pricing === "milestone") {
            const accepted = (milestones.get(k.id) ?? []).filter((m) => m.accepted_on).reduce((s, m) => s + m.amount_fen, 0);
            expected = k.status === "terminated" ? Math.max(accepted, k.earned_fen!) : accepted;
          }
        }
        expect(byContract.get(k.id) ?? 0, k.number).toBe(expected);
        checked += expected > 0 ? 1 : 0;
      }
      expect(checked).toBeGreaterThan(contracts.length / 2);
      const period = { from: "2025-01-01", to: "2025-12-31" };
      const year = (await incomeEntries(db, scope, { period })).filter((e) => e.source.kind === "contract");
      expect(year.length).toBeGreaterThan(0);
      expect(year.every((e) => e.serviceFrom <= period.to && e.serviceTo >= period.from)).toBe(true);
    });
  });
}
