/**
 * `纠正预防措施` (纠正预防措施跟踪表): one row per finding. Generated again, it only appends rows for new
 * findings below the existing ones (an update plan), never changing a row a user edited. Open actions
 * past their 计划完成日期 are highlighted.
 */
import { ACTION_HEADERS, ACTION_STATES, DEPARTMENTS, VERIFY_RESULTS, type Finding } from '../../domain';
import { cell, columnLetter } from '../a1';
import type { CellBlock, PlanValue, SheetPlan, ValidationSpec } from '../types';

export const ACTIONS_SHEET = '纠正预防措施';
const SPARE = 2000;

/** A tracker row: the finding plus whatever is known of its handling (the demo fills every state). */
export interface ActionRow {
  readonly id: string;
  readonly finding: Finding;
  readonly state?: string;
  readonly owner?: string;
  readonly plannedDate?: string;
  readonly rootCause?: string;
  readonly correction?: string;
  readonly prevention?: string;
  readonly verifier?: string;
  readonly verifiedDate?: string;
  readonly result?: string;
}

function values(r: ActionRow): PlanValue[] {
  const date = (d?: string): PlanValue => (d ? { date: d } : null);
  return [r.id, r.finding.source, r.finding.description, r.finding.department, r.rootCause ?? null, r.correction ?? null, r.prevention ?? null, r.owner ?? null, date(r.plannedDate), r.state ?? '待分析', r.verifier ?? null, date(r.verifiedDate), r.result ?? null];
}

const col = (h: (typeof ACTION_HEADERS)[number]) => ACTION_HEADERS.indexOf(h) + 1;

/** The whole tracker (first generation): header, rows, lists, date checks, overdue highlight. */
export function buildActionsSheet(rows: readonly ActionRow[], name = ACTIONS_SHEET): SheetPlan {
  const last = 1 + rows.length + SPARE;
  const range = (h: (typeof ACTION_HEADERS)[number]) => `${cell(2, col(h))}:${cell(last, col(h))}`;
  const list = (h: (typeof ACTION_HEADERS)[number], values: readonly string[]): ValidationSpec => ({
    range: range(h),
    rule: { kind: 'list', values },
    allowBlank: true,
    error: { title: h, message: `请从列表中选择：${values.join('、')}` },
  });
  const date = (h: (typeof ACTION_HEADERS)[number]): ValidationSpec => ({
    range: range(h),
    rule: { kind: 'date', min: '2000-01-01', max: '2099-12-31' },
    allowBlank: true,
    error: { title: h, message: '请输入日期，如 2026-03-05。' },
  });
  const planned = columnLetter(col('计划完成日期'));
  const state = columnLetter(col('状态'));
  const blocks: CellBlock[] = [{ at: 'A1', values: [[...ACTION_HEADERS]], style: 'header' }];
  if (rows.length > 0) blocks.push({ at: 'A2', values: rows.map(values), style: 'wrapCell' });
  return {
    name,
    owner: 'actions',
    tabColor: '#D13438',
    freeze: { rows: 1, columns: 1 },
    // 14 columns, 222 characters: fitted to a landscape page (≈ 135) that is ≈ 61%, the text columns wrap.
    columns: ACTION_HEADERS.map((h, i) => ({ col: i + 1, width: h === '问题描述' ? 32 : h === '来源' ? 28 : ['根本原因', '纠正措施', '预防措施'].includes(h) ? 22 : 12, numberFormat: h.endsWith('日期') ? 'yyyy-mm-dd' : undefined })),
    blocks,
    validations: [list('责任部门', DEPARTMENTS), list('状态', ACTION_STATES), list('验证结果', VERIFY_RESULTS), date('计划完成日期'), date('验证日期')],
    conditionalFormats: [
      {
        range: `A2:${columnLetter(ACTION_HEADERS.length)}${last}`,
        formula: `=AND($${planned}2<>"",$${planned}2<TODAY(),OR($${state}2="待分析",$${state}2="整改中"))`,
        style: 'warnFill',
      },
    ],
    print: { orientation: 'landscape', paper: 'A4', fitWidth: 1, fitHeight: 0, printTitles: '1:1' },
  };
}

/** Rows appended below the tracker's last row, nothing else touched. */
export function appendActionsPlan(rows: readonly ActionRow[], firstFreeRow: number, name = ACTIONS_SHEET): SheetPlan {
  return { name, owner: 'actions', update: true, blocks: rows.length > 0 ? [{ at: cell(firstFreeRow, 1), values: rows.map(values), style: 'wrapCell' }] : [] };
}
