/** A1 addresses: parse, build, shift and quote. Pure helpers shared by builders and adapters. */
import { columnLetter, columnNumber } from '../domain';

export { columnLetter, columnNumber };

export interface CellRef {
  /** 1-based */
  readonly row: number;
  /** 1-based */
  readonly col: number;
}

export function parseCell(a1: string): CellRef {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(a1.trim());
  if (!m) throw new Error(`not an A1 cell address: ${a1}`);
  return { row: Number(m[2]), col: columnNumber(m[1]) };
}

export function cell(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}

export function absCell(row: number, col: number): string {
  return `$${columnLetter(col)}$${row}`;
}

/** `A1:C3` from a top-left cell and a size. */
export function rangeOf(at: string | CellRef, rows: number, cols: number): string {
  const tl = typeof at === 'string' ? parseCell(at) : at;
  return `${cell(tl.row, tl.col)}:${cell(tl.row + rows - 1, tl.col + cols - 1)}`;
}

export function parseRange(a1: string): { start: CellRef; end: CellRef } {
  const [a, b] = a1.split(':');
  const start = parseCell(a);
  return { start, end: b === undefined ? start : parseCell(b) };
}

/** A sheet name as a formula needs it: quoted always (safe in Excel, LibreOffice and WPS). */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** `'Sheet'!A1:B2` */
export function sheetRef(sheet: string, a1: string): string {
  return `${quoteSheet(sheet)}!${a1}`;
}

/** Whole column `'Sheet'!$G:$G`. */
export function columnRef(sheet: string, col: number): string {
  const c = columnLetter(col);
  return `${quoteSheet(sheet)}!$${c}:$${c}`;
}
