/**
 * 调查概况: period, dates, sample, methods, blanks, invalid answers, the response rate against 调查方案,
 * and 样本量: the responses needed for a ±2-point interval and to call the quarter's 结论, against the actual n.
 */
import { formatPercent, quarterRange, VERDICT_TEXT, type Analysis } from '../../../domain';
import type { SheetBuilder } from '../../sheet-builder';
import { labelRows, WIDTH, type LabelRow } from '../layout';
import { futureInPeriod } from './lists';

export function overviewSection(b: SheetBuilder, a: Analysis): void {
  const { start, end } = quarterRange(a.period);
  b.section('调查概况', WIDTH);
  const rows: LabelRow[] = [
    ['统计期间', `${a.period}（${start} 至 ${end}）`],
    ['调查日期', `${a.firstDate} 至 ${a.lastDate}${dated(a)}`],
    ['有效样本', a.respondents, '0'],
    ['调查方式', a.methods.map((m) => `${m.method} ${m.n}`).join('、')],
    ['空白 / 不适用', `${a.blank} / ${a.notApplicable}`],
    ['无效答案', a.invalid.length === 0 ? '无' : `${a.invalid.length} 个（见"无效答案与无法识别的日期"一节，未计入）`],
  ];
  if (a.responseRate) {
    const r = a.responseRate;
    rows.push(['回收率', r.rate, '0.0%'], ['计划 / 已回收', `${r.planned} / ${r.responded}`], ['计划内未回收', r.missing.length === 0 ? '无' : r.missing.join('、')]);
  }
  rows.push(...sampleSizeRows(a));
  labelRows(b, rows);
}

/**
 * 样本量 rows: the two needs (estimated from the basis quarter), the quarter's n, and the plain sentence —
 * about the quarter's own 结论, so it says 达标/未达标 exactly as 结论 does — with its basis and the plan
 * (the n to show the basis quarter's side if the true score equalled its mean).
 */
export function sampleSizeRows(a: Analysis): LabelRow[] {
  const s = a.sampleSize;
  const called = s.side === 'below' ? '未达标' : '达标';
  const facts: string[] = [];
  if (s.overall !== null) facts.push(`本季度总体 ${formatPercent(s.overall, 2)}，结论${called}${s.spansTarget ? '，但 95% 置信区间跨过目标' : ''}`);
  if (s.basisN >= 2) {
    facts.push(`所需样本按 ${s.basisPeriod} 的 ${s.basisN} 份答卷估算：受访者加权得分平均 ${formatPercent(s.mean, 2)}、标准差 ${(s.sd * 100).toFixed(2)} 个百分点`);
    if (s.basisPeriod !== a.period && s.planForTarget !== null) {
      facts.push(`计划：若真实得分等于 ${s.basisPeriod} 的平均，判定${s.planSide === 'below' ? '未达标' : '达标'}需 ${s.planForTarget} 份`);
    }
  } else facts.push(`${s.basisPeriod} 的答卷少于 2 份，无法估计所需样本`);
  facts.push('95% 置信');
  return [
    [`±${Number((s.halfWidth * 100).toFixed(2))}个百分点所需样本`, s.forHalfWidth ?? '—', '0'],
    [`判定${called}所需样本`, s.forTarget ?? '—', '0'],
    ['本季度样本', s.actualN, '0'],
    ['样本量结论', `${VERDICT_TEXT[s.verdict]['zh-CN']}（${facts.join('；')}）`],
  ];
}

/** After the dates: how many of them are after today yet counted (none: nothing said). */
function dated(a: Analysis): string {
  const n = futureInPeriod(a);
  return n === 0 ? '' : `（其中 ${n} 份晚于今天${a.today ? ` ${a.today}` : ''}，已计入，见"无效答案与无法识别的日期"一节）`;
}
