/**
 * Seeded mutation fuzzing of the package reader (issue 19, part 7), a fixed number of cases in CI:
 * (a) the zip container's bytes of a small valid workbook, (b) the markup of its parts re-zipped
 * correctly. For every case, reading it as `csat score` does (open, list the sheets, read each)
 * either succeeds with a consistent grid or throws one XlsxError / CsatError whose zh and en lines come
 * from our catalogue — no other exception, no library text, no stack trace. The memory ceiling of
 * the worst case is measured by the bench (bench/package-bench.ts), not asserted here.
 */
import fc from 'fast-check';
import { applyBytes, applyMarkup, applyMarkupCase, FUZZ_RUNS, FUZZ_SEED, fuzzBase, markupCase, notOurs, readChecked, zipCase, type Outcome } from '../helpers/fuzz-cases';

let base: Uint8Array;
beforeAll(async () => {
  base = await fuzzBase();
});

/** Outcomes seen, so the test can tell it exercised both sides. */
function tally(outcomes: Outcome[]): { read: number; refused: Set<string> } {
  return { read: outcomes.filter((o) => o.kind === 'read').length, refused: new Set(outcomes.flatMap((o) => (o.kind === 'refused' ? [o.problem] : []))) };
}

test('the base workbook reads', async () => {
  const outcome = await readChecked(base);
  expect(outcome).toMatchObject({ kind: 'read', sheets: 2 });
});

test('the internal-text filter catches what it is for', () => {
  expect(notOurs("TypeError: Cannot read properties of undefined (reading 'x')")).toBeDefined();
  expect(notOurs('boom\n    at Object.<anonymous> (/x/y.js:1:2)')).toBeDefined();
  expect(notOurs('[object Object]')).toBeDefined();
  expect(notOurs('文件已损坏：部件 xl/worksheets/sheet1.xml 的 CRC-32 校验不符')).toBeUndefined();
});

test(`(a) ${FUZZ_RUNS} mutations of the zip container: a consistent read or one refusal of ours`, async () => {
  const outcomes: Outcome[] = [];
  await fc.assert(
    fc.asyncProperty(zipCase, async (mutations) => {
      outcomes.push(await readChecked(applyBytes(base, mutations)));
    }),
    { seed: FUZZ_SEED, numRuns: FUZZ_RUNS },
  );
  const { read, refused } = tally(outcomes);
  // Both sides were exercised: some damage is harmless (a flipped timestamp), most is refused, for several reasons.
  expect(read).toBeGreaterThan(0);
  expect(refused.size).toBeGreaterThanOrEqual(3);
});

test(`(b) ${FUZZ_RUNS} mutations of the parts' markup, re-zipped: a consistent read or one refusal of ours`, async () => {
  const outcomes: Outcome[] = [];
  await fc.assert(
    fc.asyncProperty(markupCase, async (c) => {
      outcomes.push(await readChecked(applyMarkupCase(base, c)));
    }),
    { seed: FUZZ_SEED + 1, numRuns: FUZZ_RUNS },
  );
  const { read, refused } = tally(outcomes);
  expect(read).toBeGreaterThan(0);
  expect(refused.size).toBeGreaterThanOrEqual(3);
});

test('the markup mutations do what they say', () => {
  expect(applyMarkup('abcdef', [{ op: 'delete', at: 0.5, length: 2, token: 0 }])).toBe('abcf');
  expect(applyMarkup('abcdef', [{ op: 'duplicate', at: 0, length: 2, token: 0 }])).toBe('ababcdef');
  expect(applyMarkup('abcdef', [{ op: 'insert', at: 0.5, length: 1, token: 3 }])).toBe('abc</c>def');
  expect(applyMarkup('<a x="1"><c r="A1"/><c r="B1"/></a>', [{ op: 'drop-element', at: 0, length: 0, token: 0 }])).toBe('<a x="1"><c r="B1"/></a>');
  expect(applyMarkup('<a x="1">t</a>', [{ op: 'attr', at: 0, length: 0, token: 0 }])).toBe('<a x="0">t</a>');
  expect(applyMarkup('<a x="1">t</a>', [{ op: 'text', at: 0, length: 0, token: 1 }])).toBe('<a x="1">-1</a>');
});
