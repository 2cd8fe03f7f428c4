/**
 * `csat demo`: the main job on the built-in sample — a survey workbook holding a realistic year of
 * responses and the planned customers, then its score.
 */
import { rm, stat } from 'node:fs/promises';
import { CUSTOMER_COLUMN, DATE_COLUMN, formatPercent, GROUP_COLUMN, INFO_COLUMNS, messageText, METHOD_COLUMN, PROJECT_COLUMN, scoreResponses, TABLE_4_1, type CellValue } from '../domain';
import { XlsxGateway } from '../host/xlsx/gateway';
import { ACTION_STATES } from '../domain';
import { PLANNED_CUSTOMER_COLUMNS, type ActionRow } from '../plan';
import { generateActions } from '../jobs/actions';
import { generateCommReport, generateCommSheets } from '../jobs/communication';
import { generateReport } from '../jobs/report';
import { sampleCommPlan, sampleCommRecords, sampleWjxExport } from '../sample/comm-sample';
import { importExport } from '../jobs/import';
import { prepareArchive } from '../jobs/archive';
import { generateSurveyWorkbook } from '../jobs/survey';
import { version } from '../../package.json';
import { sampleResponses } from '../sample/sample-data';
import { checkNewFile, printNotes, writeNewFile, type Output } from './io';
import { say } from './messages';

export interface DemoArgs {
  out: string;
  force: boolean;
}

/** Planned customers: everyone surveyed in the last quarter, plus three who were planned and did not answer. */
export function samplePlannedCustomers(rows: readonly (readonly CellValue[])[]): CellValue[][] {
  // The sample rows follow the 调查数据 schema; the planned rows follow 调查对象's columns.
  const at = (row: readonly CellValue[], column: (typeof INFO_COLUMNS)[number]) => row[INFO_COLUMNS.indexOf(column)];
  const seen = new Map<string, CellValue[]>();
  for (const r of rows) {
    const date = String(at(r, DATE_COLUMN));
    if (date < '2026-10-01') continue;
    const name = String(at(r, CUSTOMER_COLUMN));
    const planned: Record<string, CellValue> = { [CUSTOMER_COLUMN]: name, [GROUP_COLUMN]: at(r, GROUP_COLUMN), [PROJECT_COLUMN]: at(r, PROJECT_COLUMN), 计划调查方式: at(r, METHOD_COLUMN), 计划调查日期: date };
    if (!seen.has(name)) seen.set(name, PLANNED_CUSTOMER_COLUMNS.map((c) => planned[c] ?? null));
  }
  const absent: CellValue[][] = [
    ['廊坊市政务服务中心', '政府机关', '廊坊运维服务项目', '赵主任', null, '现场走访', '2026-11-20', '计划内未回收'],
    ['沧州城商银行', '金融机构', '沧州运维服务项目', '钱经理', null, '电话访问', '2026-11-25', '计划内未回收'],
    ['唐山汽车零部件厂', '制造企业', '唐山运维服务项目', '孙工', null, '在线问卷', '2026-12-05', '计划内未回收'],
  ];
  return [...seen.values(), ...absent];
}

/** Demo tracker rows in every state, some overdue, the verified ones with their verification. */
export function demoAction(row: ActionRow, i: number): ActionRow {
  const state = ACTION_STATES[i % ACTION_STATES.length];
  const done = state === '已验证' || state === '已关闭';
  return {
    ...row,
    state,
    owner: ['赵刚', '钱丽', '孙伟'][i % 3],
    plannedDate: i % 2 === 0 ? '2026-10-31' : '2026-12-20',
    rootCause: state === '待分析' ? undefined : '高峰时段人手不足，排班未覆盖',
    correction: state === '待分析' ? undefined : '调整排班，增加高峰值守',
    prevention: state === '待分析' ? undefined : '按月复核来电量与排班匹配度',
    verifier: done ? '质量效能部 周敏' : undefined,
    verifiedDate: done ? '2026-11-20' : undefined,
    result: done ? '有效' : undefined,
  };
}

export async function demoCommand(args: DemoArgs, io: Output): Promise<void> {
  const all = { ...io, warn: io.out };
  // Two files: both are checked before either is written (an existing archive copy without --force
  // must not leave a new demo behind).
  const archiveFile = args.out.replace(/\.xlsx$/i, '') + '-archive.xlsx';
  for (const f of [args.out, archiveFile]) await checkNewFile(f, { force: args.force });
  const demoExisted = await stat(args.out).then(() => true, () => false);
  const { rows } = sampleResponses(TABLE_4_1);
  const gateway = XlsxGateway.empty();
  const result = await generateSurveyWorkbook(gateway, { template: 'builtin', year: 2026, responses: rows, plannedCustomers: samplePlannedCustomers(rows) });
  // The closed loop: the Q3 findings tracked with actions in every state, the communication plan and
  // records with their analysis (需改进事项 sent to the tracker), then the latest report with closure.
  const imported = await importExport(gateway, { grid: sampleWjxExport(TABLE_4_1.items.map((i) => i.name)) });
  const actions = await generateActions(gateway, { period: '2026Q3', decorate: demoAction });
  const comm = await generateCommSheets(gateway, { planRows: sampleCommPlan(), recordRows: sampleCommRecords() });
  const commReport = await generateCommReport(gateway, { version, today: '2026-11-28', toTracker: true });
  // The built-in sample is a whole survey year: its December answers are not in the future.
  const report = await generateReport(gateway, { version, today: '2026-12-31' });
  await writeNewFile(args.out, await gateway.save(), { force: args.force });
  printNotes(all, [...result.notes, ...imported.notes, ...actions.notes, ...comm.notes, ...commReport.notes, ...report.notes]);
  // The archive-ready copy, beside the demo (charts kept: the same in-memory workbook).
  const archive = await prepareArchive(gateway, { department: '服务台', now: new Date(2026, 10, 28) });
  try {
    await writeNewFile(archiveFile, await gateway.save(), { force: args.force });
  } catch (e) {
    if (!demoExisted) await rm(args.out, { force: true }); // all or nothing: not a demo without its archive copy
    throw e;
  }
  printNotes(all, archive.notes);
  io.out(messageText(say('demo-archive-written', { file: archiveFile }), io.locale));
  const grid = await gateway.readSheet(result.names.responses);
  const score = scoreResponses(grid, TABLE_4_1, { zeroMeansBlank: false });
  io.out(messageText(say('demo-written', { file: args.out, n: score.respondents, overall: formatPercent(score.overall), target: formatPercent(TABLE_4_1.target) }), io.locale));
}
