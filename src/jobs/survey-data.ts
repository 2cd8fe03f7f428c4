/**
 * Reading the survey of a workbook: its template (the owned 评分模板, else Table 4-1), its responses
 * (the owned 调查数据, else the first sheet with a Table 4-1 header) and its planned customers (the
 * owned 调查方案's 调查对象 table).
 */
import {
  CsatError,
  CUSTOMER_COLUMN,
  DATE_COLUMN,
  locateData,
  normalizeLabel,
  problem,
  readResponses,
  readTemplateGrid,
  sameTemplate,
  asBuiltIn,
  TABLE_4_1,
  type DataLayout,
  type Grid,
  type ResponseSet,
  type Template,
} from '../domain';
import { columnLetter, parseCell, parseRange, type ExcelGateway, type ExistingSheet, type ReportSource, type TemplateCells } from '../plan';

export interface SurveyData {
  readonly existing: ExistingSheet[];
  readonly template: Template;
  readonly templateCells?: TemplateCells;
  readonly set: ResponseSet;
  /** The responses sheet as read (so jobs need not read it again). */
  readonly grid: Grid;
  readonly layout: DataLayout;
  readonly source: ReportSource;
  readonly plannedCustomers: string[];
  /** Merged ranges over answers or dates (`调查数据!G2:G11`): only their top-left cell holds an answer. */
  readonly merged: string[];
}

/** Reads the template an owned 评分模板 sheet holds, with where its cells are. */
export async function readWorkbookTemplate(gateway: ExcelGateway, sheet: string): Promise<{ template: Template; cells: TemplateCells }> {
  const grid = await gateway.readSheet(sheet);
  const { template, layout } = readTemplateGrid(grid, { sheet, row: 1, col: 1 }, `工作簿中的"${sheet}"`);
  return { template: asBuiltIn(template), cells: { sheet, layout } };
}

/** The planned customers of a 调查方案 sheet: the 客户名称 column under its header, to the first blank. */
export function plannedCustomersOf(grid: Grid): string[] {
  for (let r = 0; r < grid.length; r++) {
    const c = grid[r].findIndex((v) => typeof v === 'string' && normalizeLabel(v) === normalizeLabel(CUSTOMER_COLUMN));
    if (c < 0) continue;
    const names: string[] = [];
    for (let k = r + 1; k < grid.length; k++) {
      const v = grid[k]?.[c];
      if (v === null || v === undefined || String(v).trim() === '') break;
      names.push(String(v).trim());
    }
    return names;
  }
  return [];
}

async function findResponses(gateway: ExcelGateway, existing: ExistingSheet[], template: Template): Promise<string> {
  const owned = existing.find((s) => s.owner === 'responses');
  if (owned) return owned.name;
  for (const s of existing) {
    if (s.owner) continue;
    const head = await gateway.readRange(s.name, 'A1:BZ20');
    try {
      if (locateData(head, template, { sheet: s.name, row: 1, col: 1 }).headerRow >= 0) return s.name;
    } catch {
      // not a responses sheet
    }
  }
  throw new CsatError(problem('no-header', { rows: 20, min: Math.min(10, template.items.length), items: template.items.length }));
}

/**
 * Responses parsed from a grid, kept while the host keeps the grid (hosts hand back the same grid
 * object until the sheet changes): the pane inspects, reports and inspects again without re-parsing
 * 100,000 rows each time.
 */
const parsed = new WeakMap<Grid, { template: Template; sheet: string; layout: DataLayout; set: ResponseSet }>();

function responsesOf(grid: Grid, template: Template, sheet: string): { layout: DataLayout; set: ResponseSet } {
  const hit = parsed.get(grid);
  if (hit && hit.sheet === sheet && (hit.template === template || sameTemplate(hit.template, template))) return hit;
  const origin = { sheet, row: 1, col: 1 };
  const layout = locateData(grid, template, origin);
  // Cells read from a workbook: a blank is an absent cell, a typed 0 is the score 0.
  const set = readResponses(grid, template, layout, origin, { zeroMeansBlank: false });
  parsed.set(grid, { template, sheet, layout, set });
  return { layout, set };
}

/**
 * Answers or dates that are formulas without a calculated value cannot be read: say which cells,
 * never guess (a blank would silently drop the row).
 */
