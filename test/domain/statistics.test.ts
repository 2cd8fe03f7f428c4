/** Statistics against published worked examples (sources named per case). */
import { direction, summarize, tInterval, welch } from '../../src/domain';

describe('Welch t-test', () => {
  // Source: Wikipedia, "Welch's t-test", section "Examples" (example 1: equal sizes; example 2:
  // unequal sizes and variances). Published to the digits shown: t, ν, p.
  const a1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
  const a2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];
  const b1 = [17.2, 20.9, 22.6, 18.1, 21.7, 21.4, 23.5, 24.2, 14.7, 21.8];
  const b2 = [21.5, 22.8, 21.0, 23.0, 21.6, 23.6, 22.5, 20.7, 23.4, 21.8, 20.7, 21.7, 21.5, 22.5, 23.6, 21.5, 22.5, 23.5, 21.5, 21.8];

  it('example 1: t = −2.46, ν ≈ 24.99, p = 0.021', () => {
    const r = welch(summarize(a2), summarize(a1))!; // A1 − A2, as published
    expect(r.t).toBeCloseTo(-2.46, 2);
    expect(r.df).toBeCloseTo(24.99, 1);
    expect(r.p).toBeCloseTo(0.021, 3);
    expect(direction(r)).toBe('fall');
  });

  it('example 2: t = −1.57, ν ≈ 9.91, p = 0.149 — not significant', () => {
    const r = welch(summarize(b2), summarize(b1))!;
    expect(r.t).toBeCloseTo(-1.57, 2);
    expect(r.df).toBeCloseTo(9.9, 1);
    expect(r.p).toBeCloseTo(0.149, 3);
    expect(direction(r)).toBe('flat');
  });

  it('from summary statistics: n=20, x̄=100, s=15 vs n=20, x̄=95, s=20 gives t ≈ 0.895, df ≈ 35.2', () => {
    // Source: senseofstudy.com, "Two-Sample Tests", Example 4 (Welch's t-test from summaries).
    const r = welch({ n: 20, mean: 95, variance: 400 }, { n: 20, mean: 100, variance: 225 })!;
    expect(r.t).toBeCloseTo(0.895, 2); // published rounded from 5 / 5.59
    expect(r.df).toBeCloseTo(35.2, 1);
    expect(r.p).toBeGreaterThan(0.05);
  });

  it('needs two observations per group', () => {
    expect(welch(summarize([1]), summarize([1, 2, 3]))).toBeUndefined();
  });
});

describe('t-interval', () => {
  it('uses the Student t quantile: t(0.975, 9) = 2.262 from any t table', () => {
    // n = 10, sample mean 50, s = 10: 50 ± 2.262 × 10 / √10
    const s = { n: 10, mean: 50, variance: 100 };
    const ci = tInterval(s)!;
    expect(ci.high - 50).toBeCloseTo((2.262 * 10) / Math.sqrt(10), 2);
    expect(ci.low).toBeCloseTo(50 - (2.262 * 10) / Math.sqrt(10), 2);
    expect(ci.df).toBe(9);
  });

  it('t(0.975, 1) = 12.706 for two respondents', () => {
    const ci = tInterval(summarize([1, 0.912]))!;
    expect((ci.high - ci.low) / 2 / ci.se).toBeCloseTo(12.706, 3);
  });

  it('summarize matches the textbook variance', () => {
    expect(summarize([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({ n: 8, mean: 5, variance: 32 / 7 });
  });
});
