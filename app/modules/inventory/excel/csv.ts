// CSV as saved by Excel and WPS: UTF-8 with or without a byte-order mark, or GBK (what a Chinese
// Windows Excel writes for "CSV"). Fields are RFC 4180: commas, double quotes, "" for a quote,
// line breaks inside quotes.

export type Decoded = { ok: true; text: string } | { ok: false };

/** UTF-8 first (strict, so GBK bytes are not silently mangled), then GBK. */
export function decodeText(bytes: Uint8Array): Decoded {
  let body = bytes;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) body = bytes.subarray(3);
  // A NUL byte never occurs in a text file: this is a binary file (an image, an old .xls…).
  if (body.includes(0)) return { ok: false };
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(body) };
  } catch {
    // fall through to GBK
  }
  try {
    return { ok: true, text: new TextDecoder("gbk", { fatal: true }).decode(body) };
  } catch {
    return { ok: false };
  }
}

/** Rows of fields. A trailing empty line is not a row. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  const endField = () => {
    row.push(field);
    field = "";
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === "") {
      quoted = true;
    } else if (ch === ",") {
      endField();
    } else if (ch === "\r") {
      if (text[i + 1] === "\n") i++;
      endRow();
    } else if (ch === "\n") {
      endRow();
    } else {
      field += ch;
    }
    i++;
  }
  if (field !== "" || row.length > 0) endRow();
  return rows;
}

/** One CSV field: quoted when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
