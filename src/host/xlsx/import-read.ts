/**
 * Reading questionnaire exports into a grid: .xlsx through the package reader (its first sheet,
 * streamed, stopping at the row limit), .csv through csv-parse with the
 * encoding detected (UTF-8, UTF-16 or UTF-32 by their BOM, UTF-8 without one, else GB18030 — a
 * superset of GBK — via the standard TextDecoder), records ended by any mix of CR LF, LF and CR, and
 * Excel's bounds (16,384 columns, 32,767 characters a cell) checked in one pass before csv-parse builds
 * a row. Sizes are checked before anything is parsed whole.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { ImportRefused, importRefusal, type CellValue } from '../../domain';
import { XlsxError } from './errors';
import { XlsxGateway } from './gateway';

export { ImportRefused } from '../../domain';

// The import limits live with every other limit (limits.ts); named here too, as they always were.
import { MAX_CELL_TEXT, MAX_COLS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from './limits';
export { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from './limits';

export type TextEncodingName = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

/**
 * The text of a CSV: the byte-order mark decides (UTF-32LE/BE, UTF-8, UTF-16LE/BE — UTF-32 first, as
 * its little-endian mark begins with UTF-16LE's), else UTF-8 if the whole file is UTF-8, else GB18030.
 * Exactly one mark is removed; invalid text under a mark is refused naming the line, never replaced.
 */
export function decodeText(bytes: Uint8Array, fileName = 'CSV'): { text: string; encoding: TextEncodingName } {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) return { text: utf32(bytes.subarray(4), true, fileName), encoding: 'utf-32le' };
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return { text: utf32(bytes.subarray(4), false, fileName), encoding: 'utf-32be' };
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { text: strictUtf8(bytes.subarray(3), fileName), encoding: 'utf-8' };
  if (b0 === 0xff && b1 === 0xfe) return { text: utf16(bytes.subarray(2), true, fileName), encoding: 'utf-16le' };
  if (b0 === 0xfe && b1 === 0xff) return { text: utf16(bytes.subarray(2), false, fileName), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8 as a whole. A GBK/GB18030 file has no line of real UTF-8 text; a file with both
    // (pasted together from two exports) would decode to mojibake either way: refuse it, naming a line.
    const utf8Line = firstLine(bytes, (line) => isUtf8(line) && nonAscii(line) >= 6);
    const badLine = firstLine(bytes, (line) => !isUtf8(line));
    if (utf8Line !== undefined && badLine !== undefined) {
      throw new ImportRefused(importRefusal('import-mixed-encoding', { file: fileName, utf8Line, badLine }));
    }
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

function strictUtf8(bytes: Uint8Array, fileName: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const bad = firstLine(bytes, (line) => !isUtf8(line));
    throw new ImportRefused(importRefusal('import-bad-utf8', { file: fileName, line: bad ?? '?' }));
  }
}

/** Counts lines the way the CSV reader does: CR LF, CR and LF each end one. Feed it code units or points. */
function lineCounter(): { step: (unit: number) => void; readonly line: number } {
  let line = 1;
  let afterCr = false;
  return {
    step(unit) {
      if (unit === 0x0d || (unit === 0x0a && !afterCr)) line++;
      afterCr = unit === 0x0d;
    },
    get line() {
      return line;
    },
  };
}

function badEncoding(fileName: string, encoding: string, line: number): ImportRefused {
  return new ImportRefused(importRefusal('import-bad-encoding', { file: fileName, encoding, line }));
}

/** UTF-16 after its mark: checked by hand (every surrogate paired, whole code units) so a refusal can name the line. */
function utf16(bytes: Uint8Array, le: boolean, fileName: string): string {
  const name = le ? 'UTF-16LE' : 'UTF-16BE';
  const lines = lineCounter();
  let high = false;
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    const u = le ? bytes[i] | (bytes[i + 1] << 8) : (bytes[i] << 8) | bytes[i + 1];
    const isHigh = u >= 0xd800 && u <= 0xdbff;
    const isLow = u >= 0xdc00 && u <= 0xdfff;
    if (high !== isLow) throw badEncoding(fileName, name, lines.line);
    high = isHigh;
    lines.step(u);
  }
  if (high || bytes.length % 2 !== 0) throw badEncoding(fileName, name, lines.line);
  return new TextDecoder(le ? 'utf-16le' : 'utf-16be', { ignoreBOM: true }).decode(bytes);
}

