/**
 * 生成调查表: writes the survey workbook (评分模板, 调查数据, 客户满意度调查表, 调查方案) into a workbook
 * through any ExcelGateway. Sheets the add-in owns are kept (the ones holding users' data and edits)
 * or refreshed (the printable form); sheets it does not own are never touched.
 */
import { CsatError, locateData, problem, sameTemplate, TABLE_4_1, type CellValue, type Template } from '../domain';
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
import { say } from './messages';
import { checkAborted, note, type JobNote } from './notes';
import { readWorkbookTemplate } from './survey-data';

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
    if (wanted && !sameTemplate(wanted, inWorkbook.template)) throw new CsatError(problem('template-differs', { sheet: templateSheet.name }));
  } else {
    if (choice === 'workbook') {
      throw new CsatError(problem('template-not-in-workbook'));
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
  if (r.action === 'keep') return note('info', say('sheet-kept-edits', { sheet: r.name }));
  if (r.action === 'refresh') return note('info', say('sheet-refreshed', { sheet: r.name }));
  if (r.nameTakenBy) return note('warning', say('sheet-name-taken', { taken: r.nameTakenBy, sheet: r.name }));
  return note('info', say('sheet-created', { sheet: r.name }));
}

async function checkResponsesHeader(gateway: ExcelGateway, sheet: string, template: Template): Promise<JobNote[]> {
  const header = await gateway.readRange(sheet, 'A1:BZ1');
  try {
    const layout = locateData(header, template, { sheet, row: 1, col: 1 });
    const missing = template.items.filter((_, i) => layout.itemColumns[i] < 0).map((it) => it.name);
    if (missing.length === 0) return [];
    return [note('warning', say('survey-header-lacks-items', { sheet, items: missing }))];
  } catch {
    return [note('warning', say('survey-header-mismatch', { sheet }))];
  }
}
