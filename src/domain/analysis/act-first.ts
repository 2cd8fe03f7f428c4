/**
 * 先改进什么 (where to act first) as analysis modules over the report's quarter: 提升潜力
 * (potential.ts), 关键驱动与四分图 (drivers.ts), 意见主题 (themes.ts) and 样本量 (sample-size.ts).
 * The engines are pure functions of their inputs; these modules only feed them the quarter's records
 * and items, so the report, the pane and the CLI read one set of figures. Key drivers are computed
 * once per analysis (`driversOf`): 改进机会 reads the 修补区 items from the same result.
 */
import { previousQuarter } from '../calendar';
import { scoreTally } from '../scoring';
import { COMMENT_COLUMN } from '../survey-columns';
import type { AnalysisContext } from './context';
import { keyDrivers, type DriverResult } from './drivers';
import { improvementPotential, type PotentialResult } from './potential';
import { answeredOnly, composites, compositeValues, tallyRecords } from './records';
import type { ResponseSet } from './responses';
import { DEFAULT_HALF_WIDTH, nForHalfWidth, samplePlan, type SamplePlan } from './sample-size';
import { summarize, tInterval } from './statistics';
import { commentThemes, type ThemeResult } from './themes';

const drivers = new WeakMap<AnalysisContext, DriverResult>();

/** The quarter's key drivers, computed once per analysis context. */
export function driversOf(ctx: AnalysisContext): DriverResult {
  let d = drivers.get(ctx);
  if (!d) drivers.set(ctx, (d = keyDrivers(ctx.answered, ctx.template)));
  return d;
}

/** 提升潜力 under the report's policy (`item`: the overall the report leads with). */
export function analyzePotential(ctx: AnalysisContext): { readonly potential: PotentialResult } {
  return { potential: improvementPotential(ctx.items, { policy: 'item', target: ctx.template.target, respondents: ctx.answered.length }) };
}

/** 关键驱动: derived importance (r with the composite), stated importance (weight) and the quadrants. */
export function analyzeDrivers(ctx: AnalysisContext): { readonly drivers: DriverResult } {
  return { drivers: driversOf(ctx) };
}

/** 意见主题 of the quarter's 意见与建议, shares over the quarter's respondents. */
export function analyzeThemes(ctx: AnalysisContext): { readonly themes: ThemeResult } {
  const records = ctx.answered.map((r) => ({ row: r.row, text: r.fields[COMMENT_COLUMN] ?? '', levels: r.levels }));
  return { themes: commentThemes(records, ctx.template, { respondents: ctx.answered.length }) };
}

/** A sample plan with the quarter whose composites it is based on. */
export interface QuarterSamplePlan extends SamplePlan {
  /** The quarter the needed n comes from: the one before the report's, or the report's own when that has too few. */
  readonly basisPeriod: string;
}

/**
 * 样本量: the needs estimated from the previous quarter's respondent composites (the plan one would
 * have made before this quarter), or — when that quarter has fewer than 2 — from this quarter's own;
 * the verdict is about this quarter's 结论 (its overall under the report's policy, as analyze() has it),
 * its actual n and its own 95% interval, so it never contradicts 结论 or the interval.
 */
export function analyzeSampleSize(ctx: AnalysisContext): { readonly sampleSize: QuarterSamplePlan } {
  const q = previousQuarter(ctx.period);
  const before = ctx.quarters.get(q) ?? ctx.history.get(q) ?? [];
  const prior = compositeValues(before, ctx.template);
  const useBefore = prior.length >= 2;
  const basis = useBefore ? prior : compositeValues(ctx.answered, ctx.template);
  // The overall and 95% interval exactly as analyze() computes them for 结论 and 总体满意度.
  const overall = scoreTally(tallyRecords(ctx.records, ctx.template), ctx.template, 'item').overall;
  const interval = overall === null ? undefined : tInterval(composites(ctx.answered, ctx.template), overall);
  const plan = samplePlan(basis, { target: ctx.template.target, actualN: ctx.answered.length, overall, interval });
  return { sampleSize: { ...plan, basisPeriod: useBefore ? q : ctx.period } };
}

/**
 * What `=CSAT.SAMPLESIZE(调查数据表[#All], halfWidth)` on 调查方案 computes: the n for a 95% interval of
 * ±halfWidth from every respondent's weighted score in the responses (null below 2) — the value an
 * archive copy freezes that cell to.
 */
export function responsesSampleSize(set: ResponseSet, halfWidth = DEFAULT_HALF_WIDTH): number | null {
  const s = summarize(compositeValues(answeredOnly(set.records), set.template));
  return s.n >= 2 ? nForHalfWidth(Math.sqrt(s.variance), halfWidth) : null;
}
