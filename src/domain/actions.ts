/**
 * 纠正预防措施 (policy §4.3): findings of a report (改进机会, 回访清单) and of customer communication
 * (需改进事项) become tracked actions; the tracker's rows give the closure rate, the overdue actions
 * and, for verified actions on a satisfaction item, the item's change in the following quarter.
 */
import { formatPercent, nextQuarter } from './calendar';
import { normalizeLabel, type CellValue, type Grid } from './cells';
import type { Analysis } from './analysis/analyze';
import { parseDate } from './analysis/dates';
import { fieldCell, type ResponseSet } from './analysis/responses';
import { itemSummary } from './analysis/records';
import { direction, welch, type Direction } from './analysis/statistics';
import { cellText } from './sheet-limits';
import { COMMENT_COLUMN, CUSTOMER_COLUMN, PROJECT_COLUMN } from './survey-columns';

export const ACTION_HEADERS = ['编号', '来源', '问题描述', '责任部门', '根本原因', '纠正措施', '预防措施', '责任人', '计划完成日期', '状态', '验证人', '验证日期', '验证结果'] as const;
export const DEPARTMENTS = ['运维管理部', '服务台', '质量效能部', '其他'] as const;
export const ACTION_STATES = ['待分析', '整改中', '已完成', '已验证', '已关闭'] as const;
export const VERIFY_RESULTS = ['有效', '无效'] as const;
export const OPEN_STATES: readonly string[] = ['待分析', '整改中'];
export const CLOSED_STATES: readonly string[] = ['已验证', '已关闭'];

/**
 * A finding's texts join users' texts (a customer's name, a 20,000-character comment) into one tracker
 * cell each: within Excel's 32,767 characters they are whole, beyond it cut there and ending with the
 * cell of the full text (sheet-limits.ts cellText) — never a refusal of the data.
 */
export interface Finding {
  /** `2026Q4 / 客户 / 项目 / 满意度项` — the key that matches a finding to its tracked action. */
  readonly source: string;
  readonly description: string;
  readonly department: string;
}

const DEPARTMENT_BY_CATEGORY: Record<string, string> = { 服务态度: '服务台', 培训: '质量效能部' };

export function findingsFromAnalysis(a: Analysis): Finding[] {
  const out: Finding[] = [];
  for (const o of a.opportunities) {
    const why = [o.belowTarget ? `低于目标 ${Math.round(a.target * 100)}%` : '', o.falling ? '较上季度显著下降' : '', o.keyDriver ? '关键驱动' : ''].filter(Boolean).join('，');
    out.push({ source: `${a.period} / — / — / ${o.item}`, description: `"${o.item}"满意度 ${formatPercent(o.satisfaction, 1)}（${why}）`, department: DEPARTMENT_BY_CATEGORY[o.category] ?? '运维管理部' });
  }
  for (const f of a.followUps) {
    const category = a.template.items.find((i) => i.name === f.item)?.category ?? '';
    const customer = { text: f.customer || '客户', cell: f.customer ? fieldCell(a, CUSTOMER_COLUMN, f.row) : undefined };
    const project = { text: f.project || '—', cell: f.project ? fieldCell(a, PROJECT_COLUMN, f.row) : undefined };
    const comment = { text: f.comment, cell: fieldCell(a, COMMENT_COLUMN, f.row) };
    out.push({
      source: cellText([`${a.period} / `, f.customer ? customer : '—', ' / ', project, ` / ${f.item}`]),
      description: cellText([customer, `对"${f.item}"评价为"${f.level}"`, ...(f.comment ? ['：', comment] : []), `（调查数据第 ${f.row} 行）`]),
      department: DEPARTMENT_BY_CATEGORY[category] ?? '运维管理部',
    });
  }
  return out;
}

/** `columns`: the record sheet's columns as cell prefixes (CommAnalysis.recordColumns), so a cut text names its cell. */
export function findingsFromCommunication(
  opinions: readonly { row: number; customer: string; date: string; improvement: string }[],
  columns: Readonly<Record<string, string>> = {},
): Finding[] {
  const at = (header: string, row: number) => (columns[header] === undefined ? undefined : `${columns[header]}${row}`);
  return opinions
    .filter((o) => o.improvement !== '')
    .map((o) => {
      const improvement = { text: o.improvement, cell: at('需改进事项', o.row) };
      return {
        source: cellText(['沟通记录 / ', { text: o.customer, cell: at('客户名称', o.row) }, ` / ${o.date} / `, improvement]),
        description: cellText([improvement, `（客户沟通记录第 ${o.row} 行）`]),
        department: '运维管理部',
      };
    });
}

