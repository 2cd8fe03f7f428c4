/**
 * Finding the survey in a workbook: its template (the owned 评分模板, else Table 4-1), its responses
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
  TABLE_4_1,
  type DataLayout,
  type Grid,
  type ResponseSet,
  type Template,
} from '../domain';
import { columnLetter, type ExcelGateway, type ExistingSheet, type ReportSource, type TemplateCells } from '../plan';
import { readWorkbookTemplate, sameTemplate } from './survey';

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
  const set = readResponses(grid, template, layout, origin);
  parsed.set(grid, { template, sheet, layout, set });
  return { layout, set };
}

export async function loadSurveyData(gateway: ExcelGateway): Promise<SurveyData> {
  const existing = await gateway.listSheets();
  const templateSheet = existing.find((s) => s.owner === 'template');
  const fromWorkbook = templateSheet ? await readWorkbookTemplate(gateway, templateSheet.name) : undefined;
  const template = fromWorkbook?.template ?? TABLE_4_1;
  const sheet = await findResponses(gateway, existing, template);
  const grid = await gateway.readSheet(sheet);
  const { layout, set } = responsesOf(grid, template, sheet);
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
  };
}
