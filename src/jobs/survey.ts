/**
 * 生成调查表: writes the survey workbook (评分模板, 调查数据, 客户满意度调查表, 调查方案) into a workbook
 * through any ExcelGateway. Sheets the add-in owns are kept (the ones holding users' data and edits)
 * or refreshed (the printable form); sheets it does not own are never touched.
 */
import {
  CsatError,
  locateData,
  readTemplateGrid,
  TABLE_4_1,
  type CellValue,
  type Template,
} from '../domain';
import {
  buildSurveyWorkbook,
  resolveSheets,
  SURVEY_SHEETS,
  type ExcelGateway,
  type ExistingSheet,
  type RenderProgress,
  type SheetResolution,
  type SurveySheetKind,
  type SurveySheetNames,
  type TemplateCells,
} from '../plan';
import { checkAborted, note, type JobNote } from './notes';

export type TemplateChoice = 'auto' | 'builtin' | 'workbook' | Template;

export interface SurveyJobOptions {
  /** `auto` (default): the workbook's 评分模板 when it has one, else Table 4-1. */
  template?: TemplateChoice;
  responses?: readonly (readonly CellValue[])[];
  plannedCustomers?: readonly (readonly CellValue[])[];
  year?: number;
  onProgress?: (p: RenderProgress) => void;
  /** Checked before anything is written: a cancelled job changes nothing. */
  signal?: AbortSignal;
}

export interface SurveyJobResult {
  template: Template;
  sheets: SheetResolution[];
  names: SurveySheetNames;
  notes: JobNote[];
}

/** Reads the template an owned 评分模板 sheet holds, with where its cells are. */
export async function readWorkbookTemplate(gateway: ExcelGateway, sheet: string): Promise<{ template: Template; cells: TemplateCells }> {
  const grid = await gateway.readSheet(sheet);
  const { template, layout } = readTemplateGrid(grid, { sheet, row: 1, col: 1 }, `工作簿中的"${sheet}"`);
  // An unedited copy of Table 4-1 is Table 4-1, and says so in reports.
  return { template: sameTemplate(template, TABLE_4_1) ? TABLE_4_1 : template, cells: { sheet, layout } };
}

export function sameTemplate(a: Template, b: Template): boolean {
  const items = (t: Template) => t.items.map((i) => [i.name, i.category, i.weight, ...i.scores].join('|')).join(';');
  return items(a) === items(b) && a.levels.map((l) => l.label).join() === b.levels.map((l) => l.label).join() && Math.abs(a.target - b.target) < 1e-12;
}

function differentTemplateError(sheet: string): CsatError {
  return new CsatError({
    code: 'template-layout',
    params: { detail: `工作簿已有评分模板"${sheet}"且与所选模板不同；为免覆盖您的修改，请选择"使用工作簿中的评分模板"，或先将该工作表改名或删除` },
  });
}

export async function generateSurveyWorkbook(gateway: ExcelGateway, options: SurveyJobOptions = {}): Promise<SurveyJobResult> {
  const existing: ExistingSheet[] = await gateway.listSheets();
  const templateSheet = existing.find((s) => s.owner === 'template');
  const choice = options.template ?? 'auto';
  let template: Template;
  let templateCells: TemplateCells | undefined;
  if (templateSheet) {
    const inWorkbook = await readWorkbookTemplate(gateway, templateSheet.name);
    templateCells = inWorkbook.cells;
    template = inWorkbook.template;
    const wanted = choice === 'builtin' ? TABLE_4_1 : typeof choice === 'object' ? choice : undefined;
    if (wanted && !sameTemplate(wanted, inWorkbook.template)) throw differentTemplateError(templateSheet.name);
  } else {
    if (choice === 'workbook') {
      throw new CsatError({ code: 'template-layout', params: { detail: '工作簿中没有评分模板工作表；请先用内置表4-1 生成调查表' } });
    }
    template = typeof choice === 'object' ? choice : TABLE_4_1;
  }

  const kinds = Object.keys(SURVEY_SHEETS) as SurveySheetKind[];
  const resolutions = resolveSheets(
    kinds.map((k) => ({ owner: k, name: SURVEY_SHEETS[k].name, onExisting: SURVEY_SHEETS[k].onExisting })),
    existing,
  );
  const names = Object.fromEntries(resolutions.map((r) => [r.owner, r.name])) as SurveySheetNames;
  const include = resolutions.filter((r) => r.action !== 'keep').map((r) => r.owner as SurveySheetKind);
  const notes: JobNote[] = [];

  const responses = resolutions.find((r) => r.owner === 'responses')!;
  if (responses.action === 'keep') notes.push(...(await checkResponsesHeader(gateway, responses.name, template)));

  if (include.length > 0) {
    const built = buildSurveyWorkbook(template, {
      names,
      include,
      templateCells,
      responses: options.responses,
      plannedCustomers: options.plannedCustomers,
      year: options.year,
    });
    checkAborted(options.signal);
    await gateway.render(built.plan, options.onProgress);
  }
  for (const r of resolutions) notes.push(describe(r));
  return { template, sheets: resolutions, names, notes };
}

function describe(r: SheetResolution): JobNote {
  if (r.action === 'keep') return note('info', `已保留"${r.name}"（其中的数据和修改未改动）`, `Kept "${r.name}" (its data and edits untouched)`);
  if (r.action === 'refresh') return note('info', `已按当前模板更新"${r.name}"`, `Refreshed "${r.name}" from the current template`);
  if (r.nameTakenBy) {
    return note(
      'warning',
      `工作表"${r.nameTakenBy}"不是本加载项创建的，未作改动；新表命名为"${r.name}"`,
      `Sheet "${r.nameTakenBy}" was not created by the add-in and was left alone; the new sheet is "${r.name}"`,
    );
  }
  return note('info', `已创建"${r.name}"`, `Created "${r.name}"`);
}

async function checkResponsesHeader(gateway: ExcelGateway, sheet: string, template: Template): Promise<JobNote[]> {
  const header = await gateway.readRange(sheet, 'A1:BZ1');
  try {
    const layout = locateData(header, template, { sheet, row: 1, col: 1 });
    const missing = template.items.filter((_, i) => layout.itemColumns[i] < 0).map((it) => it.name);
    if (missing.length === 0) return [];
    return [note('warning', `"${sheet}"的表头缺少评分项目：${missing.join('、')}（可手动添加列）`, `The header of "${sheet}" lacks items: ${missing.join(', ')} (add the columns by hand)`)];
  } catch {
    return [note('warning', `"${sheet}"的第 1 行不是与评分模板一致的表头`, `Row 1 of "${sheet}" is not a header matching the template`)];
  }
}
