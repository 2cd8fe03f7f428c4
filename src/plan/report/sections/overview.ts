/** 调查概况: period, dates, sample, methods, blanks, invalid answers and the response rate against 调查方案. */
import { quarterRange, type Analysis } from '../../../domain';
import type { SheetBuilder } from '../../sheet-builder';
import { labelRows, WIDTH, type LabelRow } from '../layout';

export function overviewSection(b: SheetBuilder, a: Analysis): void {
  const { start, end } = quarterRange(a.period);
  b.section('调查概况', WIDTH);
  const rows: LabelRow[] = [
    ['统计期间', `${a.period}（${start} 至 ${end}）`],
    ['调查日期', `${a.firstDate} 至 ${a.lastDate}`],
    ['有效样本', a.respondents, '0'],
    ['调查方式', a.methods.map((m) => `${m.method} ${m.n}`).join('、')],
    ['空白 / 不适用', `${a.blank} / ${a.notApplicable}`],
    ['无效答案', a.invalid.length === 0 ? '无' : `${a.invalid.length} 个（见"无效答案与无法识别的日期"一节，未计入）`],
  ];
  if (a.responseRate) {
    const r = a.responseRate;
    rows.push(['回收率', r.rate, '0.0%'], ['计划 / 已回收', `${r.planned} / ${r.responded}`], ['计划内未回收', r.missing.length === 0 ? '无' : r.missing.join('、')]);
  }
  labelRows(b, rows);
}
