/**
 * One Excel.run per user action, and nothing half-written: each job runs in one OfficeGateway
 * session against the stateful fake; a failure injected at every sync (before Excel applies the
 * request, and after it applied half of it) leaves the workbook as it was before the click —
 * protection included (its options and password), also on tabs an archive protected.
 */
import { CsatError, describeError, TABLE_4_1 } from '../../src/domain';
import { OfficeGateway } from '../../src/host/office/gateway';
import { generateActions } from '../../src/jobs/actions';
import { prepareArchive } from '../../src/jobs/archive';
import { generateCommReport, generateCommSheets } from '../../src/jobs/communication';
import { generateReport } from '../../src/jobs/report';
import { generateSurveyWorkbook } from '../../src/jobs/survey';
import type { ExcelGateway } from '../../src/plan';
import { sampleCommPlan, sampleCommRecords } from '../../src/sample/comm-sample';
import { sampleResponses } from '../../src/sample/sample-data';
import { ExcelFake } from '../helpers/office-excel';
import { diffNormal, normalFromFake, type NormalWorkbook } from '../helpers/office-normal';
import type { WorkbookState } from '../helpers/office-state';

const NOW = new Date(2026, 11, 20, 9, 30);
const { rows } = sampleResponses(TABLE_4_1);
type Job = (gw: ExcelGateway) => Promise<unknown>;
const survey: Job = (gw) => generateSurveyWorkbook(gw, { template: 'builtin', responses: rows, year: 2026 });
const report: Job = (gw) => generateReport(gw, { version: 't', now: NOW, period: '2026Q3' });
const actions: Job = (gw) => generateActions(gw, { period: '2026Q3' });
const archive: Job = (gw) => prepareArchive(gw, { now: NOW });
const archiveWithPassword: Job = (gw) => prepareArchive(gw, { now: NOW, password: 'csat-2026' });
const actionsQ2: Job = (gw) => generateActions(gw, { period: '2026Q2' });
const commSheets: Job = (gw) => generateCommSheets(gw, { planRows: sampleCommPlan(), recordRows: sampleCommRecords() });
const commToTracker: Job = (gw) => generateCommReport(gw, { version: 't', now: NOW, today: '2026-11-28', toTracker: true });

/** What a user could see of a workbook: the normalised cells and parts, plus protection, properties and tab settings. */
function visible(s: WorkbookState): string {
  return JSON.stringify({
    normal: normalFromFake(s),
    sheets: s.sheets.map((x) => [x.name, x.visibility, x.tabColor, x.freeze, x.protection ?? null]),
    names: s.names.map((n) => [n.name, n.formula]).sort(),
    properties: Object.fromEntries(Object.entries(s.properties).filter(([, v]) => v !== '')),
    custom: [...s.custom].sort(),
  });
}

/** Workbooks after each set-up, made once (each click under test gets a copy). */
const made = new Map<Job[], WorkbookState>();

async function prepared(setup: Job[]): Promise<{ fake: ExcelFake; gw: OfficeGateway }> {
  let state = made.get(setup);
  if (!state) {
    const fake = new ExcelFake();
    fake.addSheet('Sheet1'); // Excel's workbooks always have a sheet
    const gw = new OfficeGateway(fake.run);
    for (const job of setup) await gw.session(job);
    made.set(setup, (state = fake.snapshot()));
  }
  const fake = ExcelFake.from(state);
  return { fake, gw: new OfficeGateway(fake.run) };
}

const actionsUnderTest: [string, Job[], Job][] = [
  ['生成调查表 (new workbook)', [], survey],
  ['生成分析报告', [survey], report],
  ['生成分析报告 re-run (tabs refreshed)', [survey, report], report],
  ['纠正预防措施 appended to a tracker', [survey, (gw) => generateActions(gw, { period: '2026Q2' })], actions],
  ['归档准备', [survey, report], archive],
  ['归档准备 with a password', [survey, report, actionsQ2], archiveWithPassword],
  // The tracker the archive protected is unprotected, appended to and protected again; undo must lift it before clearing the rows.
  ['纠正预防措施 appended to a tracker the archive protected', [survey, actionsQ2, archive], actions],
  // Render 1 writes a new tab, render 2 appends to the protected tracker.
  ['沟通分析报告 to a tracker the archive protected', [survey, commSheets, actionsQ2, archive], commToTracker],
  ['生成分析报告 re-run after 归档准备 (tabs refreshed, protection kept)', [survey, report, archive], report],
];

describe('one Excel.run per user action', () => {
  it.each(actionsUnderTest)('%s: one run; syncs counted', async (_l, setup, job) => {
    const { fake, gw } = await prepared(setup);
    const runs = fake.runs;
    const syncs = fake.syncs;
    await gw.session(job);
    expect(fake.runs - runs).toBe(1);
    // Reads (listing, template, data, plan sheet, tables) and the render's 2–3 syncs: a small constant.
    expect(fake.syncs - syncs).toBeLessThanOrEqual(20);
    process.stdout.write(`syncs ${_l}: ${fake.syncs - syncs}\n`);
  });

  it('without a session the same report opens one run per gateway call', async () => {
    const { fake, gw } = await prepared([survey]);
    const runs = fake.runs;
    await report(gw);
    expect(fake.runs - runs).toBeGreaterThan(4);
    process.stdout.write(`runs 生成分析报告 without session: ${fake.runs - runs}\n`);
  });
});

