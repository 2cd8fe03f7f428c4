/**
 * 客户沟通 (policy §4.1): the annual plan and the records, checked against the rules — 全面沟通 at
 * least once per half-year by 走访 or 面谈; 项目级沟通 1–2 times per quarter by 电话 or 电子邮件 (走访
 * and 面谈 count too). Periods still in the future are not faults. Every unreadable value is reported
 * with its row; nothing is guessed.
 */
import { cellAddress, normalizeLabel, type CellValue, type Grid } from './cells';
import { parseDate } from './analysis/dates';
import { halfOf, periodRange, quarterOf, yearHalves, yearQuarters } from './calendar';
import { catalogue, phrase, type Message } from './messages';

export const PLAN_HEADERS = ['客户名称', '沟通层级', '沟通方式', '计划频次', '沟通内容', '负责人', '计划时间'] as const;
export const RECORD_HEADERS = ['沟通日期', '客户名称', '沟通层级', '沟通方式', '参与人员', '内容摘要', '客户意见', '需改进事项', '跟踪状态'] as const;
export const LEVELS = ['全面沟通', '项目级沟通'] as const;
export const METHODS = ['走访', '面谈', '电话', '电子邮件', '其他'] as const;
export type CommLevel = (typeof LEVELS)[number];
export type CommMethod = (typeof METHODS)[number];

/** Which methods satisfy each level. */
const COUNTS: Record<CommLevel, readonly CommMethod[]> = {
  全面沟通: ['走访', '面谈'],
  项目级沟通: ['电话', '电子邮件', '走访', '面谈'],
};
const PROJECT_MAX = 2;

export type FindingKind = 'missing' | 'wrong-method' | 'more-than-planned' | 'not-in-plan';

export interface CommFinding {
  readonly customer: string;
  readonly level: CommLevel;
  /** `2026H1` for 全面沟通, `2026Q1` for 项目级沟通. */
  readonly period: string;
  readonly kind: FindingKind;
  /** Worksheet rows of the records concerned (none for `missing`). */
  readonly rows: readonly number[];
}

/** Something in the plan or records that cannot be read, worded by the catalogue below, with its cell. */
export interface CommIssue extends Message {
  readonly sheet: string;
  readonly row: number;
  readonly cell: string;
}

const say = catalogue({
  'comm-header-missing': phrase(
    (p: { header: string }) => `第1行缺少表头"${p.header}"`,
    (p) => `Row 1 lacks the header "${p.header}"`,
  ),
  'comm-name-spacing': phrase(
    (p: { row: number; name: string; first: string }) => `第${p.row}行 客户名称"${p.name}"与"${p.first}"仅空格不同，按同一客户统计（请统一写法）`,
    (p) => `Row ${p.row}: customer "${p.name}" differs from "${p.first}" only by spaces; counted as one customer (please unify)`,
  ),
  'comm-customer-missing': phrase(
    (p: { row: number }) => `第${p.row}行 缺少客户名称`,
    (p) => `Row ${p.row}: customer name missing`,
  ),
  'comm-level-invalid': phrase(
    (p: { row: number; value: string }) => `第${p.row}行 沟通层级"${p.value}"无效（应为 ${LEVELS.join(' 或 ')}）`,
    (p) => `Row ${p.row}: level "${p.value}" is invalid (${LEVELS.join(' or ')})`,
  ),
  'comm-date-unreadable': phrase(
    (p: { row: number; value: string }) => `第${p.row}行 沟通日期"${p.value}"无法识别（如 2026-03-05、2026/3/5、2026年3月5日）`,
    (p) => `Row ${p.row}: date "${p.value}" is unreadable (e.g. 2026-03-05, 2026/3/5, 2026年3月5日)`,
  ),
  'comm-method-invalid': phrase(
    (p: { row: number; value: string }) => `第${p.row}行 沟通方式"${p.value}"无效（应为 ${METHODS.join('、')}）`,
    (p) => `Row ${p.row}: method "${p.value}" is invalid (${METHODS.join(', ')})`,
  ),
});

export interface CommRecord {
  readonly row: number;
  readonly date: string;
  readonly customer: string;
  readonly level: CommLevel;
  readonly method: CommMethod;
  readonly opinion: string;
  readonly improvement: string;
  readonly status: string;
}

export interface CommAnalysis {
  readonly year: number;
  readonly today: string;
  readonly findings: readonly CommFinding[];
  /** Share of judged (customer, period) obligations met; null when none is due yet. */
  readonly compliance: number | null;
  readonly obligations: { readonly due: number; readonly met: number; readonly future: number };
  /** Planned communications whose 计划时间 has passed with no record of that level in its period. */
  readonly pastDue: readonly { row: number; customer: string; level: CommLevel; planned: string }[];
  readonly opinions: readonly { row: number; customer: string; date: string; opinion: string; improvement: string; status: string }[];
  readonly issues: readonly CommIssue[];
  readonly customers: readonly string[];
  /** The record sheet's columns as cell prefixes by header (e.g. 需改进事项 → `客户沟通记录!H`): where a record's text is. */
  readonly recordColumns?: Readonly<Record<string, string>>;
}

