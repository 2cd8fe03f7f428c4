/**
 * The list sections: 意见与建议, 回访清单, and — only when there are any — 无效答案与无法识别的日期
 * (sections are numbered by position, so an omitted one leaves no gap). That last one also lists the
 * survey dates after today, each saying whether the period counts it.
 */
import { DATE_COLUMN, quarterOf, type Analysis } from '../../../domain';
import type { SheetBuilder } from '../../sheet-builder';
import { listSection, pageNote } from '../layout';

export function commentsSection(b: SheetBuilder, a: Analysis): void {
  listSection(b, '意见与建议', ['行号', '客户名称', '意见与建议'], a.comments.map((c) => [c.row, c.customer, c.comment]));
}

export function followUpsSection(b: SheetBuilder, a: Analysis): void {
  listSection(b, '回访清单（不满意 / 很不满意）', ['行号', '客户名称', '项目', '等级', '意见与建议'], a.followUps.map((f) => [f.row, f.customer, f.item, f.level, f.comment]));
}

export function invalidSection(b: SheetBuilder, a: Analysis): void {
  if (a.invalid.length === 0 && a.undated.length === 0 && a.future.length === 0) return;
  const counted = futureInPeriod(a);
  const future = a.future.map((x) => {
    const q = quarterOf(x.value);
    return [x.cell, `${DATE_COLUMN}（晚于今天${a.today ? ` ${a.today}` : ''}）`, `${x.value}：${q === a.period ? `在 ${a.period} 内，已计入` : `属于 ${q}，不在 ${a.period} 内，未计入`}`];
  });
  // Invalid answers and unreadable dates are never counted; a future date in the period is (said on its row).
  listSection(b, `无效答案与无法识别的日期${counted > 0 ? '' : '（未计入）'}`, ['单元格', '项目', '内容'], [
    ...a.invalid.map((x) => [x.cell, x.item, x.value]),
    ...a.undated.map((x) => [x.cell, DATE_COLUMN, x.value || '（空）']),
    ...future,
  ]);
  if (counted > 0) pageNote(b, `无效答案和无法识别的日期未计入；晚于今天的 ${a.future.length} 个调查日期中有 ${counted} 个在 ${a.period} 内，已计入本报告（请核对日期）。`);
}

/** How many of the answers dated after today fall in the report's period (and so are counted). */
export function futureInPeriod(a: Pick<Analysis, 'future' | 'period'>): number {
  return a.future.filter((x) => quarterOf(x.value) === a.period).length;
}
