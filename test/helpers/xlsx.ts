/**
 * Test helpers over the package-editor gateway: edit cells as a user would, add a user's own sheet,
 * read cells and a sheet's XML back, reopen a saved workbook (validating it first).
 */
import type { CellValue } from '../../src/domain';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { readWorkbook } from '../../src/host/xlsx/workbook';
import type { PlanValue } from '../../src/plan';
import { expectValidXlsx } from './validate-xlsx';

/** Writes cells (`{ G2: '满意' }`) into an existing sheet, as a user typing them would; nothing else changes. */
export async function setCells(gw: XlsxGateway, sheet: string, cells: Record<string, PlanValue>): Promise<void> {
  const blocks = Object.entries(cells).map(([at, v]) => ({ at, values: [[v]] }));
  await gw.render({ sheets: [{ name: sheet, owner: '', update: true, blocks }] });
}

/** Adds a sheet the add-in does not own (no owner mark), with values from A1. */
export async function addUserSheet(gw: XlsxGateway, name: string, rows: readonly (readonly PlanValue[])[]): Promise<void> {
  await gw.render({ sheets: [{ name, owner: '', blocks: rows.length > 0 ? [{ at: 'A1', values: rows }] : [] }] });
}

/** One cell's value as the gateway reads it. */
export async function cellOf(gw: XlsxGateway, sheet: string, a1: string): Promise<CellValue> {
  return (await gw.readRange(sheet, `${a1}:${a1}`))[0][0];
}

/** Saves, checks the file is valid OOXML, and opens it again. */
export async function reopen(gw: XlsxGateway, label?: string): Promise<XlsxGateway> {
  const bytes = await gw.save();
  expectValidXlsx(bytes, label);
  return XlsxGateway.open(bytes);
}

/** The XML of a sheet's part, by sheet name. */
export async function sheetXml(gw: XlsxGateway, sheet: string): Promise<string> {
  const wb = await readWorkbook(gw.pkg);
  const entry = wb.sheets.find((s) => s.name === sheet);
  if (!entry) throw new Error(`no sheet ${sheet}`);
  return gw.pkg.text(entry.part);
}

/** The sheet names in tab order. */
export async function sheetNames(gw: XlsxGateway): Promise<string[]> {
  return gw.sheetNames();
}
