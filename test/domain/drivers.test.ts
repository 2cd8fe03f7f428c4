/**
 * Key drivers: Pearson's r against a published worked example (Anscombe's quartet) and against
 * HyperFormula's CORREL over composites computed here by the policy's formula; pairwise-complete n,
 * the few-pairs flag and the quadrants on a dataset built to land items in each.
 */
import fc from 'fast-check';
import { HyperFormula } from 'hyperformula';
import { keyDrivers, MIN_PAIRS, pearson, quadrantOf } from '../../src/domain/analysis/drivers';
import { TABLE_4_1 } from '../../src/domain/template';
import { SCORES, WEIGHTS } from '../helpers/grids';

const LEVEL = { 满意: 0, 较满意: 1, 一般: 2, 不满意: 3, 很不满意: 4 } as const;
const BLANK = -1;

function correl(xs: number[], ys: number[]): number {
  const hf = HyperFormula.buildFromArray([xs, ys], { licenseKey: 'gpl-v3' });
  const end = String.fromCharCode(64 + xs.length);
  const v = hf.calculateFormula(`=CORREL(A1:${end}1,A2:${end}2)`, 0) as number;
  hf.destroy();
  return v;
}

describe('Pearson correlation', () => {
  // Source: F. J. Anscombe, "Graphs in Statistical Analysis", The American Statistician 27(1), 1973,
  // pp. 17–21, and its summary on Wikipedia ("Anscombe's quartet"): all four data sets have correlation
  // coefficient 0.816 to three decimals (n = 11) — within 0.001, as set IV computes to 0.8165.
  const x = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5];
  const sets = {
    I: [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68],
    II: [9.14, 8.14, 8.74, 8.77, 9.26, 8.1, 6.13, 3.1, 9.13, 7.26, 4.74],
    III: [7.46, 6.77, 12.74, 7.11, 7.81, 8.84, 6.08, 5.39, 8.15, 6.42, 5.73],
  };
  it.each(Object.entries(sets))("Anscombe's set %s: r = 0.816", (_, y) => {
    expect(Math.abs(pearson(x, y)! - 0.816)).toBeLessThan(0.001);
  });
  it("Anscombe's set IV (its own x): r = 0.816", () => {
    const x4 = [8, 8, 8, 8, 8, 8, 8, 19, 8, 8, 8];
    const y4 = [6.58, 5.76, 7.71, 8.84, 8.47, 7.04, 5.25, 12.5, 5.56, 7.91, 6.89];
    expect(Math.abs(pearson(x4, y4)! - 0.816)).toBeLessThan(0.001);
  });

  it('agrees with HyperFormula CORREL on random samples', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -10, max: 100 }), fc.double({ min: -10, max: 100, noNaN: true })), { minLength: 3, maxLength: 26 }), (pairs) => {
        const xs = pairs.map((p) => p[0]);
        const ys = pairs.map((p) => p[1]);
        const r = pearson(xs, ys);
        const sd = (v: number[]) => Math.max(...v) - Math.min(...v);
        if (sd(xs) === 0 || sd(ys) < 1e-6) return;
        expect(r).not.toBeNull();
        expect(r!).toBeCloseTo(correl(xs, ys), 9);
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it('is undefined for fewer than 2 pairs or a constant side', () => {
    expect(pearson([1], [2])).toBeNull();
    expect(pearson([90, 90, 90], [1, 2, 3])).toBeNull();
    expect(pearson([1, 2, 3], [86.66666666666667, 86.66666666666667, 86.66666666666667])).toBeNull();
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3], [6, 4, 2])).toBeCloseTo(-1, 12);
  });
});

