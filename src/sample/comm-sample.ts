/**
 * The built-in communication sample for the demo: a year's plan for six customers and the records
 * of 2026 — mostly as planned, with the gaps the analysis must find (a half-year without 全面沟通, a
 * 全面沟通 held by phone, too many project calls, a customer outside the plan, dates written three
 * ways, an unreadable date, an unknown method, a name differing only by a space).
 */
import type { CellValue } from '../domain';

const CUSTOMERS = ['北京市政务服务中心', '天津城商银行', '石家庄人民医院', '保定汽车零部件厂', '廊坊区税务局', '沧州城商银行'];

export function sampleCommPlan(): CellValue[][] {
  const rows: CellValue[][] = [];
  CUSTOMERS.forEach((c, i) => {
    rows.push([c, '全面沟通', '走访', '每半年 1 次', '年度服务回顾、满意度调查结果通报、下阶段服务计划', ['王敏', '李静', '张磊'][i % 3], i % 2 === 0 ? '2026-03-20' : '2026-05-15']);
    rows.push([c, '项目级沟通', '电话 / 电子邮件', '每季度 1–2 次', '运维报告解读、问题跟踪、需求收集', ['刘洋', '陈晨'][i % 2], null]);
  });
  return rows;
}

export function sampleCommRecords(): CellValue[][] {
  const r: CellValue[][] = [];
  const add = (date: CellValue, customer: string, level: string, method: string, opinion = '', improvement = '', status = '') =>
    r.push([date, customer, level, method, '王敏、客户信息科', level === '全面沟通' ? '上半年服务回顾与满意度通报' : '季度运维报告解读', opinion, improvement, status]);
  // Every customer: 项目级沟通 each quarter up to Q3, 全面沟通 in H1 (visits or meetings).
  CUSTOMERS.forEach((c, i) => {
    for (const month of [2, 5, 8]) add(`2026-${String(month).padStart(2, '0')}-${10 + i}`, c, '项目级沟通', i % 2 ? '电话' : '电子邮件');
    if (c !== '天津城商银行') add(`2026-0${3 + (i % 3)}-2${i}`, c, '全面沟通', i % 2 ? '面谈' : '走访', i === 0 ? '热线高峰期偶尔占线' : '', i === 0 ? '增加热线高峰时段值守人员' : '', i === 0 ? '整改中' : '');
  });
  // H2 全面沟通 for some (the half-year is still running on the demo's date: the rest are not faults yet).
  add('2026/9/18', '北京市政务服务中心', '全面沟通', '走访', '备件到货偏慢', '建立常用备件安全库存', '待分析');
  add('2026年10月9日', '石家庄人民医院', '全面沟通', '面谈');
  // The gaps.
  add('2026-06-12', '天津城商银行', '全面沟通', '电话', '希望报告按月提供', '服务报告改为月报', '已完成'); // wrong method, and H1 missing
  add('2026-05-20', '保定汽车零部件厂', '项目级沟通', '电话'); // a third project call in Q2
  add('2026-05-28', '保定汽车零部件厂', '项目级沟通', '电子邮件');
  add('2026-07-06', '唐山精密机械公司', '项目级沟通', '电话', '咨询运维服务', '', ''); // not in the plan
  add('下周三', '廊坊区税务局', '项目级沟通', '电话'); // unreadable date
  add('2026-09-02', '廊坊区税务局', '项目级沟通', '微信'); // unknown method
  add('2026-10-15', '沧州 城商银行', '项目级沟通', '电话', '培训内容希望更贴近实际', '调整培训课程', '整改中'); // name differs by a space
  return r;
}

/** A small 问卷星 export (Q4 2026) for the demo's import: as the site writes it, skipped answers included. */
export function sampleWjxExport(items: readonly string[]): CellValue[][] {
  const header = ['序号', '提交答卷时间', '所用时间', '来源', '来源详情', '来自IP', '1、贵单位名称', ...items.map((n, i) => `${i + 2}、您对"${n}"是否满意？`), `${items.length + 2}、您的意见和建议`];
  const levels = ['满意', '满意', '较满意', '满意', '一般', '较满意', '满意', '(跳过)'];
  const names = ['唐山电子科技公司', '保定妇幼保健院', '廊坊农商银行', '石家庄市人社局', '天津食品集团', '北京口腔医院'];
  return [
    header,
    ...names.map((name, r) => [
      r + 1,
      `2026/11/${String(3 + r * 3)} ${10 + r}:0${r}:00`,
      `${90 + r * 7}秒`,
      '微信',
      'N/A',
      `10.0.0.${r + 1}`,
      name,
      ...items.map((_, i) => levels[(r + i) % levels.length]),
      r === 2 ? '=希望热线再快些' : '',
    ]),
  ];
}
