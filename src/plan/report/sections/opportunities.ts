/** 改进机会: items below target, falling significantly, or in the 修补区 of the key-driver matrix (关键驱动), with the reason. */
import type { Analysis } from '../../../domain';
import type { SheetBuilder } from '../../sheet-builder';
import { header, pct, WIDTH } from '../layout';

export function opportunitiesSection(b: SheetBuilder, a: Analysis): void {
  b.section('改进机会', WIDTH);
  if (a.opportunities.length === 0) {
    b.put([['无：所有项目均达到目标，且没有显著下降的项目。']]);
    return;
  }
  header(b, ['项目', '类别', '满意度', '原因']);
  b.put(
    a.opportunities.map((o) => [
      o.item,
      o.category,
      pct(o.satisfaction),
      [o.belowTarget ? `低于目标 ${Math.round(a.target * 100)}%` : '', o.falling ? `较上季度显著下降（${((o.change ?? 0) * 100).toFixed(1)} 个百分点，p=${(o.p ?? 0).toFixed(3)}）` : '', o.keyDriver ? '关键驱动' : ''].filter(Boolean).join('；'),
    ]),
    { style: 'cell', numberFormat: a.opportunities.map(() => ['General', 'General', '0.00%', 'General']) },
  );
}
