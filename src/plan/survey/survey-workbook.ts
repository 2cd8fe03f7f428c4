/** The survey workbook: 评分模板, 调查数据, 客户满意度调查表, 调查方案 — built as one plan. */
import type { CellValue, Template } from '../../domain';
import type { NamedItem, SheetPlan, WorkbookPlan } from '../types';
import { buildFormSheet } from './form-sheet';
import { DEFAULT_SURVEY_NAMES, type SurveySheetKind, type SurveySheetNames } from './names';
import type { TemplateCells } from './native-formulas';
import { buildSurveyPlanSheet } from './plan-sheet';
import { buildResponsesSheet, type ResponsesLayout } from './responses-sheet';
import { buildTemplateSheet } from './template-sheet';

export interface SurveyWorkbookOptions {
  /** Actual sheet names (defaults: the policy's names). */
  names?: Partial<SurveySheetNames>;
  /** Which sheets to write (default: all four). Sheets left out are assumed present already. */
  include?: readonly SurveySheetKind[];
  /** Where the template sits when its sheet is kept rather than written (read from the workbook). */
  templateCells?: TemplateCells;
  /** Responses to pre-fill `调查数据` with (the demo). */
  responses?: readonly (readonly CellValue[])[];
  /** Planned customers for `调查方案`. */
  plannedCustomers?: readonly (readonly CellValue[])[];
  year?: number;
}

export interface SurveyWorkbook {
  plan: WorkbookPlan;
  names: SurveySheetNames;
  responses?: ResponsesLayout;
}

export function buildSurveyWorkbook(template: Template, options: SurveyWorkbookOptions = {}): SurveyWorkbook {
  const names: SurveySheetNames = { ...DEFAULT_SURVEY_NAMES, ...options.names };
  const include = new Set<SurveySheetKind>(options.include ?? ['template', 'responses', 'form', 'survey_plan']);
  const sheets: SheetPlan[] = [];
  const named: NamedItem[] = [];
  let templateCells = options.templateCells;
  if (include.has('template')) {
    const t = buildTemplateSheet(template, names.template);
    sheets.push(t.sheet);
    named.push(...t.names);
    templateCells = { sheet: names.template, layout: t.layout };
  }
  if (!templateCells) throw new Error('buildSurveyWorkbook: the template sheet is neither written nor located');
  let responses: ResponsesLayout | undefined;
  if (include.has('responses')) {
    const r = buildResponsesSheet(template, names.responses, templateCells, { rows: options.responses });
    sheets.push(r.sheet);
    responses = r.layout;
  }
  if (include.has('form')) sheets.push(buildFormSheet(template, names.form));
  if (include.has('survey_plan')) {
    sheets.push(buildSurveyPlanSheet(names.survey_plan, { year: options.year ?? new Date().getFullYear(), customers: options.plannedCustomers }));
  }
  return {
    plan: {
      sheets,
      names: named,
      properties: { title: '客户满意度调查', subject: '客户满意度调查（XDYJ-04-03）', keywords: '客户满意度;XDYJ-04-03;表4-1', category: '质量记录' },
    },
    names,
    responses,
  };
}
