// inventory-import: a generated 20,000-row .xlsx (deterministic, made in memory) through the
// whole import as the commit step runs it: parse + validate every row + one write transaction
// that creates the sites and units with their audit entries. Each run imports into a fresh center.
// Baseline: the same 20,000 unit rows and their sites (codes, names, sizes from the generated
// rows; medium and category simplified) as plain batched Kysely inserts (500 a
// statement, one transaction, no validation, no audit). Extra fields: peak_rss_mb (RSS sampled
// every 20 ms during the measured runs; rss_before_mb is where it started, after the county-l
// dataset and the file were made), the median parse/validate/commit split, and reimport_ms
// (the same file again: everything unchanged, nothing written but the import's audit entry).
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import type { AppDb } from "../../db/connection";
import { writeTransaction } from "../../db/dialect";
import { newId } from "../../db/ids";
import { createCenterWithAdmin } from "../../app/modules/centers/centers.server";
import { importBytes, type ImportTimings } from "../../app/modules/inventory/excel/import.server";
import { addLayoutSheet, type CellValue, layoutRow } from "../../app/modules/inventory/excel/workbook";
import { Rng } from "./rng";
import { type BenchResult, type DbLabel, median, round, summarise } from "./stats";

const ROWS = 20_000;
const ITERATIONS = 3;
const SEED = 20261127;

type Kind = "static" | "led" | "splash" | "wechat" | "tv" | "radio";

const TOWNS = ["城关镇", "东坑镇", "西岙镇", "柳林镇", "新华街道", "青山乡", "溪口镇", "南塘街道"];
const ROADS = ["人民路", "解放路", "建设路", "中山路", "文化路", "滨江路", "环城北路", "工业大道"];

/**
 * `count` rows of the import layout. Static faces come in pairs (A面/B面) on one unipole or wall
 * site, LED screens have a site each, the rest are sites-less media; some categories are written
 * as codes, some units are in maintenance. Same seed, same rows.
 */
export function inventoryRows(count: number, seed = SEED): CellValue[][] {
  const rng = new Rng(seed);
  const rows: CellValue[][] = [];
  let siteNo = 0;
  while (rows.length < count) {
    const kind = rng.weighted<Kind>({ static: 50, led: 15, splash: 10, wechat: 10, tv: 10, radio: 5 });
    const status = rng.weighted({ available: 90, maintenance: 5, disabled: 5 });
    const unit = (suffix: string, extra: Record<string, CellValue>) =>
      layoutRow({
        code: `GG-${String(rows.length + 1).padStart(6, "0")}${suffix}`,
        status: status === "available" ? "可售" : status === "maintenance" ? "维护中" : "停用",
        maintenance_from: status === "maintenance" ? new Date(Date.UTC(2026, rng.int(12), 1 + rng.int(28))) : null,
        maintenance_to: status === "maintenance" ? new Date(Date.UTC(2027, rng.int(12), 1 + rng.int(28))) : null,
        notes: rng.chance(0.2) ? "临街，夜间可见" : "",
        ...extra,
      });
    if (kind === "static" || kind === "led") {
      siteNo++;
      const town = rng.pick(TOWNS);
      const road = rng.pick(ROADS);
      const led = kind === "led";
      const site = {
        site_code: `DW-${String(siteNo).padStart(6, "0")}`,
        site_name: `${town}${road}${led ? "LED屏" : "单立柱"}${siteNo}`,
        facility_type: led ? "LED大屏" : rng.chance(0.7) ? "单立柱" : "墙体",
        address: `${town}${road}${1 + rng.int(300)}号`,
        district: town,
        latitude: round(29 + rng.float(), 6),
        longitude: round(119 + rng.float(), 6),
        width_m: led ? 8 : 3 + rng.int(10) + rng.int(4) * 0.25,
        height_m: led ? 4.5 : 2 + rng.int(5) + rng.int(2) * 0.5,
        illuminated: rng.chance(0.6) ? "是" : "否",
        traffic_notes: rng.chance(0.5) ? "主干道，日车流约 2 万辆" : "",
      };
      if (led) {
        rows.push(unit("", { ...site, name: `${site.site_name}轮播`, medium: "LED屏", category: rng.chance(0.3) ? "outdoor.led" : "户外广告/LED屏", loop_seconds: 60, spot_seconds: 15, face: "正面" }));
      } else {
        for (const face of ["A面", "B面"]) {
          if (rows.length >= count) break;
          rows.push(unit(face === "A面" ? "A" : "B", { ...site, name: `${site.site_name}${face}`, medium: "户外静态", category: "户外广告/静态户外", capacity: 1, face }));
        }
      }
      continue;
    }
    const media: Record<Exclude<Kind, "static" | "led">, Record<string, CellValue>> = {
      splash: { name: "客户端开屏", medium: "客户端开屏", category: "新媒体广告/客户端", capacity: 5 },
      wechat: { name: "公众号头条", medium: "公众号头条", category: "new_media.wechat", capacity: 1 },
      tv: { name: "新闻联播前", medium: "电视", category: "传统媒体广告/电视", capacity: 600, spot_seconds: 15 },
      radio: { name: "早间新闻", medium: "广播", category: "传统媒体广告/广播", capacity: 900, spot_seconds: 15 },
    };
    const m = media[kind];
    rows.push(unit("", { ...m, name: `${m.name}${rows.length + 1}` }));
  }
  return rows;
}

