/**
 * The ExcelGateway bound to one Excel.run's RequestContext: every read and render of a user action
 * goes through the same context (OfficeGateway.session). Reads that could exceed the response cap
 * of Excel on the web go in row chunks sized from what the previous chunk weighed; renders record
 * their writes in the action's journal.
 */
import type { CellValue, Grid } from '../../domain';
import { OWNER_PREFIX, rangeOf, type ExcelGateway, type ExistingSheet, type RenderProgress, type WorkbookPlan } from '../../plan';
import { Journal } from './journal';
import { renderPlanInContext, type RenderStats } from './render';
import { jsonBytes } from './request-size';

/** First guess of a cell's JSON weight before anything was read. */
const GUESS_BYTES_PER_CELL = 48;

/** The sheet a name like `='调查数据'!$A$1` points at; undefined for #REF! and constants. */
export function sheetOfReference(formula: string): string | undefined {
  const m = /^=?(?:'((?:[^']|'')+)'|([^!'=]+))!\$?[A-Z]+\$?\d+/.exec(formula);
  return m ? (m[1] ?? m[2]).replace(/''/g, "'") : undefined;
}

export class ContextGateway implements ExcelGateway {
  readonly journal = new Journal();
  lastRender?: RenderStats;

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly budget: number,
  ) {}

  async listSheets(): Promise<ExistingSheet[]> {
    const sheets = this.context.workbook.worksheets;
    const names = this.context.workbook.names;
    sheets.load('items/name');
    names.load('items/name,items/formula');
    await this.context.sync();
    const owners = new Map<string, string>();
    for (const n of names.items) {
      if (!n.name.startsWith(OWNER_PREFIX)) continue;
      const sheet = sheetOfReference(String(n.formula));
      if (sheet) owners.set(sheet, n.name.slice(OWNER_PREFIX.length));
    }
    return sheets.items.map((s) => {
      const owner = owners.get(s.name);
      return owner === undefined ? { name: s.name } : { name: s.name, owner };
    });
  }

  async readRange(sheet: string, address: string): Promise<Grid> {
    const range = this.context.workbook.worksheets.getItem(sheet).getRange(address);
    range.load('values');
    await this.context.sync();
    return range.values as CellValue[][];
  }

  async readSheet(name: string): Promise<Grid> {
    const ws = this.context.workbook.worksheets.getItem(name);
    const used = ws.getUsedRangeOrNullObject(true);
    used.load('rowCount,columnCount,rowIndex,columnIndex');
    await this.context.sync();
    if (used.isNullObject) return [];
    const rows = used.rowIndex + used.rowCount;
    const cols = used.columnIndex + used.columnCount;
    const grid: CellValue[][] = [];
    let perRow = cols * GUESS_BYTES_PER_CELL;
    for (let start = 0; start < rows; ) {
      const take = Math.max(1, Math.min(rows - start, Math.floor(this.budget / perRow)));
      const chunk = ws.getRange(rangeOf({ row: start + 1, col: 1 }, take, cols));
      chunk.load('values');
      await this.context.sync();
      const values = chunk.values as CellValue[][];
      for (const row of values) grid.push(row);
      // Size the next chunk from what this one actually weighed (with a safety margin).
      perRow = Math.max(perRow / 4, (jsonBytes(values) / values.length) * 1.25);
      start += take;
    }
    return grid;
  }

  /** The tables on a sheet with their ranges (`{ name: '调查数据表', ref: 'A1:V201' }`): two syncs. */
  async tableRanges(sheet: string): Promise<readonly { name: string; ref: string }[]> {
    const tables = this.context.workbook.worksheets.getItem(sheet).tables;
    tables.load('items/name');
    await this.context.sync();
    const ranges = tables.items.map((t) => {
      const r = t.getRange();
      r.load('address');
      return { name: t.name, range: r };
    });
    if (ranges.length === 0) return [];
    await this.context.sync();
    return ranges.map(({ name, range }) => ({ name, ref: range.address.slice(range.address.lastIndexOf('!') + 1).replace(/\$/g, '') }));
  }

  async render(plan: WorkbookPlan, onProgress?: (p: RenderProgress) => void): Promise<void> {
    this.lastRender = await renderPlanInContext(this.context, plan, { budget: this.budget, onProgress, journal: this.journal });
  }
}
