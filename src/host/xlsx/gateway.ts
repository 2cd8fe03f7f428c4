/**
 * The ExcelGateway over an .xlsx held in memory (ExcelJS): the CLI's and the standalone browser
 * pane's workbook. Nothing is written to disk here; `save()` returns the bytes of a new file.
 */
import ExcelJS from 'exceljs';
import type { Grid } from '../../domain';
import { parseRange, type ChartSpec, type ExcelGateway, type ExistingSheet, type RenderProgress, type WorkbookPlan } from '../../plan';
import { addCharts } from './charts';
import { addCustomProperties } from './custom-properties';
import { loadWorkbook, plainValue, sheetGrid } from './read';
import { ownerMarks, renderPlanToWorkbook } from './render';

export class XlsxGateway implements ExcelGateway {
  /** Charts of the sheets rendered, added as OOXML parts when the file is saved (ExcelJS has none). */
  private readonly charts = new Map<string, readonly ChartSpec[]>();
  /** Custom document properties, added as their OOXML part when the file is saved. */
  private custom: Record<string, string> = {};

  constructor(readonly workbook: ExcelJS.Workbook) {}

  static empty(): XlsxGateway {
    const wb = new ExcelJS.Workbook();
    wb.creator = 'CSAT for Excel';
    wb.created = new Date();
    return new XlsxGateway(wb);
  }

  static async open(bytes: ArrayBuffer | Uint8Array): Promise<XlsxGateway> {
    return new XlsxGateway(await loadWorkbook(bytes));
  }

  async listSheets(): Promise<ExistingSheet[]> {
    const marks = ownerMarks(this.workbook);
    return this.workbook.worksheets.map((ws) => {
      const owner = marks.get(ws.name);
      return owner === undefined ? { name: ws.name } : { name: ws.name, owner };
    });
  }

  async readSheet(name: string): Promise<Grid> {
    const ws = this.workbook.getWorksheet(name);
    if (!ws) throw new Error(`no sheet named ${name}`);
    return sheetGrid(ws);
  }

  async readRange(sheet: string, address: string): Promise<Grid> {
    const ws = this.workbook.getWorksheet(sheet);
    if (!ws) throw new Error(`no sheet named ${sheet}`);
    // Only the rows asked for (a header check must not convert a 100,000-row sheet).
    const { start, end } = parseRange(address);
    const out: Grid[number][] = [];
    for (let r = start.row; r <= end.row; r++) {
      const row = ws.getRow(r);
      out.push(Array.from({ length: end.col - start.col + 1 }, (_, c) => plainValue(row.getCell(start.col + c).value)));
    }
    return out;
  }

  async render(plan: WorkbookPlan, onProgress?: (p: RenderProgress) => void): Promise<void> {
    await renderPlanToWorkbook(this.workbook, plan, onProgress);
    for (const sheet of plan.sheets) if (!sheet.update) this.charts.set(sheet.name, sheet.charts ?? []);
    if (plan.properties?.custom) this.custom = { ...this.custom, ...plan.properties.custom };
  }

  /**
   * Replaces every CSAT.* formula by a value (for archive copies read where the add-in is not
   * installed): the value `resolve` gives, else the result Excel cached. Returns the cells frozen and
   * those left as they were (no value known).
   */
  freezeCustomFunctions(resolve: (sheet: string, cell: string, formula: string) => number | string | boolean | undefined): { frozen: string[]; left: string[] } {
    const frozen: string[] = [];
    const left: string[] = [];
    for (const ws of this.workbook.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const v = cell.value as ExcelJS.CellFormulaValue | null;
          if (!v || typeof v !== 'object' || typeof v.formula !== 'string' || !/_xldudf_CSAT_|CSAT\./.test(v.formula)) return;
          const formula = `=${v.formula.replace(/_xldudf_CSAT_([A-Z]+)\(/g, 'CSAT.$1(')}`;
          const value = resolve(ws.name, cell.address, formula) ?? (v.result as number | string | boolean | undefined);
          const at = `${ws.name}!${cell.address}`;
          if (value === undefined || (typeof value === 'object' && value !== null)) {
            left.push(at);
            return;
          }
          cell.value = value;
          cell.note = `归档时冻结为数值；原公式：${formula}`;
          frozen.push(at);
        }),
      );
    }
    return { frozen, left };
  }

  async save(): Promise<Uint8Array> {
    this.workbook.modified = new Date();
    const charts = new Map([...this.charts].filter(([name]) => this.workbook.getWorksheet(name)));
    const withCharts = await addCharts(new Uint8Array(await this.workbook.xlsx.writeBuffer()), charts);
    return addCustomProperties(withCharts, this.custom);
  }
}
