/**
 * Reading cells: one SAX pass (saxes) over a sheet's XML, streamed from the zip, straight into the
 * engine's grid — no workbook object model. Reads what every producer writes: shared and inline
 * strings, rich text (phonetic runs left out), booleans, errors, ISO dates, formulas by their cached
 * values (shared formulas too), dates by their cell format in the 1900 or 1904 system. Counts and
 * dimensions in the file are claims, not allocations: only cells that are there cost memory.
 *
 * Budgets (limits.ts), held while the XML streams in:
 * - a row's width is a claim: an empty cell (no value, or an empty string) never widens a row, so a
 *   blank cell at XFD costs nothing; a value is placed at its column, the empty cells before it in the
 *   row counted with the sheet's cells (limit per sheet, and for all sheets of the package);
 * - text per cell: Excel's 32,767 characters, checked as the text comes in — the parser is never let
 *   hold more than a few times that before the read is refused naming the source cell (`调查数据!U198`);
 *   the same for each shared string, and for the number of them;
 * - any other unbroken run of XML (an attribute, a comment) the parser would hold is bounded too.
 */
import { SaxesParser } from 'saxes';
import type { CellValue, Grid } from '../../domain';
import { XlsxError } from './errors';
import { limitText, MAX_CELL_TEXT, MAX_COLS, MAX_MERGES, MAX_ROWS, MAX_XML_RUN_CHARS } from './limits';
import type { OoxmlPackage } from './package';
import { onDoctype, ooxmlUnescape } from './xml';

/** Excel's grid (from limits.ts). */
export { MAX_COLS, MAX_ROWS } from './limits';

/**
 * The most raw characters one cell's text may take before it is certainly over Excel's limit: each
 * character can be written as a 7-character `_xHHHH_` escape, decoded after the XML.
 */
const MAX_RAW_CELL_TEXT = 7 * MAX_CELL_TEXT;
/** The parser is fed this many characters at a time, so a run is noticed within this much of its limit. */
const FEED_PIECE = 64 * 1024;

/** Column letters of a 1-based column number (1 → A, 16384 → XFD). */
function letters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * What the parser may hold between two of its events, and what to say when a run passes it. The
 * readers' handlers set `seen` on every event; feed() counts the characters written since.
 */
interface RunGuard {
  seen: boolean;
  /** The longest run allowed now (less inside a cell's text). */
  max(): number;
  /** The refusal when a run passes max(). */
  overflow(): XlsxError;
  /** The refusal when the XML is not well-formed, `at` characters into the part (said in our words, with where). */
  malformed(at: number): XlsxError;
}

const localOf = (name: string) => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

/**
 * Reads the shared-strings table (rich text joined, phonetic guides left out). A string over Excel's
 * 32,767 characters, or more strings than the limit, ends the read naming the part and the string.
 */
export async function readSharedStrings(pkg: OoxmlPackage, path: string | undefined): Promise<string[]> {
  if (!path || !pkg.has(path)) return [];
  const out: string[] = [];
  const maxStrings = pkg.budget.sharedStrings;
  const parser = new SaxesParser({ position: false });
  let inSi = false;
  let inT = false;
  let phonetic = 0;
  let text = '';
  const tooLong = () => new XlsxError('shared-string-too-long', { part: path, index: out.length + 1, limit: limitText(MAX_CELL_TEXT) });
  const guard: RunGuard = {
    seen: false,
    max: () => (inT ? MAX_RAW_CELL_TEXT : MAX_XML_RUN_CHARS),
    overflow: () => (inT ? tooLong() : new XlsxError('xml-run-too-long', { part: path, limit: limitText(MAX_XML_RUN_CHARS) })),
    malformed: (at) => new XlsxError('xml-malformed', out.length > 0 || inSi ? { part: path, index: out.length + 1 } : { part: path, count: at }),
  };
  const add = (t: string) => {
    guard.seen = true;
    if (!inT) return;
    text += t;
    if (text.length > MAX_RAW_CELL_TEXT) throw tooLong();
  };
  parser.on('doctype', () => onDoctype(path));
  parser.on('opentag', (tag) => {
    guard.seen = true;
    const n = localOf(tag.name);
    if (n === 'si') {
      inSi = true;
      text = '';
    } else if (n === 't' && inSi && phonetic === 0) inT = true;
    else if (n === 'rPh') phonetic++;
  });
  parser.on('closetag', (tag) => {
    guard.seen = true;
    const n = localOf(tag.name);
    if (n === 'si') {
      const s = ooxmlUnescape(text);
      if (s.length > MAX_CELL_TEXT) throw tooLong();
      if (out.length >= maxStrings) throw new XlsxError('too-many-shared-strings', { part: path, limit: limitText(maxStrings) });
      out.push(s);
      text = '';
      inSi = false;
    } else if (n === 't') inT = false;
    else if (n === 'rPh') phonetic--;
  });
  parser.on('text', add);
  parser.on('cdata', add);
  await feed(pkg, path, parser, guard);
  return out;
}

/**
 * Streams a part into a parser in pieces of FEED_PIECE characters, refusing as soon as the parser
 * has been fed more than guard.max() characters without an event (it would be holding them all).
 */
