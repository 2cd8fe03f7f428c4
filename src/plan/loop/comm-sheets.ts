/**
 * `年度客户沟通计划` (附件2) and `客户沟通记录` (附件3): exactly the policy's headers in row 1, drop-down
 * lists for 沟通层级 and 沟通方式, date checks; rows the user types below are theirs.
 */
import { LEVELS, METHODS, PLAN_HEADERS, RECORD_HEADERS, type CellValue } from '../../domain';
import { cell } from '../a1';
import type { CellBlock, PlanValue, SheetPlan, ValidationSpec } from '../types';

export const COMM_PLAN_SHEET = '年度客户沟通计划';
export const COMM_RECORD_SHEET = '客户沟通记录';
const SPARE = 2000;

function sheet(name: string, owner: string, headers: readonly string[], rows: readonly (readonly CellValue[])[], widths: Record<string, number>, validations: (last: number) => ValidationSpec[], dateCols: readonly string[]): SheetPlan {
  const last = 1 + rows.length + SPARE;
  const toPlan = (v: CellValue, h: string): PlanValue => (v === undefined ? null : dateCols.includes(h) && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? { date: v } : v);
  const blocks: CellBlock[] = [{ at: 'A1', values: [[...headers]], style: 'header' }];
  if (rows.length > 0) blocks.push({ at: 'A2', values: rows.map((r) => headers.map((h, c) => toPlan(r[c], h))), style: 'wrapCell' });
  return {
    name,
    owner,
    tabColor: '#498205',
    freeze: { rows: 1, columns: 0 },
    columns: headers.map((h, i) => ({ col: i + 1, width: widths[h] ?? 14, numberFormat: dateCols.includes(h) ? 'yyyy-mm-dd' : undefined })),
    blocks,
    validations: validations(last),
    print: { orientation: 'landscape', paper: 'A4', fitWidth: 1, fitHeight: 0, printTitles: '1:1' },
  };
}

function list(headers: readonly string[], h: string, values: readonly string[], last: number): ValidationSpec {
  const c = headers.indexOf(h) + 1;
  return { range: `${cell(2, c)}:${cell(last, c)}`, rule: { kind: 'list', values }, allowBlank: true, error: { title: h, message: `请从列表中选择：${values.join('、')}` } };
}

export function buildCommPlanSheet(rows: readonly (readonly CellValue[])[] = [], name = COMM_PLAN_SHEET): SheetPlan {
  return sheet(name, 'comm_plan', PLAN_HEADERS, rows, { 客户名称: 24, 沟通内容: 36, 计划时间: 14 }, (last) => [list(PLAN_HEADERS, '沟通层级', LEVELS, last)], ['计划时间']);
}

export function buildCommRecordSheet(rows: readonly (readonly CellValue[])[] = [], name = COMM_RECORD_SHEET): SheetPlan {
  const dateCol = RECORD_HEADERS.indexOf('沟通日期') + 1;
  return sheet(
    name,
    'comm_records',
    RECORD_HEADERS,
    rows,
    { 沟通日期: 12, 客户名称: 24, 内容摘要: 36, 客户意见: 30, 需改进事项: 30 },
    (last) => [
      list(RECORD_HEADERS, '沟通层级', LEVELS, last),
      list(RECORD_HEADERS, '沟通方式', METHODS, last),
      { range: `${cell(2, dateCol)}:${cell(last, dateCol)}`, rule: { kind: 'date', min: '2000-01-01', max: '2099-12-31' }, allowBlank: true, error: { title: '沟通日期', message: '请输入日期，如 2026-03-05。' } },
    ],
    ['沟通日期'],
  );
}

