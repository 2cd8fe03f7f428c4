/**
 * The ExcelGateway inside Excel: Office.js, one Excel.run per call. Reads that could exceed the
 * response cap of Excel on the web go in row chunks sized from what the previous chunk weighed.
 */
import type { CellValue, Grid } from '../../domain';
import { OWNER_PREFIX, rangeOf, type ExcelGateway, type ExistingSheet, type RenderProgress, type WorkbookPlan } from '../../plan';
import { renderPlanInContext, type RenderStats } from './render';
import { jsonBytes, REQUEST_BUDGET_BYTES } from './request-size';

export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** First guess of a cell's JSON weight before anything was read. */
const GUESS_BYTES_PER_CELL = 48;

/** The sheet a name like `='调查数据'!$A$1` points at; undefined for #REF! and constants. */
export function sheetOfReference(formula: string): string | undefined {
  const m = /^=?(?:'((?:[^']|'')+)'|([^!'=]+))!\$?[A-Z]+\$?\d+/.exec(formula);
  return m ? (m[1] ?? m[2]).replace(/''/g, "'") : undefined;
}

export class OfficeGateway implements ExcelGateway {
  lastRender?: RenderStats;

  constructor(
    private readonly run: ExcelRun = (batch) => Excel.run(batch),
    private readonly budget = REQUEST_BUDGET_BYTES,
  ) {}

  listSheets(): Promise<ExistingSheet[]> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      const names = context.workbook.names;
      sheets.load('items/name');
      names.load('items/name,items/formula');
      await context.sync();
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
    });
  }

  readRange(sheet: string, address: string): Promise<Grid> {
    return this.run(async (context) => {
      const range = context.workbook.worksheets.getItem(sheet).getRange(address);
      range.load('values');
      await context.sync();
      return range.values as CellValue[][];
    });
  }

  readSheet(name: string): Promise<Grid> {
    return this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(name);
      const used = ws.getUsedRangeOrNullObject(true);
      used.load('rowCount,columnCount,rowIndex,columnIndex');
      await context.sync();
      if (used.isNullObject) return [];
      const rows = used.rowIndex + used.rowCount;
      const cols = used.columnIndex + used.columnCount;
      const grid: CellValue[][] = [];
      let perRow = cols * GUESS_BYTES_PER_CELL;
      for (let start = 0; start < rows; ) {
        const take = Math.max(1, Math.min(rows - start, Math.floor(this.budget / perRow)));
        const chunk = ws.getRange(rangeOf({ row: start + 1, col: 1 }, take, cols));
        chunk.load('values');
        await context.sync();
        const values = chunk.values as CellValue[][];
        for (const row of values) grid.push(row);
        // Size the next chunk from what this one actually weighed (with a safety margin).
        perRow = Math.max(perRow / 4, (jsonBytes(values) / values.length) * 1.25);
        start += take;
      }
      return grid;
    });
  }

  async render(plan: WorkbookPlan, onProgress?: (p: RenderProgress) => void): Promise<void> {
    this.lastRender = await this.run((context) => renderPlanInContext(context, plan, { budget: this.budget, onProgress }));
  }
}