async function feed(pkg: OoxmlPackage, path: string, parser: SaxesParser, guard: RunGuard, stop?: { now: boolean }): Promise<void> {
  const mark = () => void (guard.seen = true);
  parser.on('comment', mark);
  parser.on('processinginstruction', mark);
  let pending = 0;
  try {
    await pkg.stream(path, (chunk) => {
      for (let at = 0; at < chunk.length && !stop?.now; ) {
        let end = Math.min(chunk.length, at + FEED_PIECE);
        const last = chunk.charCodeAt(end - 1);
        if (end < chunk.length && last >= 0xd800 && last <= 0xdbff) end--; // never split a surrogate pair
        guard.seen = false;
        parser.write(at === 0 && end === chunk.length ? chunk : chunk.slice(at, end));
        pending = guard.seen ? 0 : pending + (end - at);
        if (pending > guard.max()) throw guard.overflow();
        at = end;
      }
      return !stop?.now;
    });
    if (!stop?.now) parser.close();
  } catch (e) {
    if (e instanceof XlsxError) throw e;
    // saxes says what is wrong in its own words; the user is told where, in ours.
    throw guard.malformed(parser.position);
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
  /** Cells the grid holds: every row's length (the empty cells before its last value included). */
  let cells = 0;
  const maxCells = pkg.budget.sheetCells;

  /** The cell being read, as a user finds it (`调查数据!U198`, also for cells written without `r`). */
  const address = () => ref || `${letters(colNo)}${rowNo}`;
  const tooLong = () => new XlsxError('text-too-long', { sheet, cell: address() });
  const guard: RunGuard = {
    seen: false,
    max: () => (collecting ? MAX_RAW_CELL_TEXT : MAX_XML_RUN_CHARS),
    overflow: () => (collecting ? tooLong() : new XlsxError('xml-run-too-long', { part, limit: limitText(MAX_XML_RUN_CHARS) })),
    malformed: (at) => new XlsxError('xml-malformed', inSheetData && rowNo > 0 ? { part, cell: `${sheet}!${colNo > 0 ? address() : `${rowNo}:${rowNo}`}` } : { part, count: at }),
  };

  /** Puts a value at 0-based column `c` of the current row: an empty value never widens the row. */
  const place = (r: CellValue[], c: number, value: CellValue) => {
    if (c < r.length) {
      r[c] = value;
      return;
    }
    if (value === null || value === '') return;
    cells += c + 1 - r.length;
    if (cells > maxCells) throw new XlsxError('too-many-cells', { sheet, cell: address(), limit: limitText(maxCells) });
    while (r.length < c) r.push(null);
    r.push(value);
  };

  const put = () => {
    if (!row || colNo < firstCol || colNo > lastCol) return;
    let value: CellValue = null;
    if (!gotValue) {
      if (hasFormula) uncalculated.push(`${sheet}!${address()}`);
      if (type !== 'inlineStr') return;
    }
    switch (type) {
      case 's': {
        const i = Number(text);
        const s = ctx.sharedStrings[i];
        if (s === undefined) throw new XlsxError('bad-string-index', { sheet, cell: address() });
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
        // Not a number a cell can hold (`abc`, `1e400`, `Infinity`): kept as the text it is, for the job to judge.
        if (text.trim() === '' || !Number.isFinite(n)) value = text.trim() === '' ? null : text;
        else value = ctx.dateStyles[style] ? (cachedIso(n, ctx.date1904) ?? n) : n;
      }
    }
    if (typeof value === 'string' && value.length > MAX_CELL_TEXT) throw tooLong();
    place(row, colNo - firstCol, value);
  };

  /** Text of the cell being read, refused the moment it is certainly over Excel's limit. */
  const add = (t: string) => {
    guard.seen = true;
    if (!collecting) return;
    text += t;
    if (text.length > MAX_RAW_CELL_TEXT) throw tooLong();
  };

  parser.on('doctype', () => onDoctype(part));
  parser.on('opentag', (tag) => {
    guard.seen = true;
    const n = tag.name.indexOf(':') >= 0 ? localOf(tag.name) : tag.name;
    switch (n) {
      case 'sheetData':
        inSheetData = true;
        break;
      case 'row': {
        if (!inSheetData) break;
        const r = tag.attributes.r as string | undefined;
        rowNo = r !== undefined ? Number(r) : rowNo + 1;
        if (!Number.isInteger(rowNo) || rowNo < 1 || rowNo > MAX_ROWS) throw new XlsxError('bad-cell', { sheet, cell: `row ${r ?? rowNo}` });
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
        } else if (++colNo > MAX_COLS) throw new XlsxError('bad-cell', { sheet, cell: `R${rowNo}C${colNo}` });
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
        if (inIs && phonetic === 0 && row) collecting = true;
        break;
      case 'rPh':
        phonetic++;
        break;
      case 'mergeCell':
        if (!inSheetData && typeof tag.attributes.ref === 'string' && merges.length < MAX_MERGES) merges.push(tag.attributes.ref as string);
        break;
    }
  });
  parser.on('closetag', (tag) => {
    guard.seen = true;
    const n = tag.name.indexOf(':') >= 0 ? localOf(tag.name) : tag.name;
    switch (n) {
      case 'sheetData':
        inSheetData = false;
        // What follows the cells is small; a bounded read has no use for it.
        if (bounds.lastRow !== undefined) stop.now = true;
        break;
      case 'row':
        // A row that got no value shares the one empty row (a sheet of blank rows costs little).
        if (row && row.length === 0 && grid[rowNo - 1] === row) grid[rowNo - 1] = EMPTY_ROW;
        row = undefined;
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
  parser.on('text', add);
  parser.on('cdata', add);
  await feed(pkg, part, parser, guard, stop);
  // Trailing empty rows carry nothing.
  while (grid.length > 0 && grid[grid.length - 1].length === 0) grid.pop();
  pkg.chargeCells(part, sheet, cells);
  return { grid, uncalculated, merges };
}
