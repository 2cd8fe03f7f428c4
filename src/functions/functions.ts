/*
 * The CSAT.* custom functions: thin wrappers over src/domain. The JSDoc of each function becomes
 * Excel's help text (Chinese first, then English) through custom-functions-metadata; the metadata
 * plugin adds the CustomFunctions.associate calls at build time.
 *
 * A `responses` range may include its header row (item columns found by name, any order, other
 * columns ignored) or be exactly the 14 item columns in Table 4-1 order. A `template` range is in the
 * layout of Table 4-1 (see src/domain/template-range.ts); omitted, Table 4-1 is used.
 */
// Direct module imports (not the domain index) keep functions.js free of the analysis code.
import type { Grid } from '../domain/cells';
import { assertNoInvalid, categoryName, itemIndex, levelIndex, levelScore, requireCategoryScore, requireItemScore, requireOverall, targetOrDefault } from '../domain/queries';
import { parsePolicy, scoreResponses, type Policy, type ScoreResult } from '../domain/scoring';
import type { Template } from '../domain/template';
import { guarded, originOf, templateArg } from './invoke';

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
    return requireOverall(scored(responses, t, invocation, parsePolicy(policy)));
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
  return guarded(() => levelScore(templateArg(template, originOf(invocation, 1)), label, item ?? undefined));
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
    const goal = targetOrDefault(t, target);
    return requireOverall(scored(responses, t, invocation)) >= goal - 1e-12;
  });
}