function text(v: CellValue): string {
  return v === null || v === undefined ? '' : String(v).trim();
}

/** A cell's text as typed, spaces around it kept (to tell "天津银行 " from "天津银行"). */
function typed(v: CellValue): string {
  return v === null || v === undefined ? '' : String(v);
}

/** Column index of each expected header in row 1 (exact text, spaces ignored); missing → an issue. */
function columns(grid: Grid, headers: readonly string[], sheet: string, issues: CommIssue[]): Map<string, number> {
  const head = (grid[0] ?? []).map((v) => normalizeLabel(text(v)));
  const map = new Map<string, number>();
  for (const h of headers) {
    const c = head.indexOf(normalizeLabel(h));
    if (c >= 0) map.set(h, c);
    else issues.push({ sheet, row: 1, cell: `${sheet}!1:1`, ...say('comm-header-missing', { header: h }) });
  }
  return map;
}

/**
 * Canonical display name per normalised key: the first spelling met (without the spaces around
 * it); every other spelling — spaces inside, or only before or after ("天津银行 ") — reported.
 */
class Names {
  private readonly byKey = new Map<string, string>();
  constructor(private readonly issues: CommIssue[]) {}
  /** `name`: the cell as typed, spaces around it kept (they are what differs). */
  canon(name: string, sheet: string, row: number, col: number): string {
    const key = normalizeLabel(name);
    const first = this.byKey.get(key);
    if (first === undefined) {
      this.byKey.set(key, name);
      return name.trim();
    }
    if (first !== name) {
      this.issues.push({
        sheet,
        row,
        cell: cellAddress({ sheet, row: 1, col: 1 }, row - 1, col),
        ...say('comm-name-spacing', { row, name, first }),
      });
    }
    return first.trim();
  }
}

export interface CommOptions {
  year?: number;
  /** ISO date that separates past from future (default: today). */
  today: string;
  planSheet?: string;
  recordSheet?: string;
}

