// Reading an uploaded file into rows of text keyed by column. The format is told by the bytes,
// never by the file name: an .xlsx is a ZIP ("PK\x03\x04"), an old .xls is an OLE file, anything
// else must decode as text and is read as CSV.
import { t } from "~/i18n";
import { IMPORT_COLUMNS, MAX_DATA_ROWS, MAX_UPLOAD_BYTES, normaliseHeader } from "./columns";
import { decodeText, parseCsv } from "./csv";
import { type RawRows, readFirstSheet } from "./xlsx-reader";

export type FileFormat = "xlsx" | "csv";

export interface SheetRow {
  /** The row number as the sheet shows it (the header is row 1). */
  row: number;
  /** Column key → cell text. */
  cells: Record<string, string>;
}

export interface SheetData {
  format: FileFormat;
  rows: SheetRow[];
}

export interface FileRefusal {
  status: 400 | 413;
  message: string;
}

export type ParseResult = { ok: true; sheet: SheetData } | { ok: false; refusal: FileRefusal };

const refuse = (message: string, status: 400 | 413 = 400): ParseResult => ({ ok: false, refusal: { status, message } });

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);
}

export async function parseUpload(bytes: Uint8Array): Promise<ParseResult> {
  if (bytes.length === 0) return refuse(t("excel.error.empty"));
  if (bytes.length > MAX_UPLOAD_BYTES) return refuse(t("excel.error.tooLarge"), 413);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return refuse(t("excel.error.oldXls"));
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const raw = await readFirstSheet(bytes, MAX_DATA_ROWS);
    return raw ? toSheet("xlsx", raw) : refuse(t("excel.error.badWorkbook"));
  }
  const decoded = decodeText(bytes);
  return decoded.ok ? toSheet("csv", readCsv(decoded.text)) : refuse(t("excel.error.notSpreadsheet"));
}

function isBlank(cells: string[]): boolean {
  return cells.every((c) => c.trim() === "");
}

function readCsv(text: string): RawRows {
  const rows: RawRows["rows"] = [];
  let data = 0;
  const records = parseCsv(text);
  for (let i = 0; i < records.length; i++) {
    const cells = records[i];
    if (rows.length > 0 && isBlank(cells)) continue;
    if (rows.length > 0 && ++data > MAX_DATA_ROWS) return { rows, overflow: true };
    rows.push({ row: i + 1, cells });
  }
  return { rows, overflow: false };
}

function toSheet(format: FileFormat, raw: RawRows): ParseResult {
  if (raw.overflow) return refuse(t("excel.error.tooManyRows", { max: MAX_DATA_ROWS }));
  const [header, ...data] = raw.rows;
  if (!header) return refuse(t("excel.error.noData"));
  if (header.row !== 1) return refuse(t("excel.error.headerNotFirst"));
  const byHeader = new Map(IMPORT_COLUMNS.map((c) => [normaliseHeader(c.header), c.key]));
  const positions: { index: number; key: string }[] = [];
  const seen = new Set<string>();
  const unknown: string[] = [];
  const repeated: string[] = [];
  header.cells.forEach((text, index) => {
    const name = normaliseHeader(text);
    if (name === "") return;
    const key = byHeader.get(name);
    if (!key) unknown.push(text.trim());
    else if (seen.has(key)) repeated.push(text.trim());
    else {
      seen.add(key);
      positions.push({ index, key });
    }
  });
  const missing = IMPORT_COLUMNS.filter((c) => !seen.has(c.key)).map((c) => c.header);
  if (missing.length || unknown.length || repeated.length) {
    const parts: string[] = [];
    if (missing.length) parts.push(t("excel.error.missingColumns", { columns: missing.join("、") }));
    if (unknown.length) parts.push(t("excel.error.unknownColumns", { columns: unknown.join("、") }));
    if (repeated.length) parts.push(t("excel.error.repeatedColumns", { columns: repeated.join("、") }));
    return refuse(`${parts.join("；")}。${t("excel.error.useTemplate")}`);
  }
  if (data.length === 0) return refuse(t("excel.error.noData"));
  const rows: SheetRow[] = data.map(({ row, cells }) => {
    const record: Record<string, string> = {};
    for (const { index, key } of positions) record[key] = cells[index] ?? "";
    return { row, cells: record };
  });
  return { ok: true, sheet: { format, rows } };
}
