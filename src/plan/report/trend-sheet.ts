/** `趋势`: one row per quarter with the overall, the categories and the target line, and its chart. */
import type { Analysis } from '../../domain';
import { absCell, cell, columnLetter } from '../a1';
import type { ChartSpec, PlanValue, SheetPlan } from '../types';

export const TREND_SHEET = '趋势';
/** Columns of the 趋势 table (1-based); one per category from `firstCategory`. */
const COLUMNS = { quarter: 1, n: 2, overall: 3, target: 4, firstCategory: 5 } as const;

export function buildTrendSheet(a: Analysis, name = TREND_SHEET): SheetPlan {
  const t = a.template;
  const head = ['季度', '样本数', '总体满意度', '目标', ...t.categories];
  const rows: PlanValue[][] = a.trend.map((q) => [q.quarter, q.n, q.overall ?? '—', t.target, ...q.categories.map((c) => c ?? '—')]);
  const last = 2 + rows.length;
  const col = (c: number) => `${absCell(3, c)}:${absCell(last, c)}`;
  // The chart spans the table's columns (in a file it ends at the left edge of its end cell; Excel's
  // setPosition takes that cell in, so a narrow spacer column follows the table and the print area includes it).
  const right = head.length + 1;
  const chartEnd = last + 22;
  const palette = ['#2B88D8', '#8764B8', '#CA5010', '#00B7C3', '#498205', '#E3008C'];
  const chart: ChartSpec = {
    kind: 'line',
    title: '总体与类别满意度趋势',
    categories: col(COLUMNS.quarter),
    categoryCache: a.trend.map((q) => q.quarter),
    series: [
      { name: '总体满意度', values: col(COLUMNS.overall), color: '#107C41', cache: a.trend.map((q) => q.overall) },
      { name: `目标 ${Math.round(t.target * 100)}%`, values: col(COLUMNS.target), color: '#D13438', cache: a.trend.map(() => t.target) },
      ...t.categories.map((c, i) => ({ name: c, values: col(COLUMNS.firstCategory + i), color: palette[i % palette.length], cache: a.trend.map((q) => q.categories[i]) })),
    ],
    valueAxis: { title: '满意度', format: '0%' },
    from: cell(last + 2, 1),
    to: cell(chartEnd, right),
  };
  return {
    name,
    owner: 'trend',
    tabColor: '#00B7C3',
    // 12 + 9 + 16 per further column + 2: with Table 4-1's four categories 12 + 9 + 6 × 16 + 2 = 119
    // characters, under the ≈ 135 a landscape A4 page holds at 100%; the page fits the whole area anyway.
    columns: [{ col: 1, width: 12 }, { col: 2, width: 9 }, ...head.slice(2).map((_, i) => ({ col: 3 + i, width: 16 })), { col: right, width: 2 }],
    merges: [`A1:${columnLetter(head.length)}1`],
    blocks: [
      { at: 'A1', values: [['满意度趋势（每季度；目标为考核指标 ≥ 90%）']], style: 'subtitle' },
      { at: 'A2', values: [head], style: 'header' },
      { at: 'A3', values: rows, style: 'cell', numberFormat: rows.map(() => ['General', '0', '0.00%', '0%', ...t.categories.map(() => '0.00%')]) },
    ],
    charts: [chart],
    freeze: { rows: 2, columns: 1 },
    print: { orientation: 'landscape', paper: 'A4', fitWidth: 1, fitHeight: 1, area: `A1:${columnLetter(right)}${chartEnd}`, centerHorizontally: true },
  };
}
