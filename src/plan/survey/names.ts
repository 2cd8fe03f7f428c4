/**
 * The sheets of a survey workbook: their owned-sheet kinds, default names (zh-CN, as the policy
 * names the records) and what regenerating does to an existing one.
 */
export const SURVEY_SHEETS = {
  template: { name: '评分模板', onExisting: 'keep' },
  responses: { name: '调查数据', onExisting: 'keep' },
  form: { name: '客户满意度调查表', onExisting: 'refresh' },
  survey_plan: { name: '调查方案', onExisting: 'keep' },
} as const;

export type SurveySheetKind = keyof typeof SURVEY_SHEETS;

/** Actual sheet names in this workbook (a default name may be taken by a user's sheet). */
export type SurveySheetNames = Record<SurveySheetKind, string>;

export const DEFAULT_SURVEY_NAMES: SurveySheetNames = {
  template: SURVEY_SHEETS.template.name,
  responses: SURVEY_SHEETS.responses.name,
  form: SURVEY_SHEETS.form.name,
  survey_plan: SURVEY_SHEETS.survey_plan.name,
};

/** Workbook names the survey sheets define. */
export const TEMPLATE_RANGE_NAME = 'CSAT_TEMPLATE';
export const RESPONSES_TABLE_NAME = '调查数据表';
export const PLANNED_CUSTOMERS_TABLE_NAME = '调查对象表';

/**
 * The live CSAT.* formulas the survey sheets write — 调查数据's overall and 调查方案's 样本量 (±2 points) —
 * in one place, so an archive copy recognises exactly these when it freezes them to values.
 */
export const LIVE_OVERALL_FORMULA = `=CSAT.OVERALL(${RESPONSES_TABLE_NAME}[#All],${TEMPLATE_RANGE_NAME})`;
export const LIVE_SAMPLE_SIZE_HALF_WIDTH = 0.02;
export const LIVE_SAMPLE_SIZE_FORMULA = `=CSAT.SAMPLESIZE(${RESPONSES_TABLE_NAME}[#All],${LIVE_SAMPLE_SIZE_HALF_WIDTH},${TEMPLATE_RANGE_NAME})`;

/** The 调查数据 columns are the domain's one schema (domain/survey-columns.ts). */
export { COMMENT_COLUMN, INFO_COLUMNS, SOURCE_COLUMN, SURVEY_METHODS } from '../../domain';
