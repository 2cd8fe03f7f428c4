/**
 * 生成分析报告: analyses a quarter of the workbook's responses and writes the `分析报告-YYYYQn` tab and
 * the `趋势` tab. Regenerating a quarter replaces only those two tabs; user sheets are read, never
 * written; every check happens before anything is written.
 */
import { analyze, defaultPeriod, quarterOf, readTracker, stampTime, summarizeTracker, textsCutMessage, todayIso, type Analysis, type Message, type ResponseSet } from '../domain';
import { buildReportWorkbook, findTextCuts, reportSheetName, resolveSheets, TREND_SHEET, type ExcelGateway, type RenderProgress } from '../plan';
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
  /** What counts as the future for survey dates (YYYY-MM-DD); default: the day of `now` (todayIso). */
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
  const today = todayIso(options.today, now);
  const analysis = analyze(data.set, { period: options.period, groupBy: options.groupBy, plannedCustomers: data.plannedCustomers, history: options.history, today });
  const [report, trend] = resolveSheets(
    [
      { owner: `report_${analysis.period}`, name: reportSheetName(analysis.period), onExisting: 'refresh' },
      { owner: 'trend', name: TREND_SHEET, onExisting: 'refresh' },
    ],
    data.existing,
  );
  // The tracker, when the workbook has one: closure, overdue actions and their effect (§4.3).
  const trackerSheet = data.existing.find((s) => s.owner === 'actions');
  const tracker = trackerSheet ? summarizeTracker(readTracker(await gateway.readSheet(trackerSheet.name)), today, data.set) : undefined;
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
  if (analysis.future.length > 0) notes.push(note('warning', futureMessage(analysis, data.set, today, options)));
  if (data.merged.length > 0) {
    notes.push(note('warning', say('merged-over-answers', { ranges: data.merged.slice(0, 5) })));
  }
  if (analysis.undated.length > 0) {
    notes.push(note('warning', say('report-undated', { n: analysis.undated.length, cell: analysis.undated[0].cell })));
  }
  const cut = textsCutMessage(findTextCuts(plan.sheets));
  if (cut) notes.push(note('warning', cut));
  return { analysis, report: report.name, trend: trend.name, notes };
}

/**
 * Survey dates after today, said as they were handled: which period the report covers and how it was
 * chosen (asked for, or the default — the latest quarter with answers up to today), how many of those
 * rows it counts and where the rest belong. 更新趋势 counts them in their quarters.
 */
function futureMessage(analysis: Analysis, set: ResponseSet, today: string, options: ReportJobOptions): Message {
  const f = analysis.future;
  const examples = f.slice(0, 5).map((x) => `${x.cell} ${x.value}`);
  const quarters = (xs: typeof f) => [...new Set(xs.map((x) => quarterOf(x.value)))].sort();
  if (options.trendOnly) return say('trend-future', { n: f.length, examples, today, quarters: quarters(f) });
  const dflt = defaultPeriod(set.records, today);
  const choice = options.period !== undefined && options.period !== dflt?.period ? 'asked' : dflt?.upToToday ? 'default' : 'latest';
  const outside = f.filter((x) => quarterOf(x.value) !== analysis.period);
  return say('report-future', { n: f.length, examples, today, period: analysis.period, choice, inPeriod: f.length - outside.length, outside: outside.length, outsideQuarters: quarters(outside) });
}
