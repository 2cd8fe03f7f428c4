/**
 * 提升潜力 against hand calculation on the held fixture (test/helpers/analysis-grid.ts, 2026Q1), a
 * brute-force search over every subset on small random cases, and HyperFormula recomputing the
 * native-formula form.
 */
import fc from 'fast-check';
import { HyperFormula } from 'hyperformula';
import { improvementPotential, potentialFormula, type PotentialInput } from '../../src/domain/analysis/potential';
import { scoreResponses } from '../../src/domain/scoring';
import { TABLE_4_1 } from '../../src/domain/template';
import { GRID } from '../helpers/analysis-grid';
import { ITEMS, WEIGHTS } from '../helpers/grids';

// 2026Q1 of the held fixture: A answers 满意 (100) everywhere, B 较满意 (90), C 一般 (70) except 培训 不满意 (0).
// By hand: every item but 培训 has mean (100+90+70)/3 = 86.667; 培训 (100+90+0)/3 = 63.333.
const Q1: PotentialInput[] = ITEMS.map((name, i) => ({ name, weight: WEIGHTS[i], answered: 3, satisfaction: name === '培训' ? 190 / 300 : 260 / 300 }));
// overall = (90 × 86.667 + 10 × 63.333) / 100 / 100 = 0.843333…
const OVERALL_Q1 = (90 * (260 / 3) + 10 * (190 / 3)) / 10000;

