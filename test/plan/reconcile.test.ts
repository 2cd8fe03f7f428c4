/** plan/reconcile.ts beyond the basic cases of a1-reconcile.test.ts: names taken by the plan itself, case, limits. */
import { freeSheetName, resolveSheets } from '../../src/plan';

describe('resolveSheets', () => {
  test('two new sheets wanting one name get distinct names, and neither takes a user sheet', () => {
    const r = resolveSheets(
      [
        { owner: 'report_2026Q3', name: '报告', onExisting: 'refresh' },
        { owner: 'report_2026Q4', name: '报告', onExisting: 'refresh' },
      ],
      [{ name: '报告 (2)' }],
    );
    expect(r).toEqual([
      { owner: 'report_2026Q3', name: '报告', action: 'create' },
      { owner: 'report_2026Q4', name: '报告 (3)', action: 'create' },
    ]);
  });

  test("a clash ignores case and names the user's sheet as spelled", () => {
    const [r] = resolveSheets([{ owner: 'trend', name: 'Trend', onExisting: 'refresh' }], [{ name: 'TREND' }]);
    expect(r).toEqual({ owner: 'trend', name: 'Trend (2)', action: 'create', nameTakenBy: 'TREND' });
  });

  test('an owned sheet wins over its preferred name: kept where it is, even when a user sheet has that name', () => {
    const r = resolveSheets([{ owner: 'template', name: '评分模板', onExisting: 'keep' }], [{ name: '评分模板' }, { name: '旧模板', owner: 'template' }]);
    expect(r).toEqual([{ owner: 'template', name: '旧模板', action: 'keep' }]);
  });

  test('a sheet owned by another kind is not taken for this one', () => {
    const [r] = resolveSheets([{ owner: 'report_2026Q4', name: '分析报告-2026Q4', onExisting: 'refresh' }], [{ name: '分析报告-2026Q4', owner: 'report_2026Q3' }]);
    expect(r).toEqual({ owner: 'report_2026Q4', name: '分析报告-2026Q4 (2)', action: 'create', nameTakenBy: '分析报告-2026Q4' });
  });
});

describe('freeSheetName', () => {
  test('shortens a 31-character name to fit each numbered suffix', () => {
    const long = 'a'.repeat(31);
    const two = `${'a'.repeat(27)} (2)`;
    expect(freeSheetName(long, new Set([long]))).toBe(two);
    expect(freeSheetName(long, new Set([long, two]))).toBe(`${'a'.repeat(27)} (3)`);
    expect(freeSheetName('b'.repeat(30), new Set(['b'.repeat(30)]))).toBe(`${'b'.repeat(27)} (2)`);
  });
});