export function analyzeCommunication(plan: Grid, records: Grid, options: CommOptions): CommAnalysis {
  const planSheet = options.planSheet ?? '年度客户沟通计划';
  const recordSheet = options.recordSheet ?? '客户沟通记录';
  const issues: CommIssue[] = [];
  const names = new Names(issues);
  const pc = columns(plan, PLAN_HEADERS, planSheet, issues);
  const rc = columns(records, RECORD_HEADERS, recordSheet, issues);
  const at = (sheet: string, r: number, c: number | undefined) => cellAddress({ sheet, row: 1, col: 1 }, r, c ?? 0);

  // The plan: which levels each customer is owed.
  const planned = new Map<string, Set<CommLevel>>();
  const plannedDates: { row: number; customer: string; level: CommLevel; planned: string }[] = [];
  for (let r = 1; r < plan.length; r++) {
    const row = plan[r] ?? [];
    const raw = text(row[pc.get('客户名称') ?? -1]);
    if (raw === '' && row.every((v) => text(v) === '')) continue;
    if (raw === '') {
      issues.push({ sheet: planSheet, row: r + 1, cell: at(planSheet, r, pc.get('客户名称')), ...say('comm-customer-missing', { row: r + 1 }) });
      continue;
    }
    const customer = names.canon(typed(row[pc.get('客户名称') ?? -1]), planSheet, r + 1, pc.get('客户名称') ?? 0);
    const levelText = text(row[pc.get('沟通层级') ?? -1]);
    const level = LEVELS.find((l) => normalizeLabel(l) === normalizeLabel(levelText));
    if (!level) {
      issues.push({ sheet: planSheet, row: r + 1, cell: at(planSheet, r, pc.get('沟通层级')), ...say('comm-level-invalid', { row: r + 1, value: levelText }) });
      continue;
    }
    if (!planned.has(customer)) planned.set(customer, new Set());
    planned.get(customer)!.add(level);
    const when = parseDate(row[pc.get('计划时间') ?? -1]);
    if (when) plannedDates.push({ row: r + 1, customer, level, planned: when });
  }

  // The records.
  const recs: CommRecord[] = [];
  for (let r = 1; r < records.length; r++) {
    const row = records[r] ?? [];
    if (row.every((v) => text(v) === '')) continue;
    const rowNo = r + 1;
    const dateRaw = row[rc.get('沟通日期') ?? -1];
    const date = parseDate(dateRaw);
    const levelText = text(row[rc.get('沟通层级') ?? -1]);
    const methodText = text(row[rc.get('沟通方式') ?? -1]);
    const level = LEVELS.find((l) => normalizeLabel(l) === normalizeLabel(levelText));
    const method = METHODS.find((m) => normalizeLabel(m) === normalizeLabel(methodText));
    const rawName = text(row[rc.get('客户名称') ?? -1]);
    let ok = true;
    if (!date) {
      issues.push({ sheet: recordSheet, row: rowNo, cell: at(recordSheet, r, rc.get('沟通日期')), ...say('comm-date-unreadable', { row: rowNo, value: text(dateRaw) }) });
      ok = false;
    }
    if (!level) {
      issues.push({ sheet: recordSheet, row: rowNo, cell: at(recordSheet, r, rc.get('沟通层级')), ...say('comm-level-invalid', { row: rowNo, value: levelText }) });
      ok = false;
    }
    if (!method) {
      issues.push({ sheet: recordSheet, row: rowNo, cell: at(recordSheet, r, rc.get('沟通方式')), ...say('comm-method-invalid', { row: rowNo, value: methodText }) });
      ok = false;
    }
    if (rawName === '') {
      issues.push({ sheet: recordSheet, row: rowNo, cell: at(recordSheet, r, rc.get('客户名称')), ...say('comm-customer-missing', { row: rowNo }) });
      ok = false;
    }
    if (!ok) continue;
    recs.push({
      row: rowNo,
      date: date!,
      customer: names.canon(typed(row[rc.get('客户名称') ?? -1]), recordSheet, rowNo, rc.get('客户名称') ?? 0),
      level: level!,
      method: method!,
      opinion: text(row[rc.get('客户意见') ?? -1]),
      improvement: text(row[rc.get('需改进事项') ?? -1]),
      status: text(row[rc.get('跟踪状态') ?? -1]),
    });
  }

  const year = options.year ?? Math.max(...recs.map((x) => Number(x.date.slice(0, 4))), Number(options.today.slice(0, 4)));
  const inYear = recs.filter((x) => x.date.startsWith(String(year)));
  const findings: CommFinding[] = [];
  let due = 0;
  let met = 0;
  let future = 0;
  const periodsOf = (level: CommLevel) => (level === '全面沟通' ? yearHalves(year) : yearQuarters(year));
  const periodOfDate = (level: CommLevel, iso: string) => (level === '全面沟通' ? halfOf(iso) : quarterOf(iso));

  for (const [customer, levels] of planned) {
    for (const level of LEVELS) {
      if (!levels.has(level)) continue;
      for (const period of periodsOf(level)) {
        const inPeriod = inYear.filter((x) => x.customer === customer && x.level === level && periodOfDate(level, x.date) === period);
        const counted = inPeriod.filter((x) => COUNTS[level].includes(x.method));
        const wrong = inPeriod.filter((x) => !COUNTS[level].includes(x.method));
        if (wrong.length > 0) findings.push({ customer, level, period, kind: 'wrong-method', rows: wrong.map((x) => x.row) });
        if (level === '项目级沟通' && counted.length > PROJECT_MAX) findings.push({ customer, level, period, kind: 'more-than-planned', rows: counted.map((x) => x.row) });
        const ended = periodRange(period).end < options.today;
        if (counted.length > 0) {
          met++;
          due++;
        } else if (!ended) {
          future++;
        } else {
          due++;
          findings.push({ customer, level, period, kind: 'missing', rows: [] });
        }
      }
    }
  }
  for (const x of inYear) {
    if (!planned.has(x.customer)) findings.push({ customer: x.customer, level: x.level, period: periodOfDate(x.level, x.date), kind: 'not-in-plan', rows: [x.row] });
  }
  const pastDue = plannedDates.filter((p) => {
    if (!p.planned.startsWith(String(year)) || p.planned >= options.today) return false;
    const { start, end } = periodRange(periodOfDate(p.level, p.planned));
    return !inYear.some((x) => x.customer === p.customer && x.level === p.level && x.date >= start && x.date <= end && COUNTS[p.level].includes(x.method));
  });
  return {
    year,
    today: options.today,
    findings,
    compliance: due > 0 ? met / due : null,
    obligations: { due, met, future },
    pastDue,
    opinions: inYear.filter((x) => x.opinion !== '' || x.improvement !== '').map((x) => ({ row: x.row, customer: x.customer, date: x.date, opinion: x.opinion, improvement: x.improvement, status: x.status })),
    issues,
    customers: [...planned.keys()],
    recordColumns: Object.fromEntries([...rc.entries()].map(([h, c]) => [h, at(recordSheet, 0, c).replace(/\d+$/, '')])),
  };
}
