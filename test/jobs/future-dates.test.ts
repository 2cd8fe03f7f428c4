/**
 * Future dates, said clearly (issue 20, item 3). The pane said "有 13 份答卷的调查日期晚于今天…默认统计期间
 * 不考虑它们" while the report it wrote counted them (they were in today's own quarter, or the pane had
 * picked the latest quarter in the data itself). Now the note says which period was chosen and how, how
 * many of those rows it counts and where the others belong; the report lists them, with their cells, in
 * 无效答案与无法识别的日期; and the CLI, the pane and every job take the same today — the system date
 * unless `--today` (todayIso).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isoDay, TABLE_4_1, todayIso, type CellValue, type Grid } from '../../src/domain';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { inspectionOf } from '../../src/jobs/inspect';
import { generateReport } from '../../src/jobs/report';
import { generateSurveyWorkbook } from '../../src/jobs/survey';
import { loadSurveyData } from '../../src/jobs/survey-data';

const ITEMS = TABLE_4_1.items.map((i) => i.name);
const LEVELS = ['满意', '较满意', '一般', '满意', '较满意'];

/** 调查数据 rows (客户名称, 客户分组, 项目名称, 调查方式, 调查日期 = column E, 调查人, the items, 意见与建议), one per date. */
async function workbook(dates: string[]): Promise<XlsxGateway> {
  const gw = XlsxGateway.empty();
  const rows: CellValue[][] = dates.map((d, i) => [`客户${i + 1}`, i % 2 ? '政府' : '金融', '', '电话访问', d, '王敏', ...ITEMS.map((_, k) => LEVELS[(i + k) % LEVELS.length]), '']);
  await generateSurveyWorkbook(gw, { template: 'builtin', responses: rows });
  return XlsxGateway.open(await gw.save());
}

/** Rows 2–4 in 2026Q3, 5–7 in 2026Q4 up to today (2026-12-03, itself not the future), 8–9 later in 2026Q4, 10 in 2027Q1. */
const DATES = ['2026-08-01', '2026-08-15', '2026-09-20', '2026-10-10', '2026-11-20', '2026-12-03', '2026-12-10', '2026-12-20', '2027-01-15'];
const TODAY = '2026-12-03';
const EXAMPLES = '调查数据!E8 2026-12-10、调查数据!E9 2026-12-20、调查数据!E10 2027-01-15；今天为 2026-12-03';

const warnings = (r: { notes: { level: string; zh: string }[] }) => r.notes.filter((n) => n.level === 'warning').map((n) => n.zh);

/** The report tab's rows whose first cell matches. */
const rowsOf = (sheet: Grid, first: RegExp) => sheet.filter((row) => first.test(String(row[0] ?? '')));

