/** 交叉分组分析: each group's sample, overall and categories, with below-target and small-sample marks. */
import type { Analysis } from '../../../domain';
import type { SheetBuilder } from '../../sheet-builder';
import { header, pct, WIDTH, type ReportAnchors } from '../layout';

/** Columns of the group table (1-based). */
export const GROUP_COLUMNS = { key: 1, n: 2, overall: 3 } as const;

export function groupsSection(b: SheetBuilder, a: Analysis): Partial<ReportAnchors> {
  const t = a.template;
  b.section(`交叉分组分析（按"${a.groupBy}"）`, WIDTH);
  header(b, ['分组', '样本数', '总体满意度', ...t.categories, '提示']);
  const top = b.put(
    a.groups.map((g) => [g.key, g.n, pct(g.overall), ...g.categories.map(pct), [g.belowTarget ? '低于目标' : '', g.smallN ? '样本过少（<5）' : ''].filter(Boolean).join('；')]),
    { style: 'cell', numberFormat: a.groups.map(() => ['General', '0', '0.00%', ...t.categories.map(() => '0.00%'), 'General']) },
  );
  return { groups: { top, end: b.row - 1 } };
}
