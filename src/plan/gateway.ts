/**
 * What a job needs from a workbook host, whatever the host: Excel through Office.js, or an .xlsx
 * in memory through the package editor (CLI and standalone browser mode). Jobs read sheets and render plans;
 * they never touch a host API themselves.
 */
import type { Grid } from '../domain';
import type { ExistingSheet } from './reconcile';
import type { WorkbookPlan } from './types';

export interface RenderProgress {
  /** 0…1 */
  readonly done: number;
  readonly stage: string;
}

export interface ExcelGateway {
  /** Every sheet with its owner mark, in tab order. */
  listSheets(): Promise<ExistingSheet[]>;
  /** A sheet's values from A1 to the end of its used range. */
  readSheet(name: string): Promise<Grid>;
  /** The values of one range of a sheet, e.g. its header row `A1:AZ1`. */
  readRange(sheet: string, address: string): Promise<Grid>;
  /**
   * Writes a plan: creates its sheets or clears and rewrites the owned sheets of the same names,
   * marks them as owned, defines its names. Sheets not in the plan are not touched.
   */
  render(plan: WorkbookPlan, onProgress?: (p: RenderProgress) => void): Promise<void>;
  /**
   * Cells of a sheet (as read) that hold a formula with no calculated value, e.g. `调查数据!G12` —
   * a file saved by a tool that does not calculate. Hosts that always calculate (Excel) omit it.
   */
  uncalculatedCells?(sheet: string): readonly string[];
  /** Merged ranges of a sheet as read (`G2:G11`); a merge holds its value in its top-left cell only. */
  mergedRanges?(sheet: string): readonly string[];
  /**
   * File copies only (Excel's own workbook keeps its formulas live): replaces every CSAT.* formula by
   * its value — `resolve`'s, else the cached one — editing those cells only. Returns the cells frozen
   * with their original formulas, and those left (no value known).
   */
  freezeCustomFunctions?(resolve: (sheet: string, cell: string, formula: string) => number | string | boolean | undefined): Promise<{ frozen: string[]; formulas: string[]; left: string[] }>;
  /** The tables (list objects) on a sheet with their ranges, e.g. `{ name: '调查数据表', ref: 'A1:V201' }`. */
  tableRanges?(sheet: string): Promise<readonly { name: string; ref: string }[]>;
}
