/**
 * Survey responses as records: one per data row, its answers as level codes per item, its date and
 * quarter, and the text of its other columns (客户名称, 客户分组, 调查方式, 意见与建议 …) by header.
 */
import { BLANK, INVALID, NOT_APPLICABLE, readerFor, ZERO } from '../answers';
import { cellAddress, displayValue, isBlank, type Grid, type GridOrigin } from '../cells';
import type { DataLayout } from '../locate';
import type { InvalidAnswer } from '../scoring';
import type { Template } from '../template';
import { parseDate, quarterOf } from './dates';

export const DATE_COLUMN = '调查日期';
export const CUSTOMER_COLUMN = '客户名称';
export const GROUP_COLUMN = '客户分组';
export const METHOD_COLUMN = '调查方式';
export const COMMENT_COLUMN = '意见与建议';

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
}

function text(v: unknown): string {
  return v === null || v === undefined ? '' : String(v).trim();
}

/**
 * Reads the data rows of a located layout. Rows with no answer and no text at all are skipped.
 * `zeroMeansBlank`: see ScoreOptions — false for cells read from a workbook (a typed 0 is the score 0).
 */
export function readResponses(grid: Grid, template: Template, layout: DataLayout, origin: GridOrigin, options: { zeroMeansBlank?: boolean } = {}): ResponseSet {
  const zeroMeansBlank = options.zeroMeansBlank ?? true;
  const reader = readerFor(template);
  const columns = [...layout.otherColumns.keys()];
  const colOf = [...layout.otherColumns.entries()];
  const dateCol = layout.otherColumns.get(DATE_COLUMN);
  const records: ResponseRecord[] = [];
  const invalid: InvalidAnswer[] = [];
  const undated: { row: number; cell: string; value: string }[] = [];
  // First pass decides what numeric 0 means (see answers.ts ZERO): blank among text labels.
  let labels = false;
  for (let r = layout.firstDataRow; r < grid.length && !labels; r++) {
    for (let i = 0; i < template.items.length && !labels; i++) {
      const c = layout.itemColumns[i];
      const v = c >= 0 ? grid[r][c] : undefined;
      if (typeof v === 'string') labels = reader.isLabelText(v, reader.code(v, i));
    }
  }
  for (let r = layout.firstDataRow; r < grid.length; r++) {
    const row = grid[r];
    if (!row || row.every(isBlank)) continue;
    const levels = new Int8Array(template.items.length).fill(BLANK);
    let answered = false;
    template.items.forEach((_, i) => {
      const c = layout.itemColumns[i];
      if (c < 0) return;
      const v = row[c];
      let code = reader.code(v, i);
      if (code === ZERO) {
        const byZero = reader.byScore(0, i);
        code = labels && zeroMeansBlank ? BLANK : byZero >= 0 ? byZero : INVALID;
      }
      if (code >= 0) {
        levels[i] = code;
        answered = true;
      } else if (code === NOT_APPLICABLE) levels[i] = NOT_APPLICABLE;
      else if (code === INVALID) {
        levels[i] = INVALID;
        invalid.push({ row: origin.row + r, column: origin.col + c, cell: cellAddress(origin, r, c), item: template.items[i].name, value: displayValue(v) });
      }
    });
    const fields: Record<string, string> = {};
    for (const [name, c] of colOf) fields[name] = text(row[c]);
    const date = dateCol === undefined ? undefined : parseDate(row[dateCol]);
    if (answered && date === undefined) {
      undated.push({ row: origin.row + r, cell: cellAddress(origin, r, dateCol ?? 0), value: displayValue(dateCol === undefined ? '' : row[dateCol]) });
    }
    records.push({ row: origin.row + r, date, quarter: date ? quarterOf(date) : undefined, fields, levels });
  }
  const dateColumn = dateCol === undefined ? undefined : cellAddress(origin, 0, dateCol).replace(/\d+$/, '');
  return { template, records, columns, invalid, undated, dateColumn };
}
