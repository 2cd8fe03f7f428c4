/**
 * 统计分析 (policy §4.2–§4.4) for one quarter: the period and grouping chosen, the overall under both
 * policies with a 95% interval and the KPI verdict, items and categories — then each analysis module
 * of ANALYSES adds its fields (交叉分组, 趋势, 提升潜力, 关键驱动, 改进机会, 回访清单, 意见主题, 回收率, 样本量). Adding an analysis is one
 * module file `(ctx) => { fields }` and one line in ANALYSES; its fields join the Analysis type.
 */
import { isQuarter } from '../calendar';
import { CsatError, problem } from '../messages';
import { scoreTally, type CategoryScore, type InvalidAnswer } from '../scoring';
import { CUSTOMER_COLUMN, GROUP_COLUMN, METHOD_COLUMN } from '../survey-columns';
import type { Template } from '../template';
import { analyzeDrivers, analyzePotential, analyzeSampleSize, analyzeThemes } from './act-first';
import { belowTarget, type AnalysisContext, type AnalysisOptions, type ItemAnalysis } from './context';
import { analyzeFollowUps } from './follow-ups';
import { analyzeGroups, UNFILLED } from './groups';
import { analyzeOpportunities } from './opportunities';
import { answeredOnly, byQuarter, composites, tallyRecords } from './records';
import { analyzeResponseRate } from './response-rate';
import type { ResponseRecord, ResponseSet } from './responses';
import { SMALL_N, tInterval, type Interval } from './statistics';
import { analyzeTrend } from './trend';

export type { QuarterSamplePlan } from './act-first';
export type { AnalysisContext, AnalysisModule, AnalysisOptions, ItemAnalysis } from './context';
export type { Comment, FollowUp } from './follow-ups';
export type { GroupAnalysis } from './groups';
export type { Opportunity } from './opportunities';
export type { ResponseRate } from './response-rate';
export type { QuarterPoint } from './trend';

/** The analysis modules, in order; each adds its fields to the Analysis. */
const ANALYSES = [
  analyzeGroups,
  analyzeTrend,
  analyzePotential,
  analyzeDrivers,
  analyzeOpportunities,
  analyzeFollowUps,
  analyzeThemes,
  analyzeResponseRate,
  analyzeSampleSize,
] as const;

/** What analyze() itself settles before the modules run. */
export interface AnalysisCore {
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
  readonly invalid: readonly InvalidAnswer[];
  readonly undated: ResponseSet['undated'];
  /** Answers dated after today (when today was given), with their date cells. */
  readonly future: readonly { row: number; cell: string; value: string }[];
  /** The day that separated past from future (AnalysisOptions.today), when given. */
  readonly today?: string;
  /** Every non-item column as a cell prefix by header (ResponseSet.columnCells): where a record's text is, for fieldCell. */
  readonly columnCells?: Readonly<Record<string, string>>;
}

/** A union's members as one intersection (the modules' fields, merged). */
type Merged<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

export type Analysis = AnalysisCore & Merged<ReturnType<(typeof ANALYSES)[number]>>;

/**
 * The period chosen when none is asked for: the latest quarter with answers dated up to `today`
 * (`upToToday`) — else, when every date is later (or no today is given), the latest quarter in the data.
 * The pane offers it first; the report job says which it was. Undefined without any dated record.
 */
export function defaultPeriod(records: readonly Pick<ResponseRecord, 'date' | 'quarter'>[], today?: string): { period: string; upToToday: boolean } | undefined {
  const latest = (rs: readonly Pick<ResponseRecord, 'date' | 'quarter'>[]) => rs.reduce<string | undefined>((q, r) => (r.quarter && (q === undefined || r.quarter > q) ? r.quarter : q), undefined);
  const current = today ? latest(records.filter((r) => r.quarter && r.date!.slice(0, 10) <= today)) : undefined;
  if (current) return { period: current, upToToday: true };
  const any = latest(records);
  return any === undefined ? undefined : { period: any, upToToday: false };
}

