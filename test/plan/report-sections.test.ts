/**
 * The report as sections (plan/report/sections): headings numbered by position with no gap whichever
 * sections are present, and every chart drawn from the cells under the header it means.
 */
import { analyze, locateData, readResponses, TABLE_4_1, type CellValue, type TrackerSummary } from '../../src/domain';
import { buildReportSheet, parseCell, parseRange, type PlanValue, type SheetPlan } from '../../src/plan';
import { GRID, HEAD, row } from '../helpers/analysis-grid';
import { uniformRow } from '../helpers/grids';

const origin = { sheet: '调查数据', row: 1, col: 1 };
const source = { sheet: '调查数据', itemCols: TABLE_4_1.items.map((_, i) => 5 + i), dateCol: 4, range: '调查数据!A1:S7' };
const stamp = { generatedAt: '2026-07-01 09:00', version: '0.1.0' };

function report(grid: CellValue[][], tracker?: TrackerSummary): SheetPlan {
  const analysis = analyze(readResponses(grid, TABLE_4_1, locateData(grid, TABLE_4_1, origin), origin), { period: '2026Q1' });
  return buildReportSheet(analysis, source, stamp, undefined, tracker);
}

/** The value a plan writes into a cell (blocks later in the list win, as when rendered). */
function valueAt(plan: SheetPlan, r: number, c: number): PlanValue | undefined {
  let found: PlanValue | undefined;
  for (const b of plan.blocks) {
    const at = parseCell(b.at);
    const v = b.values[r - at.row]?.[c - at.col];
    if (v !== undefined) found = v;
  }
  return found;
}

const headings = (plan: SheetPlan): string[] =>
  plan.blocks.filter((b) => b.style === 'subtitle').map((b) => String(b.values[0][0]));

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三'];

const tracker: TrackerSummary = { total: 1, closed: 0, closureRate: 0, overdue: [], byState: [{ state: '整改中', n: 1 }], effects: [] };

describe('report sections', () => {
  it.each([
    ['with invalid answers, without a tracker', GRID, undefined, 12],
    ['with invalid answers and a tracker', GRID, tracker, 13],
    ['without invalid answers (that section left out)', [HEAD, row('A', '政府', '现场走访', '2026-01-15', uniformRow('满意'))], tracker, 12],
  ])('numbers headings by position: %s', (_name, grid, t, n) => {
    const heads = headings(report(grid, t));
    expect(heads).toHaveLength(n);
    heads.forEach((h, i) => expect(h.startsWith(`${NUMERALS[i]}、`)).toBe(true));
    expect(heads.some((h) => h.includes('无效答案'))).toBe(grid === GRID);
    expect(heads.some((h) => h.includes('纠正预防措施跟踪'))).toBe(t !== undefined);
  });

  it('draws every chart from the cells under the header it means', () => {
    const plan = report(GRID);
    const headerAbove = (range: string): PlanValue | undefined => {
      const { start, end } = parseRange(range.replace(/\$/g, ''));
      expect(start.col).toBe(end.col);
      return valueAt(plan, start.row - 1, start.col);
    };
    const charts = plan.charts ?? [];
    expect(charts.map((c) => c.title)).toEqual(['总体满意度趋势（按季度）', '分项满意度（由高到低）', '各项目满意度等级分布', '各客户分组总体满意度', '提升潜力（项目达到目标时总体满意度的提高）']);
    const [trend, items, levels, groups, potential] = charts;
    expect([potential.categories, ...potential.series.map((s) => s.values)].map(headerAbove)).toEqual(['项目', '提升潜力']);
    expect([trend.categories, ...trend.series.map((s) => s.values)].map(headerAbove)).toEqual(['季度', '总体满意度', '目标']);
    expect([items.categories, ...items.series.map((s) => s.values)].map(headerAbove)).toEqual(['项目', '满意度']);
    expect(levels.series.map((s) => headerAbove(s.values))).toEqual(TABLE_4_1.levels.map((l) => l.label));
    expect([groups.categories, ...groups.series.map((s) => s.values)].map(headerAbove)).toEqual(['分组', '总体满意度']);
    // Charts sit right of the widest table (the item table with its four cross-check columns).
    const widest = 7 + TABLE_4_1.levels.length + 4;
    for (const c of charts) expect(parseCell(c.from).col).toBeGreaterThan(widest);
  });
});