describe('the note about survey dates after today says what the report did', () => {
  it('by default: today\'s quarter, counting its later dates, and not the next quarter\'s', async () => {
    const gw = await workbook(DATES);
    const r = await generateReport(gw, { version: 't', today: TODAY });
    expect(r.analysis.period).toBe('2026Q4');
    expect(r.analysis.respondents).toBe(5); // 10-10, 11-20, 12-03 and the two later December rows
    expect(warnings(r)).toContain(
      `有 3 份答卷的调查日期晚于今天（${EXAMPLES}）。统计期间 2026Q4（默认：截至今天有答卷的最近一个季度）：其中 2 份在该期间内，已计入本报告；另 1 份属于 2027Q1，不在该期间内，未计入；已列在报告的"无效答案与无法识别的日期"中，请核对日期`,
    );
    expect(r.notes.find((n) => n.zh.startsWith('有 3 份'))!.en).toBe(
      '3 responses are dated after today (调查数据!E8 2026-12-10, 调查数据!E9 2026-12-20, 调查数据!E10 2027-01-15; today is 2026-12-03). Period 2026Q4 (the default: the latest quarter with responses up to today): 2 of them are in it and counted in this report; 1 belongs to 2027Q1, outside it, and is not counted; listed in the report under 无效答案与无法识别的日期 — check the dates',
    );
  });

  it('for a quarter chosen (as the pane sends it): says so, and counts exactly its own rows', async () => {
    const gw = await workbook(DATES);
    const later = await generateReport(gw, { version: 't', today: TODAY, period: '2027Q1' });
    expect(later.analysis.respondents).toBe(1);
    expect(warnings(later)).toContain(
      `有 3 份答卷的调查日期晚于今天（${EXAMPLES}）。统计期间 2027Q1（所选）：其中 1 份在该期间内，已计入本报告；另 2 份属于 2026Q4，不在该期间内，未计入；已列在报告的"无效答案与无法识别的日期"中，请核对日期`,
    );
    const earlier = await generateReport(gw, { version: 't', today: TODAY, period: '2026Q3' });
    expect(warnings(earlier)).toContain(
      `有 3 份答卷的调查日期晚于今天（${EXAMPLES}）。统计期间 2026Q3（所选）：3 份属于 2026Q4、2027Q1，不在该期间内，未计入；已列在报告的"无效答案与无法识别的日期"中，请核对日期`,
    );
    // Choosing the quarter the default would take is still the default.
    const same = await generateReport(gw, { version: 't', today: TODAY, period: '2026Q4' });
    expect(warnings(same).join('\n')).toContain('统计期间 2026Q4（默认：截至今天有答卷的最近一个季度）');
  });

  it('when every date is after today: the latest quarter, said as such', async () => {
    const gw = await workbook(DATES);
    const r = await generateReport(gw, { version: 't', today: '2026-01-01' });
    expect(r.analysis.period).toBe('2027Q1');
    expect(warnings(r).join('\n')).toMatch(/^有 9 份答卷的调查日期晚于今天（调查数据!E2 2026-08-01、.* 等；今天为 2026-01-01）。统计期间 2027Q1（默认：没有截至今天的答卷，取数据中最近的季度）：其中 1 份在该期间内，已计入本报告；另 8 份属于 2026Q3、2026Q4，不在该期间内，未计入；/m);
  });

  it('更新趋势 says the trend counts them in their quarters', async () => {
    const gw = await workbook(DATES);
    const r = await generateReport(gw, { version: 't', today: TODAY, trendOnly: true });
    expect(warnings(r)).toContain(`有 3 份答卷的调查日期晚于今天（${EXAMPLES}），趋势中已计入其所在季度（2026Q4、2027Q1）；请核对日期`);
  });

  it('no dates after today, no note', async () => {
    const r = await generateReport(await workbook(DATES), { version: 't', today: '2027-02-01' });
    expect(r.notes.map((n) => n.zh).join('\n')).not.toContain('晚于今天');
  });
});

describe('the report lists the dates after today in 无效答案与无法识别的日期, with their cells', () => {
  it('each row says whether the period counts it; the heading no longer says 未计入 for them all', async () => {
    const gw = await workbook(DATES);
    const r = await generateReport(gw, { version: 't', today: TODAY });
    const sheet = await gw.readSheet(r.report);
    const heading = rowsOf(sheet, /、无效答案与无法识别的日期/);
    expect(heading.map((row) => row[0])).toEqual([expect.stringMatching(/^[一二三四五六七八九十]+、无效答案与无法识别的日期$/)]);
    expect(rowsOf(sheet, /^调查数据!E\d+$/).map((row) => row.slice(0, 3))).toEqual([
      ['调查数据!E8', '调查日期（晚于今天 2026-12-03）', '2026-12-10：在 2026Q4 内，已计入'],
      ['调查数据!E9', '调查日期（晚于今天 2026-12-03）', '2026-12-20：在 2026Q4 内，已计入'],
      ['调查数据!E10', '调查日期（晚于今天 2026-12-03）', '2027-01-15：属于 2027Q1，不在 2026Q4 内，未计入'],
    ]);
    expect(sheet.some((row) => row[0] === '无效答案和无法识别的日期未计入；晚于今天的 3 个调查日期中有 2 个在 2026Q4 内，已计入本报告（请核对日期）。')).toBe(true);
    // 调查概况 says it where the dates are.
    expect(rowsOf(sheet, /^调查日期$/)[0][1]).toBe('2026-10-10 至 2026-12-20（其中 2 份晚于今天 2026-12-03，已计入，见"无效答案与无法识别的日期"一节）');
  });

  it('when none of them is in the period, the heading keeps （未计入）', async () => {
    const gw = await workbook(DATES);
    const r = await generateReport(gw, { version: 't', today: TODAY, period: '2026Q3' });
    const sheet = await gw.readSheet(r.report);
    expect(rowsOf(sheet, /、无效答案与无法识别的日期/).map((row) => row[0])).toEqual([expect.stringMatching(/、无效答案与无法识别的日期（未计入）$/)]);
    expect(rowsOf(sheet, /^调查数据!E\d+$/).map((row) => row[2])).toEqual([
      '2026-12-10：属于 2026Q4，不在 2026Q3 内，未计入',
      '2026-12-20：属于 2026Q4，不在 2026Q3 内，未计入',
      '2027-01-15：属于 2027Q1，不在 2026Q3 内，未计入',
    ]);
    expect(rowsOf(sheet, /^调查日期$/)[0][1]).toBe('2026-08-01 至 2026-09-20');
  });
});