describe('key drivers (derived importance, 四分图)', () => {
  /** Levels per respondent for the 14 items; `rows` are label names per item or '' for blank. */
  const rec = (labels: (keyof typeof LEVEL | '')[]) => ({ levels: Int8Array.from(labels.map((l) => (l === '' ? BLANK : LEVEL[l]))) });
  /** The composite by the policy's formula, typed here from the weights and scores of Table 4-1. */
  const compositeByHand = (labels: (keyof typeof LEVEL | '')[]) => {
    let num = 0;
    let den = 0;
    labels.forEach((l, i) => {
      if (l === '') return;
      num += WEIGHTS[i] * SCORES[l];
      den += WEIGHTS[i];
    });
    return num / den;
  };

  // 24 respondents. 专业技术 (item 0) moves with everything else (an important item) and is often
  // 一般/不满意; 培训 (item 13) is random-ish and mostly 满意; 备件供应 (item 12) answered by only 6.
  const rand = (() => {
    let a = 20260401;
    return () => ((a = (Math.imul(a, 1103515245) + 12345) >>> 0) / 2 ** 32);
  })();
  const labelsOf = ['满意', '较满意', '一般', '不满意', '很不满意'] as const;
  const rows: (keyof typeof LEVEL | '')[][] = Array.from({ length: 24 }, (_, r) => {
    const mood = r % 4; // 0 best … 3 worst
    return Array.from({ length: 14 }, (_, i) => {
      if (i === 12) return r < 6 ? labelsOf[Math.min(4, mood)] : '';
      if (i === 13) return rand() < 0.8 ? '满意' : '较满意';
      if (i === 0) return labelsOf[Math.min(4, mood + 1)];
      return labelsOf[Math.min(4, Math.max(0, mood - 1 + (rand() < 0.3 ? 1 : 0)))];
    });
  });

  const result = keyDrivers(rows.map(rec), TABLE_4_1);

  it('r per item equals CORREL of its answers with composites computed by hand (pairwise complete)', () => {
    for (const i of [0, 5, 12, 13]) {
      const answered = rows.filter((r) => r[i] !== '');
      const xs = answered.map((r) => SCORES[r[i] as string]);
      const ys = answered.map(compositeByHand);
      const d = result.items[i];
      expect(d.n).toBe(answered.length);
      expect(d.r).toBeCloseTo(correl(xs, ys), 10);
    }
    expect(result.items[12].n).toBe(6);
    expect(result.items[0].weight).toBe(10); // stated importance = Table 4-1 weight
  });

  it(`flags items with fewer than ${MIN_PAIRS} pairs and gives them no quadrant`, () => {
    expect(MIN_PAIRS).toBe(10);
    expect(result.fewPairs).toEqual(['备件供应']);
    expect(result.items[12]).toMatchObject({ fewPairs: true, quadrant: null });
  });

  it('places items by mean importance and the target', () => {
    const usable = result.items.filter((d) => d.r !== null && !d.fewPairs);
    const mean = usable.reduce((s, d) => s + d.r!, 0) / usable.length;
    expect(result.meanImportance).toBeCloseTo(mean, 12);
    // 专业技术 tracks the composite and averages below 90%: 修补区, act first.
    expect(result.items[0].r!).toBeGreaterThan(mean);
    expect(result.items[0].satisfaction!).toBeLessThan(0.9);
    expect(result.items[0].quadrant).toBe('修补区');
    expect(result.fixFirst[0]).toBe('专业技术');
    // 培训 does not follow the composite and is ≥ 90%: 维持区.
    expect(result.items[13].satisfaction!).toBeGreaterThanOrEqual(0.9);
    expect(result.items[13].r!).toBeLessThan(mean);
    expect(result.items[13].quadrant).toBe('维持区');
    for (const d of result.items) {
      if (d.quadrant === null) continue;
      const important = d.r! >= mean;
      const ok = d.satisfaction! >= 0.9;
      expect(d.quadrant).toBe(important ? (ok ? '优势区' : '修补区') : ok ? '维持区' : '机会区');
    }
  });

  it('the four quadrants', () => {
    expect(quadrantOf(0.8, 0.95, 0.5, 0.9)).toBe('优势区');
    expect(quadrantOf(0.8, 0.85, 0.5, 0.9)).toBe('修补区');
    expect(quadrantOf(0.2, 0.85, 0.5, 0.9)).toBe('机会区');
    expect(quadrantOf(0.2, 0.95, 0.5, 0.9)).toBe('维持区');
    expect(quadrantOf(0.5, 0.9, 0.5, 0.9)).toBe('优势区'); // on both lines: important and satisfied
  });

  it('an item everybody rates alike has no r (and no quadrant)', () => {
    const same = keyDrivers(rows.map((r) => rec(r.map((l, i) => (i === 13 ? '满意' : l)))), TABLE_4_1);
    expect(same.items[13]).toMatchObject({ r: null, quadrant: null, n: 24 });
  });
});
