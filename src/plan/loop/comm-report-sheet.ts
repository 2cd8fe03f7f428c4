/**
 * `客户沟通分析-YYYY` (《客户沟通分析报告》, 记录5): compliance with the communication rules per
 * customer and period, the findings, planned communications past due, the customers' opinions and
 * improvement requests, and the rows that could not be read.
 */
import { cellText, type CommAnalysis, type FindingKind } from '../../domain';
import { SheetBuilder } from '../sheet-builder';
import type { SheetPlan } from '../types';

const WIDTH = 6;
const KIND: Record<FindingKind, string> = { missing: '未按要求沟通', 'wrong-method': '沟通方式不符', 'more-than-planned': '超出计划次数（提示，非问题）', 'not-in-plan': '计划外客户' };

export function commReportSheetName(year: number): string {
  return `客户沟通分析-${year}`;
}

export function buildCommReportSheet(a: CommAnalysis, stamp: { generatedAt: string; version: string }, name = commReportSheetName(a.year)): SheetPlan {
  const b = new SheetBuilder();
  b.put([[`客户沟通分析报告（${a.year} 年）`]], { style: 'title' });
  b.merges.push('A1:F1');
  b.note(`生成时间 ${stamp.generatedAt} ｜ 以 ${a.today} 为界，尚未结束的期间不计为问题 ｜ CSAT for Excel ${stamp.version} ｜ 依据 XDYJ-04-03 §4.1`, WIDTH);

  b.section('计划执行概况', WIDTH);
  const summary: [string, string | number | null][] = [
    ['计划内客户', a.customers.length],
    ['应完成的沟通（客户 × 期间）', a.obligations.due],
    ['已按要求完成', a.obligations.met],
    ['合规率', a.compliance],
    ['尚未到期', a.obligations.future],
    ['规则', '全面沟通：每半年 ≥ 1 次，走访或面谈；项目级沟通：每季度 1–2 次，电话或电子邮件（走访、面谈也计入）'],
  ];
  const top = b.put(summary.map(([k]) => [k]), { style: 'label', advance: false });
  b.put(summary.map(([, v]) => [v ?? '—']), { col: 2, style: 'cell', numberFormat: summary.map(([k]) => [k === '合规率' ? '0.0%' : 'General']) });
  summary.forEach((_, i) => b.merges.push(`B${top + i}:F${top + i}`));

  const list = (title: string, head: string[], rows: (string | number)[][]) => {
    b.section(title, WIDTH);
    if (rows.length === 0) {
      b.put([['无']]);
      return;
    }
    b.put([head], { style: 'header' });
    b.put(rows, { style: 'wrapCell' });
  };
  const order: FindingKind[] = ['missing', 'wrong-method', 'not-in-plan', 'more-than-planned'];
  const findings = [...a.findings].sort((x, y) => order.indexOf(x.kind) - order.indexOf(y.kind) || x.customer.localeCompare(y.customer, 'zh-CN') || x.period.localeCompare(y.period));
  list('发现', ['客户名称', '沟通层级', '期间', '类型', '记录行号'], findings.map((f) => [f.customer, f.level, f.period, KIND[f.kind], cellText([f.rows.join('、') || '—'])]));
  list('计划时间已过仍未沟通', ['客户名称', '沟通层级', '计划时间', '计划表行号'], a.pastDue.map((p) => [p.customer, p.level, p.planned, p.row]));
  list('客户意见与需改进事项', ['沟通日期', '客户名称', '客户意见', '需改进事项', '跟踪状态', '记录行号'], a.opinions.map((o) => [o.date, o.customer, o.opinion, o.improvement, o.status, o.row]));
  // An issue quotes the cell's text (a 32,767-character name twice, for a spelling): within one cell, naming the source.
  list('无法识别的内容（未计入，请修改）', ['单元格', '问题'], a.issues.map((i) => [i.cell, cellText([{ text: i.zh, cell: i.cell }])]));
  return {
    name,
    owner: `comm_report_${a.year}`,
    tabColor: '#498205',
    columns: [{ col: 1, width: 26 }, { col: 2, width: 14 }, { col: 3, width: 26 }, { col: 4, width: 30 }, { col: 5, width: 14 }, { col: 6, width: 12 }],
    merges: b.merges,
    blocks: b.blocks,
    print: { orientation: 'portrait', paper: 'A4', fitWidth: 1, fitHeight: 0 },
  };
}