/**
 * UTF-32 after its mark, decoded by hand (TextDecoder has no UTF-32): each 4 bytes one code point,
 * refused above U+10FFFF, in the surrogate range, or when the file ends inside one.
 */
function utf32(bytes: Uint8Array, le: boolean, fileName: string): string {
  const name = le ? 'UTF-32LE' : 'UTF-32BE';
  const lines = lineCounter();
  const parts: string[] = [];
  const chunk: number[] = [];
  for (let i = 0; i + 3 < bytes.length; i += 4) {
    const cp = le
      ? (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24)) >>> 0
      : ((bytes[i] << 24) | (bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3]) >>> 0;
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw badEncoding(fileName, name, lines.line);
    lines.step(cp);
    chunk.push(cp);
    if (chunk.length === 8192) {
      parts.push(String.fromCodePoint(...chunk));
      chunk.length = 0;
    }
  }
  if (bytes.length % 4 !== 0) throw badEncoding(fileName, name, lines.line);
  parts.push(String.fromCodePoint(...chunk));
  return parts.join('');
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function nonAscii(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) if (b >= 0x80) n++;
  return n;
}

/**
 * The 1-based number of the first line that `test` accepts, lines ended by CR LF, CR or LF as the
 * CSV reader ends them (neither byte occurs inside a UTF-8 or GB18030 character).
 */
function firstLine(bytes: Uint8Array, test: (line: Uint8Array) => boolean): number | undefined {
  let start = 0;
  let no = 1;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a || bytes[i] === 0x0d) {
      if (test(bytes.subarray(start, i))) return no;
      if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) i++;
      start = i + 1;
      no++;
    }
  }
  return undefined;
}

/** CSV records end at CR LF, LF or CR — any mix in one file (csv-parse would guess one from the first line). */
const RECORD_DELIMITERS = ['\r\n', '\n', '\r'];
const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;
const NUL = 0;
const BOM = 0xfeff;

/**
 * One pass over the text before csv-parse builds anything, with the grammar csv-parse applies to our
 * options (RFC 4180 quoting, `""` inside quotes, any line ending, empty lines skipped): refuses,
 * naming the line as an editor numbers it, an unclosed or misplaced quote, a NUL, a record starting with
 * a stray BOM, a record over Excel's 16,384 columns or a field over its 32,767 characters per cell —
 * each as soon as it is met, so a 10 MB header of 5 million columns stops at column 16,385 having
 * allocated nothing — and more records than the import takes. Returns the number of records.
 */
export function scanCsv(text: string, fileName: string): number {
  const n = text.length;
  const refuse = (code: 'import-csv-nul' | 'import-csv-stray-bom' | 'import-csv-quote-not-closed', line: number) => new ImportRefused(importRefusal(code, { file: fileName, line }));
  const atColumn = (code: 'import-csv-bad-closing-quote' | 'import-csv-bad-opening-quote', line: number, column: number) => new ImportRefused(importRefusal(code, { file: fileName, line, column }));
  const tooLong = (line: number, column: number) => new ImportRefused(importRefusal('import-csv-cell-too-long', { file: fileName, line, column, max: MAX_CELL_TEXT }));
  let line = 1;
  let records = 0;
  let fields = 0; // fields ended in the current record
  let fieldStart = 0;
  let quoted = false; // the current field was a quoted one (now closed)
  let i = 0;
  const endRecord = () => {
    if (fields === 0 && !quoted && fieldStart === i) return; // an empty line: skipped
    if (++records > MAX_IMPORT_ROWS + 1) throw tooManyRows(fileName, records - 1);
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      if (i !== fieldStart) throw atColumn('import-csv-bad-opening-quote', line, fields + 1);
      const from = line;
      let length = 0;
      for (i++; ; i++) {
        if (i >= n) throw refuse('import-csv-quote-not-closed', from);
        const d = text.charCodeAt(i);
        if (d === QUOTE) {
          if (text.charCodeAt(i + 1) !== QUOTE) break;
          i++;
        } else if (d === CR) {
          if (text.charCodeAt(i + 1) === LF) {
            i++;
            length++;
          }
          line++;
        } else if (d === LF) line++;
        else if (d === NUL) throw refuse('import-csv-nul', line);
        if (++length > MAX_CELL_TEXT) throw tooLong(from, fields + 1);
      }
      i++; // past the closing quote
      const next = text.charCodeAt(i);
      if (i < n && next === NUL) throw refuse('import-csv-nul', line);
      if (i < n && next !== COMMA && next !== CR && next !== LF) throw atColumn('import-csv-bad-closing-quote', line, fields + 1);
      quoted = true;
    } else if (c === COMMA) {
      if (++fields >= MAX_COLS) throw new ImportRefused(importRefusal('import-csv-too-many-columns', { file: fileName, line, max: MAX_COLS }));
      fieldStart = ++i;
      quoted = false;
    } else if (c === CR || c === LF) {
      endRecord();
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      fields = 0;
      fieldStart = i;
      quoted = false;
    } else {
      if (c === NUL) throw refuse('import-csv-nul', line);
      if (c === BOM && fields === 0 && i === fieldStart) throw refuse('import-csv-stray-bom', line);
      if (i - fieldStart >= MAX_CELL_TEXT) throw tooLong(line, fields + 1);
      i++;
    }
  }
  endRecord();
  return records;
}

