/**
 * .xlsx → cell values. ExcelJS's many cell shapes (rich text, formula results, hyperlinks, errors,
 * dates) become the engine's plain CellValue so the domain never sees a library type.
 */
import ExcelJS from 'exceljs';
import type { CellValue, Grid } from '../../domain';

export interface SheetGrid {
  readonly name: string;
  /** Row-major values from A1; rows and cells the sheet lacks are undefined. */
  readonly grid: Grid;
}

/** Loads a workbook from bytes; throws the library's error for anything that is not an .xlsx. */
export async function loadWorkbook(data: ArrayBuffer | Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  // ExcelJS's typings want a Node Buffer; the browser bundle takes an ArrayBuffer.
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  return wb;
}

/** Dates as ISO `YYYY-MM-DD` (time kept when it is not midnight). Excel stores no time zone: UTC. */
export function isoDate(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

type ExcelValue = ExcelJS.CellValue | undefined;

export function plainValue(v: ExcelValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return isoDate(v);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('error' in v) return String(v.error);
    if ('formula' in v || 'sharedFormula' in v) return plainValue((v as ExcelJS.CellFormulaValue).result as ExcelValue);
    if ('text' in v) return typeof v.text === 'string' ? v.text : plainValue(v.text as ExcelValue);
  }
  return String(v);
}

/** A worksheet as a 0-based grid starting at A1. */
export function sheetGrid(ws: ExcelJS.Worksheet): CellValue[][] {
  const rows = ws.getSheetValues();
  const grid: CellValue[][] = [];
  for (let r = 1; r < rows.length; r++) {
    const src = rows[r];
    if (!Array.isArray(src)) {
      grid.push([]);
      continue;
    }
    const out: CellValue[] = new Array(Math.max(0, src.length - 1));
    for (let c = 1; c < src.length; c++) out[c - 1] = plainValue(src[c] as ExcelValue);
    grid.push(out);
  }
  return grid;
}

export function workbookGrids(wb: ExcelJS.Workbook): SheetGrid[] {
  return wb.worksheets.map((ws) => ({ name: ws.name, grid: sheetGrid(ws) }));
}
