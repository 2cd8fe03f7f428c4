/**
 * The list sections: 意见与建议, 回访清单, and — only when there are any — 无效答案与无法识别的日期
 * (sections are numbered by position, so an omitted one leaves no gap).
 */
import { DATE_COLUMN, type Analysis } from '../../../domain';
import type { SheetBuilder } from '../../sheet-builder';
import { listSection } from '../layout';

export function commentsSection(b: SheetBuilder, a: Analysis): void {
  listSection(b, '意见与建议', ['行号', '客户名称', '意见与建议'], a.comments.map((c) => [c.row, c.customer, c.comment]));
}

export function followUpsSection(b: SheetBuilder, a: Analysis): void {
  listSection(b, '回访清单（不满意 / 很不满意）', ['行号', '客户名称', '项目', '等级', '意见与建议'], a.followUps.map((f) => [f.row, f.customer, f.item, f.level, f.comment]));
}

export function invalidSection(b: SheetBuilder, a: Analysis): void {
  if (a.invalid.length === 0 && a.undated.length === 0) return;
  listSection(b, '无效答案与无法识别的日期（未计入）', ['单元格', '项目', '内容'], [
    ...a.invalid.map((x) => [x.cell, x.item, x.value]),
    ...a.undated.map((x) => [x.cell, DATE_COLUMN, x.value || '（空）']),
  ]);
}
