/**
 * Overall, category and item satisfaction by policy XDYJ-04-03 §4.2:
 *   总体满意度 = Σ(样本数 × 分值 × 权重) / (样本总数 × 100) × 100%
 *
 * Two policies (DESIGN §2):
 * - `item` (default): each item averaged over those who answered it; items nobody answered drop out
 *   and the remaining weights are renormalised. Equal to the formula on complete data.
 * - `strict`: the formula literally, 样本总数 = respondents (rows with at least one answer).
 * Results are fractions: 0.9234 is 92.34%.
 */
import { readAnswerGrid, tallyAnswerGrid, type InvalidAnswer, type Tally } from './answer-grid';
import { DEFAULT_ORIGIN, type Grid, type GridOrigin } from './cells';
import { locateData, type DataLayout } from './locate';
import { CsatError, problem } from './messages';
import type { Template } from './template';

export type Policy = 'item' | 'strict';
export type { InvalidAnswer, Tally } from './answer-grid';

export interface ItemScore {
  readonly name: string;
  readonly category: string;
  readonly weight: number;
  readonly answered: number;
  /** Σ score over answers. */
  readonly sum: number;
  /** Mean score (−10…100), null when nobody answered. */
  readonly mean: number | null;
  /** mean / 100, null when nobody answered. */
  readonly satisfaction: number | null;
  /** Answers per level, aligned with template.levels. */
  readonly counts: readonly number[];
  readonly blank: number;
  readonly notApplicable: number;
}

export interface CategoryScore {
  readonly name: string;
  /** Sum of the category's item weights (percent). */
  readonly weight: number;
  /** Weight-averaged satisfaction of the category's answered items; null when none was answered. */
  readonly satisfaction: number | null;
}

export interface ScoreResult {
  readonly policy: Policy;
  /** null when there is no valid answer at all. */
  readonly overall: number | null;
  readonly respondents: number;
  readonly items: readonly ItemScore[];
  readonly categories: readonly CategoryScore[];
  /** Items nobody answered: dropped from `item`-policy scores, remaining weights renormalised. */
  readonly droppedItems: readonly string[];
  /** Invalid answers in reading order (first `MAX_INVALID_LISTED` of them). */
  readonly invalid: readonly InvalidAnswer[];
  readonly invalidCount: number;
  readonly blank: number;
  readonly notApplicable: number;
  /** True when numeric 0s were read as blank cells (labels, or no other number, in the range). */
  readonly zerosAsBlank: boolean;
}

export interface ScoreOptions {
  policy?: Policy;
  /** Worksheet position of grid[0][0], so invalid answers name real cells. */
  origin?: GridOrigin;
  /** A layout already located (skips the header search). */
  layout?: DataLayout;
  /**
   * Whether a numeric 0 may be a blank cell. True (the default) for custom-function arguments, where
   * desktop Excel passes blanks as 0: a 0 is blank among text labels and in a range with no other
   * number, the score 0 only among numeric scores (answer-grid.ts). False for cells read from a
   * workbook, where a blank is an absent cell and a typed 0 is the score 0.
   */
  zeroMeansBlank?: boolean;
}

export const MAX_INVALID_LISTED = 10_000;

/** Reads a policy name; undefined/empty means the default `item`. */
export function parsePolicy(value: unknown): Policy {
  if (value === undefined || value === null || value === '') return 'item';
  const v = String(value).trim().toLowerCase();
  if (v === 'item' || v === 'strict') return v;
  throw new CsatError(problem('unknown-policy', { value: String(value) }));
}

interface Accumulated {
  tally: Tally;
  invalid: readonly InvalidAnswer[];
  invalidCount: number;
  zerosAsBlank: boolean;
}

/** The answer cells of `grid` tallied per item (answer-grid.ts: the same reading the reports use). */
export function tallyGrid(grid: Grid, template: Template, layout: DataLayout, origin: GridOrigin = DEFAULT_ORIGIN, zeroMeansBlank = true): Accumulated {
  const answers = readAnswerGrid(grid, template, layout, { origin, zeroMeansBlank, maxListed: MAX_INVALID_LISTED });
  return { tally: tallyAnswerGrid(answers, template), invalid: answers.invalid, invalidCount: answers.invalidCount, zerosAsBlank: answers.zerosAsBlank };
}

/** Item and category scores and the overall under `policy`, from a tally. */
export function scoreTally(tally: Tally, template: Template, policy: Policy = 'item') {
  const items: ItemScore[] = template.items.map((it, i) => {
    const counts = tally.counts[i];
    let answered = 0;
    let sum = 0;
    counts.forEach((n, li) => {
      answered += n;
      sum += n * it.scores[li];
    });
    const mean = answered > 0 ? sum / answered : null;
    return {
      name: it.name,
      category: it.category,
      weight: it.weight,
      answered,
      sum,
      mean,
      satisfaction: mean === null ? null : mean / 100,
      counts,
      blank: tally.blank[i],
      notApplicable: tally.notApplicable[i],
    };
  });
  const categories: CategoryScore[] = template.categories.map((name) => {
    const members = items.filter((it) => it.category === name);
    return { name, weight: members.reduce((s, it) => s + it.weight, 0), satisfaction: weightedMean(members) };
  });
  let overall: number | null;
  if (policy === 'strict') {
    const total = items.reduce((s, it) => s + it.weight * it.sum, 0);
    overall = tally.respondents > 0 ? total / (tally.respondents * 100 * 100) : null;
  } else {
    overall = weightedMean(items);
  }
  return { overall, items, categories, droppedItems: items.filter((it) => it.answered === 0).map((it) => it.name) };
}

/** Σ wᵢ·meanᵢ / Σ wᵢ / 100 over answered items; null when none was answered. */
function weightedMean(items: readonly ItemScore[]): number | null {
  let num = 0;
  let den = 0;
  for (const it of items) {
    if (it.mean === null) continue;
    num += it.weight * it.mean;
    den += it.weight;
  }
  return den > 0 ? num / den / 100 : null;
}

/** Locates the answers in `grid` and scores them. Invalid answers are listed, never scored. */
export function scoreResponses(grid: Grid, template: Template, options: ScoreOptions = {}): ScoreResult {
  const origin = options.origin ?? DEFAULT_ORIGIN;
  const policy = options.policy ?? 'item';
  const layout = options.layout ?? locateData(grid, template, origin);
  const acc = tallyGrid(grid, template, layout, origin, options.zeroMeansBlank ?? true);
  const scored = scoreTally(acc.tally, template, policy);
  return {
    policy,
    ...scored,
    respondents: acc.tally.respondents,
    invalid: acc.invalid,
    invalidCount: acc.invalidCount,
    blank: acc.tally.blank.reduce((a, b) => a + b, 0),
    notApplicable: acc.tally.notApplicable.reduce((a, b) => a + b, 0),
    zerosAsBlank: acc.zerosAsBlank,
  };
}
