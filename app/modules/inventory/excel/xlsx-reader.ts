// Reading the first worksheet of an .xlsx as rows of cell text, streamed. exceljs 4.4's streaming
// reader decodes each decompressed chunk on its own, so a Chinese character (3 bytes in UTF-8) that
// straddles two chunks comes out as "��" ("单立柱" → "单立��"). The subclass below hands it text
// decoded across chunk boundaries instead. It overrides two internal methods of that version; if
// they ever disappear, the whole-workbook loader (correct, but slower and larger) is used.
import { Readable, Transform } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import ExcelJS from "exceljs";
import { cellText } from "./cells";

export interface RawRows {
  /** Non-blank rows: sheet row number and cell texts by column position from 0. */
  rows: { row: number; cells: string[] }[];
  /** More data rows than allowed were found (reading stopped there). */
  overflow: boolean;
}

type ReaderInternals = {
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
  model?: { sheets?: { name: string }[] };
};

const BaseReader = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (input: Readable, options: object) => ReaderInternals & AsyncIterable<unknown>;
const internals = BaseReader.prototype as Partial<ReaderInternals>;
const CAN_STREAM = typeof internals._parseSharedStrings === "function" && typeof internals._parseWorksheet === "function";

function utf8Text(): Transform {
  const decoder = new StringDecoder("utf8");
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, done) {
      const text = decoder.write(chunk);
      if (text) this.push(text);
      done();
    },
    flush(done) {
      const text = decoder.end();
      if (text) this.push(text);
      done();
    },
  });
}

async function* utf8Chunks(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder("utf8");
  for await (const chunk of chunks) {
    const text = typeof chunk === "string" ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

class Utf8SafeReader extends BaseReader {
  _parseSharedStrings(entry: NodeJS.ReadableStream) {
    return super._parseSharedStrings(entry.pipe(utf8Text()));
  }
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string) {
    return super._parseWorksheet(utf8Chunks(iterator), sheetNo);
  }
}

function rowCells(values: unknown[]): string[] {
  const cells: string[] = [];
  for (let c = 1; c < values.length; c++) cells.push(cellText(values[c]));
  return cells;
}

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === "");

/** Collects rows until `maxDataRows` data rows after the header are exceeded. */
function collector(maxDataRows: number) {
  const result: RawRows = { rows: [], overflow: false };
  let data = 0;
  return {
    result,
    /** false once the limit is passed: stop reading. */
    add(row: number, values: unknown[]): boolean {
      const cells = rowCells(values);
      if (isBlank(cells)) return true;
      if (result.rows.length > 0 && ++data > maxDataRows) {
        result.overflow = true;
        return false;
      }
      result.rows.push({ row, cells });
      return true;
    },
  };
}

async function streamFirstSheet(bytes: Buffer, maxDataRows: number): Promise<RawRows | null> {
  const reader = new Utf8SafeReader(Readable.from([bytes]), { worksheets: "emit", sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", entries: "ignore" });
  const rows = collector(maxDataRows);
  let found = false;
  for await (const emitted of reader) {
    const sheet = emitted as AsyncIterable<ExcelJS.Row> & { name: string };
    // workbook.xml (the tab order) is parsed before the reader emits any sheet.
    const order = reader.model?.sheets;
    if (found || (order?.length ? sheet.name !== order[0].name : false)) continue;
    found = true;
    for await (const row of sheet) {
      if (!rows.add(row.number, row.values as unknown[])) break;
    }
  }
  return found ? rows.result : null;
}

async function loadFirstSheet(bytes: Buffer, maxDataRows: number): Promise<RawRows | null> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return null;
  const rows = collector(maxDataRows);
  let reading = true;
  sheet.eachRow((row) => {
    if (reading) reading = rows.add(row.number, row.values as unknown[]);
  });
  return rows.result;
}

/** The first worksheet's rows, or null when the bytes are not a readable workbook. */
export async function readFirstSheet(bytes: Uint8Array, maxDataRows: number): Promise<RawRows | null> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    return CAN_STREAM ? await streamFirstSheet(buffer, maxDataRows) : await loadFirstSheet(buffer, maxDataRows);
  } catch {
    return null;
  }
}
