/** A1 addresses and the owned-sheet placement rules, on their own (they underlie every plan). */
import { absCell, cell, columnRef, freeSheetName, parseCell, parseRange, quoteSheet, rangeOf, resolveSheets, sheetRef } from '../../src/plan';

describe('A1 addresses', () => {
  test('parse and build cells, ranges and sheet references', () => {
    expect(parseCell('$AB$12')).toEqual({ row: 12, col: 28 });
    expect(parseCell(' c3 ')).toEqual({ row: 3, col: 3 });
    expect(() => parseCell('12A')).toThrow(/not an A1 cell address/);
    expect(cell(1, 26)).toBe('Z1');
    expect(cell(1, 27)).toBe('AA1');
    expect(absCell(5, 2)).toBe('$B$5');
    expect(rangeOf('B3', 2, 3)).toBe('B3:D4');
    expect(parseRange('A1')).toEqual({ start: { row: 1, col: 1 }, end: { row: 1, col: 1 } });
    expect(parseRange('A2:XFD1048576').end).toEqual({ row: 1048576, col: 16384 });
    expect(quoteSheet("客户's 表")).toBe("'客户''s 表'");
    expect(sheetRef('调查数据', '$A$1')).toBe("'调查数据'!$A$1");
    expect(columnRef('调查数据', 7)).toBe("'调查数据'!$G:$G");
  });
});

describe('where planned sheets go', () => {
  test('a free name never collides ignoring case and stays within 31 characters', () => {
    expect(freeSheetName('趋势', new Set(['其他']))).toBe('趋势');
    expect(freeSheetName('Trend', new Set(['trend', 'TREND (2)']))).toBe('Trend (3)');
    const long = 'x'.repeat(31);
    const name = freeSheetName(long, new Set([long]));
    expect(name.length).toBeLessThanOrEqual(31);
    expect(name.endsWith(' (2)')).toBe(true);
  });

  test('owned sheets are found by their mark even renamed; a user sheet with the name is never touched', () => {
    const existing = [{ name: '我的调查', owner: 'responses' }, { name: '趋势' }, { name: '分析报告-2026Q3', owner: 'report_2026Q3' }];
    const r = resolveSheets(
      [
        { owner: 'responses', name: '调查数据', onExisting: 'keep' },
        { owner: 'trend', name: '趋势', onExisting: 'refresh' },
        { owner: 'report_2026Q3', name: '分析报告-2026Q3', onExisting: 'refresh' },
        { owner: 'report_2026Q4', name: '分析报告-2026Q4', onExisting: 'refresh' },
      ],
      existing,
    );
    expect(r).toEqual([
      { owner: 'responses', name: '我的调查', action: 'keep' },
      { owner: 'trend', name: '趋势 (2)', action: 'create', nameTakenBy: '趋势' },
      { owner: 'report_2026Q3', name: '分析报告-2026Q3', action: 'refresh' },
      { owner: 'report_2026Q4', name: '分析报告-2026Q4', action: 'create' },
    ]);
  });
});
