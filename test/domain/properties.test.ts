import fc from 'fast-check';
import { scoreResponses, TABLE_4_1, type CellValue } from '../../src/domain';
import { answerCell, label, responses } from '../helpers/arbitraries';
import { ITEMS, LABELS, withHeader } from '../helpers/grids';

const overall = (rows: CellValue[][], policy: 'item' | 'strict' = 'item', header: string[] = ITEMS) =>
  scoreResponses(withHeader(rows, header), TABLE_4_1, { policy }).overall;

describe('scoring invariants (fast-check)', () => {
  it('the order of respondents changes nothing', () => {
    fc.assert(
      fc.property(
        responses().chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows.map((_, i) => i), { minLength: rows.length }))),
        ([rows, order]) => {
        const shuffled = order.map((i) => rows[i]);
        expect(overall(shuffled)).toBe(overall(rows));
        expect(overall(shuffled, 'strict')).toBe(overall(rows, 'strict'));
        },
      ),
    );
  });

  it('the order of columns changes nothing when a header names them', () => {
    fc.assert(
      fc.property(responses(), fc.shuffledSubarray(ITEMS.map((_, i) => i), { minLength: ITEMS.length }), (rows, perm) => {
        const header = perm.map((i) => ITEMS[i]);
        const permuted = rows.map((r) => perm.map((i) => r[i]));
        expect(overall(permuted, 'item', header)).toBe(overall(rows));
        expect(overall(permuted, 'strict', header)).toBe(overall(rows, 'strict'));
      }),
    );
  });

  it('stays within −10% … 100% under both policies', () => {
    fc.assert(
      fc.property(responses(), (rows) => {
        for (const policy of ['item', 'strict'] as const) {
          const v = overall(rows, policy);
          if (v !== null) {
            expect(v).toBeGreaterThanOrEqual(-0.1 - 1e-12);
            expect(v).toBeLessThanOrEqual(1 + 1e-12);
          }
        }
      }),
    );
  });

  it('improving one answer never lowers the score', () => {
    const withLevel = responses(label);
    fc.assert(
      fc.property(withLevel, fc.nat(), fc.nat(ITEMS.length - 1), fc.nat(LABELS.length - 1), (rows, r, c, better) => {
        const row = r % rows.length;
        const current = LABELS.findIndex((l) => l === String(rows[row][c]).replace(/[\s\u3000\u00a0]/g, ''));
        if (better >= current) return; // only strictly better levels
        const improved = rows.map((x) => [...x]);
        improved[row][c] = LABELS[better];
        for (const policy of ['item', 'strict'] as const) {
          expect(overall(improved, policy)!).toBeGreaterThanOrEqual(overall(rows, policy)! - 1e-12);
        }
      }),
    );
  });

  it('item and strict agree on complete data (everyone answered everything)', () => {
    fc.assert(
      fc.property(responses(label, 60), (rows) => {
        expect(Math.abs(overall(rows, 'item')! - overall(rows, 'strict')!)).toBeLessThanOrEqual(1e-12);
      }),
    );
  });

  it('desktop (0) and web (null) encodings of empty cells agree on label data', () => {
    fc.assert(
      fc.property(responses(answerCell), (rows) => {
        const desktop = rows.map((r) => r.map((v) => (v === null ? 0 : v)));
        const hasLabel = rows.some((r) => r.some((v) => typeof v === 'string' && LABELS.some((l) => v.replace(/[\s\u3000\u00a0]/g, '') === l)));
        if (!hasLabel) return;
        expect(overall(desktop)).toBe(overall(rows));
        expect(overall(desktop, 'strict')).toBe(overall(rows, 'strict'));
      }),
    );
  });
});
