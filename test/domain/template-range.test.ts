import { CsatError, formatProblem, TABLE_4_1, templateFromGrid, type CellValue } from '../../src/domain';
import { ITEMS, WEIGHTS } from '../helpers/grids';

/** Table 4-1 laid out as in the policy, as Excel passes a merged-cell range (blanks after merges). */
function table41(): CellValue[][] {
  const cats = ['服务能力与质量', null, null, null, null, null, null, null, '服务态度', null, null, null, '备件供应', '培训'];
  const items = ITEMS.map((n, i) => (i >= 12 ? null : n));
  return [
    ['项目', ...cats],
    [null, ...items],
    ['权重 (%)', ...WEIGHTS],
    ['满意', ...WEIGHTS.map(() => 100)],
    ['较满意', ...WEIGHTS.map(() => 90)],
    ['一般', ...WEIGHTS.map(() => 70)],
    ['不满意', ...WEIGHTS.map(() => 0)],
    ['很不满意', ...WEIGHTS.map(() => -10)],
  ];
}

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof CsatError) return e.problems.map((p) => `${p.code}@${p.cell ?? ''}`);
    throw e;
  }
  return [];
}

describe('templateFromGrid (Table 4-1 layout)', () => {
  it('reads Table 4-1 as printed, merged cells included', () => {
    const t = templateFromGrid(table41());
    expect(t.items.map((i) => [i.name, i.category, i.weight])).toEqual(TABLE_4_1.items.map((i) => [i.name, i.category, i.weight]));
    expect(t.levels.map((l) => [l.label, l.score])).toEqual(TABLE_4_1.levels.map((l) => [l.label, l.score]));
    expect(t.target).toBe(0.9);
  });

  it('reads target, aliases and questions rows, and per-item scores', () => {
    const g = table41();
    g[3][2] = 95; // 日常 满意 = 95
    g.push(['目标', '92%'], ['别名', '技术水平、专业能力'], ['问题', '技术怎么样？']);
    const t = templateFromGrid(g);
    expect(t.target).toBeCloseTo(0.92, 12);
    expect(t.items[0].aliases).toEqual(['技术水平', '专业能力']);
    expect(t.items[0].question).toBe('技术怎么样？');
    expect(t.items[1].scores[0]).toBe(95);
    expect(t.levels[0].uniform).toBe(false);
  });

  it('names the cells of a bad weight and of the weight total, with the sheet', () => {
    const g = table41();
    g[2][3] = 'x'; // D3
    expect(problemsOf(() => templateFromGrid(g, { sheet: '评分模板', row: 1, col: 1 }))).toEqual(['template-weight-invalid@评分模板!D3']);
    const h = table41();
    h[2][1] = 11; // sum 101
    expect(problemsOf(() => templateFromGrid(h, { sheet: '评分模板', row: 5, col: 2 }))).toEqual(['template-weight-sum@评分模板!C7:P7']);
  });

  it('names a duplicate item, a duplicate level and a non-numeric score', () => {
    const g = table41();
    g[1][2] = '专业技术'; // C2
    g[5][0] = '满意'; // A6
    g[7][14] = '低'; // O8
    expect(problemsOf(() => templateFromGrid(g))).toEqual([
      'template-duplicate-level@A6',
      'template-duplicate-item@C2',
      'template-score-invalid@O8',
    ]);
  });

  describe('zeroMeansBlank: a custom-function argument, where desktop Excel passes blank cells as 0', () => {
    const desktop = (g: CellValue[][]) => g.map((r) => r.map((v) => (v === null ? 0 : v)));
    const withExtras = () => {
      const g = table41();
      const blankRow = (first: CellValue) => [first, ...ITEMS.map(() => null)];
      g.push(['目标', ...ITEMS.map(() => null)], ['别名', ...ITEMS.map(() => null)], blankRow(null), ['合计', 100, ...ITEMS.slice(1).map(() => null)]);
      return g;
    };

    it('reads the 0s of blank label cells as blanks: same template as the web\'s nulls', () => {
      const t = templateFromGrid(desktop(withExtras()), undefined, undefined, { zeroMeansBlank: true });
      expect(t.items.map((i) => [i.name, i.category, i.weight, i.aliases])).toEqual(TABLE_4_1.items.map((i) => [i.name, i.category, i.weight, []]));
      // A score of 0 (不满意) is a score, not a blank; the blank row ends the block (合计 is no level).
      expect(t.levels.map((l) => [l.label, l.score])).toEqual(TABLE_4_1.levels.map((l) => [l.label, l.score]));
      expect(t.target).toBe(0.9);
      expect(t).toEqual(templateFromGrid(withExtras(), undefined, undefined, { zeroMeansBlank: true }));
    });

    it('without it (a workbook\'s cells), a typed 0 stays 0: the item "0" is a duplicate, a 0 target is refused', () => {
      expect(problemsOf(() => templateFromGrid(desktop(table41())))).toEqual(['template-duplicate-item@O2']);
      const g = table41();
      g.push(['目标', 0]);
      expect(problemsOf(() => templateFromGrid(g))).toEqual(['bad-target@B9']);
      expect(templateFromGrid(g, undefined, undefined, { zeroMeansBlank: true }).target).toBe(0.9);
    });
  });

  it('refuses a range without 项目 or 权重 rows, naming where it looked, in both languages', () => {
    expect(problemsOf(() => templateFromGrid([['a', 'b']]))).toEqual(['template-no-category-row@']);
    expect(problemsOf(() => templateFromGrid([['项目', '服务能力与质量']]))).toEqual(['template-no-item-row@']);
    expect(problemsOf(() => templateFromGrid(table41().filter((_, r) => r !== 2)))).toEqual(['template-no-weight-row@']);
    try {
      templateFromGrid([['a', 'b']], { sheet: '模板', row: 3, col: 2 });
      throw new Error('not refused');
    } catch (e) {
      const [p] = (e as CsatError).problems;
      expect(formatProblem(p, 'zh-CN')).toBe('模板区域不符合表4-1 版式：第一列（模板!B3 起）找不到"项目"行');
      expect(formatProblem(p, 'en-US')).toBe('The template range is not in the layout of Table 4-1: no "项目" (category) row in the first column from 模板!B3');
    }
  });
});
