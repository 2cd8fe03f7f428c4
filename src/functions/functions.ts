/*
 * The CSAT.* custom functions: thin wrappers over src/domain. The JSDoc of each function becomes
 * Excel's help text (Chinese first, then English) through custom-functions-metadata; the metadata
 * plugin adds the CustomFunctions.associate calls at build time.
 *
 * A `responses` range may include its header row (item columns found by name, any order, other
 * columns ignored) or be exactly the 14 item columns in Table 4-1 order. A `template` range is in the
 * layout of Table 4-1 (see src/domain/template-range.ts); omitted, Table 4-1 is used.
 */
// Direct module imports (not the domain index) keep functions.js free of the report and plan code:
// only the analysis modules the functions call (drivers, potential, responses, sample size, statistics).
import { composite, keyDrivers } from '../domain/analysis/drivers';
import { improvementPotential } from '../domain/analysis/potential';
import { readResponses } from '../domain/analysis/responses';
import { DEFAULT_HALF_WIDTH, nForHalfWidth } from '../domain/analysis/sample-size';
import { summarize, tInterval } from '../domain/analysis/statistics';
import { DEFAULT_ORIGIN, type Grid } from '../domain/cells';
import { locateData } from '../domain/locate';
import { assertNoInvalid, categoryName, itemIndex, levelIndex, levelScore, requireCategoryScore, requireItemScore, requireOverall, targetOrDefault } from '../domain/queries';
import { parsePolicy, scoreResponses, type Policy, type ScoreResult } from '../domain/scoring';
import { parseTarget, type Template } from '../domain/template';
import { CsatError, problem } from '../domain/messages';
import { argumentError, guarded, optionalArg, originOf, templateArg } from './invoke';

/** The respondents' weighted composites (fractions) of a range already checked by `scored`. */
function composites(responses: unknown[][], template: Template, invocation: CustomFunctions.Invocation | undefined): number[] {
  const origin = originOf(invocation, 0) ?? DEFAULT_ORIGIN;
  const set = readResponses(responses as Grid, template, locateData(responses as Grid, template, origin), origin);
  const out: number[] = [];
  for (const r of set.records) {
    const c = composite(r.levels, template);
    if (!Number.isNaN(c)) out.push(c / 100);
  }
  return out;
}

/** A fraction argument (0.95, "95%", 95) in (0, 1], or `fallback` when omitted or blank (see optionalArg). */
function fractionArg(value: unknown, fallback: number, name: { zh: string; en: string }, example: { zh: string; en: string }): number {
  if (optionalArg(value) === undefined) return fallback;
  const v = parseTarget(value);
  if (v === undefined) throw argumentError(name, value, example);
  return v;
}

function scored(responses: unknown[][], template: Template, invocation: CustomFunctions.Invocation | undefined, policy: Policy = 'item'): ScoreResult {
  const result = scoreResponses(responses as Grid, template, { policy, origin: originOf(invocation, 0) });
  assertNoInvalid(result, template);
  return result;
}

/**
 * 总体满意度：按制度 XDYJ-04-03 §4.2 加权计算（表4-1 权重），结果为小数（0.9234 即 92.34%）。
 * Overall satisfaction, weighted by Table 4-1 of policy XDYJ-04-03 §4.2, as a fraction.
 * @customfunction OVERALL
 * @requiresParameterAddresses
 * @param responses 调查数据区域，可含表头行。Survey responses, header row optional.
 * @param [template] 评分模板区域（表4-1 版式），省略则用表4-1。Template range in the layout of Table 4-1.
 * @param [policy] 计算口径："item"（默认，按项平均）或 "strict"（公式原样）。Policy: "item" (default) or "strict".
 * @param invocation Invocation
 * @returns 总体满意度（小数）。Overall satisfaction (fraction).
 */
export function overall(responses: unknown[][], template: unknown[][], policy: string, invocation: CustomFunctions.Invocation): number {
  return guarded(() => {
    const t = templateArg(template, originOf(invocation, 1));
    return requireOverall(scored(responses, t, invocation, parsePolicy(optionalArg(policy))));
  });
}

/**
 * 分项满意度：某一评分项目的平均分 / 100。
 * Satisfaction with one item: its mean score / 100.
 * @customfunction ITEM
 * @requiresParameterAddresses
 * @param responses 调查数据区域，可含表头行。Survey responses, header row optional.
 * @param item 评分项目名称，如 "软件"。Item name, e.g. "软件".
 * @param [template] 评分模板区域（表4-1 版式）。Template range in the layout of Table 4-1.
 * @param invocation Invocation
 * @returns 分项满意度（小数）。Item satisfaction (fraction).
 */
export function item(responses: unknown[][], item: string, template: unknown[][], invocation: CustomFunctions.Invocation): number {
  return guarded(() => {
    const t = templateArg(template, originOf(invocation, 2));
    const i = itemIndex(t, item);
    return requireItemScore(scored(responses, t, invocation), i);
  });
}

