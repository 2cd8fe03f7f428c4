/**
 * 归档准备: makes a workbook fit to be archived and found on SharePoint — document and custom
 * properties (文件编号, 记录名称, 统计期间, 编制部门, 归档日期, 保存期限至), the `归档清单` tab, report and
 * tracker tabs protected, and (for a file copy) every CSAT.* formula frozen to its value beside the
 * native-formula equivalent, so the copy reads right where the add-in is not installed.
 */
import { archiveProperties, recordChecklist, scoreResponses, type ArchiveProperties, type RecordCheck } from '../domain';
import { ARCHIVE_SHEET, buildArchiveSheet, resolveSheets, RESPONSES_TABLE_NAME, type ExcelGateway, type SheetPlan } from '../plan';
import { inspectSurvey } from './inspect';
import { checkAborted, note, type JobNote } from './notes';
import { isoDay } from './report';
import { loadSurveyData } from './survey-data';

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
  const today = isoDay(options.now ?? new Date());
  const reports = existing.map((s) => s.owner ?? '').filter((o) => /^report_\d{4}Q[1-4]$/.test(o)).map((o) => o.slice(7)).sort();
  const inspection = await inspectSurvey(gateway);
  const period = reports.at(-1) ?? inspection.quarters[0] ?? today.slice(0, 4);
  const records = recordChecklist(existing);
  const properties = archiveProperties({ period, department: options.department ?? '服务台', today, records });
  const [tab] = resolveSheets([{ owner: 'archive', name: ARCHIVE_SHEET, onExisting: 'refresh' }], existing);
  const protectedSheets = existing.filter((s) => s.owner && PROTECTED(s.owner)).map((s) => s.name);
  const protect: SheetPlan[] = [
    ...protectedSheets.map((name) => ({ name, owner: existing.find((s) => s.name === name)!.owner!, update: true, blocks: [], protect: { password: options.password } })),
  ];

  // Freeze CSAT.* formulas in a file copy: the live summary's overall is the engine's value.
  let frozen: string[] = [];
  let formulas: string[] = [];
  let left: string[] = [];
  // A gateway over a file copy can freeze formulas (a declared capability); Excel's own workbook keeps them live.
  if (gateway.freezeCustomFunctions) {
    let overall: number | undefined;
    if (inspection.hasData) {
      const data = await loadSurveyData(gateway);
      overall = scoreResponses(data.grid, data.template, { layout: data.layout, zeroMeansBlank: false }).overall ?? undefined;
    }
    const ours = new RegExp(`^=CSAT\\.OVERALL\\(${RESPONSES_TABLE_NAME}\\[#All\\],CSAT_TEMPLATE\\)$`);
    // Freezing edits the workbook: the last point at which a cancel changes nothing is before it.
    checkAborted(options.signal);
    ({ frozen, formulas, left } = await gateway.freezeCustomFunctions((_sheet, _cell, formula) => (ours.test(formula) ? overall : undefined)));
  }
  checkAborted(options.signal);
  const sheets = [buildArchiveSheet(records, properties, tab.name, frozen.map((cell, i) => ({ cell, formula: formulas[i] }))), ...protect];
  await gateway.render({ sheets, properties: { ...properties } });

  const missing = records.filter((r) => !r.present).map((r) => r.record);
  const notes: JobNote[] = [
    note('info', `已写入归档属性（统计期间 ${period}，保存期限至 ${properties.custom['保存期限至']}）和"${tab.name}"`, `Wrote the archive properties (period ${period}, keep until ${properties.custom['保存期限至']}) and "${tab.name}"`),
    note(missing.length === 0 ? 'info' : 'warning', missing.length === 0 ? '§7 的五项记录齐全' : `缺少记录：${missing.join('、')}`, missing.length === 0 ? 'All five records of §7 are present' : `Missing records: ${missing.join(', ')}`),
  ];
  if (protectedSheets.length > 0) notes.push(note('info', `已保护：${protectedSheets.join('、')}${options.password ? '（已设密码）' : ''}`, `Protected: ${protectedSheets.join(', ')}${options.password ? ' (with a password)' : ''}`));
  if (frozen.length > 0) notes.push(note('info', `已把 ${frozen.length} 个 CSAT 公式冻结为数值（旁边保留原生公式）`, `Froze ${frozen.length} CSAT formulas to values (the native formulas beside them stay)`));
  if (left.length > 0) notes.push(note('warning', `以下 CSAT 公式没有已知数值，未冻结：${left.join('、')}`, `These CSAT formulas have no known value and were not frozen: ${left.join(', ')}`));
  return { records, properties, protectedSheets, frozen, left, notes };
}
