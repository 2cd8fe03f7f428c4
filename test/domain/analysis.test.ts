/** 统计分析 on a small hand-worked dataset; expected values are worked by hand in the comments. */
import { analyze, CsatError, locateData, parseDate, quarterOf, readResponses, TABLE_4_1, type CellValue } from '../../src/domain';
import { uniformRow } from '../helpers/grids';

import { GRID, HEAD, row } from '../helpers/analysis-grid';

function set() {
  const origin = { sheet: '调查数据', row: 1, col: 1 };
  return readResponses(GRID, TABLE_4_1, locateData(GRID, TABLE_4_1, origin), origin);
}

describe('dates', () => {
  it.each<[CellValue, string | undefined]>([
    ['2026-03-05', '2026-03-05'],
    ['2026/3/5', '2026-03-05'],
    ['2026.3.5', '2026-03-05'],
    ['2026年3月5日', '2026-03-05'],
    ['2026-03-05 14:30:00', '2026-03-05'],
    [46146, '2026-05-04'],
    ['2026-02-30', undefined],
    ['2026-13-01', undefined],
    ['三月五日', undefined],
    [true, undefined],
  ])('%p → %p', (v, iso) => expect(parseDate(v)).toBe(iso));

  it('puts dates in quarters', () => {
    expect(['2026-01-01', '2026-03-31', '2026-04-01', '2026-12-31'].map(quarterOf)).toEqual(['2026Q1', '2026Q1', '2026Q2', '2026Q4']);
  });
});

describe('analyze', () => {
  it('defaults to the latest quarter and scores it by both policies', () => {
    const a = analyze(set());
    expect(a.period).toBe('2026Q2');
    expect(a.quarters).toEqual(['2026Q1', '2026Q2']);
    expect(a.respondents).toBe(2);
    // 硬件 answered by E only (D's is invalid): 100; 热线畅通 (100 − 10) / 2 = 45; others 100
    expect(a.overall).toBeCloseTo((92 * 100 + 8 * 45) / 10000, 12);
    // strict: Σ w·sum / (2 × 10000): 硬件 sum 100, 热线 90, others 200 → (7×100 + 8×90 + 85×200) / 20000
    expect(a.overallStrict).toBeCloseTo((7 * 100 + 8 * 90 + 85 * 200) / 20000, 12);
    expect(a.verdict).toBe('达标');
    expect(a.smallN).toBe(true);
  });

  it('gives a t-interval from respondent composites (D 1.0, E 0.912; t(0.975,1) = 12.706)', () => {
    const a = analyze(set());
    const half = (12.706 * Math.abs(1 - 0.912)) / Math.sqrt(2) / Math.sqrt(2);
    expect(a.interval!.low).toBeCloseTo(a.overall! - half, 3);
    expect(a.interval!.high).toBeCloseTo(a.overall! + half, 3);
  });

  it('cross-tabulates by 客户分组 and flags small groups', () => {
    const g = analyze(set()).groups;
    // equal sizes: in pinyin order (jīn before zhèng)
    expect(g.map((x) => [x.key, x.n])).toEqual([['金融', 1], ['政府', 1]]);
    expect(g[1].overall).toBeCloseTo(1, 12);
    expect(g[0].overall).toBeCloseTo((92 * 100 + 8 * -10) / 10000, 12);
    expect(g.every((x) => x.smallN)).toBe(true);
    expect(analyze(set(), { groupBy: '调查方式' }).groups.map((x) => x.key)).toEqual(['现场走访', '在线问卷']);
  });

  it('follows the trend quarter by quarter', () => {
    const t = analyze(set()).trend;
    // Q1: items (100+90+70)/3 except 培训 (100+90+0)/3 → (90 × 86.67 + 10 × 63.33) / 10000
    expect(t[0]).toMatchObject({ quarter: '2026Q1', n: 3 });
    expect(t[0].overall).toBeCloseTo((90 * (260 / 3) + 10 * (190 / 3)) / 10000, 12);
    expect(t[1].change).toBeCloseTo(t[1].overall! - t[0].overall!, 12);
    expect(t[1].direction).toBeDefined();
  });

  it('lists improvement opportunities, follow-ups, comments and the invalid answer', () => {
    const a = analyze(set());
    expect(a.opportunities.map((o) => [o.item, o.belowTarget])).toEqual([['热线畅通', true]]);
    expect(a.followUps).toEqual([{ row: 6, customer: 'E', project: '', item: '热线畅通', level: '很不满意', comment: '' }]);
    expect(a.invalid).toEqual([{ row: 5, column: 8, cell: '调查数据!H5', item: '硬件', value: '非常满意' }]);
    expect(a.undated).toEqual([{ row: 7, cell: '调查数据!D7', value: '2026-13-01' }]);
    const q1 = analyze(set(), { period: '2026Q1' });
    expect(q1.followUps).toEqual([{ row: 4, customer: 'C', project: '', item: '培训', level: '不满意', comment: '培训太少' }]);
    expect(q1.comments).toEqual([{ row: 4, customer: 'C', comment: '培训太少' }]);
  });

  it('compares respondents with the planned customers, ignoring spaces', () => {
    const r = analyze(set(), { plannedCustomers: ['A', ' D ', 'X'] }).responseRate!;
    expect(r).toEqual({ planned: 3, responded: 1, rate: 1 / 3, missing: ['A', 'X'] });
  });

  it('adds history quarters to the trend only', () => {
    const old: CellValue[][] = [HEAD, row('Z', '政府', '现场走访', '2025-11-11', uniformRow('一般'))];
    const origin = { sheet: '旧', row: 1, col: 1 };
    const history = readResponses(old, TABLE_4_1, locateData(old, TABLE_4_1, origin), origin);
    const a = analyze(set(), { history: [history] });
    expect(a.trend.map((q) => [q.quarter, q.fromHistory])).toEqual([['2025Q4', true], ['2026Q1', false], ['2026Q2', false]]);
    expect(a.trend[0].overall).toBeCloseTo(0.7, 12);
  });

  it.each<[string, object, RegExp]>([
    ['a period with no responses', { period: '2025Q1' }, /^2025Q1 没有调查答卷（数据中有：2026Q1、2026Q2）$/],
    ['a malformed period', { period: '2026-Q1' }, /^统计期间"2026-Q1"无效/],
    ['a group column that does not exist', { groupBy: '地区' }, /^调查数据中没有"地区"列（可用于分组的列：客户名称、客户分组、调查方式、调查日期、意见与建议）$/],
  ])('refuses %s with a clear message', (_name, options, message) => {
    expect(() => analyze(set(), options)).toThrow(CsatError);
    expect(() => analyze(set(), options)).toThrow(message);
  });
});
