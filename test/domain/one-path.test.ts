/**
 * One path from grid to tally (issue 12): the functions' entry point (scoreResponses → tallyGrid)
 * and the reports' (readResponses → records → tally) read the same grid the same way — same overall,
 * items, counts and invalid cells — on random grids with blanks, 0, N/A, spaces, scores and typos.
 */
import fc from 'fast-check';
import { isBlank, locateData, readResponses, scoreResponses, scoreTally, TABLE_4_1, tallyLevels, type CellValue } from '../../src/domain';
import { messyCell } from '../helpers/arbitraries';
import { ITEMS } from '../helpers/grids';

const INFO = ['客户名称', '调查日期'];
const origin = { sheet: '调查数据', row: 1, col: 1 };

const rowArb = fc.tuple(fc.constantFrom<CellValue>('甲', null, 0), fc.constantFrom<CellValue>('2026-03-05', null), fc.array(messyCell, { minLength: ITEMS.length, maxLength: ITEMS.length }));
/** A header naming the items in any order (invalid cells must still come out in reading order), then rows. */
const gridArb = fc
  .tuple(fc.shuffledSubarray(ITEMS, { minLength: ITEMS.length }), fc.array(rowArb, { minLength: 1, maxLength: 25 }))
  .map(([items, rows]) => [[...INFO, ...items], ...rows.map(([c, d, answers]) => [c, d, ...answers])]);

function bothPaths(grid: CellValue[][], zeroMeansBlank: boolean) {
  const layout = locateData(grid, TABLE_4_1, origin);
  const scored = scoreResponses(grid, TABLE_4_1, { layout, origin, zeroMeansBlank });
  const set = readResponses(grid, TABLE_4_1, layout, origin, { zeroMeansBlank });
  const tally = tallyLevels(set.records.map((r) => r.levels), TABLE_4_1);
  return { scored, set, tally };
}

describe('one path from grid to tally', () => {
  it.each([true, false])('the score and the report records agree (zeroMeansBlank %s)', (zeroMeansBlank) => {
    fc.assert(
      fc.property(gridArb, (grid) => {
        const { scored, set, tally } = bothPaths(grid, zeroMeansBlank);
        // Records leave out rows with nothing in them; the score counts their cells as blank.
        const emptyRows = grid.slice(1).filter((r) => r.every(isBlank)).length;
        for (const policy of ['item', 'strict'] as const) {
          const fromRecords = scoreTally(tally, TABLE_4_1, policy);
          const fromGrid = policy === 'item' ? scored : scoreResponses(grid, TABLE_4_1, { origin, zeroMeansBlank, policy });
          expect(fromRecords.overall).toBe(fromGrid.overall);
          fromRecords.items.forEach((it, i) => {
            expect(it.counts).toEqual(fromGrid.items[i].counts);
            expect(it.notApplicable).toBe(fromGrid.items[i].notApplicable);
            expect(it.blank + emptyRows).toBe(fromGrid.items[i].blank);
            expect(it.satisfaction).toBe(fromGrid.items[i].satisfaction);
          });
        }
        expect(tally.respondents).toBe(scored.respondents);
        expect(set.invalid).toEqual(scored.invalid);
        expect(set.invalid.length).toBe(scored.invalidCount);
      }),
    );
  });

  it('names each invalid cell once, in reading order, whatever the entry point', () => {
    // Hand-checked: a typo, a score that is not a level's, a 0 where no label says what 0 means is the score 0 (不满意).
    const grid: CellValue[][] = [
      ['客户名称', '调查日期', ...ITEMS],
      ['甲', '2026-03-05', '非常满意', ...ITEMS.slice(1).map(() => 90)],
      ['乙', '2026-03-06', 0, 85, ...ITEMS.slice(2).map(() => null)],
    ];
    const { scored, set } = bothPaths(grid, true);
    expect(scored.zerosAsBlank).toBe(false);
    expect(scored.invalid.map((x) => [x.cell, x.value])).toEqual([
      ['调查数据!C2', '非常满意'],
      ['调查数据!D3', '85'],
    ]);
    expect(set.invalid).toEqual(scored.invalid);
    // 乙 answered 服务人员… with the score 0: 不满意.
    expect(scored.items[0].counts).toEqual([0, 0, 0, 1, 0]);
  });
});
