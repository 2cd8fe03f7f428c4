/**
 * 生成分析报告: analyses a quarter of the workbook's responses and writes the `分析报告-YYYYQn` tab and
 * the `趋势` tab. Regenerating a quarter replaces only those two tabs; user sheets are read, never
 * written; every check happens before anything is written.
 */
import { analyze, readTracker, summarizeTracker, type Analysis, type ResponseSet } from '../domain';
import { buildReportWorkbook, reportSheetName, resolveSheets, TREND_SHEET, type ExcelGateway, type RenderProgress } from '../plan';
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

export function isoDay(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export function stampTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
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
  const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);
  const verb = (action: string, zh: boolean) => (action === 'refresh' ? (zh ? '已更新' : 'Refreshed') : zh ? '已生成' : 'Wrote');
  const trendNote = note('info', `${verb(trend.action, true)}"${trend.name}"（${analysis.trend.length} 个季度）`, `${verb(trend.action, false)} "${trend.name}" (${analysis.trend.length} quarters)`);
  const reportNote = note(
    'info',
    `${verb(report.action, true)}"${report.name}"：${analysis.respondents} 份答卷，总体满意度 ${pct(analysis.overall)}（目标 ≥ ${pct(analysis.target)}，${analysis.verdict}）`,
    `${verb(report.action, false)} "${report.name}": ${analysis.respondents} responses, overall ${pct(analysis.overall)} (target ${pct(analysis.target)}, ${analysis.verdict === '达标' ? 'met' : 'not met'})`,
  );
  const notes: JobNote[] = options.trendOnly ? [trendNote] : [reportNote, trendNote];
  for (const r of options.trendOnly ? [trend] : [report, trend]) {
    if (r.nameTakenBy) notes.push(note('warning', `工作表"${r.nameTakenBy}"不是本加载项创建的，未作改动；报告写入"${r.name}"`, `Sheet "${r.nameTakenBy}" is not the add-in's and was left alone; wrote "${r.name}"`));
  }
  if (analysis.invalid.length > 0) {
    const first = analysis.invalid[0];
    notes.push(note('warning', `有 ${analysis.invalid.length} 个无效答案未计入（第一个：${first.cell} ${first.item} '${first.value}'），已列在报告中`, `${analysis.invalid.length} invalid answers were not scored (first: ${first.cell} ${first.item} '${first.value}'); listed in the report`));
  }
  if (analysis.future.length > 0) {
    const f = analysis.future;
    notes.push(note('warning', `有 ${f.length} 份答卷的调查日期晚于今天（${f.slice(0, 5).map((x) => `${x.cell} ${x.value}`).join('、')}），默认统计期间不考虑它们；请核对日期`, `${f.length} responses are dated after today (${f.slice(0, 5).map((x) => `${x.cell} ${x.value}`).join(', ')}); the default period ignores them — check the dates`));
  }
  if (data.merged.length > 0) {
    notes.push(note('warning', `调查数据中有合并单元格：${data.merged.slice(0, 5).join('、')}——合并区域只有左上角单元格的答案计入，请拆分合并并逐行填写`, `The responses have merged cells: ${data.merged.slice(0, 5).join(', ')} — only the top-left cell of a merge counts; unmerge and fill each row`));
  }
  if (analysis.undated.length > 0) {
    notes.push(note('warning', `有 ${analysis.undated.length} 行的调查日期无法识别（第一个：${analysis.undated[0].cell}），未计入任何季度`, `${analysis.undated.length} rows have an unreadable date (first: ${analysis.undated[0].cell}) and count in no quarter`));
  }
  return { analysis, report: report.name, trend: trend.name, notes };
}
