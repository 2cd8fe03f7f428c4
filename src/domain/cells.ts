/**
 * What a cell can hold once a host adapter has read it, and the small helpers that name cells.
 * Hosts convert their own representations (Excel's `any[][]`, ExcelJS rich text, formula results)
 * into these primitives before anything reaches the domain.
 */
export type CellValue = string | number | boolean | null | undefined;

/** A 2-D block of cell values, row-major, as read from a range. */
export type Grid = readonly (readonly CellValue[])[];

/** Where the top-left cell of a grid sits on its worksheet (1-based), so problems can name real cells. */
export interface GridOrigin {
  sheet?: string;
  row: number;
  col: number;
}

export const DEFAULT_ORIGIN: GridOrigin = { row: 1, col: 1 };

/** 1 → A, 27 → AA. */
export function columnLetter(col: number): string {
  let n = col;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** A1 address of grid cell (r, c) (0-based within the grid), with the sheet when known. */
export function cellAddress(origin: GridOrigin, r: number, c: number): string {
  const a1 = columnLetter(origin.col + c) + String(origin.row + r);
  if (!origin.sheet) return a1;
  // Excel quotes a sheet name only when it holds spaces or punctuation; Chinese names stand bare.
  const quoted = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(origin.sheet) ? origin.sheet : `'${origin.sheet.replace(/'/g, "''")}'`;
  return `${quoted}!${a1}`;
}

// Every kind of space a user or a host may leave inside a label: ASCII whitespace, NBSP, the
// ideographic space U+3000, zero-width space and BOM (`\s` covers all but U+200B).
const SPACES = /[\s\u200b]+/g;

/** The comparable form of a label: spaces of every kind removed, Latin letters lower-cased. */
export function normalizeLabel(text: string): string {
  return text.replace(SPACES, '').toLowerCase();
}

/** A short printable form of a cell for messages (long text cut, so a message stays one line). */
export function displayValue(value: CellValue): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'string' ? value : String(value);
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}

/** A cell's value as a finite number when it is one (numbers, or text that is exactly a number). */
export function numericValue(value: CellValue): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') {
    const t = value.trim();
    if (t === '' || !/^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?%?$/i.test(t)) return undefined;
    const n = t.endsWith('%') ? Number(t.slice(0, -1)) / 100 : Number(t);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** True for cells with nothing in them (null, undefined, or only spaces). */
export function isBlank(value: CellValue): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.replace(SPACES, '') === '');
}

/** Column number of letters: A → 1, AA → 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/**
 * The origin (sheet and top-left cell) of an address such as `'调查数据'!A1:P200`, `Sheet1!$B$2` or
 * `C3:D9`; undefined when the text is not an address.
 */
export function originOfAddress(address: string | undefined): GridOrigin | undefined {
  if (!address) return undefined;
  const m = /^(?:(?:'((?:[^']|'')+)'|([^!]+))!)?\$?([A-Za-z]{1,3})\$?(\d+)(?::.*)?$/.exec(address.trim());
  if (!m) return undefined;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
  return { sheet, row: Number(m[4]), col: columnNumber(m[3]) };
}
