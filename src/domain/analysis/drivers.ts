/**
 * Key drivers and the importance–performance matrix (四分图).
 *
 * Derived importance of an item = Pearson's r between the item's answer score and the respondent's
 * weighted composite (the respondent's own overall: Σ wᵢ·scoreᵢ / Σ wᵢ over the items they answered),
 * pairwise complete: over the respondents who answered the item, n = that count. The composite
 * contains the item itself (a part–whole correlation, as driver analyses of one index usually are);
 * heavier items therefore correlate a little more by construction — stated importance (the Table 4-1
 * weight) is reported beside it for that reason.
 *
 * Quadrants split at the mean derived importance (over the items with enough pairs) and the target:
 *   优势区  important, satisfied          修补区  important, below target — act first
 *   维持区  less important, satisfied     机会区  less important, below target
 * Items with fewer than MIN_PAIRS pairs, or whose answers (or composites) do not vary, get no r or no
 * quadrant: a correlation from a handful of answers says nothing.
 */
import type { Template } from '../template';

/** Fewer answered pairs than this and an item's correlation is not used (flagged `fewPairs`). */
export const MIN_PAIRS = 10;

export type Quadrant = '优势区' | '修补区' | '机会区' | '维持区';

/** English names of the quadrants, for en-US faces. */
export const QUADRANT_EN: Readonly<Record<Quadrant, string>> = {
  优势区: 'Strengths',
  修补区: 'Fix first',
  机会区: 'Opportunities',
  维持区: 'Maintain',
};

/** What drivers need of a response: its level code per item (≥ 0 answered; negative: not answered). */
export interface LevelRecord {
  readonly levels: ArrayLike<number>;
}

export interface Driver {
  readonly item: string;
  readonly category: string;
  /** Stated importance: the template weight (percent). */
  readonly weight: number;
  /** Answered pairs (respondents who answered the item). */
  readonly n: number;
  /** Pearson r of item score with composite; null when n < 2 or either side does not vary. */
  readonly r: number | null;
  /** n < MIN_PAIRS: r is shown but not used for the quadrant. */
  readonly fewPairs: boolean;
  /** Item satisfaction (mean score / 100); null when unanswered. */
  readonly satisfaction: number | null;
  readonly quadrant: Quadrant | null;
}

export interface DriverResult {
  readonly items: readonly Driver[];
  /** The importance split: mean r over the items with a usable r; null when none. */
  readonly meanImportance: number | null;
  readonly target: number;
  /** Items with fewer than MIN_PAIRS pairs. */
  readonly fewPairs: readonly string[];
  /** 修补区 items, most important first: where to act first. */
  readonly fixFirst: readonly string[];
}

/** A respondent's weighted score (−10…100) over the items they answered; NaN when none. */
export function composite(levels: ArrayLike<number>, template: Template): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < levels.length; i++) {
    const code = levels[i];
    if (code < 0) continue;
    const it = template.items[i];
    num += it.weight * it.scores[code];
    den += it.weight;
  }
  return den > 0 ? num / den : NaN;
}

/** Pearson's r of paired samples (two-pass, centred: stable for scores of similar size); null when undefined. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  const n = x.length;
  if (n !== y.length) throw new Error('pearson: samples differ in length');
  if (n < 2) return null;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return correlation(n, mx, my, sxx, syy, sxy);
}

/** r from centred sums; null when n < 2 or a side does not vary. */
function correlation(n: number, mx: number, my: number, sxx: number, syy: number, sxy: number): number | null {
  if (n < 2) return null;
  // Equal values whose mean is inexact leave a sum of squares of rounding size (~n·ulp²), not 0.
  if (sxx <= 1e-18 * n * (1 + mx * mx) || syy <= 1e-18 * n * (1 + my * my)) return null;
  const r = sxy / Math.sqrt(sxx * syy);
  return Math.max(-1, Math.min(1, r));
}

export function quadrantOf(importance: number, satisfaction: number, meanImportance: number, target: number): Quadrant {
  const important = importance >= meanImportance;
  const satisfied = satisfaction >= target - 1e-12;
  if (important) return satisfied ? '优势区' : '修补区';
  return satisfied ? '维持区' : '机会区';
}

/** Derived importance, stated importance and quadrant of every template item over `records`. */
export function keyDrivers(records: readonly LevelRecord[], template: Template): DriverResult {
  const k = template.items.length;
  const comps = new Float64Array(records.length);
  records.forEach((r, j) => (comps[j] = composite(r.levels, template)));
  // Two passes over the records, all items at once (the same centred sums as `pearson`, which the
  // tests hold it to): pass 1 the pairwise means, pass 2 the centred cross products.
  const n = new Float64Array(k);
  const sx = new Float64Array(k);
  const sy = new Float64Array(k);
  for (let j = 0; j < records.length; j++) {
    const levels = records[j].levels;
    for (let i = 0; i < k; i++) {
      const code = levels[i];
      if (!(code >= 0)) continue;
      n[i]++;
      sx[i] += template.items[i].scores[code];
      sy[i] += comps[j];
    }
  }
  const mx = sx.map((v, i) => (n[i] > 0 ? v / n[i] : 0));
  const my = sy.map((v, i) => (n[i] > 0 ? v / n[i] : 0));
  const sxy = new Float64Array(k);
  const sxx = new Float64Array(k);
  const syy = new Float64Array(k);
  for (let j = 0; j < records.length; j++) {
    const levels = records[j].levels;
    for (let i = 0; i < k; i++) {
      const code = levels[i];
      if (!(code >= 0)) continue;
      const dx = template.items[i].scores[code] - mx[i];
      const dy = comps[j] - my[i];
      sxy[i] += dx * dy;
      sxx[i] += dx * dx;
      syy[i] += dy * dy;
    }
  }
  const base = template.items.map((it, i) => ({
    it,
    n: n[i],
    r: correlation(n[i], mx[i], my[i], sxx[i], syy[i], sxy[i]),
    satisfaction: n[i] > 0 ? mx[i] / 100 : null,
  }));
  const usable = base.filter((b) => b.r !== null && b.n >= MIN_PAIRS);
  const meanImportance = usable.length > 0 ? usable.reduce((s, b) => s + b.r!, 0) / usable.length : null;
  const items: Driver[] = base.map((b) => ({
    item: b.it.name,
    category: b.it.category,
    weight: b.it.weight,
    n: b.n,
    r: b.r,
    fewPairs: b.n < MIN_PAIRS,
    satisfaction: b.satisfaction,
    quadrant:
      b.r !== null && b.n >= MIN_PAIRS && b.satisfaction !== null && meanImportance !== null
        ? quadrantOf(b.r, b.satisfaction, meanImportance, template.target)
        : null,
  }));
  const fixFirst = items
    .filter((d) => d.quadrant === '修补区')
    .sort((a, b) => b.r! - a.r!)
    .map((d) => d.item);
  return { items, meanImportance, target: template.target, fewPairs: items.filter((d) => d.fewPairs).map((d) => d.item), fixFirst };
}
