/**
 * The report's native charts, placed from the sections' anchors and column constants: overall by
 * quarter against the target, item satisfaction, level distribution, groups, 提升潜力 (bar) and the
 * 四分图 (scatter: one labelled point per item, the split lines as two-point series). A chart whose section
 * did not run is left out; the rest stack down the column right of the widest table.
 */
import type { Analysis } from '../../domain';
import { absCell, cell } from '../a1';
import type { ChartSpec } from '../types';
import type { ReportAnchors } from './layout';
import { DRIVER_COLUMNS, driverBounds, driverOrder } from './sections/drivers';
import { GROUP_COLUMNS } from './sections/groups';
import { ITEM_COLUMNS } from './sections/items';
import { POTENTIAL_COLUMNS } from './sections/potential';
import { quarterLabel, TREND_COLUMNS } from './sections/trend';

/** A chart without its place. */
type ChartDraft = Omit<ChartSpec, 'from' | 'to'>;
type ReportChart = (a: Analysis, at: ReportAnchors) => ChartDraft | undefined;

const LEVEL_COLORS = ['#107C41', '#8BC34A', '#FFC107', '#FF7043', '#A4262C', '#605E5C', '#8764B8'];
/** Each chart's box: rows from the top of the page, rows between charts, columns wide. */
const CHART_TOP = 4;
const CHART_PITCH = 20;
const CHART_ROWS = 18;
const CHART_COLS = 8;
/** Columns between the widest table and the charts. */
const CHART_GAP = 2;

/** Column `c` over rows `span` as an absolute range. */
const column = (c: number, span: { top: number; end: number }): string => `${absCell(span.top, c)}:${absCell(span.end, c)}`;

const trendChart: ReportChart = (a, at) =>
  at.trend && {
    kind: 'line',
    title: '总体满意度趋势（按季度）',
    categories: column(TREND_COLUMNS.quarter, at.trend),
    categoryCache: a.trend.map(quarterLabel),
    series: [
      { name: '总体满意度', values: column(TREND_COLUMNS.overall, at.trend), color: '#107C41', cache: a.trend.map((q) => q.overall) },
      { name: `目标 ${Math.round(a.target * 100)}%`, values: column(TREND_COLUMNS.target, at.trend), color: '#D13438', cache: a.trend.map(() => a.target) },
    ],
    valueAxis: { title: '满意度', format: '0%' },
  };

const itemsChart: ReportChart = (_a, at) =>
  at.items && {
    kind: 'bar',
    title: '分项满意度（由高到低）',
    categories: column(ITEM_COLUMNS.name, at.items),
    categoryCache: at.items.sorted.map((x) => x.name),
    series: [{ name: '满意度', values: column(ITEM_COLUMNS.satisfaction, at.items), color: '#2B88D8', cache: at.items.sorted.map((x) => x.satisfaction) }],
    valueAxis: { format: '0%' },
    reverseCategories: true,
  };

const levelsChart: ReportChart = (a, at) => {
  const items = at.items;
  return (
    items && {
      kind: 'barStacked100',
      title: '各项目满意度等级分布',
      categories: column(ITEM_COLUMNS.name, items),
      categoryCache: items.sorted.map((x) => x.name),
      series: a.template.levels.map((lv, li) => ({
        name: lv.label,
        values: column(ITEM_COLUMNS.firstLevel + li, items),
        color: LEVEL_COLORS[li % LEVEL_COLORS.length],
        cache: items.sorted.map((x) => x.shares[li]),
      })),
      valueAxis: { format: '0%' },
      reverseCategories: true,
    }
  );
};

const groupsChart: ReportChart = (a, at) =>
  at.groups && {
    kind: 'column',
    title: `各${a.groupBy}总体满意度`,
    categories: column(GROUP_COLUMNS.key, at.groups),
    categoryCache: a.groups.map((g) => g.key),
    series: [{ name: '总体满意度', values: column(GROUP_COLUMNS.overall, at.groups), color: '#8764B8', cache: a.groups.map((g) => g.overall) }],
    valueAxis: { format: '0%' },
  };

const potentialChart: ReportChart = (a, at) =>
  at.potential && {
    kind: 'bar',
    title: '提升潜力（项目达到目标时总体满意度的提高）',
    categories: column(POTENTIAL_COLUMNS.name, at.potential),
    categoryCache: a.potential.items.map((x) => x.item),
    series: [{ name: '提升潜力', values: column(POTENTIAL_COLUMNS.potential, at.potential), color: '#CA5010', cache: a.potential.items.map((x) => x.potential) }],
    valueAxis: { format: '0.0%', min: 0 },
    reverseCategories: true,
  };

const QUADRANT_COLORS = { 优势区: '#107C41', 修补区: '#D13438', 机会区: '#CA5010', 维持区: '#8A8886' } as const;

const driversChart: ReportChart = (a, at) => {
  const d = at.drivers;
  if (!d || d.placed === 0 || a.drivers.meanImportance === null) return undefined;
  const C = DRIVER_COLUMNS;
  const placed = driverOrder(a).slice(0, d.placed);
  const { xMin, xMax, yMin, yMax } = driverBounds(a);
  const mean = a.drivers.meanImportance;
  const line = (name: string, first: number, color: string, xs: number[], ys: number[]) => ({
    name,
    x: { values: `${absCell(first, C.lineX)}:${absCell(first + 1, C.lineX)}`, cache: xs },
    values: `${absCell(first, C.lineY)}:${absCell(first + 1, C.lineY)}`,
    cache: ys,
    color,
    line: true,
  });
  return {
    kind: 'scatter',
    title: '四分图：推导重要性与满意度',
    categories: column(C.name, { top: d.top, end: d.top + d.placed - 1 }),
    categoryCache: placed.map((x) => x.item),
    series: [
      ...placed.map((x, k) => ({
        name: x.item,
        nameCell: absCell(d.top + k, C.name),
        x: { values: absCell(d.top + k, C.r), cache: [x.r] },
        values: absCell(d.top + k, C.satisfaction),
        cache: [x.satisfaction],
        color: QUADRANT_COLORS[x.quadrant!],
        label: true,
      })),
      line(`平均重要性 ${mean.toFixed(3)}`, d.lines, '#605E5C', [mean, mean], [yMin, yMax]),
      line(`目标 ${Math.round(a.target * 100)}%`, d.lines + 2, '#D13438', [xMin, xMax], [a.target, a.target]),
    ],
    valueAxis: { title: '满意度', format: '0%', min: yMin, max: yMax },
    xAxis: { title: '推导重要性 r', format: '0.0', min: xMin, max: xMax },
  };
};

/** The charts in page order. Adding one is a function above and one line here. */
const REPORT_CHARTS: readonly ReportChart[] = [trendChart, itemsChart, levelsChart, groupsChart, potentialChart, driversChart];

/** The charts of the sections that ran, stacked right of column `lastCol`. */
export function reportCharts(a: Analysis, at: ReportAnchors, lastCol: number): ChartSpec[] {
  const left = lastCol + CHART_GAP;
  const drafts = REPORT_CHARTS.map((chart) => chart(a, at)).filter((c): c is ChartDraft => c !== undefined);
  return drafts.map((c, k) => ({ ...c, from: cell(CHART_TOP + k * CHART_PITCH, left), to: cell(CHART_TOP + k * CHART_PITCH + CHART_ROWS, left + CHART_COLS) }));
}
