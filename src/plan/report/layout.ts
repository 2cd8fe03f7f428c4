/**
 * The printed page of `分析报告-YYYYQn` and the pieces its sections share: the report's width and
 * column widths, label rows, header rows that fit their text, numbered list sections, and how a
 * section reports where it wrote (anchors) for the sections and charts after it.
 */
import { cellText, type Analysis, type TrackerSummary } from '../../domain';
import { columnLetter } from '../a1';
import type { SheetBuilder } from '../sheet-builder';
import type { PlanValue } from '../types';

/** Lists (回访清单, 意见与建议, 无效答案) stop here; the rest stay in 调查数据 (the count says how many). */
export const REPORT_LIST_LIMIT = 1000;
/** Columns of the printed report (A…L); the native cross-check columns and the charts sit to the right. */
export const WIDTH = 12;
/**
 * Column widths (characters). The printed area A…L is 22 + 18 + 14 + 9 × 11 = 153 characters: on a
 * landscape A4 page (≈ 135 characters at 100%) that prints at ≈ 88%.
 */
export const COLUMN_WIDTHS = [22, 18, 14, ...Array.from({ length: 16 }, () => 11)];
const colWidth = (c: number): number => COLUMN_WIDTHS[c - 1] ?? 8.43;
/** Printed width of columns c1…c2 (a merge). */
const span = (c1: number, c2: number): number => Array.from({ length: c2 - c1 + 1 }, (_, i) => colWidth(c1 + i)).reduce((x, y) => x + y, 0);

export interface ReportSource {
  /** The responses sheet and where its columns are (1-based). */
  readonly sheet: string;
  readonly itemCols: readonly number[];
  readonly dateCol: number;
  /** e.g. `调查数据!A1:U192` */
  readonly range: string;
}

export interface ReportStamp {
  readonly generatedAt: string;
  readonly version: string;
}

/** Rows (first and last, inclusive) a section's table occupies. */
export interface RowSpan {
  readonly top: number;
  readonly end: number;
}

/** Where the sections wrote: filled in as they run, read by later sections and by the charts. */
export interface ReportAnchors {
  /** Row of 总体满意度 (its value in column B). */
  overallRow?: number;
  /** The item table, its items in table order (by rank), and its last column (the cross-check helpers). */
  items?: RowSpan & { readonly sorted: Analysis['items']; readonly lastCol: number };
  categories?: RowSpan;
  groups?: RowSpan;
  trend?: RowSpan;
  /** 提升潜力: the ranked table (rows with a potential above 0 first). */
  potential?: RowSpan;
  /**
   * 关键驱动: the table's rows; its first `placed` rows are the items in a quadrant (the scatter's
   * points), and `lines` the first of the two-row split lines right of the table.
   */
  drivers?: RowSpan & { readonly placed: number; readonly lines: number };
}

export interface ReportContext {
  readonly source: ReportSource;
  readonly stamp: ReportStamp;
  readonly tracker?: TrackerSummary;
  /** Anchors of the sections written so far. */
  readonly anchors: Readonly<ReportAnchors>;
}

/** A report section: writes at the builder's cursor and returns the anchors it adds. */
export type ReportSection = (b: SheetBuilder, a: Analysis, ctx: ReportContext) => Partial<ReportAnchors> | void;

export const pct = (v: number | null | undefined): PlanValue => (v === null || v === undefined ? '—' : v);
export const DIRECTION = { rise: '显著上升', fall: '显著下降', flat: '无显著变化' } as const;
/** Number format of a change in percentage points. */
export const CHANGE_FORMAT = '+0.00%;-0.00%;0.00%';

/** A label with its value: text across the page (wrapped, the row as tall as it needs); a number in a cell of its own. */
export type LabelRow = readonly [label: string, value: PlanValue, format?: string];

export function labelRows(b: SheetBuilder, rows: readonly LabelRow[]): void {
  for (const [label, raw, format] of rows) {
    const r = b.put([[label]], { style: 'label', advance: false });
    // A value joining users' texts (计划内未回收's customers, 按状态, 逾期措施) stays within one cell.
    const value = typeof raw === 'string' ? cellText([raw]) : raw;
    if (typeof value === 'string') {
      b.put([[value, ...Array.from({ length: WIDTH - 2 }, () => null)]], { col: 2, style: 'wrapCell' });
      b.merges.push(`B${r}:${columnLetter(WIDTH)}${r}`);
      b.fit(r, [{ text: label, width: colWidth(1) }, { text: value, width: span(2, WIDTH) }]);
    } else b.put([[value]], { col: 2, style: 'cell', numberFormat: format ?? 'General' });
  }
}

/** A header row, as tall as its longest label needs in its column (header cells wrap). */
export function header(b: SheetBuilder, values: readonly string[], merges: readonly (readonly [number, number])[] = []): number {
  const row = b.put([values], { style: 'header' });
  b.fit(
    row,
    values.map((v, i) => {
      const m = merges.find(([c1]) => c1 === i + 1);
      return { text: v, width: m ? span(m[0], m[1]) : colWidth(i + 1) };
    }),
  );
  return row;
}

/** A numbered section listing rows; the last column (the text) merged to the page's right edge so it wraps readably. */
export function listSection(b: SheetBuilder, title: string, head: string[], rows: PlanValue[][]): void {
  b.section(title, WIDTH);
  if (rows.length === 0) {
    b.put([['无']]);
    return;
  }
  const text = head.length;
  const pad = Array.from({ length: WIDTH - text }, () => null);
  header(b, [...head, ...pad.map(() => '')], [[text, WIDTH]]);
  b.merges.push(`${columnLetter(text)}${b.row - 1}:${columnLetter(WIDTH)}${b.row - 1}`);
  const shown = rows.slice(0, REPORT_LIST_LIMIT);
  const top = b.put(shown.map((r) => [...r, ...pad]), { style: 'wrapCell' });
  shown.forEach((r, i) => {
    b.merges.push(`${columnLetter(text)}${top + i}:${columnLetter(WIDTH)}${top + i}`);
    b.fit(top + i, r.map((v, c) => ({ text: v, width: c === text - 1 ? span(text, WIDTH) : colWidth(c + 1) })));
  });
  if (rows.length > REPORT_LIST_LIMIT) b.note(`共 ${rows.length} 条，此处列出前 ${REPORT_LIST_LIMIT} 条；其余请在调查数据中筛选。`, WIDTH);
}

/** A note across the page (A…L), its row as tall as the wrapped text needs. */
export function pageNote(b: SheetBuilder, full: string): void {
  const r = b.row;
  // A note listing item names (as many as a template has) stays within one cell.
  const text = cellText([full]);
  b.note(text, WIDTH);
  b.fit(r, [{ text, width: span(1, WIDTH) }]);
}
