/**
 * 统计分析 (policy §4.2–§4.4) for one quarter: overall under both policies with a 95% interval and
 * the KPI verdict, items and categories, 交叉分组, the trend over every quarter with Welch tests,
 * 改进机会, 回访清单, comments, and the response rate against the survey plan.
 */
import { normalizeLabel } from '../cells';
import { CsatError, problem } from '../messages';
import { scoreTally, type CategoryScore, type InvalidAnswer, type ItemScore, type Tally } from '../scoring';
import type { Template } from '../template';
import { isQuarter, previousQuarter } from './dates';
import { BLANK, NOT_APPLICABLE } from '../answers';
import { COMMENT_COLUMN, CUSTOMER_COLUMN, GROUP_COLUMN, METHOD_COLUMN, type ResponseRecord, type ResponseSet } from './responses';
import { direction, SMALL_N, summarize, tInterval, welch, type Direction, type Interval, type Summary } from './statistics';

export interface AnalysisOptions {
  /** `YYYYQn`; default the latest quarter in the data. */
  period?: string;
  /** Column to cross-tabulate by; default 客户分组. */
  groupBy?: string;
  /** Customer names planned in 调查方案. */
  plannedCustomers?: readonly string[];
  /** Responses from other workbooks, for the trend only. */
  history?: readonly ResponseSet[];
  /**
   * Today, ISO `YYYY-MM-DD`: answers dated after it are flagged (a typo such as 2062 for 2026) and do
   * not choose the default period.
   */
  today?: string;
}

export interface ItemAnalysis extends ItemScore {
  /** Share of answers per level. */
  readonly shares: readonly number[];
  /** 1 = best satisfaction; items nobody answered have no rank. */
  readonly rank: number | null;
}

export interface GroupAnalysis {
  readonly key: string;
  readonly n: number;
  readonly overall: number | null;
  readonly categories: readonly (number | null)[];
  readonly belowTarget: boolean;
  readonly smallN: boolean;
}

export interface QuarterPoint {
  readonly quarter: string;
  readonly n: number;
  readonly overall: number | null;
  readonly categories: readonly (number | null)[];
  /** Against the previous quarter in the data. */
  readonly change?: number;
  readonly p?: number;
  readonly direction?: Direction;
  /** The quarter came from another workbook (--history). */
  readonly fromHistory: boolean;
}

export interface Opportunity {
  readonly item: string;
  readonly category: string;
  readonly satisfaction: number | null;
  readonly belowTarget: boolean;
  readonly falling: boolean;
  readonly change?: number;
  readonly p?: number;
}

export interface FollowUp {
  readonly row: number;
  readonly customer: string;
  readonly project: string;
  readonly item: string;
  readonly level: string;
  readonly comment: string;
}

export interface Analysis {
  readonly period: string;
  readonly quarters: readonly string[];
  readonly template: Template;
  readonly groupBy: string;
  readonly respondents: number;
  readonly methods: readonly { method: string; n: number }[];
  readonly firstDate: string;
  readonly lastDate: string;
  readonly overall: number | null;
  readonly overallStrict: number | null;
  readonly interval?: Interval;
  readonly smallN: boolean;
  readonly target: number;
  readonly verdict: '达标' | '未达标' | null;
  readonly categories: readonly CategoryScore[];
  readonly items: readonly ItemAnalysis[];
  readonly droppedItems: readonly string[];
  readonly blank: number;
  readonly notApplicable: number;
  readonly groups: readonly GroupAnalysis[];
  readonly trend: readonly QuarterPoint[];
  readonly opportunities: readonly Opportunity[];
  readonly followUps: readonly FollowUp[];
  readonly comments: readonly { row: number; customer: string; comment: string }[];
  readonly invalid: readonly InvalidAnswer[];
  readonly undated: ResponseSet['undated'];
  /** Answers dated after today (when today was given), with their date cells. */
  readonly future: readonly { row: number; cell: string; value: string }[];
  readonly responseRate?: { planned: number; responded: number; rate: number; missing: readonly string[] };
}

function tally(records: readonly ResponseRecord[], template: Template): Tally {
  const nLevels = template.levels.length;
  const counts = template.items.map(() => new Array<number>(nLevels).fill(0));
  const blank = template.items.map(() => 0);
  const na = template.items.map(() => 0);
  let respondents = 0;
  for (const r of records) {
    let answered = false;
    for (let i = 0; i < r.levels.length; i++) {
      const code = r.levels[i];
      if (code >= 0) {
        counts[i][code]++;
        answered = true;
      } else if (code === BLANK) blank[i]++;
      else if (code === NOT_APPLICABLE) na[i]++;
    }
    if (answered) respondents++;
  }
  return { counts, blank, notApplicable: na, respondents };
}

