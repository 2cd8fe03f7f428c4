/**
 * A workbook whose structure is protected (Review → Protect Workbook; Office.js
 * `workbook.protection`, ExcelApi 1.7) takes no new sheet and loses none: Excel refuses. The
 * stateful fake refuses as Excel does; the renderer learns the protection in the request that
 * learns the sheets (no sync of its own) and refuses a plan that would add a sheet before anything
 * is written, with the catalogued zh/en message, leaving the workbook exactly as it was. Plans that
 * only write into sheets that exist (an append, a tab refreshed in place) still run.
 */
import { CsatError, describeError, TABLE_4_1, type CellValue } from '../../src/domain';
import { OfficeGateway } from '../../src/host/office/gateway';
import { renderPlanInContext } from '../../src/host/office/render';
import { generateActions } from '../../src/jobs/actions';
import { prepareArchive } from '../../src/jobs/archive';
import { generateCommReport, generateCommSheets } from '../../src/jobs/communication';
import { importExport } from '../../src/jobs/import';
import { generateReport } from '../../src/jobs/report';
import { generateSurveyWorkbook } from '../../src/jobs/survey';
import { buildSurveyWorkbook, type ExcelGateway } from '../../src/plan';
import { sampleCommPlan, sampleCommRecords } from '../../src/sample/comm-sample';
import { sampleResponses } from '../../src/sample/sample-data';
import { ITEMS } from '../helpers/grids';
import { ExcelFake, FakeOfficeError } from '../helpers/office-excel';
import { normalFromFake } from '../helpers/office-normal';
import type { WorkbookState } from '../helpers/office-state';

const NOW = new Date(2026, 11, 20, 9, 30);
const { rows } = sampleResponses(TABLE_4_1);
type Job = (gw: ExcelGateway) => Promise<unknown>;
const survey: Job = (gw) => generateSurveyWorkbook(gw, { template: 'builtin', responses: rows, year: 2026 });
const report: Job = (gw) => generateReport(gw, { version: 't', now: NOW, period: '2026Q3' });
const actions: Job = (gw) => generateActions(gw, { period: '2026Q3' });
const actionsQ2: Job = (gw) => generateActions(gw, { period: '2026Q2' });
const archive: Job = (gw) => prepareArchive(gw, { now: NOW });
const commSheets: Job = (gw) => generateCommSheets(gw, { planRows: sampleCommPlan(), recordRows: sampleCommRecords() });
const commReport: Job = (gw) => generateCommReport(gw, { version: 't', now: NOW, today: '2026-11-28' });
const commToTracker: Job = (gw) => generateCommReport(gw, { version: 't', now: NOW, today: '2026-11-28', toTracker: true });
/** A 问卷星 export of two answers (imported below the rows of 调查数据). */
const WJX = ['序号', '提交答卷时间', '所用时间', '来源', '来源详情', '来自IP', '1、贵单位名称', ...ITEMS.map((n, i) => `${i + 2}、您对"${n}"的评价`), '16、意见与建议'];
const exported: CellValue[][] = [WJX, [1, '2026/11/3 10:22:01', '1', '', '', '', '甲', ...ITEMS.map(() => '满意'), '好'], [2, '2026/11/4 09:00:00', '1', '', '', '', '乙', ...ITEMS.map(() => '较满意'), '']];
const importing: Job = (gw) => importExport(gw, { grid: exported, fileName: 'wjx.xlsx' });

const ZH = '工作簿的结构已被保护（不能添加、删除或重命名工作表），加载项无法添加它的工作表：请先在 Excel 中取消保护（审阅 → 保护工作簿；设有密码时需输入密码），再运行此操作；工作簿未被改动';
const EN = "The workbook's structure is protected (sheets cannot be added, deleted or renamed), so the add-in cannot add its sheets: unprotect it in Excel first (Review → Protect Workbook, with its password if it has one), then run this again; the workbook was not changed";

/** Workbooks after each set-up, made once (each click under test gets a copy). */
const made = new Map<Job[], WorkbookState>();

async function prepared(setup: Job[], lock?: { password?: string }): Promise<{ fake: ExcelFake; gw: OfficeGateway }> {
  let state = made.get(setup);
  if (!state) {
    const fake = new ExcelFake();
    fake.addSheet('Sheet1'); // Excel's workbooks always have a sheet
    const gw = new OfficeGateway(fake.run);
    for (const job of setup) await gw.session(job);
    made.set(setup, (state = fake.snapshot()));
  }
  const fake = ExcelFake.from(state);
  if (lock) fake.protectStructure(lock.password);
  return { fake, gw: new OfficeGateway(fake.run) };
}

/** What a user could see of a workbook, without the structure lock itself. */
function visible(s: WorkbookState): string {
  return JSON.stringify({
    normal: normalFromFake(s),
    sheets: s.sheets.map((x) => [x.name, x.visibility, x.tabColor, x.freeze, x.protection ?? null, x.layout]),
    names: s.names.map((n) => [n.name, n.formula]).sort(),
    properties: s.properties,
    custom: [...s.custom].sort(),
  });
}

