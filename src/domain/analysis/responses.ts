/**
 * Survey responses as records: one per data row, its answers as level codes per item, its date and
 * quarter, and the text of its other columns (客户名称, 客户分组, 调查方式, 意见与建议 …) by header.
 */
import { readAnswerGrid, rowLevels, type InvalidAnswer } from '../answer-grid';
import { cellAddress, displayValue, isBlank, type Grid, type GridOrigin } from '../cells';
import type { DataLayout } from '../locate';
import type { Template } from '../template';
import { quarterOf } from '../calendar';
import { DATE_COLUMN } from '../survey-columns';
import { parseDate } from './dates';


export interface ResponseRecord {
  /** Worksheet row number. */
  readonly row: number;
  /** ISO date, when readable. */
  readonly date?: string;
  readonly quarter?: string;
  /** Text of every non-item column, by header. */
  readonly fields: Readonly<Record<string, string>>;
  /** Per item: level index (≥ 0) or BLANK / NOT_APPLICABLE / INVALID (codes of answers.ts). */
  readonly levels: Int8Array;
}

export interface ResponseSet {
  readonly template: Template;
  readonly records: readonly ResponseRecord[];
  /** Non-item header texts in column order. */
  readonly columns: readonly string[];
  readonly invalid: readonly InvalidAnswer[];
  /** Rows with answers whose 调查日期 is missing or unreadable. */
  readonly undated: readonly { row: number; cell: string; value: string }[];
  /** The 调查日期 column as a cell prefix, e.g. `调查数据!C` (a row number makes the cell). */
  readonly dateColumn?: string;
  /** Every non-item column as a cell prefix by header, e.g. 意见与建议 → `调查数据!U` (where a text came from). */
  readonly columnCells?: Readonly<Record<string, string>>;
}

/** The cell a record's text of `column` was read from, e.g. `调查数据!U12`, when the set knows it. */
export function fieldCell(set: Pick<ResponseSet, 'columnCells'>, column: string, row: number): string | undefined {
  const prefix = set.columnCells?.[column];
  return prefix === undefined ? undefined : `${prefix}${row}`;
}

function text(v: unknown): string {
  return v === null || v === undefined ? '' : String(v).trim();
}

/**
 * Reads the data rows of a located layout (through answer-grid.ts, as the functions' score does).
 * Rows with no answer and no text at all are skipped.
 * `zeroMeansBlank`: see ScoreOptions — false for cells read from a workbook (a typed 0 is the score 0).
 */
export function readResponses(grid: Grid, template: Template, layout: DataLayout, origin: GridOrigin, options: { zeroMeansBlank?: boolean } = {}): ResponseSet {
  const answers = readAnswerGrid(grid, template, layout, { origin, zeroMeansBlank: options.zeroMeansBlank ?? true, maxListed: Infinity });
  const columns = [...layout.otherColumns.keys()];
  const colOf = [...layout.otherColumns.entries()];
  const dateCol = layout.otherColumns.get(DATE_COLUMN);
  const records: ResponseRecord[] = [];
  const undated: { row: number; cell: string; value: string }[] = [];
  for (let k = 0; k < answers.rows; k++) {
    const r = answers.firstRow + k;
    const row = grid[r];
    if (!row || row.every(isBlank)) continue;
    const levels = rowLevels(answers, k);
    const fields: Record<string, string> = {};
    for (const [name, c] of colOf) fields[name] = text(row[c]);
    const date = dateCol === undefined ? undefined : parseDate(row[dateCol]);
    if (date === undefined && levels.some((code) => code >= 0)) {
      undated.push({ row: origin.row + r, cell: cellAddress(origin, r, dateCol ?? 0), value: displayValue(dateCol === undefined ? '' : row[dateCol]) });
    }
    records.push({ row: origin.row + r, date, quarter: date ? quarterOf(date) : undefined, fields, levels });
  }
  const dateColumn = dateCol === undefined ? undefined : cellAddress(origin, 0, dateCol).replace(/\d+$/, '');
  const columnCells = Object.fromEntries(colOf.map(([name, c]) => [name, cellAddress(origin, 0, c).replace(/\d+$/, '')]));
  return { template, records, columns, invalid: answers.invalid, undated, dateColumn, columnCells };
}
