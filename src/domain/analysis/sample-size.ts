/**
 * 样本量 (sample size) from respondent composites (fractions, 0.92 = 92%): how many responses the
 * quarter needs
 * - for the 95% interval of the overall to be ±halfWidth (default ±2 points): the smallest n with
 *   t(1 − α/2, n − 1)·s/√n ≤ h. t depends on n, so start from the normal answer n₀ = ⌈(z·s/h)²⌉
 *   (the textbook formula; t > z, so n ≥ n₀) and iterate n ← ⌈(t(n − 1)·s/h)²⌉ until it settles;
 * - to show the score is ≥ the target with 95% confidence (one-sided) if the true score equals the
 *   basis mean μ: the smallest n with μ − t(1 − α, n − 1)·s/√n ≥ T. Possible only when μ > T; when
 *   μ < T the mirror question (to show it is below the target) is answered instead. This is the n at
 *   which the *expected* bound clears the target (about 50% power), not a guarantee.
 * The actual n is set against both, with a plain verdict.
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
}

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
  /** Whether the basis mean is above or below the target (null: on it, or no basis). */
  readonly side: 'above' | 'below' | null;
  /** n to show the score is on `side` of the target at `confidence` (one-sided); null when impossible. */
  readonly forTarget: number | null;
  readonly actualN: number;
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

export function samplePlan(composites: ArrayLike<number>, options: SampleSizeOptions = {}): SamplePlan {
  const halfWidth = options.halfWidth ?? DEFAULT_HALF_WIDTH;
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  const target = options.target ?? 0.9;
  const s = summarize(composites);
  const sd = Math.sqrt(s.variance);
  const forHalfWidth = s.n >= 2 ? nForHalfWidth(sd, halfWidth, confidence) : null;
  const margin = s.mean - target;
  const side = s.n >= 2 && Math.abs(margin) > 1e-12 ? (margin > 0 ? 'above' : 'below') : null;
  const forTarget = side === null ? null : nForMargin(sd, Math.abs(margin), confidence);
  const actualN = options.actualN ?? s.n;
  const enough = forHalfWidth !== null && forTarget !== null && actualN >= forHalfWidth && actualN >= forTarget;
  const verdict: SampleVerdict = !enough ? 'too-few' : side === 'above' ? 'enough-met' : 'enough-not-met';
  return { basisN: s.n, mean: s.mean, sd, halfWidth, confidence, target, forHalfWidth, side, forTarget, actualN, verdict };
}
