/**
 * 总体满意度: both policies, the target and verdict, the 95% interval, and notes (small sample,
 * unsteady verdict, dropped items). The native cross-check beside it is written by the item table.
 */
import { cellText, type Analysis } from '../../../domain';
import type { SheetBuilder } from '../../sheet-builder';
import type { PlanValue } from '../../types';
import { pct, WIDTH, type ReportAnchors } from '../layout';

/** The column of the values (总体满意度 in the section's first row). */
export const OVERALL_VALUE_COL = 2;

export function overallSection(b: SheetBuilder, a: Analysis): Partial<ReportAnchors> {
  b.section('总体满意度', WIDTH);
  const ci = a.interval;
  const top = b.row;
  const rows: PlanValue[][] = [
    ['总体满意度', pct(a.overall)],
    ['目标', a.target],
    ['结论', a.verdict ?? '—'],
    ['95% 置信区间下限', pct(ci?.low)],
    ['95% 置信区间上限', pct(ci?.high)],
    ['严格口径（公式原样）', pct(a.overallStrict)],
  ];
  b.put(rows.map((r) => [r[0]]), { style: 'label', advance: false });
  b.put(rows.map((r) => [r[1]]), { col: OVERALL_VALUE_COL, style: 'cell', numberFormat: [['0.00%'], ['0%'], ['General'], ['0.00%'], ['0.00%'], ['0.00%']] });
  const notes: string[] = [];
  if (a.smallN) notes.push(`样本少于 5 份，结果仅供参考`);
  if (ci && a.verdict === '达标' && ci.low < a.target) notes.push('点估计达标，但置信区间下限低于目标：达标尚不稳固');
  if (a.droppedItems.length > 0) notes.push(`无人作答的项目：${a.droppedItems.join('、')}（其余权重按比例折算）`);
  if (notes.length > 0) b.note(cellText([`提示：${notes.join('；')}`]), WIDTH);
  return { overallRow: top };
}
