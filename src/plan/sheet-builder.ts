/** Lays blocks down a sheet top to bottom, so section builders need not count rows by hand. */
import { cell, columnLetter } from './a1';
import type { StyleName } from './styles';
import { rowHeightFor, textLines } from './text-fit';
import type { CellBlock, PlanValue } from './types';

const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];

export class SheetBuilder {
  row = 1;
  readonly blocks: CellBlock[] = [];
  readonly merges: string[] = [];
  readonly rowHeights: { row: number; height: number }[] = [];

  /**
   * Gives `row` the height its wrapped text needs: each cell's text against the width it prints in
   * (its column, or its merge). Rows of one line keep Excel's default height.
   */
  fit(row: number, cells: readonly { readonly text: PlanValue; readonly width: number }[]): void {
    const lines = Math.max(1, ...cells.map((c) => (typeof c.text === 'string' && c.text !== '' ? textLines(c.text, c.width) : 1)));
    if (lines <= 1) return;
    const height = rowHeightFor(lines);
    const known = this.rowHeights.find((h) => h.row === row);
    if (known) known.height = Math.max(known.height, height);
    else this.rowHeights.push({ row, height });
  }

  /** Writes rows at the cursor (column `col`) and moves the cursor below them; returns their first row. */
  put(values: readonly (readonly PlanValue[])[], options: { col?: number; style?: StyleName; numberFormat?: string | readonly (readonly string[])[]; advance?: boolean } = {}): number {
    const top = this.row;
    if (values.length > 0) {
      this.blocks.push({ at: cell(top, options.col ?? 1), values, style: options.style, numberFormat: options.numberFormat });
    }
    if (options.advance !== false) this.row += values.length;
    return top;
  }

  private sections = 0;

  /** A numbered section heading (一、二、… by position, so an omitted section leaves no gap). */
  section(title: string, width: number): void {
    this.heading(`${CHINESE_NUMERALS[this.sections++] ?? this.sections}、${title}`, width);
  }

  /** A section heading across `width` columns. */
  heading(text: string, width: number): void {
    this.skip(1);
    this.merges.push(`A${this.row}:${columnLetter(width)}${this.row}`);
    this.put([[text]], { style: 'subtitle' });
  }

  /** A note across `width` columns (merged, so its text wraps across the table's width). */
  note(text: string, width: number): void {
    this.merges.push(`A${this.row}:${columnLetter(width)}${this.row}`);
    this.put([[text]], { style: 'note' });
  }

  skip(n = 1): void {
    this.row += n;
  }
}
