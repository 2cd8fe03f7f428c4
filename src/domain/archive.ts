/**
 * 归档 (policy §7): which of the five records a workbook holds, and the document properties that
 * make it findable on SharePoint — 文件编号, 记录名称, 统计期间, 编制部门, 归档日期 and 保存期限至
 * (at least three years after the period's end).
 */
import { isQuarter, quarterRange } from './calendar';

export const POLICY_ID = 'XDYJ-04-03';
export const RETENTION_YEARS = 3;

export interface RecordCheck {
  readonly record: string;
  readonly sheets: readonly string[];
  readonly present: boolean;
}

const RECORDS: readonly { record: string; matches: (owner: string) => boolean }[] = [
  { record: '《客户满意度调查表》', matches: (o) => o === 'form' },
  { record: '《客户满意度分析报告》', matches: (o) => o.startsWith('report_') },
  { record: '《年度客户沟通计划》', matches: (o) => o === 'comm_plan' },
  { record: '《客户沟通记录》', matches: (o) => o === 'comm_records' },
  { record: '《客户沟通分析报告》', matches: (o) => o.startsWith('comm_report_') },
];

/** The five records of §7 against the workbook's owned sheets. */
export function recordChecklist(sheets: readonly { name: string; owner?: string }[]): RecordCheck[] {
  return RECORDS.map((r) => {
    const found = sheets.filter((s) => s.owner !== undefined && r.matches(s.owner)).map((s) => s.name);
    return { record: r.record, sheets: found, present: found.length > 0 };
  });
}

/** The last day of a period `YYYYQn` or `YYYY`. */
export function periodEnd(period: string): string {
  return isQuarter(period) ? quarterRange(period).end : `${period.slice(0, 4)}-12-31`;
}

/** The retention date: the same day `years` later (29 Feb → 28 Feb). */
export function keepUntil(periodEndIso: string, years = RETENTION_YEARS): string {
  const [y, m, d] = periodEndIso.split('-').map(Number);
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${y + years}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export interface ArchiveProperties {
  readonly title: string;
  readonly subject: string;
  readonly keywords: string;
  readonly category: string;
  readonly custom: Readonly<Record<string, string>>;
}

export function archiveProperties(options: { period: string; department: string; today: string; records: readonly RecordCheck[] }): ArchiveProperties {
  const names = options.records.filter((r) => r.present).map((r) => r.record.replace(/[《》]/g, ''));
  return {
    title: `客户满意度记录 ${options.period}`,
    subject: `客户满意度调查管理（${POLICY_ID}）`,
    keywords: ['客户满意度', POLICY_ID, options.period, ...names].join(';'),
    category: '质量记录',
    custom: {
      文件编号: POLICY_ID,
      记录名称: names.join('、') || '客户满意度调查数据',
      统计期间: options.period,
      编制部门: options.department,
      归档日期: options.today,
      保存期限至: keepUntil(periodEnd(options.period)),
    },
  };
}