/** A respondent's weighted score (−10…100) over the items they answered; NaN when none. */
function composite(r: ResponseRecord, template: Template): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < r.levels.length; i++) {
    const code = r.levels[i];
    if (code < 0) continue;
    const it = template.items[i];
    num += it.weight * it.scores[code];
    den += it.weight;
  }
  return den > 0 ? num / den : NaN;
}

function composites(records: readonly ResponseRecord[], template: Template): Summary {
  const xs: number[] = [];
  for (const r of records) {
    const c = composite(r, template);
    if (!Number.isNaN(c)) xs.push(c / 100);
  }
  return summarize(xs);
}

function itemSummary(records: readonly ResponseRecord[], template: Template, i: number): Summary {
  const xs: number[] = [];
  for (const r of records) if (r.levels[i] >= 0) xs.push(template.items[i].scores[r.levels[i]] / 100);
  return summarize(xs);
}

function byQuarter(records: readonly ResponseRecord[]): Map<string, ResponseRecord[]> {
  const m = new Map<string, ResponseRecord[]>();
  for (const r of records) {
    if (!r.quarter) continue;
    const list = m.get(r.quarter);
    if (list) list.push(r);
    else m.set(r.quarter, [r]);
  }
  return m;
}

export function analyze(set: ResponseSet, options: AnalysisOptions = {}): Analysis {
  const template = set.template;
  const quarters = byQuarter(set.records);
  const history = new Map<string, ResponseRecord[]>();
  for (const h of options.history ?? []) for (const [q, rs] of byQuarter(h.records)) if (!quarters.has(q)) history.set(q, [...(history.get(q) ?? []), ...rs]);
  const available = [...quarters.keys()].sort();
  const today = options.today;
  const futureRecords = today ? set.records.filter((r) => r.date !== undefined && r.date.slice(0, 10) > today) : [];
  const future = futureRecords.map((r) => ({ row: r.row, cell: set.dateColumn ? `${set.dateColumn}${r.row}` : `${r.row}`, value: r.date! }));
  // The default period is the latest one that has answers dated up to today.
  const current = today ? [...new Set(set.records.filter((r) => r.quarter && r.date!.slice(0, 10) <= today).map((r) => r.quarter!))].sort() : available;
  if (available.length === 0) {
    if (set.records.length === 0) throw new CsatError(problem('no-answers'), 'not-available');
    throw new CsatError(problem('no-dates'));
  }
  if (options.period !== undefined && !isQuarter(options.period)) throw new CsatError(problem('bad-period', { value: options.period }));
  const period = options.period ?? current.at(-1) ?? available[available.length - 1];
  // The default grouping is 客户分组; a workbook made elsewhere may lack it — then group by customer.
  const groupBy = options.groupBy ?? (set.columns.includes(GROUP_COLUMN) || !set.columns.includes(CUSTOMER_COLUMN) ? GROUP_COLUMN : CUSTOMER_COLUMN);
  if (!set.columns.includes(groupBy)) {
    throw new CsatError(problem('unknown-column', { column: groupBy, available: set.columns.join('、') }));
  }
  const records = quarters.get(period) ?? [];
  const t = tally(records, template);
  if (t.respondents === 0) throw new CsatError(problem('period-empty', { period, available: available.join('、') }));

  const item = scoreTally(t, template, 'item');
  const strict = scoreTally(t, template, 'strict');
  const answered = records.filter((r) => r.levels.some((c) => c >= 0));
  const comp = composites(answered, template);
  const interval = item.overall === null ? undefined : tInterval(comp, item.overall);
  const ranked = item.items.filter((x) => x.satisfaction !== null).sort((a, b) => b.satisfaction! - a.satisfaction!);
  const items: ItemAnalysis[] = item.items.map((x) => ({
    ...x,
    shares: x.counts.map((n) => (x.answered > 0 ? n / x.answered : 0)),
    rank: x.satisfaction === null ? null : ranked.indexOf(x) + 1,
  }));

  // 交叉分组
  const groupsMap = new Map<string, ResponseRecord[]>();
  for (const r of answered) {
    const key = r.fields[groupBy] || '（未填）';
    const list = groupsMap.get(key);
    if (list) list.push(r);
    else groupsMap.set(key, [r]);
  }
  const groups: GroupAnalysis[] = [...groupsMap.entries()]
    .map(([key, rs]) => {
      const g = scoreTally(tally(rs, template), template, 'item');
      return {
        key,
        n: rs.length,
        overall: g.overall,
        categories: g.categories.map((c) => c.satisfaction),
        belowTarget: g.overall !== null && g.overall < template.target - 1e-12,
        smallN: rs.length < SMALL_N,
      };
    })
    .sort((a, b) => b.n - a.n || a.key.localeCompare(b.key, 'zh-CN'));

  // 趋势: every quarter in the data and the history, each against the one before it.
  const allQuarters = [...new Set([...available, ...history.keys()])].sort();
  const trend: QuarterPoint[] = [];
  let prev: Summary | undefined;
  let prevOverall: number | null = null;
  for (const q of allQuarters) {
    const rs = quarters.get(q) ?? history.get(q) ?? [];
    const s = scoreTally(tally(rs, template), template, 'item');
    const c = composites(rs, template);
    const test = prev ? welch(prev, c) : undefined;
    trend.push({
      quarter: q,
      n: c.n,
      overall: s.overall,
      categories: s.categories.map((x) => x.satisfaction),
      change: prevOverall !== null && s.overall !== null ? s.overall - prevOverall : undefined,
      p: test?.p,
      direction: direction(test),
      fromHistory: !quarters.has(q),
    });
    prev = c;
    prevOverall = s.overall;
  }

  // 改进机会: items below target, and items falling significantly since the previous quarter.
  const before = quarters.get(previousQuarter(period)) ?? history.get(previousQuarter(period)) ?? [];
  const opportunities: Opportunity[] = [];
  items.forEach((x, i) => {
    const test = before.length > 0 ? welch(itemSummary(before, template, i), itemSummary(records, template, i)) : undefined;
    const falling = direction(test) === 'fall';
    const belowTarget = x.satisfaction !== null && x.satisfaction < template.target - 1e-12;
    if (belowTarget || falling) {
      opportunities.push({ item: x.name, category: x.category, satisfaction: x.satisfaction, belowTarget, falling, change: test?.difference, p: test?.p });
    }
  });
  opportunities.sort((a, b) => (a.satisfaction ?? 0) - (b.satisfaction ?? 0));

  // 回访清单: every unsatisfied answer (levels scoring 0 or less: 不满意, 很不满意).
  const followUps: FollowUp[] = [];
  const comments: { row: number; customer: string; comment: string }[] = [];
  for (const r of records) {
    const customer = r.fields[CUSTOMER_COLUMN] ?? '';
    const comment = r.fields[COMMENT_COLUMN] ?? '';
    r.levels.forEach((code, i) => {
      if (code >= 0 && template.items[i].scores[code] <= 0) {
        followUps.push({ row: r.row, customer, project: r.fields['项目名称'] ?? '', item: template.items[i].name, level: template.levels[code].label, comment });
      }
    });
    if (comment !== '') comments.push({ row: r.row, customer, comment });
  }

  const methodCounts = new Map<string, number>();
  for (const r of answered) {
    const m = r.fields[METHOD_COLUMN] || '（未填）';
    methodCounts.set(m, (methodCounts.get(m) ?? 0) + 1);
  }
  const dates = records.map((r) => r.date!).sort();

  let responseRate: Analysis['responseRate'];
  if (options.plannedCustomers && options.plannedCustomers.length > 0) {
    const respondedKeys = new Set(answered.map((r) => normalizeLabel(r.fields[CUSTOMER_COLUMN] ?? '')));
    const planned = [...new Set(options.plannedCustomers.map((c) => c.trim()).filter((c) => c !== ''))];
    const missing = planned.filter((c) => !respondedKeys.has(normalizeLabel(c)));
    responseRate = { planned: planned.length, responded: planned.length - missing.length, rate: (planned.length - missing.length) / planned.length, missing };
  }

  const rowsInPeriod = new Set(records.map((r) => r.row));
  return {
    period,
    quarters: available,
    template,
    groupBy,
    respondents: t.respondents,
    methods: [...methodCounts.entries()].map(([method, n]) => ({ method, n })).sort((a, b) => b.n - a.n),
    firstDate: dates[0],
    lastDate: dates[dates.length - 1],
    overall: item.overall,
    overallStrict: strict.overall,
    interval,
    smallN: t.respondents < SMALL_N,
    target: template.target,
    verdict: item.overall === null ? null : item.overall >= template.target - 1e-12 ? '达标' : '未达标',
    categories: item.categories,
    items,
    droppedItems: item.droppedItems,
    blank: t.blank.reduce((a, b) => a + b, 0),
    notApplicable: t.notApplicable.reduce((a, b) => a + b, 0),
    groups,
    trend,
    opportunities,
    followUps,
    comments,
    invalid: set.invalid.filter((x) => rowsInPeriod.has(x.row)),
    undated: set.undated,
    future,
    responseRate,
  };
}
