/**
 * The workbook state a stateful Office.js fake keeps (office-excel.ts): what Excel would hold after
 * each sync — sheets with their cells, formats, merges, tables, validations, conditional formats,
 * charts and page layout; workbook names and document properties — and the checks Excel makes on
 * names, with Excel's error codes; whether the workbook's structure is protected. Pure data and
 * helpers; no Office.js here.
 */
import { columnLetter, columnNumber } from '../../src/plan';

/** An error as Office.js reports it (OfficeExtension.Error): a code such as `InvalidArgument`. */
export class FakeOfficeError extends Error {
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(
    readonly code: string,
    message: string,
    errorLocation?: string,
  ) {
    super(`${code}: ${message}${errorLocation ? ` (${errorLocation})` : ''}`);
    this.name = 'OfficeExtension.Error';
    this.debugInfo = { code, message, errorLocation };
  }
}

export interface Rect {
  /** 1-based, inclusive. */
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

/** `A1`, `$A$1:B2`, `A:C`, `3:5`, or undefined for the whole sheet; an optional sheet prefix is dropped. */
export function parseRect(address: string | undefined): Rect {
  if (address === undefined) return { r1: 1, c1: 1, r2: MAX_ROWS, c2: MAX_COLS };
  const a = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const part = (p: string): { r?: number; c?: number } => {
    const m = /^\$?([A-Za-z]{0,3})\$?(\d*)$/.exec(p.trim());
    if (!m || (m[1] === '' && m[2] === '')) throw new FakeOfficeError('InvalidArgument', `not a range address: ${address}`);
    return { c: m[1] ? columnNumber(m[1].toUpperCase()) : undefined, r: m[2] ? Number(m[2]) : undefined };
  };
  const [x, y = x] = a.split(':');
  const p = part(x);
  const q = part(y);
  const rect = { r1: p.r ?? 1, c1: p.c ?? 1, r2: q.r ?? MAX_ROWS, c2: q.c ?? MAX_COLS };
  if (rect.r1 > rect.r2 || rect.c1 > rect.c2 || rect.r2 > MAX_ROWS || rect.c2 > MAX_COLS) throw new FakeOfficeError('InvalidArgument', `not a range address: ${address}`);
  return rect;
}

export function rectAddress(r: Rect): string {
  const a = `${columnLetter(r.c1)}${r.r1}`;
  const b = `${columnLetter(r.c2)}${r.r2}`;
  return a === b ? a : `${a}:${b}`;
}

export function overlaps(a: Rect, b: Rect): boolean {
  return a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;
}

export function contains(outer: Rect, inner: Rect): boolean {
  return outer.r1 <= inner.r1 && outer.c1 <= inner.c1 && outer.r2 >= inner.r2 && outer.c2 >= inner.c2;
}

export interface CellState {
  /** The value; for a formula cell, undefined (its value is computed on read). */
  v?: string | number | boolean;
  /** A formula, `=…`. */
  f?: string;
  /** Number format; absent = General. */
  nf?: string;
}

export interface FormatRun {
  rect: Rect;
  /** e.g. `font.bold`, `fill.color`, `horizontalAlignment`, `wrapText`, `borders.EdgeTop.style`. */
  props: Record<string, unknown>;
}

export interface TableState {
  id: number;
  name: string;
  sheetId: number;
  rect: Rect;
  style: string;
  hasHeaders: boolean;
}

export interface ValidationState {
  rect: Rect;
  rule?: unknown;
  ignoreBlanks?: boolean;
  errorAlert?: unknown;
  prompt?: unknown;
}

export interface ConditionalFormatState {
  rect: Rect;
  type: string;
  formula?: string;
  format: Record<string, unknown>;
}

export interface SeriesState {
  name?: string;
  values?: string;
  xValues?: string;
  format: Record<string, unknown>;
}

export interface ChartState {
  id: number;
  name: string;
  sheetId: number;
  type: string;
  series: SeriesState[];
  props: Record<string, unknown>;
}

export interface SheetState {
  id: number;
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  tabColor?: string;
  freeze?: { rows: number; columns: number };
  /** rows[r - 1][c - 1] */
  rows: (CellState | undefined)[][];
  formats: FormatRun[];
  columnWidths: Map<number, number>;
  hiddenColumns: Set<number>;
  rowHeights: Map<number, number>;
  merges: Rect[];
  validations: ValidationState[];
  conditionalFormats: ConditionalFormatState[];
  layout: Record<string, unknown>;
  protection?: { options: unknown; password?: string };
}

export interface NameState {
  name: string;
  formula: string;
  comment?: string;
}

export interface WorkbookState {
  sheets: SheetState[];
  /**
   * The workbook's structure protection (Review → Protect Workbook; Office.js `workbook.protection`,
   * ExcelApi 1.7): while it is set, sheets cannot be added, deleted, renamed, moved, hidden or shown.
   */
  protection?: { password?: string };
  names: NameState[];
  tables: TableState[];
  charts: ChartState[];
  properties: Record<string, string>;
  custom: Map<string, string>;
  nextId: number;
}

export function emptySheet(id: number, name: string): SheetState {
  return {
    id,
    name,
    visibility: 'Visible',
    rows: [],
    formats: [],
    columnWidths: new Map(),
    hiddenColumns: new Set(),
    rowHeights: new Map(),
    merges: [],
    validations: [],
    conditionalFormats: [],
    layout: {},
  };
}

/** A deep copy (the state before a click, to compare with after). */
export function cloneState(s: WorkbookState): WorkbookState {
  return structuredClone(s);
}

const SHEET_FORBIDDEN = /[[\]:*?/\\]/;

/** Excel's rules for a sheet name (ItemAlreadyExists ignoring case; InvalidArgument otherwise). */
export function checkSheetName(state: WorkbookState, name: string, self?: SheetState): void {
  if (typeof name !== 'string' || name.trim() === '' || name.length > 31 || SHEET_FORBIDDEN.test(name) || name.startsWith("'") || name.endsWith("'") || name.toLowerCase() === 'history') {
    throw new FakeOfficeError('InvalidArgument', `invalid sheet name "${name}" (1–31 characters, none of []:*?/\\, no leading or trailing apostrophe)`);
  }
  if (state.sheets.some((s) => s !== self && s.name.toLowerCase() === name.toLowerCase())) throw new FakeOfficeError('ItemAlreadyExists', `a sheet named "${name}" exists`);
}

/** A defined or table name: a letter, `_` or `\` first, then letters, digits, `_`, `.`; not a cell reference; ≤ 255. */
export function checkDefinedName(state: WorkbookState, name: string, selfTable?: TableState): void {
  const cellLike = /^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name);
  if (typeof name !== 'string' || name.length === 0 || name.length > 255 || !/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name) || cellLike) {
    throw new FakeOfficeError('InvalidArgument', `"${name}" is not a valid name`);
  }
  const lower = name.toLowerCase();
  if (state.names.some((n) => n.name.toLowerCase() === lower) || state.tables.some((t) => t !== selfTable && t.name.toLowerCase() === lower)) {
    throw new FakeOfficeError('ItemAlreadyExists', `the name "${name}" exists`);
  }
}

/** The sheet a reference like `='调查数据'!$A$1` points at. */
export function sheetOfFormula(formula: string): string | undefined {
  const m = /^=?(?:'((?:[^']|'')+)'|([^!'=]+))!/.exec(formula);
  return m ? (m[1] ?? m[2]).replace(/''/g, "'") : undefined;
}
