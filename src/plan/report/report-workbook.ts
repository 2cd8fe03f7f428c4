/** The report's plan: the quarter's `分析报告-YYYYQn` tab and the shared `趋势` tab. */
import type { Analysis, TrackerSummary } from '../../domain';
import type { WorkbookPlan } from '../types';
import { buildReportSheet, type ReportSource, type ReportStamp } from './report-sheet';
import { buildTrendSheet } from './trend-sheet';

export interface ReportNames {
  report: string;
  trend: string;
}

export function buildReportWorkbook(a: Analysis, source: ReportSource, stamp: ReportStamp, names: ReportNames, tracker?: TrackerSummary): WorkbookPlan {
  return {
    sheets: [buildReportSheet(a, source, stamp, names.report, tracker), buildTrendSheet(a, names.trend)],
    properties: { title: `客户满意度分析报告 ${a.period}`, subject: '客户满意度分析报告（XDYJ-04-03 §4.3）', keywords: `客户满意度;${a.period};XDYJ-04-03`, category: '质量记录' },
  };
}
