/**
 * Reading questionnaire exports into a grid: .xlsx through the package reader (its first sheet,
 * streamed, stopping at the row limit), .csv through csv-parse with the
 * encoding detected (UTF-8 with or without BOM, else GB18030 — a superset of GBK — via the standard
 * TextDecoder). Sizes are checked before anything is parsed whole.
 */
import { parse } from 'csv-parse/sync';
import { ImportRefused, importRefusal, type CellValue } from '../../domain';
import { XlsxError } from './errors';
import { XlsxGateway } from './gateway';

export { ImportRefused } from '../../domain';

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 200_000;

export function decodeText(bytes: Uint8Array, fileName = 'CSV'): { text: string; encoding: 'utf-8' | 'gb18030' } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: strictUtf8(bytes.subarray(3), fileName), encoding: 'utf-8' };
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
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const bad = firstLine(bytes, (line) => !isUtf8(line));
    throw new ImportRefused(importRefusal('import-bad-utf8', { file: fileName, line: bad ?? '?' }));
  }
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

/** The 1-based number of the first line (split at LF) that `test` accepts. */
function firstLine(bytes: Uint8Array, test: (line: Uint8Array) => boolean): number | undefined {
  let start = 0;
  let no = 1;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      if (test(bytes.subarray(start, i))) return no;
      start = i + 1;
      no++;
    }
  }
  return undefined;
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
  const { text, encoding } = decodeText(bytes, fileName);
  let grid: string[][];
  try {
    grid = parse(text, { relax_column_count: true, skip_empty_lines: true, to_line: MAX_IMPORT_ROWS + 2 }) as string[][];
  } catch (e) {
    throw new ImportRefused(importRefusal('import-bad-csv', { file: fileName, detail: (e as Error).message }));
  }
  if (grid.length > MAX_IMPORT_ROWS + 1) throw tooManyRows(fileName, grid.length - 1);
  return { grid, encoding };
}

function tooManyRows(fileName: string, rows: number): ImportRefused {
  return new ImportRefused(importRefusal('import-too-many-rows', { file: fileName, rows, max: MAX_IMPORT_ROWS }));
}
