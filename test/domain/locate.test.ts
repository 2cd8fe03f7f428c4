import { CsatError, findResponsesSheet, locateData, TABLE_4_1 } from '../../src/domain';
import { ITEMS, uniformRow } from '../helpers/grids';

const origin = { row: 1, col: 1 };

describe('locating the answers', () => {
  it('finds a header row with item columns in any order and extra columns ignored', () => {
    const header = ['客户名称', ...[...ITEMS].reverse(), '意见与建议'];
    const layout = locateData([['标题'], [], header, ['甲', ...uniformRow('满意'), '']], TABLE_4_1, origin);
    expect(layout.headerRow).toBe(2);
    expect(layout.firstDataRow).toBe(3);
    expect(layout.itemColumns[0]).toBe(14); // 专业技术 is last of the reversed items
    expect(layout.otherColumns.get('客户名称')).toBe(0);
    expect(layout.otherColumns.get('意见与建议')).toBe(15);
  });

  it('accepts a header naming 10 items (the other 4 absent) but not 9', () => {
    const ten = ITEMS.slice(0, 10);
    expect(locateData([ten], TABLE_4_1, origin).itemColumns.slice(10)).toEqual([-1, -1, -1, -1]);
    expect(() => locateData([ITEMS.slice(0, 9)], TABLE_4_1, origin)).toThrow(CsatError);
  });

  it('matches header names by alias and despite spaces', () => {
    const header = ITEMS.map((n) => (n === '热线畅通' ? '服务 热线' : n));
    expect(locateData([header], TABLE_4_1, origin).itemColumns[7]).toBe(7);
  });

  it('does not look for a header below row 20', () => {
    const rows = Array.from({ length: 20 }, () => ['x']);
    expect(() => locateData([...rows, ITEMS], TABLE_4_1, origin)).toThrow(/前 20 行/);
  });

  it('takes a headerless block of exactly 14 columns in template order', () => {
    const layout = locateData([uniformRow('满意')], TABLE_4_1, origin);
    expect(layout).toMatchObject({ headerRow: -1, firstDataRow: 0 });
    expect(layout.itemColumns).toEqual(ITEMS.map((_, i) => i));
  });

  it('refuses a 13-column headerless block', () => {
    expect(() => locateData([uniformRow('满意').slice(1)], TABLE_4_1, origin)).toThrow(/不是恰好 14 列/);
  });

  it('names both cells of an item that appears twice', () => {
    const header = [...ITEMS, '软件'];
    expect(() => locateData([header], TABLE_4_1, { sheet: '数据', row: 3, col: 2 })).toThrow('表头中评分项目"软件"出现了两次（数据!D3 和 数据!P3）');
  });

  it('picks the first sheet with a header, not a headerless block', () => {
    const sheets = [
      { name: '说明', grid: [uniformRow('满意')] },
      { name: '调查数据', grid: [ITEMS, uniformRow('满意')] },
    ];
    expect(findResponsesSheet(sheets, TABLE_4_1)?.sheet.name).toBe('调查数据');
    expect(findResponsesSheet([sheets[0]], TABLE_4_1)).toBeUndefined();
  });
});