export function requireCalculated(gateway: ExcelGateway, sheet: string, layout: DataLayout): void {
  const cells = gateway.uncalculatedCells?.(sheet) ?? [];
  if (cells.length === 0) return;
  const watched = new Set([...layout.itemColumns.filter((c) => c >= 0), ...(layout.otherColumns.has(DATE_COLUMN) ? [layout.otherColumns.get(DATE_COLUMN)!] : [])].map((c) => c + 1));
  const hit = cells.filter((at) => {
    const a1 = at.slice(at.lastIndexOf('!') + 1);
    if (!/^[A-Z]+\d+$/.test(a1)) return true;
    const { row, col } = parseCell(a1);
    return row > layout.headerRow + 1 && watched.has(col);
  });
  if (hit.length > 0) throw new CsatError(problem('uncalculated', { cells: hit.slice(0, 5).join('、'), count: hit.length }, hit[0]));
}

/** Merged ranges over answers or dates in the data rows (`调查数据!G2:G11`). */
export function mergedOverAnswers(gateway: ExcelGateway, sheet: string, layout: DataLayout): string[] {
  const watched = new Set([...layout.itemColumns.filter((c) => c >= 0), layout.otherColumns.get(DATE_COLUMN) ?? -1].map((c) => c + 1));
  return (gateway.mergedRanges?.(sheet) ?? [])
    .filter((ref) => {
      try {
        const { start, end } = parseRange(ref);
        if (end.row <= layout.headerRow + 1) return false;
        for (let c = start.col; c <= end.col; c++) if (watched.has(c)) return true;
      } catch {
        // not an A1 range: not ours to judge
      }
      return false;
    })
    .map((ref) => `${sheet}!${ref}`);
}

const clipped = new WeakMap<Grid, { ref: string; grid: Grid }>();

/**
 * The responses as the sheet's table holds them: when the header sits in a table (the add-in's
 * 调查数据表, or any table a user made), cells right of it — the live summary beside it, notes —
 * are not responses. Without a table, the whole sheet.
 */
export async function responsesGrid(gateway: ExcelGateway, sheet: string, grid: Grid, template: Template): Promise<Grid> {
  const tables = (await gateway.tableRanges?.(sheet)) ?? [];
  if (tables.length === 0) return grid;
  let headerRow: number;
  try {
    headerRow = locateData(grid, template, { sheet, row: 1, col: 1 }).headerRow + 1;
  } catch {
    return grid;
  }
  const table = tables.find((t) => {
    try {
      return parseRange(t.ref).start.row === headerRow;
    } catch {
      return false;
    }
  });
  if (!table) return grid;
  const hit = clipped.get(grid);
  if (hit && hit.ref === table.ref) return hit.grid;
  // Columns stop at the table's edge. Rows do not stop at its last row — answers typed below a table
  // that another program did not extend are still answers — but trailing rows empty within the
  // table's columns (the summary's rows beside it) are dropped.
  const { end } = parseRange(table.ref);
  const empty = (r: readonly unknown[]) => r.every((v) => v === null || v === undefined || v === '');
  const out = grid.map((r) => (r.length > end.col ? r.slice(0, end.col) : r));
  while (out.length > 0 && empty(out[out.length - 1])) out.pop();
  clipped.set(grid, { ref: table.ref, grid: out });
  return out;
}

export async function loadSurveyData(gateway: ExcelGateway): Promise<SurveyData> {
  const existing = await gateway.listSheets();
  const templateSheet = existing.find((s) => s.owner === 'template');
  const fromWorkbook = templateSheet ? await readWorkbookTemplate(gateway, templateSheet.name) : undefined;
  const template = fromWorkbook?.template ?? TABLE_4_1;
  const sheet = await findResponses(gateway, existing, template);
  const grid = await responsesGrid(gateway, sheet, await gateway.readSheet(sheet), template);
  const { layout, set } = responsesOf(grid, template, sheet);
  requireCalculated(gateway, sheet, layout);
  const merged = mergedOverAnswers(gateway, sheet, layout);
  const dateCol = layout.otherColumns.get(DATE_COLUMN);
  if (dateCol === undefined) throw new CsatError(problem('no-dates'));
  // The data's own columns: the header's run of non-empty cells from column A (not the summary beside it).
  const header = grid[layout.headerRow] ?? [];
  let width = header.findIndex((v) => v === null || v === undefined || String(v).trim() === '');
  if (width < 0) width = header.length;
  const planSheet = existing.find((s) => s.owner === 'survey_plan');
  const plannedCustomers = planSheet ? plannedCustomersOf(await gateway.readSheet(planSheet.name)) : [];
  return {
    existing,
    template,
    templateCells: fromWorkbook?.cells,
    set,
    grid,
    layout,
    source: { sheet, itemCols: layout.itemColumns.map((c) => c + 1), dateCol: dateCol + 1, range: `${sheet}!A${layout.headerRow + 1}:${columnLetter(width)}${grid.length}` },
    plannedCustomers,
    merged,
  };
}