export interface TrackedAction {
  readonly row: number;
  readonly id: string;
  readonly source: string;
  readonly state: string;
  readonly plannedDate?: string;
  readonly verifiedDate?: string;
  readonly result: string;
  /** From the source: the report period and the satisfaction item, when it names them. */
  readonly period?: string;
  readonly item?: string;
}

const t = (v: CellValue) => (v === null || v === undefined ? '' : String(v).trim());

/** The tracker's rows (header in row 1, as the add-in writes it). */
export function readTracker(grid: Grid): TrackedAction[] {
  const head = (grid[0] ?? []).map((v) => t(v));
  const col = (h: string) => head.indexOf(h);
  const out: TrackedAction[] = [];
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const id = t(row[col('编号')]);
    const source = t(row[col('来源')]);
    if (id === '' && source === '') continue;
    const parts = source.split('/').map((s) => s.trim());
    const period = /^\d{4}Q[1-4]$/.test(parts[0] ?? '') ? parts[0] : undefined;
    out.push({
      row: r + 1,
      id,
      source,
      state: t(row[col('状态')]),
      plannedDate: parseDate(row[col('计划完成日期')]),
      verifiedDate: parseDate(row[col('验证日期')]),
      result: t(row[col('验证结果')]),
      period,
      item: period && parts.length === 4 && parts[3] !== '—' ? parts[3] : undefined,
    });
  }
  return out;
}

/** Findings not yet tracked (matched by source, spaces ignored). */
export function untracked(findings: readonly Finding[], tracked: readonly TrackedAction[]): Finding[] {
  const seen = new Set(tracked.map((a) => normalizeLabel(a.source)));
  const out: Finding[] = [];
  for (const f of findings) {
    const key = normalizeLabel(f.source);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out;
}

/** The next ids after the tracker's, `CA-YYYY-NNN`. */
export function nextIds(tracked: readonly TrackedAction[], year: number, n: number): string[] {
  const prefix = `CA-${year}-`;
  const max = Math.max(0, ...tracked.filter((a) => a.id.startsWith(prefix)).map((a) => Number(a.id.slice(prefix.length)) || 0));
  return Array.from({ length: n }, (_, i) => `${prefix}${String(max + i + 1).padStart(3, '0')}`);
}

export interface ActionEffect {
  readonly id: string;
  readonly item: string;
  readonly from: string;
  readonly to: string;
  readonly before: number | null;
  readonly after: number | null;
  readonly change?: number;
  readonly p?: number;
  readonly direction?: Direction;
}

export interface TrackerSummary {
  readonly total: number;
  readonly closed: number;
  readonly closureRate: number | null;
  readonly overdue: readonly TrackedAction[];
  readonly byState: readonly { state: string; n: number }[];
  readonly effects: readonly ActionEffect[];
}

/** Item `item`'s scores in one quarter of `set`. */
function quarterItemSummary(set: ResponseSet, quarter: string, item: number) {
  return itemSummary(set.records.filter((r) => r.quarter === quarter), set.template, item);
}

export function summarizeTracker(tracked: readonly TrackedAction[], today: string, set?: ResponseSet): TrackerSummary {
  const closed = tracked.filter((a) => CLOSED_STATES.includes(a.state)).length;
  const overdue = tracked.filter((a) => OPEN_STATES.includes(a.state) && a.plannedDate !== undefined && a.plannedDate < today);
  const states = [...ACTION_STATES, ...new Set(tracked.map((a) => a.state).filter((s) => !(ACTION_STATES as readonly string[]).includes(s)))];
  const effects: ActionEffect[] = [];
  if (set) {
    for (const a of tracked) {
      if (!CLOSED_STATES.includes(a.state) || !a.item || !a.period) continue;
      const i = set.template.items.findIndex((x) => x.name === a.item);
      if (i < 0) continue;
      const to = nextQuarter(a.period);
      const before = quarterItemSummary(set, a.period, i);
      const after = quarterItemSummary(set, to, i);
      const test = welch(before, after);
      effects.push({
        id: a.id,
        item: a.item,
        from: a.period,
        to,
        before: before.n > 0 ? before.mean : null,
        after: after.n > 0 ? after.mean : null,
        change: test?.difference,
        p: test?.p,
        direction: direction(test),
      });
    }
  }
  return {
    total: tracked.length,
    closed,
    closureRate: tracked.length > 0 ? closed / tracked.length : null,
    overdue,
    byState: states.map((state) => ({ state: state || '（未填）', n: tracked.filter((a) => a.state === state).length })).filter((x) => x.n > 0),
    effects,
  };
}
