/**
 * 样本量: the textbook formula against a published worked example, the t-based iteration against a
 * plain scan of HyperFormula's T.INV.2T / T.INV, and the verdicts — about the quarter's own overall.
 */
import { HyperFormula } from 'hyperformula';
import { nForHalfWidth, nForMargin, samplePlan, VERDICT_TEXT, zSampleSize } from '../../src/domain/analysis/sample-size';

/** The smallest n ≥ 2 whose `formula(n)` (a spreadsheet expression in n) is ≤ h, scanning n = 2…max. */
function scan(expr: (nCell: string) => string, h: number, max = 1500): number | null {
  const rows = Array.from({ length: max - 1 }, (_, k) => [k + 2, `=${expr(`A${k + 1}`)}`]);
  const hf = HyperFormula.buildFromArray(rows, { licenseKey: 'gpl-v3' });
  const values = hf.getSheetValues(0);
  hf.destroy();
  const hit = values.find((r) => (r[1] as number) <= h);
  return hit ? (hit[0] as number) : null;
}

describe('sample size (样本量)', () => {
  it('the textbook formula n = ⌈(z·σ/E)²⌉: Triola’s IQ example gives 97', () => {
    // Source: M. F. Triola, Elementary Statistics, §7-3 "Estimating a population mean", example
    // "IQ scores of statistics students": σ = 15, E = 3, 95% confidence → n = (1.96·15/3)² = 96.04 → 97.
    expect(zSampleSize(15, 3)).toBe(97);
    // The same formula with E = 5: (1.96·15/5)² = 34.57 → 35; with 99% (z = 2.576), E = 3: 165.9 → 166.
    expect(zSampleSize(15, 5)).toBe(35);
    expect(zSampleSize(15, 3, 0.99)).toBe(166);
  });

  it.each([
    [15, 3],
    [0.12, 0.02],
    [0.2, 0.02],
    [0.08, 0.02],
    [1, 0.9],
  ])('t-based n for a ±h interval (s = %p, h = %p) equals a scan of T.INV.2T', (s, h) => {
    const n = nForHalfWidth(s, h);
    expect(n).toBe(scan((c) => `T.INV.2T(0.05,${c}-1)*${s}/SQRT(${c})`, h));
    expect(n!).toBeGreaterThanOrEqual(zSampleSize(s, h)); // t is wider than z
  });

  it.each([
    [0.15, 0.03],
    [0.1, 0.015],
    [0.3, 0.2],
  ])('one-sided n to clear the target (s = %p, margin = %p) equals a scan of T.INV(0.95)', (s, m) => {
    expect(nForMargin(s, m)).toBe(scan((c) => `T.INV(0.95,${c}-1)*${s}/SQRT(${c})`, m));
  });

  it('a composite that never varies needs 2 responses; a zero margin cannot be cleared', () => {
    expect(nForHalfWidth(0, 0.02)).toBe(2);
    expect(nForMargin(0.1, 0)).toBeNull();
  });

  describe('plan and verdict', () => {
    // 20 composites: mean 0.93, s computed by hand below.
    const above = [0.95, 0.91, 0.97, 0.88, 0.93, 0.96, 0.9, 0.94, 0.92, 0.95, 0.93, 0.91, 0.97, 0.89, 0.94, 0.92, 0.96, 0.9, 0.93, 0.94];
    const mean = above.reduce((a, b) => a + b, 0) / above.length;
    const sd = Math.sqrt(above.reduce((a, b) => a + (b - mean) ** 2, 0) / (above.length - 1));

    it('above the target: n for ±2 points and n to show ≥ 90%', () => {
      const p = samplePlan(above, { target: 0.9 });
      expect(p.basisN).toBe(20);
      expect(p.mean).toBeCloseTo(mean, 12);
      expect(p.sd).toBeCloseTo(sd, 12);
      expect(p.side).toBe('above');
      expect(p.overall).toBeCloseTo(mean, 12); // no overall given: the basis mean's
      expect(p.forHalfWidth).toBe(scan((c) => `T.INV.2T(0.05,${c}-1)*${sd}/SQRT(${c})`, 0.02));
      expect(p.forTarget).toBe(scan((c) => `T.INV(0.95,${c}-1)*${sd}/SQRT(${c})`, mean - 0.9));
      expect([p.planSide, p.planForTarget]).toEqual(['above', p.forTarget]);
      expect(p.actualN).toBe(20);
      // s ≈ 0.0265: ±2 points needs about 9 answers; clearing 90% by 3 points about 5 — 20 is enough.
      expect(p.forHalfWidth!).toBeLessThanOrEqual(20);
      expect(p.verdict).toBe('enough-met');
      expect(VERDICT_TEXT[p.verdict]['zh-CN']).toBe('样本量足以判定达标');
    });

    it('too few responses this quarter', () => {
      const p = samplePlan(above, { target: 0.9, actualN: 3 });
      expect(p.verdict).toBe('too-few');
      expect(VERDICT_TEXT[p.verdict]['zh-CN']).toBe('样本不足，结论不稳');
    });

    it('a score sitting on the target can never be shown either way (结论 says 达标 there)', () => {
      const p = samplePlan([0.85, 0.95, 0.9, 0.9], { target: 0.9, actualN: 10_000 });
      expect(p.side).toBe('above');
      expect(p.forTarget).toBeNull();
      expect([p.planSide, p.planForTarget]).toEqual([null, null]);
      expect(p.verdict).toBe('too-few');
      // The basis on the target, the quarter off it: the quarter's own distance decides.
      const q = samplePlan([0.85, 0.95, 0.9, 0.9], { target: 0.9, actualN: 10_000, overall: 0.8 });
      expect([q.planForTarget, q.side, q.verdict]).toEqual([null, 'below', 'enough-not-met']);
    });

    it('the verdict follows the quarter\'s overall, not the basis mean: basis 93%, quarter 86%', () => {
      const p = samplePlan(above, { target: 0.9, actualN: 200, overall: 0.86 });
      expect([p.planSide, p.side]).toEqual(['above', 'below']);
      // The need is the basis spread against the quarter's distance from the target (0.04) …
      expect(p.forTarget).toBe(scan((c) => `T.INV(0.95,${c}-1)*${sd}/SQRT(${c})`, 0.04));
      // … the plan the basis spread against the basis mean's (≈ 0.03).
      expect(p.planForTarget).toBe(scan((c) => `T.INV(0.95,${c}-1)*${sd}/SQRT(${c})`, mean - 0.9));
      expect(p.verdict).toBe('enough-not-met');
      expect(VERDICT_TEXT[p.verdict]['zh-CN']).toBe('样本量足以判定未达标');
      expect(samplePlan(above, { target: 0.9, actualN: p.forTarget! - 1, overall: 0.86 }).verdict).toBe('too-few');
    });

    it('enough to call the verdict needs only the n for that side, not the ±2-point n', () => {
      const wide = [0.6, 1, 0.7, 1, 0.9, 1, 0.8, 1]; // s ≈ 0.15: ±2 points needs far more than clearing by 20 points
      const p = samplePlan(wide, { target: 0.9, overall: 0.7, actualN: 20 });
      expect(p.forTarget).toBe(scan((c) => `T.INV(0.95,${c}-1)*${p.sd}/SQRT(${c})`, 0.2));
      expect(p.forTarget!).toBeLessThanOrEqual(20);
      expect(p.forHalfWidth!).toBeGreaterThan(20);
      expect(p.verdict).toBe('enough-not-met');
    });

    it('the quarter\'s own 95% interval spanning the target makes it too few, whatever the n', () => {
      const base = { target: 0.9, actualN: 200, overall: 0.86 };
      expect(samplePlan(above, { ...base, interval: { low: 0.85, high: 0.87 } })).toMatchObject({ spansTarget: false, verdict: 'enough-not-met' });
      expect(samplePlan(above, { ...base, interval: { low: 0.82, high: 0.9 } })).toMatchObject({ spansTarget: true, verdict: 'too-few' });
      // 达标 with the lower bound under the target — what the report notes as 达标尚不稳固.
      const met = { target: 0.9, actualN: 200, overall: 0.95 };
      expect(samplePlan(above, { ...met, interval: { low: 0.8999, high: 1 } })).toMatchObject({ side: 'above', spansTarget: true, verdict: 'too-few' });
      expect(samplePlan(above, { ...met, interval: { low: 0.9, high: 1 } })).toMatchObject({ spansTarget: false, verdict: 'enough-met' });
    });

    it('no overall: nothing to call', () => {
      expect(samplePlan(above, { target: 0.9, overall: null, actualN: 500 })).toMatchObject({ side: null, forTarget: null, verdict: 'too-few' });
    });

    it('below the target: n to show it is below, and its verdict', () => {
      const below = above.map((x) => x - 0.1);
      const p = samplePlan(below, { target: 0.9 });
      expect(p.side).toBe('below');
      expect(p.forTarget).toBe(scan((c) => `T.INV(0.95,${c}-1)*${sd}/SQRT(${c})`, 0.9 - (mean - 0.1)));
      expect(p.verdict).toBe('enough-not-met');
      expect(VERDICT_TEXT[p.verdict]['zh-CN']).toBe('样本量足以判定未达标');
    });

    it('one composite is not a basis', () => {
      expect(samplePlan([0.9])).toMatchObject({ forHalfWidth: null, forTarget: null, planForTarget: null, verdict: 'too-few' });
      expect(samplePlan([0.9], { overall: 0.5, actualN: 1000 })).toMatchObject({ side: 'below', forTarget: null, verdict: 'too-few' });
    });
  });
});
