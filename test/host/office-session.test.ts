/**
 * One Excel.run per user action, and nothing half-written: each job runs in one OfficeGateway
 * session against the stateful fake; a failure injected at every sync (before Excel applies the
 * request, and after it applied half of it) leaves the workbook as it was before the click.
 */
import { TABLE_4_1 } from '../../src/domain';
import { OfficeGateway } from '../../src/host/office/gateway';
import { generateActions } from '../../src/jobs/actions';
import { prepareArchive } from '../../src/jobs/archive';
import { generateReport } from '../../src/jobs/report';
import { generateSurveyWorkbook } from '../../src/jobs/survey';
import type { ExcelGateway } from '../../src/plan';
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

/** What a user could see of a workbook: the normalised cells and parts, plus protection, properties and tab settings. */
function visible(s: WorkbookState): string {
  return JSON.stringify({
    normal: normalFromFake(s),
    sheets: s.sheets.map((x) => [x.name, x.visibility, x.tabColor, x.freeze, Boolean(x.protection)]),
    names: s.names.map((n) => [n.name, n.formula]).sort(),
    properties: Object.fromEntries(Object.entries(s.properties).filter(([, v]) => v !== '')),
    custom: [...s.custom].sort(),
  });
}

async function prepared(setup: Job[]): Promise<{ fake: ExcelFake; gw: OfficeGateway }> {
  const fake = new ExcelFake();
  fake.addSheet('Sheet1'); // Excel's workbooks always have a sheet
  const gw = new OfficeGateway(fake.run);
  for (const job of setup) await gw.session(job);
  return { fake, gw };
}

const actionsUnderTest: [string, Job[], Job][] = [
  ['生成调查表 (new workbook)', [], survey],
  ['生成分析报告', [survey], report],
  ['生成分析报告 re-run (tabs refreshed)', [survey, report], report],
  ['纠正预防措施 appended to a tracker', [survey, (gw) => generateActions(gw, { period: '2026Q2' })], actions],
  ['归档准备', [survey, report], archive],
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
