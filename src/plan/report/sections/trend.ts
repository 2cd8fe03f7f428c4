/** 趋势（与历史数据对比）: each quarter's sample and overall against the target and the quarter before. */
import type { Analysis } from '../../../domain';
import type { SheetBuilder } from '../../sheet-builder';
import { CHANGE_FORMAT, DIRECTION, header, pct, WIDTH, type ReportAnchors } from '../layout';

/** Columns of the trend table (1-based); the categories follow `direction`. */
export const TREND_COLUMNS = { quarter: 1, n: 2, overall: 3, target: 4, change: 5, p: 6, direction: 7 } as const;

/** A quarter as the trend shows it: marked when it came from another workbook. */
export const quarterLabel = (q: Analysis['trend'][number]): string => (q.fromHistory ? `${q.quarter}（历史）` : q.quarter);

export function trendSection(b: SheetBuilder, a: Analysis): Partial<ReportAnchors> {
  const t = a.template;
  b.section('趋势（与历史数据对比）', WIDTH);
  header(b, ['季度', '样本数', '总体满意度', '目标', '较上季度', 'p 值（Welch）', '判断', ...t.categories]);
  const top = b.put(
    a.trend.map((q) => [quarterLabel(q), q.n, pct(q.overall), t.target, q.change ?? '—', q.p ?? '—', q.direction ? DIRECTION[q.direction] : '—', ...q.categories.map(pct)]),
    { style: 'cell', numberFormat: a.trend.map(() => ['General', '0', '0.00%', '0%', CHANGE_FORMAT, '0.000', 'General', ...t.categories.map(() => '0.00%')]) },
  );
  const end = b.row - 1;
  b.note('只有 Welch 检验在 5% 水平显著的变化才称为"上升"或"下降"；受访者加权得分为检验单位。', WIDTH);
  return { trend: { top, end } };
}