/**
 * csv-parse's own errors in our words, by `code`, keeping its line number (csv-parse counts CR LF inside a
 * quoted field as two lines; `scanCsv` runs first and numbers lines exactly, so this is the fallback).
 */
export function csvParseRefusal(e: unknown, fileName: string): ImportRefused | undefined {
  if (!(e instanceof CsvError)) return undefined;
  const info = e as CsvError & { lines?: number; column?: number | string | null };
  const line = typeof info.lines === 'number' ? info.lines : 0;
  const column = typeof info.column === 'number' ? info.column + 1 : 1;
  switch (e.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new ImportRefused(importRefusal('import-csv-quote-not-closed', { file: fileName, line }));
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return new ImportRefused(importRefusal('import-csv-bad-closing-quote', { file: fileName, line, column }));
    case 'INVALID_OPENING_QUOTE':
      return new ImportRefused(importRefusal('import-csv-bad-opening-quote', { file: fileName, line, column }));
    default:
      return new ImportRefused(importRefusal('import-bad-csv', { file: fileName, line, code: e.code }));
  }
}

/**
 * A CSV (or .txt) export as a grid: decoded, scanned within Excel's bounds and the row limit (records,
 * not lines: a quoted field may hold line breaks), then parsed by csv-parse.
 */
export function readCsv(bytes: Uint8Array, fileName: string): { grid: string[][]; encoding: TextEncodingName } {
  const { text, encoding } = decodeText(bytes, fileName);
  scanCsv(text, fileName);
  try {
    const grid = parse(text, { record_delimiter: RECORD_DELIMITERS, relax_column_count: true, skip_empty_lines: true }) as string[][];
    return { grid, encoding };
  } catch (e) {
    throw csvParseRefusal(e, fileName) ?? e;
  }
}

export async function readExport(bytes: Uint8Array, fileName: string): Promise<{ grid: CellValue[][]; encoding?: string }> {
  const mb = (bytes.length / 1024 / 1024).toFixed(1);
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new ImportRefused(importRefusal('import-too-large', { file: fileName, mb, max: MAX_IMPORT_BYTES / 1024 / 1024 }));
  }
  const ext = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (ext === 'xls') {
    throw new ImportRefused(importRefusal('import-xls', { file: fileName }));
  }
  if (ext === 'xlsx') {
    let gateway: XlsxGateway;
    try {
      gateway = await XlsxGateway.open(bytes);
    } catch (e) {
      if (e instanceof XlsxError) throw new ImportRefused(importRefusal('import-unreadable', { file: fileName, why: e }));
      throw e;
    }
    const first = (await gateway.listSheets())[0];
    if (!first) throw new ImportRefused(importRefusal('import-no-sheet', { file: fileName }));
    // One row past the limit is enough to know it is over: the rest is never read.
    const grid = await gateway.readRows(first.name, MAX_IMPORT_ROWS + 2);
    if (grid.length > MAX_IMPORT_ROWS + 1) throw tooManyRows(fileName, MAX_IMPORT_ROWS);
    return { grid: grid as CellValue[][] };
  }
  if (ext !== 'csv' && ext !== 'txt') {
    throw new ImportRefused(importRefusal('import-unknown-format', { file: fileName }));
  }
  return readCsv(bytes, fileName);
}

function tooManyRows(fileName: string, rows: number): ImportRefused {
  return new ImportRefused(importRefusal('import-too-many-rows', { file: fileName, rows, max: MAX_IMPORT_ROWS }));
}