/**
 * 类别满意度：该类别各项目满意度按权重加权平均。
 * Satisfaction with a category: its items' satisfaction, weight-averaged.
 * @customfunction CATEGORY
 * @requiresParameterAddresses
 * @param responses 调查数据区域，可含表头行。Survey responses, header row optional.
 * @param category 类别名称，如 "服务态度"。Category name, e.g. "服务态度".
 * @param [template] 评分模板区域（表4-1 版式）。Template range in the layout of Table 4-1.
 * @param invocation Invocation
 * @returns 类别满意度（小数）。Category satisfaction (fraction).
 */
export function category(responses: unknown[][], category: string, template: unknown[][], invocation: CustomFunctions.Invocation): number {
  return guarded(() => {
    const t = templateArg(template, originOf(invocation, 2));
    const c = categoryName(t, category);
    return requireCategoryScore(scored(responses, t, invocation), c);
  });
}

/**
 * 某评分项目选择某满意度等级的人数。
 * How many respondents gave an item a level.
 * @customfunction COUNT
 * @requiresParameterAddresses
 * @param responses 调查数据区域，可含表头行。Survey responses, header row optional.
 * @param item 评分项目名称。Item name.
 * @param level 满意度等级，如 "较满意"。Level label, e.g. "较满意".
 * @param [template] 评分模板区域（表4-1 版式）。Template range in the layout of Table 4-1.
 * @param invocation Invocation
 * @returns 人数。Count of answers.
 */
export function count(responses: unknown[][], item: string, level: string, template: unknown[][], invocation: CustomFunctions.Invocation): number {
  return guarded(() => {
    const t = templateArg(template, originOf(invocation, 3));
    const i = itemIndex(t, item);
    const li = levelIndex(t, level);
    return scored(responses, t, invocation).items[i].counts[li];
  });
}

/**
 * 有效样本数：至少回答了一个评分项目的行数（即公式中的样本总数）。
 * Respondents: rows with at least one valid answer (the formula's 样本总数).
 * @customfunction RESPONDENTS
 * @requiresParameterAddresses
 * @param responses 调查数据区域，可含表头行。Survey responses, header row optional.
 * @param [template] 评分模板区域（表4-1 版式）。Template range in the layout of Table 4-1.
 * @param invocation Invocation
 * @returns 样本数。Number of respondents.
 */
export function respondents(responses: unknown[][], template: unknown[][], invocation: CustomFunctions.Invocation): number {
  return guarded(() => scored(responses, templateArg(template, originOf(invocation, 1)), invocation).respondents);
}

/**
 * 满意度等级对应的分值，如 "较满意" → 90。
 * The score of a satisfaction level, e.g. "较满意" → 90.
 * @customfunction SCORE
 * @requiresParameterAddresses
 * @param label 满意度等级。Level label.
 * @param [template] 评分模板区域（表4-1 版式）。Template range in the layout of Table 4-1.
 * @param [item] 评分项目（各项分值不同时必填）。Item, needed when items score the level differently.
 * @param invocation Invocation
 * @returns 分值。Score.
 */
export function score(label: string, template: unknown[][], item: string, invocation: CustomFunctions.Invocation): number {
  return guarded(() => levelScore(templateArg(template, originOf(invocation, 1)), label, optionalArg(item)));
}

/**
 * 总体满意度是否达到目标（默认模板目标 90%）。
 * TRUE when the overall satisfaction meets the target (default: the template's, 90%).
 * @customfunction TARGETMET
 * @requiresParameterAddresses
 * @param responses 调查数据区域，可含表头行。Survey responses, header row optional.
 * @param [target] 目标值，如 0.9 或 "90%"。Target, e.g. 0.9 or "90%".
 * @param [template] 评分模板区域（表4-1 版式）。Template range in the layout of Table 4-1.
 * @param invocation Invocation
 * @returns 是否达标。Whether the target is met.
 */
export function targetmet(responses: unknown[][], target: number | string, template: unknown[][], invocation: CustomFunctions.Invocation): boolean {
  return guarded(() => {
    const t = templateArg(template, originOf(invocation, 2));
    const goal = targetOrDefault(t, optionalArg(target));
    return requireOverall(scored(responses, t, invocation)) >= goal - 1e-12;
  });
}

/**
 * 提升潜力：若该评分项目单独达到目标，总体满意度可提高多少（小数，0.012 即 1.2 个百分点）；已达标的项目为 0。
 * Improvement potential: how much the overall would rise if this item alone reached the target (fraction); 0 at or above target.
 * @customfunction POTENTIAL
 * @requiresParameterAddresses
 * @param responses 调查数据区域，可含表头行。Survey responses, header row optional.
 * @param item 评分项目名称，如 "培训"。Item name, e.g. "培训".
 * @param [template] 评分模板区域（表4-1 版式），省略则用表4-1。Template range in the layout of Table 4-1.
 * @param [policy] 计算口径："item"（默认，按项平均）或 "strict"（公式原样）。Policy: "item" (default) or "strict".
 * @param invocation Invocation
 * @returns 提升潜力（小数）。Improvement potential (fraction).
 */
