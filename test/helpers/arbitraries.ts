import fc from 'fast-check';
import type { CellValue } from '../../src/domain';
import { ITEMS, LABELS } from './grids';

/** A valid answer label, sometimes spelled with stray spaces of various kinds. */
export const label = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...LABELS) },
  { weight: 1, arbitrary: fc.constantFrom(...LABELS).map((l) => ` ${l.split('').join('\u3000')}\u00a0`) },
);

/** Any cell a survey sheet may hold: labels, blanks and 不适用. */
export const answerCell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 10, arbitrary: label },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom('不适用', 'N/A', '-', '') },
);

export const responses = (cell: fc.Arbitrary<CellValue> = answerCell, maxRows = 40) =>
  fc.array(fc.array(cell, { minLength: ITEMS.length, maxLength: ITEMS.length }), { minLength: 1, maxLength: maxRows });

/** Fresh, non-interned copies of strings (as a host marshals them across its bridge). */
export function fresh(s: string): string {
  return (' ' + s).slice(1);
}

/** Anything a hand-typed or imported cell may hold: labels, blanks, 0, N/A, spaces, scores as numbers or text, typos. */
export const messyCell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 8, arbitrary: label },
  { weight: 2, arbitrary: fc.constantFrom<CellValue>(null, undefined, '', ' ', '\u3000') },
  { weight: 2, arbitrary: fc.constantFrom<CellValue>(0, '0') },
  { weight: 1, arbitrary: fc.constantFrom('不适用', 'N/A', 'n/a', '-', '—') },
  { weight: 1, arbitrary: fc.constantFrom<CellValue>(100, 90, 70, -10, '90', 85, true) },
  { weight: 1, arbitrary: fc.constantFrom('非常满意', '满 意 ', '满意！', 'x') },
);
