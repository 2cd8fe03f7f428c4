/**
 * Cell writes as Excel performs them for the stateful fake: `range.values` / `formulas` /
 * `numberFormat` arrays checked against the range's shape (InvalidArgument otherwise), and text
 * entered the way Excel parses typed input — a leading apostrophe keeps text, `=` (and `+`, `-`, `@`
 * before something) makes a formula, numbers, percentages, TRUE/FALSE, ISO dates and times become
 * numbers or booleans. Formats are runs of properties over rectangles, later runs winning.
 */
import { FakeOfficeError, type CellState, type FormatRun, type Rect, type SheetState } from './office-state';

export type WriteMode = 'values' | 'formulas' | 'numberFormat';

const EPOCH = Date.UTC(1899, 11, 30);

function serialOf(y: number, m: number, d: number): number | undefined {
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return undefined;
  return (t - EPOCH) / 86_400_000;
}

/** A formula Excel would refuse (unbalanced parentheses or quotes). */
function checkFormula(f: string, where: string): void {
  let depth = 0;
  let quoted = false;
  for (const ch of f) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')') depth--;
    if (depth < 0) break;
  }
  if (depth !== 0 || quoted) throw new FakeOfficeError('InvalidArgument', `invalid formula ${f}`, where);
}

/** What Excel stores when a string is entered into a cell whose number format is `nf`. */
export function enterText(raw: string, nf: string | undefined, where: string): CellState {
  if (raw === '') return {};
  if (raw.startsWith("'")) return { v: raw.slice(1) };
  if (nf === '@') return { v: raw };
  if (raw.length > 1 && /^[=+\-@]/.test(raw)) {
    const body = raw[0] === '=' ? raw : `=${raw[0] === '@' ? raw.slice(1) : raw}`;
    // `+1`, `-2.5`: Excel keeps the number, not a formula.
    if (raw[0] !== '=' && raw[0] !== '@' && /^[+-]\d+(\.\d+)?$/.test(raw)) return { v: Number(raw) };
    checkFormula(body, where);
    return { f: body };
  }
  const s = raw.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) || /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) return { v: Number(s.replace(/,/g, '')) };
  const pct = /^([+-]?\d+(\.\d+)?)\s*%$/.exec(s);
  if (pct) return { v: Number(pct[1]) / 100, nf: nf ?? '0%' };
  if (/^(true|false)$/i.test(s)) return { v: s.toLowerCase() === 'true' };
  const date = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (date) {
    const serial = serialOf(Number(date[1]), Number(date[2]), Number(date[3]));
    if (serial !== undefined) return { v: serial, nf: nf ?? 'm/d/yyyy' };
  }
  const time = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (time && Number(time[1]) < 24 && Number(time[2]) < 60) return { v: (Number(time[1]) * 3600 + Number(time[2]) * 60 + Number(time[3] ?? 0)) / 86400, nf: nf ?? 'h:mm' };
  return { v: raw };
}

function rowsOf(sheet: SheetState, r: number): (CellState | undefined)[] {
  while (sheet.rows.length < r) sheet.rows.push([]);
  return sheet.rows[r - 1];
}

export function cellAt(sheet: SheetState, r: number, c: number): CellState | undefined {
  return sheet.rows[r - 1]?.[c - 1];
}

