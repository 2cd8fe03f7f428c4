/**
 * 归档准备: makes a workbook fit to be archived and found on SharePoint — document and custom
 * properties (文件编号, 记录名称, 统计期间, 编制部门, 归档日期, 保存期限至), the `归档清单` tab, report and
 * tracker tabs protected, and (for a file copy) every CSAT.* formula frozen to its value beside the
 * native-formula equivalent, so the copy reads right where the add-in is not installed.
 */
import { archiveProperties, recordChecklist, responsesSampleSize, scoreResponses, todayIso, type ArchiveProperties, type RecordCheck } from '../domain';
import { ARCHIVE_SHEET, buildArchiveSheet, LIVE_OVERALL_FORMULA, LIVE_SAMPLE_SIZE_FORMULA, LIVE_SAMPLE_SIZE_HALF_WIDTH, resolveSheets, type ExcelGateway, type SheetPlan } from '../plan';
import { inspectionOf, loadSurveyIfAny } from './inspect';
import { say } from './messages';
import { checkAborted, note, type JobNote } from './notes';

export interface ArchiveOptions {
  department?: string;
  password?: string;
  now?: Date;
  signal?: AbortSignal;
}

export interface ArchiveResult {
  records: RecordCheck[];
  properties: ArchiveProperties;
  protectedSheets: string[];
  frozen: string[];
  left: string[];
  notes: JobNote[];
}

const PROTECTED = (owner: string) => owner.startsWith('report_') || owner.startsWith('comm_report_') || owner === 'actions' || owner === 'trend';

export async function prepareArchive(gateway: ExcelGateway, options: ArchiveOptions = {}): Promise<ArchiveResult> {
  const existing = await gateway.listSheets();
  const today = todayIso(undefined, options.now ?? new Date());
  const reports = existing.map((s) => s.owner ?? '').filter((o) => /^report_\d{4}Q[1-4]$/.test(o)).map((o) => o.slice(7)).sort();
  // The survey is read once: its quarters name the period, its responses give the frozen overall.
  const data = await loadSurveyIfAny(gateway);
  const inspection = inspectionOf(data);
  const period = reports.at(-1) ?? inspection.quarters[0] ?? today.slice(0, 4);
  const records = recordChecklist(existing);
  const properties = archiveProperties({ period, department: options.department ?? '服务台', today, records });
  const [tab] = resolveSheets([{ owner: 'archive', name: ARCHIVE_SHEET, onExisting: 'refresh' }], existing);
  const protectedSheets = existing.filter((s) => s.owner && PROTECTED(s.owner)).map((s) => s.name);
  const protect: SheetPlan[] = [
    ...protectedSheets.map((name) => ({ name, owner: existing.find((s) => s.name === name)!.owner!, update: true, blocks: [], protect: { password: options.password } })),
  ];

  // Freeze CSAT.* formulas in a file copy: the live summary's overall and 调查方案's 样本量 are the engine's values.
  let frozen: string[] = [];
  let formulas: string[] = [];
  let left: string[] = [];
  // A gateway over a file copy can freeze formulas (a declared capability); Excel's own workbook keeps them live.
  if (gateway.freezeCustomFunctions) {
    const overall = data ? (scoreResponses(data.grid, data.template, { layout: data.layout, zeroMeansBlank: false }).overall ?? undefined) : undefined;
    const sampleSize = data ? (responsesSampleSize(data.set, LIVE_SAMPLE_SIZE_HALF_WIDTH) ?? undefined) : undefined;
    const known = new Map([
      [LIVE_OVERALL_FORMULA, overall],
      [LIVE_SAMPLE_SIZE_FORMULA, sampleSize],
    ]);
    // Freezing edits the workbook: the last point at which a cancel changes nothing is before it.
    checkAborted(options.signal);
    ({ frozen, formulas, left } = await gateway.freezeCustomFunctions((_sheet, _cell, formula) => known.get(formula)));
  }
  checkAborted(options.signal);
  const sheets = [buildArchiveSheet(records, properties, tab.name, frozen.map((cell, i) => ({ cell, formula: formulas[i] }))), ...protect];
  await gateway.render({ sheets, properties: { ...properties } });

  const missing = records.filter((r) => !r.present).map((r) => r.record);
  const notes: JobNote[] = [
    note('info', say('archive-written', { period, keepUntil: String(properties.custom['保存期限至']), sheet: tab.name })),
    missing.length === 0 ? note('info', say('archive-records-complete')) : note('warning', say('archive-records-missing', { records: missing })),
  ];
  if (protectedSheets.length > 0) notes.push(note('info', say('archive-protected', { sheets: protectedSheets, password: !!options.password })));
  if (frozen.length > 0) notes.push(note('info', say('archive-frozen', { n: frozen.length })));
  if (left.length > 0) notes.push(note('warning', say('archive-left', { cells: left })));
  return { records, properties, protectedSheets, frozen, left, notes };
}