/** The period to analyse: the one asked for, else the default (defaultPeriod). */
function choosePeriod(set: ResponseSet, available: readonly string[], options: AnalysisOptions): string {
  if (available.length === 0) {
    if (set.records.length === 0) throw new CsatError(problem('no-answers'), 'not-available');
    throw new CsatError(problem('no-dates'));
  }
  if (options.period !== undefined && !isQuarter(options.period)) throw new CsatError(problem('bad-period', { value: options.period }));
  return options.period ?? defaultPeriod(set.records, options.today)?.period ?? available[available.length - 1];
}

/** The column to group by: the one asked for, else 客户分组 — or 客户名称 in a workbook made elsewhere that lacks it. */
function chooseGroupBy(set: ResponseSet, options: AnalysisOptions): string {
  const groupBy = options.groupBy ?? (set.columns.includes(GROUP_COLUMN) || !set.columns.includes(CUSTOMER_COLUMN) ? GROUP_COLUMN : CUSTOMER_COLUMN);
  if (!set.columns.includes(groupBy)) throw new CsatError(problem('unknown-column', { column: groupBy, available: set.columns.join('、') }));
  return groupBy;
}

export function analyze(set: ResponseSet, options: AnalysisOptions = {}): Analysis {
  const template = set.template;
  const quarters = byQuarter(set.records);
  const history = new Map<string, ResponseRecord[]>();
  for (const h of options.history ?? []) for (const [q, rs] of byQuarter(h.records)) if (!quarters.has(q)) history.set(q, [...(history.get(q) ?? []), ...rs]);
  const available = [...quarters.keys()].sort();
  const period = choosePeriod(set, available, options);
  const groupBy = chooseGroupBy(set, options);
  const records = quarters.get(period) ?? [];
  const t = tallyRecords(records, template);
  if (t.respondents === 0) throw new CsatError(problem('period-empty', { period, available: available.join('、') }));

  const item = scoreTally(t, template, 'item');
  const strict = scoreTally(t, template, 'strict');
  const answered = answeredOnly(records);
  const interval = item.overall === null ? undefined : tInterval(composites(answered, template), item.overall);
  const ranked = item.items.filter((x) => x.satisfaction !== null).sort((a, b) => b.satisfaction! - a.satisfaction!);
  const items: ItemAnalysis[] = item.items.map((x) => ({
    ...x,
    shares: x.counts.map((n) => (x.answered > 0 ? n / x.answered : 0)),
    rank: x.satisfaction === null ? null : ranked.indexOf(x) + 1,
  }));

  const methodCounts = new Map<string, number>();
  for (const r of answered) {
    const m = r.fields[METHOD_COLUMN] || UNFILLED;
    methodCounts.set(m, (methodCounts.get(m) ?? 0) + 1);
  }
  const dates = records.map((r) => r.date!).sort();
  const today = options.today;
  const future = today ? set.records.filter((r) => r.date !== undefined && r.date.slice(0, 10) > today).map((r) => ({ row: r.row, cell: set.dateColumn ? `${set.dateColumn}${r.row}` : `${r.row}`, value: r.date! })) : [];
  const rowsInPeriod = new Set(records.map((r) => r.row));
  const core: AnalysisCore = {
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
    verdict: item.overall === null ? null : belowTarget(item.overall, template) ? '未达标' : '达标',
    categories: item.categories,
    items,
    droppedItems: item.droppedItems,
    blank: t.blank.reduce((a, b) => a + b, 0),
    notApplicable: t.notApplicable.reduce((a, b) => a + b, 0),
    invalid: set.invalid.filter((x) => rowsInPeriod.has(x.row)),
    undated: set.undated,
    future,
    today,
    columnCells: set.columnCells,
  };
  const ctx: AnalysisContext = { set, options, template, period, groupBy, quarters, history, records, answered, items };
  return Object.assign(core, ...ANALYSES.map((module) => module(ctx))) as Analysis;
}