async function refusal(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => undefined,
    (e: unknown) => e,
  );
}

describe('the fake: workbook.protection as Excel has it', () => {
  it('reads `protected` only after load and sync (PropertyNotLoaded otherwise), and follows protect / unprotect', async () => {
    const fake = ExcelFake.with([{ name: 'A' }]);
    await fake.run(async (ctx) => {
      const p = ctx.workbook.protection;
      expect(() => p.protected).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }) as Error);
      p.load('protected');
      expect(() => p.protected).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }) as Error); // loaded, not yet synced
      await ctx.sync();
      expect(p.protected).toBe(false);
      p.protect('pw');
      p.load('protected');
      await ctx.sync();
      expect(p.protected).toBe(true);
    });
    expect(fake.state.protection).toEqual({ password: 'pw' });
    // Protecting twice fails; the wrong password does not lift it; the right one does.
    await expect(fake.run(async (ctx) => { ctx.workbook.protection.protect(); await ctx.sync(); })).rejects.toMatchObject({ code: 'AccessDenied' });
    await expect(fake.run(async (ctx) => { ctx.workbook.protection.unprotect('nope'); await ctx.sync(); })).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(fake.run(async (ctx) => { ctx.workbook.protection.unprotect(); await ctx.sync(); })).rejects.toMatchObject({ code: 'InvalidArgument' });
    expect(fake.state.protection).toEqual({ password: 'pw' });
    await fake.run(async (ctx) => { ctx.workbook.protection.unprotect('pw'); await ctx.sync(); });
    expect(fake.state.protection).toBeUndefined();
  });

  it('is ExcelApi 1.7: refused on an older host', async () => {
    const fake = new ExcelFake({ host: '1.6', manifest: '1.1' });
    fake.addSheet('A');
    await expect(fake.run(async (ctx) => { ctx.workbook.protection.load('protected'); await ctx.sync(); })).rejects.toMatchObject({ code: 'ApiNotFound' });
  });

  const structural: [string, (ctx: Excel.RequestContext) => void, string][] = [
    ['add a sheet', (ctx) => void ctx.workbook.worksheets.add('New'), 'WorksheetCollection.add'],
    ['delete a sheet', (ctx) => ctx.workbook.worksheets.getItem('B').delete(), 'Worksheet.delete'],
    ['rename a sheet', (ctx) => void (ctx.workbook.worksheets.getItem('B').name = 'C'), 'Worksheet.name'],
    ['hide a sheet', (ctx) => void (ctx.workbook.worksheets.getItem('B').visibility = 'Hidden'), 'Worksheet.visibility'],
    ['move a sheet', (ctx) => void (ctx.workbook.worksheets.getItem('B').position = 0), 'Worksheet.position'],
    ['colour a tab', (ctx) => void (ctx.workbook.worksheets.getItem('B').tabColor = '#FF0000'), 'Worksheet.tabColor'],
  ];

  it.each(structural)('refuses to %s while the structure is protected (AccessDenied), and allows it when not', async (_l, change, where) => {
    const locked = ExcelFake.with([{ name: 'A' }, { name: 'B' }]);
    locked.protectStructure();
    const before = visible(locked.state);
    const error = await refusal(locked.run(async (ctx) => { change(ctx); await ctx.sync(); }));
    expect(error).toBeInstanceOf(FakeOfficeError);
    expect((error as FakeOfficeError).debugInfo).toMatchObject({ code: 'AccessDenied', errorLocation: where });
    expect(visible(locked.state)).toBe(before);
    const open = ExcelFake.with([{ name: 'A' }, { name: 'B' }]);
    const unchanged = visible(open.state);
    await open.run(async (ctx) => { change(ctx); await ctx.sync(); });
    expect(visible(open.state)).not.toBe(unchanged);
  });

  it('still lets the sheets that exist be written, cleared and protected', async () => {
    const fake = ExcelFake.with([{ name: 'A', values: [['x']] }]);
    fake.protectStructure();
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('A');
      ws.getRange('A1:B1').values = [[1, 2]];
      ws.protection.protect();
      ctx.workbook.names.add('N', '=A!$A$1');
      await ctx.sync();
    });
    expect(fake.state.sheets[0].rows[0].map((c) => c?.v)).toEqual([1, 2]);
    expect(fake.state.sheets[0].protection).toBeDefined();
  });
});

