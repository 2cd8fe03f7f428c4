/**
 * 样本量 (sample size) from respondent composites (fractions, 0.92 = 92%) of a basis quarter (usually
 * the one before): how many responses a quarter needs
 * - for the 95% interval of the overall to be ±halfWidth (default ±2 points): the smallest n with
 *   t(1 − α/2, n − 1)·s/√n ≤ h. t depends on n, so start from the normal answer n₀ = ⌈(z·s/h)²⌉
 *   (the textbook formula; t > z, so n ≥ n₀) and iterate n ← ⌈(t(n − 1)·s/h)²⌉ until it settles;
 * - to call the quarter's own verdict (结论 达标/未达标, from its overall) with 95% confidence (one-sided):
 *   the smallest n with t(1 − α, n − 1)·s/√n ≤ |overall − T|, s the basis spread. The plain sentence is
 *   about that verdict only — "enough to call it met/missed" when the actual n reaches that need — so it
 *   can never contradict 结论. An overall sitting on the target cannot be called either way; nor can one
 *   whose own 95% interval spans the target (what the report notes as 达标尚不稳固).
 * - the plan (issue 14): to show the score is on the basis mean's side of the target if the true
 *   score equals the basis mean μ: the same n with margin |μ − T|. This is the n at which the
 *   *expected* bound clears the target (about 50% power), not a guarantee.
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { summarize } from './statistics';

export const DEFAULT_HALF_WIDTH = 0.02;
export const DEFAULT_CONFIDENCE = 0.95;
/** Beyond this many responses a plan is reported as unreachable (the score sits on the target). */
export const MAX_N = 10_000_000;

export type SampleVerdict = 'enough-met' | 'enough-not-met' | 'too-few';

export const VERDICT_TEXT: Readonly<Record<SampleVerdict, { 'zh-CN': string; 'en-US': string }>> = {
  'enough-met': { 'zh-CN': '样本量足以判定达标', 'en-US': 'Enough responses to call the target met' },
  'enough-not-met': { 'zh-CN': '样本量足以判定未达标', 'en-US': 'Enough responses to call the target missed' },
  'too-few': { 'zh-CN': '样本不足，结论不稳', 'en-US': 'Too few responses: the conclusion is not firm' },
};

export interface SampleSizeOptions {
  /** Interval half-width as a fraction (0.02 = ±2 points). */
  readonly halfWidth?: number;
  /** Target as a fraction (0.9). */
  readonly target?: number;
  /** Confidence level, 0.95. */
  readonly confidence?: number;
  /** The quarter's actual n (default: the basis n). */
  readonly actualN?: number;
  /** The quarter's overall, the one its 结论 reads (default: the basis mean); null: no overall. */
  readonly overall?: number | null;
  /**
   * The quarter's own 95% interval of the overall, when known: "enough" then also needs it wholly on
   * `side`, so the sentence never says enough while the report notes the interval spans the target.
   */
  readonly interval?: { readonly low: number; readonly high: number };
}

/** Which side of the target a score is on; `above` includes on it, as 结论 says 达标 there. */
export type TargetSide = 'above' | 'below';

export interface SamplePlan {
  /** Composites the plan is based on (e.g. last quarter's). */
  readonly basisN: number;
  readonly mean: number;
  /** Sample standard deviation of the composites. */
  readonly sd: number;
  readonly halfWidth: number;
  readonly confidence: number;
  readonly target: number;
  /** n for the interval to be ±halfWidth; null when the basis has fewer than 2 composites. */
  readonly forHalfWidth: number | null;
  /** The quarter's overall the verdict is about (null: none). */
  readonly overall: number | null;
  /** The quarter's 结论: `above` 达标 (at or over the target), `below` 未达标; null without an overall. */
  readonly side: TargetSide | null;
  /**
   * n to show the quarter is on `side` of the target at `confidence` (one-sided), with the basis
   * spread and the quarter's own distance from the target; null when impossible (no basis, or on it).
   */
  readonly forTarget: number | null;
  /** The plan's side: the basis mean's (null: on the target, or no basis). */
  readonly planSide: TargetSide | null;
  /** The plan: n to show `planSide` if the true score equals the basis mean; null when impossible. */
  readonly planForTarget: number | null;
  readonly actualN: number;
  /** The quarter's own 95% interval spans the target (false when not given). */
  readonly spansTarget: boolean;
  /**
   * About the quarter's own verdict: enough when actualN ≥ forTarget (and the interval does not span
   * the target), on `side`; too few otherwise.
   */
  readonly verdict: SampleVerdict;
}