/** The rows as an .xlsx in memory, written by the same streaming writer as the export. */
export async function inventoryWorkbook(rows: CellValue[][]): Promise<Buffer> {
  const pass = new PassThrough();
  const chunks: Buffer[] = [];
  pass.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve, reject) => {
    pass.on("end", resolve);
    pass.on("error", reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: pass, useStyles: true, useSharedStrings: false });
  const sheet = addLayoutSheet(workbook, "广告位清单");
  for (const row of rows) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}

let centerNo = 0;
async function freshCenter(db: AppDb) {
  const code = `bench-imp-${process.pid}-${++centerNo}`;
  const { centerId, adminId } = await createCenterWithAdmin(db, { code, name: `导入基准${centerNo}`, admin: { username: `${code}-admin`, displayName: "管理员", password: "Bench-pass-2026" } });
  return { centerId, userId: adminId, role: "admin" as const };
}

/** The baseline: what it costs the database to take the same rows with no checks at all. */
async function plainInsert(db: AppDb, centerId: string, rows: CellValue[][]): Promise<void> {
  const categories = await db.selectFrom("revenue_categories").select(["id", "code"]).where("center_id", "=", centerId).execute();
  const categoryId = new Map(categories.map((c) => [c.code, c.id]));
  const now = new Date().toISOString();
  const siteIds = new Map<string, string>();
  const sites: Record<string, unknown>[] = [];
  const units: Record<string, unknown>[] = [];
  for (const r of rows) {
    const siteCode = r[11] as string | null;
    if (siteCode && !siteIds.has(siteCode)) {
      const id = newId();
      siteIds.set(siteCode, id);
      sites.push({ id, center_id: centerId, code: siteCode, name: r[12], facility_type: "unipole", address: r[14], district: r[15], latitude_e6: Math.round(Number(r[16]) * 1e6), longitude_e6: Math.round(Number(r[17]) * 1e6), width_cm: Math.round(Number(r[18]) * 100), height_cm: Math.round(Number(r[19]) * 100), illuminated: r[20] === "是" ? 1 : 0, traffic_notes: r[21] ?? "", created_at: now, updated_at: now });
    }
    units.push({ id: newId(), center_id: centerId, code: r[0], name: r[1], medium: "outdoor_static", site_id: siteCode ? siteIds.get(siteCode) : null, face: r[22] ?? "", category_id: categoryId.get("outdoor.static"), capacity: Number(r[4] ?? 1), capacity_unit: "face", loop_seconds: Number(r[5] ?? 0), spot_seconds: Number(r[6] ?? 0), status: "available", maintenance_from: null, maintenance_to: null, archived: 0, notes: r[10] ?? "", created_at: now, updated_at: now });
  }
  await writeTransaction(db, async (trx) => {
    for (let i = 0; i < sites.length; i += 500) await trx.insertInto("sites").values(sites.slice(i, i + 500) as never).execute();
    for (let i = 0; i < units.length; i += 500) await trx.insertInto("units").values(units.slice(i, i + 500) as never).execute();
  });
}

export async function benchInventoryImport(db: AppDb, label: DbLabel, log: (line: string) => void): Promise<BenchResult> {
  const rows = inventoryRows(ROWS);
  const bytes = new Uint8Array(await inventoryWorkbook(rows));
  log(`inventory-import：${rows.length} 行，文件 ${round(bytes.length / 1024 / 1024, 2)} MB`);
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const samples: number[] = [];
  const base: number[] = [];
  const splits: ImportTimings[] = [];
  let reimportMs = NaN;
  try {
    for (let i = 0; i < ITERATIONS; i++) {
      const scope = await freshCenter(db);
      const timings: ImportTimings = { parseMs: 0, validateMs: 0, commitMs: 0 };
      const started = performance.now();
      const outcome = await importBytes(db, scope, { bytes, fileName: "bench.xlsx" }, { timings });
      samples.push(performance.now() - started);
      if (!outcome.ok) throw new Error(`导入失败：${outcome.message} ${JSON.stringify(outcome.problems.slice(0, 3))}`);
      if (outcome.counts.units.created !== ROWS) throw new Error(`应新建 ${ROWS} 个广告位，实际 ${outcome.counts.units.created}`);
      splits.push(timings);
      log(`  第 ${i + 1} 次：${Math.round(samples[i])} ms（解析 ${Math.round(timings.parseMs)}，校验 ${Math.round(timings.validateMs)}，写入 ${Math.round(timings.commitMs)}）`);
      if (i === 0) {
        const again = performance.now();
        const second = await importBytes(db, scope, { bytes, fileName: "bench.xlsx" });
        reimportMs = performance.now() - again;
        if (!second.ok || second.counts.units.unchanged !== ROWS) throw new Error("重复导入应全部不变");
      }
      const baseCenter = await freshCenter(db);
      const b = performance.now();
      await plainInsert(db, baseCenter.centerId, rows);
      base.push(performance.now() - b);
    }
  } finally {
    clearInterval(sampler);
  }
  return summarise("inventory-import", label, samples, base, {
    rows: ROWS,
    file_mb: round(bytes.length / 1024 / 1024, 2),
    parse_ms: round(median(splits.map((s) => s.parseMs)), 1),
    validate_ms: round(median(splits.map((s) => s.validateMs)), 1),
    commit_ms: round(median(splits.map((s) => s.commitMs)), 1),
    reimport_ms: round(reimportMs, 1),
    peak_rss_mb: round(peak / (1024 * 1024), 1),
    rss_before_mb: round(rssBefore / (1024 * 1024), 1),
  });
}