describe('a structure-locked workbook: actions that add a sheet are refused before anything is written', () => {
  const refused: [string, Job[], Job][] = [
    ['生成调查表', [], survey],
    ['生成分析报告', [survey], report],
    ['纠正预防措施 (a new tracker)', [survey], actions],
    ['归档准备', [survey, report], archive],
    ['生成沟通计划表', [survey], commSheets],
    ['沟通分析报告', [survey, commSheets], commReport],
    ['沟通分析报告 to the tracker (a new tab, then the tracker)', [survey, commSheets, actionsQ2], commToTracker],
    ['导入问卷 into a workbook without a survey (creates it first)', [], importing],
  ];

  it.each(refused)('%s: the catalogued zh/en error; nothing sent but reads; the workbook exactly as before', async (label, setup, job) => {
    for (const lock of [{}, { password: 'lock-2026' }]) {
      const { fake, gw } = await prepared(setup, lock);
      const before = fake.snapshot();
      const start = fake.requests.length;
      const error = await refusal(gw.session(job));
      expect(error).toBeInstanceOf(CsatError);
      expect((error as CsatError).problems).toEqual([{ code: 'workbook-structure-locked', params: {} }]);
      expect(describeError(error, 'zh-CN')).toBe(ZH);
      expect(describeError(error, 'en-US')).toBe(EN);
      const sent = fake.requests.slice(start).flatMap((r) => r.ops);
      expect(sent.filter((o) => o.kind !== 'load')).toEqual([]);
      // The render learnt the lock with the sheets, in the request it already sends.
      expect(sent.filter((o) => o.path === 'workbook.protection.load')).not.toHaveLength(0);
      expect(fake.snapshot()).toEqual(before);
      process.stdout.write(`syncs refused ${label}: ${fake.requests.length - start}\n`);
    }
  });

  it('the render refuses after its first request: one sync, the lock loaded with the sheets and names', async () => {
    const fake = ExcelFake.with([{ name: 'Sheet1' }]);
    fake.protectStructure();
    const plan = buildSurveyWorkbook(TABLE_4_1, { responses: rows, year: 2026 }).plan;
    await expect(fake.run((ctx) => renderPlanInContext(ctx, plan))).rejects.toMatchObject({ problems: [{ code: 'workbook-structure-locked' }] });
    expect(fake.syncs).toBe(1);
    expect(fake.requests[0].ops.map((o) => o.path)).toEqual(['workbook.worksheets.load', 'workbook.names.load', 'workbook.protection.load', 'workbook.properties.load']);
  });
});

describe('a structure-locked workbook: actions that only write into sheets that exist still run', () => {
  const allowed: [string, Job[], Job][] = [
    ['纠正预防措施 appended to the tracker', [survey, actionsQ2], actions],
    ['生成分析报告 re-run (its tabs refreshed in place)', [survey, report], report],
    ['导入问卷 into 调查数据', [survey], importing],
    ['归档准备 re-run', [survey, report, archive], archive],
    ['沟通分析报告 re-run to the tracker', [survey, commSheets, actionsQ2, commToTracker], commToTracker],
  ];

  it.each(allowed)('%s: the same workbook as without the lock, in the same number of syncs; the lock kept', async (_l, setup, job) => {
    const open = await prepared(setup);
    const openStart = open.fake.syncs;
    await open.gw.session(job);
    const { fake, gw } = await prepared(setup, { password: 'lock-2026' });
    const before = fake.snapshot();
    const start = fake.syncs;
    await gw.session(job);
    expect(fake.syncs - start).toBe(open.fake.syncs - openStart);
    expect(visible(fake.state)).toBe(visible(open.fake.state));
    expect(fake.state.sheets.map((s) => s.name)).toEqual(before.sheets.map((s) => s.name));
    expect(fake.state.protection).toEqual({ password: 'lock-2026' });
    const paths = fake.requests.slice(start).flatMap((r) => r.ops.filter((o) => o.kind !== 'load').map((o) => o.path));
    expect(paths.filter((p) => /\.(values|formulas)$/.test(p)).length).toBeGreaterThan(0); // really written
    // No structural change was even attempted (the tabs refreshed keep the colour they have).
    expect(paths.filter((p) => /worksheets\.add$|\.delete$|\.tabColor$|\.name$|\.visibility$|\.position$/.test(p) && !/tables|charts|names/.test(p))).toEqual([]);
  });

  it('unlocked, a refreshed tab still gets its colour set (behaviour unchanged)', async () => {
    const { fake, gw } = await prepared([survey, report]);
    const start = fake.requests.length;
    await gw.session(report);
    const paths = fake.requests.slice(start).flatMap((r) => r.ops.map((o) => o.path));
    expect(paths).toContain('workbook.worksheets.getItem("分析报告-2026Q3").tabColor');
  });
});

describe('undo when the structure was locked during the action', () => {
  it('leaves the sheets it may not delete, and undoes everything else', async () => {
    const { fake, gw } = await prepared([]);
    const before = fake.snapshot();
    await expect(
      gw.session(async (g) => {
        await survey(g);
        expect(fake.state.sheets.length).toBeGreaterThan(1);
        fake.protectStructure(); // the user locked the structure while the pane worked
        throw new Error('cancelled');
      }),
    ).rejects.toThrow('cancelled');
    // Excel would refuse the deletes (and, with the first, the rest of the undo request): the sheets stay …
    expect(fake.state.sheets.map((s) => s.name)).toEqual(['Sheet1', '评分模板', '调查数据', '客户满意度调查表', '调查方案']);
    // … the names the action added are gone, and nothing was refused.
    expect(fake.state.names).toEqual(before.names);
    const undo = fake.requests.at(-1)!.ops;
    expect(undo.some((o) => o.path.endsWith('.delete') && o.path.includes('worksheets.getItem'))).toBe(false);
  });
});
