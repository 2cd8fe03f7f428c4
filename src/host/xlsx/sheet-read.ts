/**
 * Reading cells: one SAX pass (saxes) over a sheet's XML, streamed from the zip, straight into the
 * engine's grid — no workbook object model. Reads what every producer writes: shared and inline
 * strings, rich text (phonetic runs left out), booleans, errors, ISO dates, formulas by their cached
 * values (shared formulas too), dates by their cell format in the 1900 or 1904 system. Counts and
 * dimensions in the file are claims, not allocations: only cells that are there cost memory.
 */
import { SaxesParser } from 'saxes';
import type { CellValue, Grid } from '../../domain';
import { XlsxError } from './errors';
import type { OoxmlPackage } from './package';
import { onDoctype, ooxmlUnescape } from './xml';

/** Excel's grid. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

const localOf = (name: string) => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

/** Reads the shared-strings table (rich text joined, phonetic guides left out). */
export async function readSharedStrings(pkg: OoxmlPackage, path: string | undefined): Promise<string[]> {
  if (!path || !pkg.has(path)) return [];
  const out: string[] = [];
  const parser = new SaxesParser({ position: false });
  let inSi = false;
  let inT = false;
  let phonetic = 0;
  let text = '';
  parser.on('doctype', () => onDoctype(path));
  parser.on('opentag', (tag) => {
    const n = localOf(tag.name);
    if (n === 'si') {
      inSi = true;
      text = '';
    } else if (n === 't' && inSi && phonetic === 0) inT = true;
    else if (n === 'rPh') phonetic++;
  });
  parser.on('closetag', (tag) => {
    const n = localOf(tag.name);
    if (n === 'si') {
      out.push(ooxmlUnescape(text));
      inSi = false;
    } else if (n === 't') inT = false;
    else if (n === 'rPh') phonetic--;
  });
  parser.on('text', (t) => {
    if (inT) text += t;
  });
  parser.on('cdata', (t) => {
    if (inT) text += t;
  });
  await feed(pkg, path, parser);
  return out;
}

async function feed(pkg: OoxmlPackage, path: string, parser: SaxesParser, stop?: { now: boolean }): Promise<void> {
  try {
    await pkg.stream(path, (chunk) => {
      parser.write(chunk);
      return !stop?.now;
    });
    if (!stop?.now) parser.close();
  } catch (e) {
    if (e instanceof XlsxError) throw e;
    throw new XlsxError('bad-xml', { part: path, detail: (e as Error).message.split('\n')[0] });
  }
}

/** 1-based column of the letters that start an `A1`-style reference. */
function colOfRef(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else if (c !== 36 /* $ */) break;
  }
  return col;
}

const DAY_MS = 86_400_000;

const isoCache = new Map<number, string | undefined>();

/** serialToIso, memoised for the 1900 system (a column of dates repeats the same few hundred days). */
function cachedIso(serial: number, date1904: boolean): string | undefined {
  if (date1904) return serialToIso(serial, true);
  let iso = isoCache.get(serial);
  if (iso === undefined && !isoCache.has(serial)) {
    if (isoCache.size > 100_000) isoCache.clear();
    isoCache.set(serial, (iso = serialToIso(serial, false)));
  }
  return iso;
}