describe('a failure at any sync leaves the workbook as before the click', () => {
  it.each(actionsUnderTest)('%s', async (_l, setup, job) => {
    const { fake: probe, gw: probeGw } = await prepared(setup);
    const first = probe.syncs;
    await probeGw.session(job);
    const count = probe.syncs - first;
    for (const mode of ['before', 'midway'] as const) {
      for (let k = 0; k < count; k++) {
        const { fake, gw } = await prepared(setup);
        const before = visible(fake.state);
        fake.failAt = { sync: fake.syncs + k, mode };
        await expect(gw.session(job)).rejects.toThrow(/injected failure/);
        const after = visible(fake.state);
        // A refreshed tab whose last request Excel rejected part-way is the documented exception (journal.ts).
        if (mode === 'midway' && k === count - 1 && _l.includes('re-run')) continue;
        if (after !== before) {
          const a = JSON.parse(after) as Record<string, unknown>;
          const b = JSON.parse(before) as Record<string, unknown>;
          const keys = Object.keys(a).filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]));
          const first = keys.map((key) => (key === 'normal' ? diffNormal(b[key] as NormalWorkbook, a[key] as NormalWorkbook).join(' | ') : `${key}: ${JSON.stringify(b[key]).slice(0, 300)} -> ${JSON.stringify(a[key]).slice(0, 300)}`));
          expect({ sync: k, mode, differs: first }).toEqual({ sync: k, mode, differs: [] });
        }
      }
    }
  });

  it('a cancel between two renders (import creating the survey first) takes back the first render too', async () => {
    const { fake, gw } = await prepared([]);
    const before = visible(fake.state);
    await expect(
      gw.session(async (g) => {
        await survey(g);
        throw new Error('cancelled');
      }),
    ).rejects.toThrow('cancelled');
    expect(visible(fake.state)).toBe(before);
  });
});

describe('tabs an archive protected', () => {
  const protectedTabs = (s: WorkbookState) => s.sheets.filter((x) => x.protection).map((x) => [x.name, x.protection]);

  it('a report run again refreshes its tabs and protects them again with the options they had', async () => {
    const { fake, gw } = await prepared([survey, report, archive]);
    const before = protectedTabs(fake.state);
    expect(before.map(([name]) => name)).toEqual(['分析报告-2026Q3', '趋势']);
    const start = fake.requests.length;
    await gw.session(report);
    const paths = fake.requests.slice(start).flatMap((r) => r.ops.map((o) => o.path));
    expect(paths).toContain('workbook.worksheets.getItem("分析报告-2026Q3").getRange().clear'); // really rewritten …
    expect(protectedTabs(fake.state)).toEqual(before); // … and protected as before, not silently left open
  });

  it('纠正预防措施 appends below the protected tracker and protects it again', async () => {
    const { fake, gw } = await prepared([survey, actionsQ2, archive]);
    const tracker = () => fake.state.sheets.find((x) => x.name === '纠正预防措施')!;
    const options = tracker().protection?.options;
    expect(options).toMatchObject({ allowFormatColumns: true, allowAutoFilter: true, allowSort: true, allowFormatCells: false });
    const ids = () => tracker().rows.filter((r) => r?.[0]?.v !== undefined && r[0].v !== null && r[0].v !== '').length;
    const rowsBefore = ids();
    await gw.session(actions);
    expect(ids()).toBeGreaterThan(rowsBefore);
    expect(tracker().protection).toEqual({ options });
  });
});

describe('a sheet protected with a password (归档准备 with a password)', () => {
  const cases: [string, Job[], Job, string][] = [
    ['纠正预防措施', [survey, actionsQ2, archiveWithPassword], actions, '纠正预防措施'],
    ['生成分析报告 re-run', [survey, report, archiveWithPassword], report, '分析报告-2026Q3'],
    ['沟通分析报告 to the tracker (after a first render of a new tab)', [survey, commSheets, actionsQ2, archiveWithPassword], commToTracker, '纠正预防措施'],
  ];

  it.each(cases)('%s: refused with a catalogued zh/en error naming the sheet; nothing written to it, nothing changed', async (_l, setup, job, sheet) => {
    const { fake, gw } = await prepared(setup);
    expect(fake.state.sheets.find((x) => x.name === sheet)?.protection?.password).toBe('csat-2026');
    const before = visible(fake.state);
    const start = fake.requests.length;
    const error: unknown = await gw.session(job).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CsatError);
    expect((error as CsatError).problems).toEqual([{ code: 'sheet-password-protected', params: { sheet } }]);
    expect(describeError(error, 'zh-CN')).toBe(`工作表"${sheet}"已用密码保护（例如归档时设置了密码），加载项无法修改它：请先在 Excel 中取消保护（审阅 → 撤消工作表保护），再运行此操作；工作簿未被改动`);
    expect(describeError(error, 'en-US')).toBe(`Sheet "${sheet}" is protected with a password (e.g. set when it was archived), so the add-in cannot change it: unprotect it in Excel first (Review → Unprotect Sheet), then run this again; the workbook was not changed`);
    // The refusal came before any write to the sheet was sent …
    const ops = fake.requests.slice(start).flatMap((r) => r.ops);
    expect(ops.filter((o) => o.kind !== 'load' && o.path.includes(`getItem("${sheet}")`) && !o.path.endsWith('protection.unprotect'))).toEqual([]);
    // … and whatever an earlier render of the click wrote is taken back.
    expect(visible(fake.state)).toBe(before);
  });

  it('a cancel after the archive protected tabs with a password lifts them with that password', async () => {
    const { fake, gw } = await prepared([survey, report, actionsQ2]);
    const before = visible(fake.state);
    await expect(
      gw.session(async (g) => {
        await archiveWithPassword(g);
        expect(fake.state.sheets.filter((x) => x.protection?.password === 'csat-2026').map((x) => x.name)).toEqual(['分析报告-2026Q3', '趋势', '纠正预防措施']);
        throw new Error('cancelled');
      }),
    ).rejects.toThrow('cancelled');
    expect(visible(fake.state)).toBe(before);
  });
});
