/**
 * Independent oracle: HyperFormula evaluates a native-formula equivalent of the policy formula
 * (COUNTIF per item and level, SUMPRODUCT with the Table 4-1 weights) over the same cells, and
 * CSAT.OVERALL must agree with it to 1e-12 on random data — under both policies.
 */
import fc from 'fast-check';
import { HyperFormula } from 'hyperformula';
import type { CellValue } from '../../src/domain';
import { installCustomFunctionsStub } from '../helpers/custom-functions-stub';
import { ITEMS, LABELS, SCORES, WEIGHTS } from '../helpers/grids';

installCustomFunctionsStub();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { overall } = require('../../src/functions/functions') as typeof import('../../src/functions/functions');

const col = (i: number) => String.fromCharCode(65 + i);

/** The native-formula workbook: `data` holds the answers, `calc` the formulas. */
function nativeFormulas(rows: CellValue[][]) {
  const last = rows.length + 1;
  const countIf = (range: string, label: string) => `COUNTIF(${range},"${label}")`;
  const data: (string | number | null)[][] = [[...ITEMS, '答题']];
  rows.forEach((r, i) => {
    const row = i + 2;
    const anyAnswer = LABELS.map((l) => countIf(`A${row}:N${row}`, l)).join('+');
    data.push([...r.map((v) => (v === undefined ? null : (v as string | number | null))), `=IF(${anyAnswer}>0,1,0)`]);
  });
  const item = (i: number) => `data!${col(i)}$2:${col(i)}$${last}`;
  const calc = [
    WEIGHTS,
    ITEMS.map((_, i) => '=' + LABELS.map((l) => countIf(item(i), l)).join('+')),
    ITEMS.map((_, i) => '=' + LABELS.map((l) => `${SCORES[l]}*${countIf(item(i), l)}`).join('+')),
    ITEMS.map((_, i) => `=IF(${col(i)}2>0,${col(i)}3/${col(i)}2,0)`),
    ITEMS.map((_, i) => `=IF(${col(i)}2>0,1,0)`),
    ['=SUMPRODUCT(A1:N1,A4:N4,A5:N5)/SUMPRODUCT(A1:N1,A5:N5)/100'],
    [`=SUMPRODUCT(A1:N1,A3:N3)/(SUM(data!O2:O${last})*10000)`],
  ];
  // smartRounding off: by default HyperFormula rounds results near 14 digits (seen as 3e-12 gaps).
  const hf = HyperFormula.buildFromSheets({ data, calc }, { licenseKey: 'gpl-v3', useArrayArithmetic: true, smartRounding: false });
  const calcId = hf.getSheetId('calc')!;
  const value = (row: number) => hf.getCellValue({ sheet: calcId, row, col: 0 }) as number;
  const result = { item: value(5), strict: value(6) };
  hf.destroy();
  return result;
}

// Canonical labels only: COUNTIF matches text exactly, so the oracle's data avoids stray spaces.
const cell = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...LABELS) },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constant('不适用') },
);

describe('CSAT.OVERALL against HyperFormula (independent oracle)', () => {
  it('agrees to 1e-12 on random data under both policies', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 14, maxLength: 14 }), { minLength: 1, maxLength: 200 }), (rows) => {
        const answered = rows.some((r) => r.some((v) => typeof v === 'string' && v !== '不适用'));
        fc.pre(answered);
        const oracle = nativeFormulas(rows);
        const grid = [ITEMS, ...rows];
        const invocation = { parameterAddresses: ['data!A1:N' + (rows.length + 1)] } as CustomFunctions.Invocation;
        expect(Math.abs(overall(grid, null as never, 'item', invocation) - oracle.item)).toBeLessThanOrEqual(1e-12);
        expect(Math.abs(overall(grid, null as never, 'strict', invocation) - oracle.strict)).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 40 },
    );
  });

  it('agrees on the shipped sample\'s size class: 600 respondents with gaps', () => {
    const rows = fc.sample(fc.array(cell, { minLength: 14, maxLength: 14 }), { numRuns: 600, seed: 42 });
    const oracle = nativeFormulas(rows);
    expect(Math.abs(overall([ITEMS, ...rows], null as never, 'item', {} as CustomFunctions.Invocation) - oracle.item)).toBeLessThanOrEqual(1e-12);
    expect(oracle.item).toBeGreaterThan(0);
  });
});
