/**
 * `调查方案` (《客户满意度调查方案》, policy §4.2 方案策划): 调查项目, 调查对象 (the planned customers
 * table that later reports read for the response rate), 调查方法, 调查人员, 时间安排 — all editable —
 * and 样本量. The sheet is the user's once written (kept as it is on re-run), so a number written
 * here would go stale: 样本量 is a live `CSAT.SAMPLESIZE` over 调查数据表 with a sentence saying what
 * it means and where each quarter's figures are recorded as values (the report's 调查概况).
 */
import { CUSTOMER_COLUMN, GROUP_COLUMN, PROJECT_COLUMN, SURVEY_METHODS, type CellValue } from '../../domain';
import { cell, columnLetter } from '../a1';
import type { CellBlock, PlanValue, SheetPlan } from '../types';
import { rowHeightFor, textLines } from '../text-fit';
import { LIVE_SAMPLE_SIZE_FORMULA, PLANNED_CUSTOMERS_TABLE_NAME } from './names';

export const PLANNED_CUSTOMER_COLUMNS = [CUSTOMER_COLUMN, GROUP_COLUMN, PROJECT_COLUMN, '联系人', '联系方式', '计划调查方式', '计划调查日期', '备注'] as const;

export interface SurveyPlanOptions {
  year: number;
  /** Rows in PLANNED_CUSTOMER_COLUMNS order; dates as ISO strings. */
  customers?: readonly (readonly CellValue[])[];
  surveyors?: string;
}

const TABLE_ROW = 12;
/** The 样本量 row, between the fields and the 调查对象 table. */
const SAMPLE_ROW = 9;
/** What the live 样本量 means, beside it. */
export const SAMPLE_SIZE_NOTE =
  '份：使总体满意度 95% 置信区间为 ±2 个百分点所需的答卷数，按"调查数据"中现有答卷的受访者加权得分实时估计（需本加载项；答卷少于 2 份时显示 #N/A，未装加载项的软件显示 #NAME?）。各季度所需样本量（±2 个百分点、判定达标）与实际样本的对比记录在分析报告"调查概况"中。';
/** The 样本量 note's merge (C…H) width in characters. */
const NOTE_WIDTH = 22 + 10 + 14 + 13 + 13 + 20;

export function buildSurveyPlanSheet(name: string, options: SurveyPlanOptions): SheetPlan {
  const cols = PLANNED_CUSTOMER_COLUMNS.length;
  const dateCol = PLANNED_CUSTOMER_COLUMNS.indexOf('计划调查日期') + 1;
  const methodCol = PLANNED_CUSTOMER_COLUMNS.indexOf('计划调查方式') + 1;
  const customers = options.customers ?? [];
  const body: PlanValue[][] =
    customers.length > 0
      ? customers.map((r) => PLANNED_CUSTOMER_COLUMNS.map((_, c) => {
          const v = r[c];
          if (v === undefined) return null;
          return c + 1 === dateCol && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? { date: v } : v;
        }))
      : [PLANNED_CUSTOMER_COLUMNS.map(() => null)];
  const lastRow = TABLE_ROW + body.length;
  const last = columnLetter(cols);
  const fields: [string, string][] = [
    ['调查项目', `${options.year}年度客户满意度调查`],
    ['调查方法', `${SURVEY_METHODS.join('、')}（按客户情况选择，见下表"计划调查方式"）`],
    ['调查人员', options.surveyors ?? '服务台专员'],
    ['时间安排', '每季度末月 1–20 日实施调查，25 日前完成统计分析并编制《客户满意度分析报告》'],
    ['调查内容', '评分模板（表4-1）所列调查项；满意度等级：满意、较满意、一般、不满意、很不满意'],
    ['编制人 / 日期', ''],
  ];
  const blocks: CellBlock[] = [
    { at: 'A1', values: [['客户满意度调查方案']], style: 'title' },
    { at: 'A2', values: [['文件编号：XDYJ-04-03　依据《客户满意度调查管理制度》§4.2 方案策划；本表各项均可修改。']], style: 'note' },
    { at: 'A3', values: fields.map(([k]) => [k]), style: 'label' },
    { at: 'B3', values: fields.map(([, v]) => [v]), style: 'input' },
    { at: cell(SAMPLE_ROW, 1), values: [['样本量（±2 个百分点）']], style: 'label' },
    { at: cell(SAMPLE_ROW, 2), values: [[{ formula: LIVE_SAMPLE_SIZE_FORMULA }]], style: 'cell', numberFormat: '0' },
    { at: cell(SAMPLE_ROW, 3), values: [[SAMPLE_SIZE_NOTE]], style: 'note' },
    { at: cell(TABLE_ROW - 1, 1), values: [['调查对象（计划调查的客户）']], style: 'subtitle' },
    { at: cell(TABLE_ROW, 1), values: [[...PLANNED_CUSTOMER_COLUMNS]], style: 'header' },
    { at: cell(TABLE_ROW + 1, 1), values: body },
  ];
  return {
    name,
    owner: 'survey_plan',
    tabColor: '#CA5010',
    columns: [
      { col: 1, width: 22 },
      { col: 2, width: 12 },
      { col: 3, width: 22 },
      { col: 4, width: 10 },
      { col: 5, width: 14 },
      { col: 6, width: 13 },
      { col: 7, width: 13, numberFormat: 'yyyy-mm-dd' },
      { col: 8, width: 20 },
    ],
    merges: fields.map((_, i) => `B${3 + i}:${last}${3 + i}`).concat([`A1:${last}1`, `A2:${last}2`, `C${SAMPLE_ROW}:${last}${SAMPLE_ROW}`]),
    rowHeights: [{ row: SAMPLE_ROW, height: rowHeightFor(textLines(SAMPLE_SIZE_NOTE, NOTE_WIDTH)) }],
    blocks,
    tables: [{ name: PLANNED_CUSTOMERS_TABLE_NAME, range: `A${TABLE_ROW}:${last}${lastRow}`, style: 'TableStyleLight9' }],
    validations: [
      {
        range: `${cell(TABLE_ROW + 1, methodCol)}:${cell(lastRow + 500, methodCol)}`,
        rule: { kind: 'list', values: [...SURVEY_METHODS] },
        allowBlank: true,
        error: { title: '计划调查方式', message: `请从列表中选择：${SURVEY_METHODS.join('、')}` },
      },
      {
        range: `${cell(TABLE_ROW + 1, dateCol)}:${cell(lastRow + 500, dateCol)}`,
        rule: { kind: 'date', min: '2000-01-01', max: '2099-12-31' },
        allowBlank: true,
        error: { title: '计划调查日期', message: '请输入日期，如 2026-03-05。' },
      },
    ],
    print: { orientation: 'landscape', paper: 'A4', fitWidth: 1, fitHeight: 0 },
  };
}