/** An Excel serial date as ISO `YYYY-MM-DD` (with the time when it is not midnight); Excel stores no zone. */
export function serialToIso(serial: number, date1904: boolean): string | undefined {
  if (!Number.isFinite(serial) || serial < 0 || serial > 2_958_466) return undefined;
  // 1900 system: serial 1 = 1900-01-01, and Excel counts a 29 Feb 1900 that never was (serial 60).
  const epochDays = date1904 ? 24107 : serial < 60 ? 25568 : 25569;
  const ms = Math.round((serial - epochDays) * DAY_MS / 1000) * 1000;
  const iso = new Date(ms).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

export interface ReadContext {
  readonly sharedStrings: readonly string[];
  readonly dateStyles: readonly boolean[];
  readonly date1904: boolean;
}

export interface SheetReadResult {
  /** Row-major from A1; absent rows are empty, absent cells null. */
  readonly grid: Grid;
  /** Cells holding a formula with no cached value (the file was saved without calculating). */
  readonly uncalculated: string[];
  /** Merged ranges (`G2:G11`), as listed after the cells (a full read only). */
  readonly merges: string[];
}

/** Absent rows share one frozen empty row (a sheet whose one cell is in row 1,000,000 costs little). */
const EMPTY_ROW: CellValue[] = Object.freeze([]) as unknown as CellValue[];

/**
 * Reads a sheet's cells into a grid, up to `lastRow` (1-based) when given: the read stops there and
 * the rest of the sheet is never inflated.
 */
export async function readSheetGrid(pkg: OoxmlPackage, part: string, sheet: string, ctx: ReadContext, bounds: { lastRow?: number; firstCol?: number; lastCol?: number } = {}): Promise<SheetReadResult> {
  const lastRow = Math.min(bounds.lastRow ?? MAX_ROWS, MAX_ROWS);
  const firstCol = bounds.firstCol ?? 1;
  const lastCol = bounds.lastCol ?? MAX_COLS;
  const grid: CellValue[][] = [];
  const uncalculated: string[] = [];
  const merges: string[] = [];
  const parser = new SaxesParser({ position: false });
  const stop = { now: false };

  let inSheetData = false;
  let rowNo = 0;
  let row: CellValue[] | undefined;
  let colNo = 0;
  let type = '';
  let style = 0;
  let ref = '';
  let hasFormula = false;
  let text = '';
  let collecting = false;
  let inIs = false;
  let phonetic = 0;
  let gotValue = false;

  const put = () => {
    if (!row || colNo < firstCol || colNo > lastCol) return;
    let value: CellValue = null;
    if (!gotValue) {
      if (hasFormula) uncalculated.push(`${sheet}!${ref || colNo}`);
      if (type !== 'inlineStr') return;
    }
    switch (type) {
      case 's': {
        const i = Number(text);
        const s = ctx.sharedStrings[i];
        if (s === undefined) throw new XlsxError('bad-string-index', { sheet, cell: ref || String(colNo) });
        value = s;
        break;
      }
      case 'inlineStr':
      case 'str':
        value = ooxmlUnescape(text);
        break;
      case 'b':
        value = text.trim() === '1' || text.trim() === 'true';
        break;
      case 'e':
        value = text.trim();
        break;
      case 'd':
        value = text.trim().replace('T', ' ').replace(/(\.\d+)?Z?$/, '').replace(/ 00:00:00$/, '');
        break;
      default: {
        const n = Number(text);
        if (text.trim() === '' || Number.isNaN(n)) value = text.trim() === '' ? null : text;
        else value = ctx.dateStyles[style] ? (cachedIso(n, ctx.date1904) ?? n) : n;
      }
    }
    const c = colNo - firstCol;
    while (row.length < c) row.push(null);
    row[c] = value;
  };

  parser.on('doctype', () => onDoctype(part));
  parser.on('opentag', (tag) => {
    const n = tag.name.indexOf(':') >= 0 ? localOf(tag.name) : tag.name;
    switch (n) {
      case 'sheetData':
        inSheetData = true;
        break;
      case 'row': {
        if (!inSheetData) break;
        const r = tag.attributes.r as string | undefined;
        rowNo = r !== undefined ? Number(r) : rowNo + 1;
        if (!Number.isInteger(rowNo) || rowNo < 1 || rowNo > MAX_ROWS) throw new XlsxError('bad-cell', { sheet, cell: `row ${r}` });
        if (rowNo > lastRow) {
          stop.now = true;
          row = undefined;
          break;
        }
        while (grid.length < rowNo - 1) grid.push(EMPTY_ROW);
        if (grid.length >= rowNo) {
          // Rows out of order (not valid, but some writers do it): merge into the one already read.
          row = grid[rowNo - 1] === EMPTY_ROW ? (grid[rowNo - 1] = []) : grid[rowNo - 1];
        } else {
          row = [];
          grid.push(row);
        }
        colNo = 0;
        break;
      }
      case 'c': {
        if (!row) break;
        const r = tag.attributes.r as string | undefined;
        ref = r ?? '';
        if (r !== undefined) {
          colNo = colOfRef(r);
          if (colNo < 1 || colNo > MAX_COLS) throw new XlsxError('bad-cell', { sheet, cell: r });
        } else colNo++;
        type = (tag.attributes.t as string | undefined) ?? '';
        const s = tag.attributes.s as string | undefined;
        style = s === undefined ? 0 : Number(s);
        hasFormula = false;
        gotValue = false;
        text = '';
        break;
      }
      case 'v':
        if (row) {
          collecting = true;
          gotValue = true;
          text = '';
        }
        break;
      case 'f':
        hasFormula = true;
        break;
      case 'is':
        inIs = true;
        gotValue = true;
        text = '';
        break;
      case 't':
        if (inIs && phonetic === 0) collecting = true;
        break;
      case 'rPh':
        phonetic++;
        break;
      case 'mergeCell':
        if (!inSheetData && typeof tag.attributes.ref === 'string' && merges.length < 10_000) merges.push(tag.attributes.ref as string);
        break;
    }
  });
  parser.on('closetag', (tag) => {
    const n = tag.name.indexOf(':') >= 0 ? localOf(tag.name) : tag.name;
    switch (n) {
      case 'sheetData':
        inSheetData = false;
        // What follows the cells is small; a bounded read has no use for it.
        if (bounds.lastRow !== undefined) stop.now = true;
        break;
      case 'c':
        if (row) put();
        break;
      case 'v':
      case 't':
        collecting = false;
        break;
      case 'is':
        inIs = false;
        break;
      case 'rPh':
        phonetic--;
        break;
    }
  });
  parser.on('text', (t) => {
    if (collecting) text += t;
  });
  parser.on('cdata', (t) => {
    if (collecting) text += t;
  });
  await feed(pkg, part, parser, stop);
  // Trailing empty rows carry nothing.
  while (grid.length > 0 && grid[grid.length - 1].length === 0) grid.pop();
  return { grid, uncalculated, merges };
}