/** Writes a 2-D array (or one scalar for every cell) into a rectangle, as Excel does for that property. */
export function writeCells(sheet: SheetState, rect: Rect, data: unknown, mode: WriteMode, where: string): void {
  const rows = rect.r2 - rect.r1 + 1;
  const cols = rect.c2 - rect.c1 + 1;
  const scalar = !Array.isArray(data);
  if (scalar && rows * cols > 5_000_000) throw new FakeOfficeError('RangeExceedsLimit', `${rows}×${cols} cells`, where);
  if (!scalar) {
    const arr = data as unknown[];
    if (arr.length !== rows || arr.some((row) => !Array.isArray(row) || row.length !== cols)) {
      const got = `${arr.length}×${Array.isArray(arr[0]) ? (arr[0] as unknown[]).length : '?'}`;
      throw new FakeOfficeError('InvalidArgument', `the ${mode} array (${got}) does not match the range's ${rows}×${cols}`, where);
    }
  }
  for (let i = 0; i < rows; i++) {
    const line = rowsOf(sheet, rect.r1 + i);
    for (let j = 0; j < cols; j++) {
      const raw = scalar ? data : (data as unknown[][])[i][j];
      if (raw === null || raw === undefined) continue; // null leaves the cell as it is
      const c = rect.c1 + j - 1;
      const old = line[c] ?? {};
      if (mode === 'numberFormat') {
        if (typeof raw !== 'string') throw new FakeOfficeError('InvalidArgument', `number format ${String(raw)}`, where);
        const next = { ...old };
        if (raw === 'General') delete next.nf;
        else next.nf = raw;
        line[c] = next;
        continue;
      }
      let entered: CellState;
      if (typeof raw === 'number') {
        if (!Number.isFinite(raw)) throw new FakeOfficeError('InvalidArgument', `value ${raw}`, where);
        entered = { v: raw };
      } else if (typeof raw === 'boolean') entered = { v: raw };
      else if (typeof raw === 'string') entered = enterText(raw, old.nf, where);
      else throw new FakeOfficeError('InvalidArgument', `value of type ${typeof raw}`, where);
      const next: CellState = {};
      if (entered.v !== undefined) next.v = entered.v;
      if (entered.f !== undefined) next.f = entered.f;
      const nf = old.nf ?? entered.nf;
      if (nf !== undefined) next.nf = nf;
      line[c] = next;
    }
  }
}

/** Clears contents and/or number formats of a rectangle (cells beyond the stored ones are empty already). */
export function clearCells(sheet: SheetState, rect: Rect, contents: boolean, formats: boolean): void {
  for (let r = rect.r1; r <= Math.min(rect.r2, sheet.rows.length); r++) {
    const line = sheet.rows[r - 1];
    for (let c = rect.c1; c <= Math.min(rect.c2, line.length); c++) {
      const cell = line[c - 1];
      if (!cell) continue;
      const next: CellState = {};
      if (!contents) {
        if (cell.v !== undefined) next.v = cell.v;
        if (cell.f !== undefined) next.f = cell.f;
      }
      if (!formats && cell.nf !== undefined) next.nf = cell.nf;
      line[c - 1] = Object.keys(next).length > 0 ? next : undefined;
    }
  }
  if (formats) sheet.formats.push({ rect: { ...rect }, props: { __reset: true } });
}

/** The formatting of one cell: the runs covering it folded in order (a reset run clears what came before). */
export function formatAt(sheet: SheetState, r: number, c: number): Record<string, unknown> {
  let out: Record<string, unknown> = {};
  for (const run of sheet.formats) {
    if (r < run.rect.r1 || r > run.rect.r2 || c < run.rect.c1 || c > run.rect.c2) continue;
    if (run.props.__reset) out = {};
    else Object.assign(out, run.props);
  }
  return out;
}

/** One format property over a rectangle: its value when every cell agrees (undefined: never set), else null (as Office.js reports mixed formats). */
export function uniformFormat(sheet: SheetState, rect: Rect, key: string): unknown {
  let seen: unknown;
  let first = true;
  const r2 = Math.min(rect.r2, rect.r1 + 2000);
  const c2 = Math.min(rect.c2, rect.c1 + 200);
  for (let r = rect.r1; r <= r2; r++) {
    for (let c = rect.c1; c <= c2; c++) {
      const v = formatAt(sheet, r, c)[key];
      if (first) {
        seen = v;
        first = false;
      } else if (v !== seen) return null;
    }
  }
  return seen;
}

export function addFormat(sheet: SheetState, rect: Rect, key: string, value: unknown): void {
  const last: FormatRun | undefined = sheet.formats[sheet.formats.length - 1];
  if (last && !last.props.__reset && last.rect.r1 === rect.r1 && last.rect.c1 === rect.c1 && last.rect.r2 === rect.r2 && last.rect.c2 === rect.c2) last.props[key] = value;
  else sheet.formats.push({ rect: { ...rect }, props: { [key]: value } });
}