/** The normal quantile, as the t quantile at a huge df (stdlib's t quantile returns NaN at df = ∞); error < 1e-11. */
function zQuantile(p: number): number {
  return tQuantile(p, 1e12);
}

/** Smallest n ≥ 2 with q(n − 1)·s/√n ≤ h, q(df) the t quantile used; null past MAX_N. */
function smallestN(s: number, h: number, p: number): number | null {
  if (!(h > 0) || !Number.isFinite(s)) return null;
  if (s === 0) return 2;
  const z = zQuantile(p);
  let n = Math.max(2, Math.ceil(((z * s) / h) ** 2));
  if (n > MAX_N) return null;
  const ok = (m: number) => (tQuantile(p, m - 1) * s) / Math.sqrt(m) <= h;
  // Fixed-point iteration from below: each step is a lower bound of the answer, so it only rises.
  for (let i = 0; i < 100 && !ok(n); i++) {
    n = Math.max(n + 1, Math.ceil(((tQuantile(p, n - 1) * s) / h) ** 2));
    if (n > MAX_N) return null;
  }
  while (n > 2 && ok(n - 1)) n--;
  return n;
}

/** n for a two-sided `confidence` t-interval of half-width `halfWidth` given the sd `s`. */
export function nForHalfWidth(s: number, halfWidth: number, confidence = DEFAULT_CONFIDENCE): number | null {
  return smallestN(s, halfWidth, 1 - (1 - confidence) / 2);
}

/** n at which a one-sided `confidence` bound of a mean `margin` away from the target clears it. */
export function nForMargin(s: number, margin: number, confidence = DEFAULT_CONFIDENCE): number | null {
  return smallestN(s, margin, confidence);
}

/** The normal-approximation (textbook) sample size ⌈(z·σ/E)²⌉ with z the two-sided critical value. */
export function zSampleSize(sigma: number, margin: number, confidence = DEFAULT_CONFIDENCE): number {
  const z = zQuantile(1 - (1 - confidence) / 2);
  // Round away float noise first so an exact (z·σ/E)² = k is not pushed to k + 1.
  return Math.ceil(Number((((z * sigma) / margin) ** 2).toPrecision(12)));
}

/** The side of the target `value` is on, with the tolerance every verdict uses (on it counts as 达标). */
function sideOf(value: number, target: number): TargetSide {
  return value < target - 1e-12 ? 'below' : 'above';
}

/** n to show `value` is on its side of the target with sd `s`; null when it sits on the target or s is unknown. */
function needFor(value: number, target: number, s: number, confidence: number): number | null {
  const margin = Math.abs(value - target);
  return margin > 1e-12 ? nForMargin(s, margin, confidence) : null;
}

export function samplePlan(composites: ArrayLike<number>, options: SampleSizeOptions = {}): SamplePlan {
  const halfWidth = options.halfWidth ?? DEFAULT_HALF_WIDTH;
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  const target = options.target ?? 0.9;
  const s = summarize(composites);
  const sd = Math.sqrt(s.variance);
  const basis = s.n >= 2;
  const forHalfWidth = basis ? nForHalfWidth(sd, halfWidth, confidence) : null;
  const planForTarget = basis ? needFor(s.mean, target, sd, confidence) : null;
  const planSide = planForTarget === null ? null : sideOf(s.mean, target);
  const overall = options.overall === undefined ? (basis ? s.mean : null) : options.overall;
  const side = overall === null ? null : sideOf(overall, target);
  const forTarget = overall === null || !basis ? null : needFor(overall, target, sd, confidence);
  const actualN = options.actualN ?? s.n;
  const ci = options.interval;
  const spansTarget = ci !== undefined && ci.low < target && ci.high >= target;
  const enough = forTarget !== null && actualN >= forTarget && !spansTarget;
  const verdict: SampleVerdict = !enough ? 'too-few' : side === 'above' ? 'enough-met' : 'enough-not-met';
  return { basisN: s.n, mean: s.mean, sd, halfWidth, confidence, target, forHalfWidth, overall, side, forTarget, planSide, planForTarget, actualN, spansTarget, verdict };
}
