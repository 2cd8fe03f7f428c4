/**
 * The statistics behind the report: a t-interval for a mean, and Welch's unequal-variance t-test for
 * a change between two periods. Distribution functions come from stdlib (well-kept, exact).
 */
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/** Below this many respondents a figure is flagged as too few to read. */
export const SMALL_N = 5;
export const ALPHA = 0.05;

export interface Summary {
  readonly n: number;
  readonly mean: number;
  /** Sample variance (n − 1); NaN when n < 2. */
  readonly variance: number;
}

/** Mean and sample variance in one pass (Welford), stable for large n. */
export function summarize(values: ArrayLike<number>): Summary {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    n++;
    const d = x - mean;
    mean += d / n;
    m2 += d * (x - mean);
  }
  return { n, mean: n > 0 ? mean : NaN, variance: n > 1 ? m2 / (n - 1) : NaN };
}

export interface Interval {
  readonly low: number;
  readonly high: number;
  /** Standard error of the mean. */
  readonly se: number;
  readonly df: number;
}

/** Two-sided (1 − alpha) t-interval around `center` with the standard error of `s`'s mean. */
export function tInterval(s: Summary, center: number = s.mean, alpha = ALPHA): Interval | undefined {
  if (s.n < 2 || !Number.isFinite(s.variance)) return undefined;
  const se = Math.sqrt(s.variance / s.n);
  const df = s.n - 1;
  const t = tQuantile(1 - alpha / 2, df);
  return { low: center - t * se, high: center + t * se, se, df };
}

export interface WelchResult {
  /** mean(b) − mean(a) */
  readonly difference: number;
  readonly t: number;
  readonly df: number;
  /** Two-sided p-value. */
  readonly p: number;
}

/** Welch's t-test of b against a (e.g. this quarter against the previous). */
export function welch(a: Summary, b: Summary): WelchResult | undefined {
  if (a.n < 2 || b.n < 2) return undefined;
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const difference = b.mean - a.mean;
  const se2 = va + vb;
  if (se2 === 0) return { difference, t: difference === 0 ? 0 : Math.sign(difference) * Infinity, df: a.n + b.n - 2, p: difference === 0 ? 1 : 0 };
  const t = difference / Math.sqrt(se2);
  const df = (se2 * se2) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  const p = 2 * tCdf(-Math.abs(t), df);
  return { difference, t, df, p: Math.min(1, p) };
}

export type Direction = 'rise' | 'fall' | 'flat';

/** A change is called a rise or a fall only when Welch's test finds it at level alpha. */
export function direction(result: WelchResult | undefined, alpha = ALPHA): Direction | undefined {
  if (!result) return undefined;
  if (result.p >= alpha) return 'flat';
  return result.difference > 0 ? 'rise' : 'fall';
}
