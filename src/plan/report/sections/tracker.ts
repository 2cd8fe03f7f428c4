/** 纠正预防措施跟踪 (policy §4.3 效果跟踪): closure, overdue actions, and each verified action's effect — when a tracker exists. */
import type { Analysis, TrackerSummary } from '../../../domain';
import type { SheetBuilder } from '../../sheet-builder';
import { CHANGE_FORMAT, DIRECTION, header, labelRows, WIDTH, type LabelRow, type ReportContext } from '../layout';

export function trackerSection(b: SheetBuilder, _a: Analysis, ctx: ReportContext): void {
  const s: TrackerSummary | undefined = ctx.tracker;
  if (!s) return;
  b.section('纠正预防措施跟踪（效果验证）', WIDTH);
  const rows: LabelRow[] = [
    ['措施总数', s.total, '0'],
    ['已验证', s.byState.find((x) => x.state === '已验证')?.n ?? 0, '0'],
    ['已关闭', s.byState.find((x) => x.state === '已关闭')?.n ?? 0, '0'],
    ['已验证与已关闭合计', s.closed, '0'],
    ['关闭率', s.closureRate ?? '—', '0.0%'],
    ['逾期未完成', s.overdue.length, '0'],
    ['按状态', s.byState.map((x) => `${x.state} ${x.n}`).join('、')],
  ];
  if (s.overdue.length > 0) rows.push(['逾期措施', s.overdue.map((x) => `${x.id}（${x.plannedDate}）`).join('、')]);
  labelRows(b, rows);
  b.skip(1);
  if (s.effects.length === 0) {
    b.put([['尚无已验证的满意度项目措施可做效果验证。']]);
    return;
  }
  header(b, ['编号', '项目', '措施前季度', '满意度', '后一季度', '满意度', '变化', 'p 值', '判断']);
  b.put(
    s.effects.map((e) => [e.id, e.item, e.from, e.before ?? '—', e.to, e.after ?? '—', e.change ?? '—', e.p ?? '—', e.direction ? DIRECTION[e.direction] : e.after === null ? '后一季度尚无数据' : '—']),
    { style: 'cell', numberFormat: s.effects.map(() => ['General', 'General', 'General', '0.00%', 'General', '0.00%', CHANGE_FORMAT, '0.000', 'General']) },
  );
}