export function potential(responses: unknown[][], item: string, template: unknown[][], policy: string, invocation: CustomFunctions.Invocation): number {
  return guarded(() => {
    const t = templateArg(template, originOf(invocation, 2));
    const i = itemIndex(t, item);
    const p = parsePolicy(optionalArg(policy));
    const result = scored(responses, t, invocation, p);
    requireOverall(result);
    requireItemScore(result, i);
    const r = improvementPotential(result.items, { policy: p, target: t.target, respondents: result.respondents });
    return r.items.find((x) => x.item === t.items[i].name)!.potential;
  });
}

/**
 * 驱动因素（推导重要性）：该项目得分与受访者加权总分的皮尔逊相关系数（只用回答了该项目的受访者）；少于 10 对时结果不稳。
 * Derived importance: Pearson correlation of the item's score with the respondent's weighted composite (respondents who answered it); unstable below 10 pairs.
 * @customfunction DRIVER
 * @requiresParameterAddresses
 * @param responses 调查数据区域，可含表头行。Survey responses, header row optional.
 * @param item 评分项目名称，如 "态度"。Item name, e.g. "态度".
 * @param [template] 评分模板区域（表4-1 版式），省略则用表4-1。Template range in the layout of Table 4-1.
 * @param invocation Invocation
 * @returns 相关系数（−1 到 1）。Correlation (−1 to 1).
 */
export function driver(responses: unknown[][], item: string, template: unknown[][], invocation: CustomFunctions.Invocation): number {
  return guarded(() => {
    const t = templateArg(template, originOf(invocation, 2));
    const i = itemIndex(t, item);
    requireItemScore(scored(responses, t, invocation), i);
    const origin = originOf(invocation, 0) ?? DEFAULT_ORIGIN;
    const set = readResponses(responses as Grid, t, locateData(responses as Grid, t, origin), origin);
    const d = keyDrivers(set.records, t).items[i];
    if (d.r === null) {
      throw new CsatError(problem('correlation-undefined', { item: d.item, n: d.n }), 'not-available');
    }
    return d.r;
  });
}

/**
 * 总体满意度的置信区间（t 区间，按受访者加权总分）：返回两个单元格，下限和上限。
 * Confidence interval of the overall satisfaction (t-interval over respondent composites): spills two cells, lower and upper.
 * @customfunction CI
 * @requiresParameterAddresses
 * @param responses 调查数据区域，可含表头行。Survey responses, header row optional.
 * @param [level] 置信水平，默认 0.95（也可写 "95%"）。Confidence level, default 0.95 (or "95%").
 * @param [template] 评分模板区域（表4-1 版式），省略则用表4-1。Template range in the layout of Table 4-1.
 * @param invocation Invocation
 * @returns 下限、上限（小数）。Lower and upper bound (fractions).
 */
export function ci(responses: unknown[][], level: number | string, template: unknown[][], invocation: CustomFunctions.Invocation): number[][] {
  return guarded(() => {
    const t = templateArg(template, originOf(invocation, 2));
    const confidence = fractionArg(level, 0.95, { zh: '置信水平', en: 'confidence level' }, { zh: '0.95 或 95%', en: '0.95 or 95%' });
    if (confidence >= 1) throw argumentError({ zh: '置信水平', en: 'confidence level' }, level, { zh: '0.95 或 95%', en: '0.95 or 95%' });
    const center = requireOverall(scored(responses, t, invocation));
    const interval = tInterval(summarize(composites(responses, t, invocation)), center, 1 - confidence);
    if (!interval) throw new CsatError(problem('too-few-for-interval'), 'not-available');
    return [[interval.low, interval.high]];
  });
}

/**
 * 样本量：使 95% 置信区间半宽不超过指定值（默认 ±2 个百分点）所需的答卷份数（t 分布，按本区域受访者加权总分的标准差）。
 * Sample size: responses needed for the 95% interval to be within ± the half-width (default 2 points), from the composites' standard deviation (t-based).
 * @customfunction SAMPLESIZE
 * @requiresParameterAddresses
 * @param responses 调查数据区域，可含表头行。Survey responses, header row optional.
 * @param [halfwidth] 区间半宽，默认 0.02（即 ±2 个百分点，也可写 "2%"）。Half-width, default 0.02 (±2 points, or "2%").
 * @param [template] 评分模板区域（表4-1 版式），省略则用表4-1。Template range in the layout of Table 4-1.
 * @param invocation Invocation
 * @returns 所需份数。Responses needed.
 */
export function samplesize(responses: unknown[][], halfwidth: number | string, template: unknown[][], invocation: CustomFunctions.Invocation): number {
  return guarded(() => {
    const t = templateArg(template, originOf(invocation, 2));
    const h = fractionArg(halfwidth, DEFAULT_HALF_WIDTH, { zh: '区间半宽', en: 'half-width' }, { zh: '0.02 或 2%', en: '0.02 or 2%' });
    requireOverall(scored(responses, t, invocation));
    const s = summarize(composites(responses, t, invocation));
    const n = s.n >= 2 ? nForHalfWidth(Math.sqrt(s.variance), h) : null;
    if (n === null) throw new CsatError(problem('too-few-for-sample-size'), 'not-available');
    return n;
  });
}