describe('one today for the CLI, the pane and every job', () => {
  /** Dates around the real today: last quarter, today, and one in the next quarter (the future). */
  const day = (offset: number) => isoDay(new Date(Date.now() + offset * 86_400_000));
  const around = [day(-100), day(-95), day(0), day(0), day(100)];

  it('todayIso: the system\'s local date unless a day is given', () => {
    expect(todayIso()).toBe(isoDay(new Date()));
    expect(todayIso('2026-01-02')).toBe('2026-01-02');
    expect(todayIso(undefined, new Date(2026, 4, 6, 23, 59))).toBe('2026-05-06');
  });

  it('the pane offers the quarter the report takes by default, as of the same today', async () => {
    const gw = await workbook(around);
    const inspection = inspectionOf(await loadSurveyData(gw));
    expect(inspection.today).toBe(isoDay(new Date()));
    const report = await generateReport(gw, { version: 't' });
    expect(inspection.defaultPeriod).toBe(report.analysis.period);
    expect(inspection.quarters[0]).not.toBe(report.analysis.period); // the latest quarter holds only the future row
    expect(inspection.future?.map((f) => f.value)).toEqual([day(100)]);
    expect(warnings(report).join('\n')).toContain(`今天为 ${isoDay(new Date())}）。统计期间 ${report.analysis.period}（默认`);
    // --today moves it for both.
    expect(inspectionOf(await loadSurveyData(gw), day(100)).defaultPeriod).toBe((await generateReport(gw, { version: 't', today: day(100) })).analysis.period);
  });

  it('纠正预防措施 and the report take the local day, not the UTC one (a late evening in UTC is already tomorrow in UTC+8)', () => {
    // A node of its own in Beijing time, its clock at 2026-12-31 20:00 UTC = 2027-01-01 04:00 local, running
    // the built jobs (npm run build:cli): the 2027-01-01 answer is today's, so 2027Q1 is the default.
    const script = `
      const Real = Date;
      const fixed = Real.parse('2026-12-31T20:00:00Z');
      global.Date = class extends Real { constructor(...a) { super(...(a.length ? a : [fixed])); } static now() { return fixed; } };
      const dist = ${JSON.stringify(path.join(__dirname, '../../dist-node/src'))};
      const { todayIso } = require(dist + '/domain');
      const { XlsxGateway } = require(dist + '/host/xlsx/gateway');
      const { generateSurveyWorkbook } = require(dist + '/jobs/survey');
      const { generateActions } = require(dist + '/jobs/actions');
      const { generateReport } = require(dist + '/jobs/report');
      (async () => {
        const gw = XlsxGateway.empty();
        const items = ${JSON.stringify(ITEMS)};
        const rows = ['2026-12-01', '2026-12-02', '2027-01-01'].map((d, i) => ['客户' + i, '', '', '电话访问', d, '', ...items.map(() => '满意'), '']);
        await generateSurveyWorkbook(gw, { template: 'builtin', responses: rows });
        const actions = await generateActions(gw);
        const report = await generateReport(gw, { version: 't' });
        console.log(JSON.stringify({ today: todayIso(), actions: actions.period, report: report.analysis.period }));
      })();`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, TZ: 'Asia/Shanghai' } });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ today: '2027-01-01', actions: '2027Q1', report: '2027Q1' });
  });

  it('csat report takes the system date, or --today', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'csat-today-'));
    try {
      const file = path.join(tmp, 'around.xlsx');
      writeFileSync(file, await (await workbook(around)).save());
      const csat = (...args: string[]) => spawnSync(process.execPath, [path.join(__dirname, '../../bin/csat.js'), 'report', file, ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'zh_CN.UTF-8' } });
      const plain = csat('--out', path.join(tmp, 'a.xlsx'));
      expect(plain.status).toBe(0);
      expect(plain.stderr).toContain(`今天为 ${isoDay(new Date())}）`);
      const given = csat('--today', day(-1), '--out', path.join(tmp, 'b.xlsx'));
      expect(given.status).toBe(0);
      expect(given.stderr).toContain(`今天为 ${day(-1)}）`);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