describe('improvement potential (提升潜力)', () => {
  it('hand calculation on the held fixture, item policy', () => {
    const r = improvementPotential(Q1, { policy: 'item', target: 0.9, respondents: 3 });
    expect(r.overall).toBeCloseTo(0.8433333333, 10);
    expect(r.overall).toBeCloseTo(OVERALL_Q1, 12);
    // 培训: 10 × (0.9 − 0.63333) / 100 = 0.0266667; 专业技术: 10 × (0.9 − 0.86667) / 100 = 0.0033333
    expect(r.items[0]).toMatchObject({ item: '培训', rank: 1 });
    expect(r.items[0].potential).toBeCloseTo(0.0266666667, 10);
    expect(r.items[0].gap).toBeCloseTo(0.2666666667, 10);
    expect(r.items.map((x) => x.item).slice(1, 4)).toEqual(['专业技术', '备件供应', '热线畅通']); // weights 10, 10, 8
    expect(r.items[1].potential).toBeCloseTo(0.0033333333, 10);
    expect(r.items[3].potential).toBeCloseTo(0.0026666667, 10); // 8 × 0.033333 / 100
    expect(r.items.at(-1)).toMatchObject({ item: '行为规范' }); // weight 3, the smallest gain
    expect(r.items.at(-1)!.potential).toBeCloseTo(0.001, 12);
    // Shortfall 0.0566667 = the sum of all 14 gains (all items at 90% give exactly 90%): every item is needed.
    expect(r.shortfall).toBeCloseTo(0.0566666667, 10);
    expect(r.reachSet).toHaveLength(14);
    expect(r.reachedOverall).toBeCloseTo(0.9, 12);
  });

  it('the engine’s scores of the fixture give the same figures', () => {
    const rows = GRID.filter((row, i) => i === 0 || ['A', 'B', 'C'].includes(String(row[0])));
    const scored = scoreResponses(rows, TABLE_4_1);
    const r = improvementPotential(scored.items, { policy: 'item', target: 0.9, respondents: scored.respondents });
    expect(r.overall).toBeCloseTo(OVERALL_Q1, 12);
    expect(r.items[0].potential).toBeCloseTo(0.0266666667, 10);
  });

  it('a smaller shortfall needs only the top items', () => {
    // 培训 at 50%, everything else at 95%: overall = (90 × 95 + 10 × 50) / 10000 = 0.905 — met.
    const met = ITEMS.map((name, i) => ({ name, weight: WEIGHTS[i], answered: 4, satisfaction: name === '培训' ? 0.5 : 0.95 }));
    const r = improvementPotential(met, { target: 0.9, respondents: 4 });
    expect(r.reachSet).toEqual([]);
    expect(r.items[0]).toMatchObject({ item: '培训' });
    expect(r.items[0].potential).toBeCloseTo(0.04, 12); // 10 × 0.4 / 100: an item below target still has potential
    // 培训 at 50%, 备件供应 at 80%, the rest at 92%: overall = (80 × 92 + 10 × 50 + 10 × 80) / 10000 = 0.866.
    const below = ITEMS.map((name, i) => ({ name, weight: WEIGHTS[i], answered: 4, satisfaction: name === '培训' ? 0.5 : name === '备件供应' ? 0.8 : 0.92 }));
    const b = improvementPotential(below, { target: 0.9, respondents: 4 });
    expect(b.overall).toBeCloseTo(0.866, 12);
    expect(b.reachSet).toEqual(['培训']); // 0.04 ≥ 0.034
    expect(b.reachedOverall).toBeCloseTo(0.906, 12);
  });

  it('strict policy: respondents who skipped an item weigh its gain down; the target may be out of reach', () => {
    // Two items of weight 50; R = 10 respondents; item a answered by 10 at 80%, item b by 5 at 80%.
    // strict overall = (50 × 10 × 0.8 + 50 × 5 × 0.8) / (100 × 10) = 0.6; gain a = 0.5 × 1 × 0.1 = 0.05, b = 0.5 × 0.5 × 0.1 = 0.025.
    const items = [
      { name: 'a', weight: 50, answered: 10, satisfaction: 0.8 },
      { name: 'b', weight: 50, answered: 5, satisfaction: 0.8 },
    ];
    const r = improvementPotential(items, { policy: 'strict', target: 0.9, respondents: 10 });
    expect(r.overall).toBeCloseTo(0.6, 12);
    expect(r.items.map((x) => [x.item, x.potential])).toEqual([
      ['a', expect.closeTo(0.05, 12)],
      ['b', expect.closeTo(0.025, 12)],
    ]);
    expect(r.reachSet).toBeNull(); // 0.6 + 0.075 < 0.9
    expect(r.reachedOverall).toBeNull();
    // The item policy on the same answers: overall 0.8, each gain 50 × 0.1 / 100 = 0.05; both needed.
    const i = improvementPotential(items, { policy: 'item', target: 0.9, respondents: 10 });
    expect(i.reachSet).toEqual(['a', 'b']);
  });

  it('unanswered items have no potential and leave the item-policy denominator', () => {
    const items = [
      { name: 'a', weight: 60, answered: 2, satisfaction: 0.8 },
      { name: 'b', weight: 40, answered: 0, satisfaction: null },
    ];
    const r = improvementPotential(items, { target: 0.9, respondents: 2 });
    expect(r.overall).toBeCloseTo(0.8, 12);
    expect(r.items[0].potential).toBeCloseTo(0.1, 12); // 60 × 0.1 / 60
    expect(r.items[1]).toMatchObject({ item: 'b', potential: 0, gap: 0 });
    expect(improvementPotential([{ name: 'x', weight: 100, answered: 0, satisfaction: null }], { target: 0.9, respondents: 0 })).toMatchObject({ overall: null, reachSet: null, shortfall: 0 });
  });

  describe('greedy by potential is a smallest set (brute force over every subset)', () => {
    const item = fc.record({
      weight: fc.integer({ min: 1, max: 30 }),
      answered: fc.integer({ min: 0, max: 6 }),
      level: fc.integer({ min: -10, max: 100 }),
    });
    /** The overall computed from scratch (the policy's formula literally), with `lifted` items at the target. */
    function recompute(items: { weight: number; answered: number; level: number }[], lifted: Set<number>, policy: 'item' | 'strict', respondents: number, target: number): number {
      let num = 0;
      let den = 0;
      items.forEach((it, i) => {
        if (it.answered === 0) return;
        const mean = lifted.has(i) ? Math.max(it.level, target * 100) : it.level;
        num += policy === 'strict' ? it.answered * mean * it.weight : mean * it.weight;
        den += it.weight;
      });
      return policy === 'strict' ? num / (respondents * 100 * 100) : num / den / 100;
    }

    it.each(['item', 'strict'] as const)('%s policy', (policy) => {
      fc.assert(
        fc.property(fc.array(item, { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 80, max: 95 }), (raw, extra, t) => {
          const target = t / 100;
          if (raw.every((x) => x.answered === 0)) raw[0].answered = 1;
          const respondents = Math.max(...raw.map((x) => x.answered)) + extra;
          const inputs = raw.map((x, i) => ({ name: `i${i}`, weight: x.weight, answered: x.answered, satisfaction: x.answered > 0 ? x.level / 100 : null }));
          const r = improvementPotential(inputs, { policy, target, respondents });
          const base = recompute(raw, new Set(), policy, respondents, target);
          expect(r.overall).toBeCloseTo(base, 10);
          // Each item's potential is the recomputed gain of lifting it alone.
          for (const x of r.items) {
            const i = Number(x.item.slice(1));
            expect(x.potential).toBeCloseTo(recompute(raw, new Set([i]), policy, respondents, target) - base, 10);
          }
          // The smallest subset reaching the target, by trying all 2^k subsets.
          let best: number | null = null;
          for (let mask = 0; mask < 1 << raw.length; mask++) {
            const set = new Set(raw.map((_, i) => i).filter((i) => mask & (1 << i)));
            if (recompute(raw, set, policy, respondents, target) >= target - 1e-9 && (best === null || set.size < best)) best = set.size;
          }
          if (best === null) expect(r.reachSet).toBeNull();
          else {
            expect(r.reachSet).not.toBeNull();
            expect(r.reachSet!.length).toBe(best);
            const chosen = new Set(r.reachSet!.map((n) => Number(n.slice(1))));
            expect(recompute(raw, chosen, policy, respondents, target)).toBeGreaterThanOrEqual(target - 1e-9);
          }
        }),
        { numRuns: 300, seed: 14 },
      );
    });
  });

  describe('native-formula form, recomputed by HyperFormula', () => {
    function evaluate(rows: (string | number | null)[][], cell: string): number {
      const hf = HyperFormula.buildFromArray(rows, { licenseKey: 'gpl-v3' });
      const col = cell.charCodeAt(0) - 65;
      const v = hf.getCellValue({ sheet: 0, row: Number(cell.slice(1)) - 1, col });
      hf.destroy();
      return v as number;
    }

    it('item policy: weight × max(0, target − satisfaction) / answered weights', () => {
      // A: weight, B: satisfaction, C: target, D: answered weights (100), E: the formula.
      const f = potentialFormula('item', { weight: 'A1', satisfaction: 'B1', target: 'C1', answeredWeight: 'D1' });
      expect(f).toBe('=IF(AND(ISNUMBER(B1),D1>0),A1*MAX(0,C1-B1)/D1,0)');
      expect(evaluate([[10, 190 / 300, 0.9, 100, f]], 'E1')).toBeCloseTo(0.0266666667, 10); // 培训 by hand
      expect(evaluate([[7, 0.95, 0.9, 100, f]], 'E1')).toBe(0); // above target
      expect(evaluate([[7, null, 0.9, 100, f]], 'E1')).toBe(0); // unanswered
      expect(evaluate([[60, 0.8, 0.9, 60, f]], 'E1')).toBeCloseTo(0.1, 12);
    });

    it('strict policy: weight/100 × answered/respondents × gap', () => {
      const f = potentialFormula('strict', { weight: '$A$1', satisfaction: 'B1', target: '$C$1', answered: 'D1', respondents: '$F$1' });
      expect(evaluate([[50, 0.8, 0.9, 5, f, 10]], 'E1')).toBeCloseTo(0.025, 12);
      expect(() => potentialFormula('strict', { weight: 'A1', satisfaction: 'B1', target: 'C1' })).toThrow(/answered/);
    });
  });
});
