/**
 * 客户沟通 (policy §4.1): the plan and record sheets, and the 客户沟通分析 tab checking the records
 * against the plan and the rules; 需改进事项 can be sent on to the corrective-action tracker.
 */
import { analyzeCommunication, CsatError, findingsFromCommunication, problem, stampTime, textsCutMessage, todayIso, type CellValue, type CommAnalysis } from '../domain';
import { buildCommPlanSheet, buildCommRecordSheet, buildCommReportSheet, COMM_PLAN_SHEET, COMM_RECORD_SHEET, commReportSheetName, findTextCuts, resolveSheets, type ExcelGateway } from '../plan';
import { trackFindings } from './actions';
import { say } from './messages';
import { checkAborted, note, type JobNote } from './notes';

export interface CommSheetsOptions {
  planRows?: readonly (readonly CellValue[])[];
  recordRows?: readonly (readonly CellValue[])[];
  signal?: AbortSignal;
}

/** 生成沟通计划表: 年度客户沟通计划 and 客户沟通记录 (kept as they are when they exist). */
export async function generateCommSheets(gateway: ExcelGateway, options: CommSheetsOptions = {}): Promise<{ notes: JobNote[] }> {
  const existing = await gateway.listSheets();
  const [plan, records] = resolveSheets(
    [
      { owner: 'comm_plan', name: COMM_PLAN_SHEET, onExisting: 'keep' },
      { owner: 'comm_records', name: COMM_RECORD_SHEET, onExisting: 'keep' },
    ],
    existing,
  );
  const sheets = [];
  if (plan.action === 'create') sheets.push(buildCommPlanSheet(options.planRows, plan.name));
  if (records.action === 'create') sheets.push(buildCommRecordSheet(options.recordRows, records.name));
  checkAborted(options.signal);
  if (sheets.length > 0) await gateway.render({ sheets });
  const notes = [plan, records].map((r) =>
    r.action === 'keep'
      ? note('info', say('sheet-kept-rows', { sheet: r.name }))
      : r.nameTakenBy
        ? note('warning', say('sheet-name-taken', { taken: r.nameTakenBy, sheet: r.name }))
        : note('info', say('sheet-created', { sheet: r.name })),
  );
  return { notes };
}

export interface CommReportOptions {
  year?: number;
  now?: Date;
  /** Fixes what counts as the future (YYYY-MM-DD); default: today. */
  today?: string;
  toTracker?: boolean;
  version: string;
  signal?: AbortSignal;
}

/** 生成沟通分析报告: the `客户沟通分析-YYYY` tab. */
export async function generateCommReport(gateway: ExcelGateway, options: CommReportOptions): Promise<{ analysis: CommAnalysis; sheet: string; notes: JobNote[] }> {
  const existing = await gateway.listSheets();
  const find = (owner: string, name: string) => existing.find((s) => s.owner === owner) ?? existing.find((s) => s.name === name);
  const planSheet = find('comm_plan', COMM_PLAN_SHEET);
  const recordSheet = find('comm_records', COMM_RECORD_SHEET);
  if (!planSheet) throw new CsatError(problem('comm-sheet-missing', { sheet: COMM_PLAN_SHEET }));
  if (!recordSheet) throw new CsatError(problem('comm-sheet-missing', { sheet: COMM_RECORD_SHEET }));
  const now = options.now ?? new Date();
  const today = todayIso(options.today, now);
  const analysis = analyzeCommunication(await gateway.readSheet(planSheet.name), await gateway.readSheet(recordSheet.name), {
    year: options.year,
    today,
    planSheet: planSheet.name,
    recordSheet: recordSheet.name,
  });
  const [tab] = resolveSheets([{ owner: `comm_report_${analysis.year}`, name: commReportSheetName(analysis.year), onExisting: 'refresh' }], existing);
  checkAborted(options.signal);
  const sheet = buildCommReportSheet(analysis, { generatedAt: stampTime(now), version: options.version }, tab.name);
  await gateway.render({ sheets: [sheet] });
  const faults = analysis.findings.filter((f) => f.kind !== 'more-than-planned').length;
  const notes: JobNote[] = [note('info', say('comm-report-written', { refreshed: tab.action === 'refresh', sheet: tab.name, compliance: analysis.compliance, faults }))];
  const cut = textsCutMessage(findTextCuts([sheet]));
  if (cut) notes.push(note('warning', cut));
  if (analysis.issues.length > 0) notes.push(note('warning', say('comm-report-issues', { n: analysis.issues.length, first: analysis.issues[0] })));
  if (options.toTracker) {
    const tracked = await trackFindings(gateway, findingsFromCommunication(analysis.opinions, analysis.recordColumns), { year: analysis.year, signal: options.signal });
    notes.push(...tracked.notes);
  }
  return { analysis, sheet: tab.name, notes };
}
