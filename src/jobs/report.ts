/**
 * 生成分析报告: analyses a quarter of the workbook's responses and writes the `分析报告-YYYYQn` tab and
 * the `趋势` tab. Regenerating a quarter replaces only those two tabs; user sheets are read, never
 * written; every check happens before anything is written.
 */
import { analyze, isoDay, readTracker, stampTime, summarizeTracker, type Analysis, type ResponseSet } from '../domain';
import { buildReportWorkbook, reportSheetName, resolveSheets, TREND_SHEET, type ExcelGateway, type RenderProgress } from '../plan';
import { say } from './messages';
import { checkAborted, note, type JobNote } from './notes';
import { loadSurveyData } from './survey-data';

export interface ReportJobOptions {
  period?: string;
  groupBy?: string;
  /** Responses of other workbooks, for the trend. */
  history?: readonly ResponseSet[];
  /** The add-in's version, stamped on the report. */
  version: string;
  now?: Date;
  /** What counts as the future for survey dates (YYYY-MM-DD); default: the day of `now`. */
  today?: string;
  onProgress?: (p: RenderProgress) => void;
  /** Checked before anything is written: a cancelled job changes nothing. */
  signal?: AbortSignal;
  /** Write only the 趋势 tab. */
  trendOnly?: boolean;
}

export interface ReportJobResult {
  analysis: Analysis;
  report: string;
  trend: string;
  notes: JobNote[];
}

export async function generateReport(gateway: ExcelGateway, options: ReportJobOptions): Promise<ReportJobResult> {
  const data = await loadSurveyData(gateway);
  const now = options.now ?? new Date();
  const analysis = analyze(data.set, { period: options.period, groupBy: options.groupBy, plannedCustomers: data.plannedCustomers, history: options.history, today: options.today ?? isoDay(now) });
  const [report, trend] = resolveSheets(
    [
      { owner: `report_${analysis.period}`, name: reportSheetName(analysis.period), onExisting: 'refresh' },
      { owner: 'trend', name: TREND_SHEET, onExisting: 'refresh' },
    ],
    data.existing,
  );
  // The tracker, when the workbook has one: closure, overdue actions and their effect (§4.3).
  const trackerSheet = data.existing.find((s) => s.owner === 'actions');
  const tracker = trackerSheet ? summarizeTracker(readTracker(await gateway.readSheet(trackerSheet.name)), isoDay(now), data.set) : undefined;
  const built = buildReportWorkbook(analysis, data.source, { generatedAt: stampTime(now), version: options.version }, { report: report.name, trend: trend.name }, tracker);
  // 更新趋势 writes the trend tab alone.
  const plan = options.trendOnly ? { ...built, sheets: built.sheets.slice(1) } : built;
  checkAborted(options.signal);
  await gateway.render(plan, options.onProgress);
  const trendNote = note('info', say('trend-written', { refreshed: trend.action === 'refresh', sheet: trend.name, quarters: analysis.trend.length }));
  const reportNote = note(
    'info',
    say('report-written', { refreshed: report.action === 'refresh', sheet: report.name, n: analysis.respondents, overall: analysis.overall, target: analysis.target, verdict: analysis.verdict }),
  );
  const notes: JobNote[] = options.trendOnly ? [trendNote] : [reportNote, trendNote];
  for (const r of options.trendOnly ? [trend] : [report, trend]) {
    if (r.nameTakenBy) notes.push(note('warning', say('report-name-taken', { taken: r.nameTakenBy, sheet: r.name })));
  }
  if (analysis.invalid.length > 0) {
    const first = analysis.invalid[0];
    notes.push(note('warning', say('report-invalid', { n: analysis.invalid.length, cell: first.cell, item: first.item, value: String(first.value) })));
  }
  if (analysis.future.length > 0) {
    const f = analysis.future;
    notes.push(note('warning', say('report-future', { n: f.length, examples: f.slice(0, 5).map((x) => `${x.cell} ${x.value}`) })));
  }
  if (data.merged.length > 0) {
    notes.push(note('warning', say('merged-over-answers', { ranges: data.merged.slice(0, 5) })));
  }
  if (analysis.undated.length > 0) {
    notes.push(note('warning', say('report-undated', { n: analysis.undated.length, cell: analysis.undated[0].cell })));
  }
  return { analysis, report: report.name, trend: trend.name, notes };
}
