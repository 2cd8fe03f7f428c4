/** 生成分析报告 through both gateways: what it writes, what it never touches, what it refuses. */
import { TABLE_4_1, type CellValue } from '../../src/domain';
import { OfficeGateway } from '../../src/host/office/gateway';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { generateReport } from '../../src/jobs/report';
import { generateSurveyWorkbook } from '../../src/jobs/survey';
import { sampleResponses } from '../../src/sample/sample-data';
import { ExcelFake } from '../helpers/office-excel';
import { addUserSheet, reopen, setCells } from '../helpers/xlsx';

const version = '0.0.0-test';
const MB4 = 4 * 1024 * 1024;

async function demoWorkbook(): Promise<XlsxGateway> {
  const gw = XlsxGateway.empty();
  await generateSurveyWorkbook(gw, { responses: sampleResponses(TABLE_4_1).rows, plannedCustomers: [['廊坊市政务服务中心']] });
  return reopen(gw);
}

describe('generateReport (xlsx)', () => {
  it('writes the latest quarter\'s report tab and the trend tab, with charts', async () => {
    const gw = await demoWorkbook();
    const r = await generateReport(gw, { version, now: new Date(2026, 11, 31, 9, 30) });
    expect([r.report, r.trend]).toEqual(['分析报告-2026Q4', '趋势']);
    expect(r.analysis.responseRate?.missing).toEqual(['廊坊市政务服务中心']);
    const back = await reopen(gw);
    expect((await back.listSheets()).slice(-2)).toEqual([
      { name: '分析报告-2026Q4', owner: 'report_2026Q4' },
      { name: '趋势', owner: 'trend' },
    ]);
    const report = await back.readSheet('分析报告-2026Q4');
    expect(report[0][0]).toBe('客户满意度分析报告（2026Q4）');
    expect(String(report[1][0])).toMatch(/^生成时间 2026-12-31 09:30 ｜ 模板：表4-1.* ｜ 数据：调查数据!A1:V192 ｜ CSAT for Excel 0\.0\.0-test/);
    const overall = report.find((row) => row[0] === '总体满意度')!;
    expect(overall[1]).toBe(r.analysis.overall);
  });

  it('regenerating a quarter replaces only its tab and 趋势; other sheets are byte-for-byte the same', async () => {
    const gw = await demoWorkbook();
    await generateReport(gw, { version, period: '2026Q3' });
    await addUserSheet(gw, '我的笔记', [['别动我']]);
    const before = await Promise.all(['评分模板', '调查数据', '调查方案', '我的笔记'].map((s) => gw.readSheet(s)));
    const r = await generateReport(gw, { version, period: '2026Q3' });
    expect(r.notes[0].zh).toMatch(/^已更新"分析报告-2026Q3"/);
    const after = await Promise.all(['评分模板', '调查数据', '调查方案', '我的笔记'].map((s) => gw.readSheet(s)));
    expect(after).toEqual(before);
    expect((await gw.listSheets()).filter((s) => s.owner?.startsWith('report_')).map((s) => s.name)).toEqual(['分析报告-2026Q3']);
    await reopen(gw, 'regenerated report');
  });

  it.each([
    ['a period with no responses', { period: '2024Q1' }, /^2024Q1 没有调查答卷/],
    ['a group column that does not exist', { groupBy: '地区' }, /^调查数据中没有"地区"列/],
  ])('refuses %s and writes nothing', async (_name, options, message) => {
    const gw = await demoWorkbook();
    const sheets = await gw.listSheets();
    await expect(generateReport(gw, { version, ...options })).rejects.toThrow(message);
    expect(await gw.listSheets()).toEqual(sheets);
  });

  it('lists invalid answers and unreadable dates in the report, unscored', async () => {
    const gw = await demoWorkbook();
    await setCells(gw, '调查数据', { H150: '非常满意', E151: '十月' });
    const r = await generateReport(gw, { version });
    expect(r.notes.map((n) => n.zh).join('\n')).toMatch(/无法识别（第一个：调查数据!E151）/);
    const report = await gw.readSheet(r.report);
    const section = report.findIndex((row) => String(row[0]).startsWith('九、'));
    expect(section).toBeGreaterThan(0);
    expect(report.slice(section).some((row) => row[0] === '调查数据!E151')).toBe(true);
    await reopen(gw, 'report on edited data');
  });
});

describe('generateReport in Excel (stateful fake)', () => {
  function workbook(n: number) {
    const { header, rows } = sampleResponses(TABLE_4_1);
    const q4 = rows.filter((r) => String(r[4]) >= '2026-10-01');
    const values: CellValue[][] = [header, ...Array.from({ length: n }, (_, i) => q4[i % q4.length])];
    return ExcelFake.with([{ name: '调查数据', values }], [{ name: 'CSAT_OWNED_responses', formula: "='调查数据'!$A$1" }]);
  }

  it('renders the report in the same number of syncs for 10 and 100,000 responses, requests under 4 MB', async () => {
    const counts: number[] = [];
    for (const n of [10, 100_000]) {
      const fake = workbook(n);
      const gw = new OfficeGateway(fake.run);
      const before = fake.snapshot().sheets.find((s) => s.name === '调查数据')!;
      const r = await generateReport(gw, { version });
      expect(r.analysis.respondents).toBe(n);
      counts.push(gw.lastRender!.syncs);
      expect(Math.max(...fake.requests.map((q) => q.bytes))).toBeLessThan(MB4);
      expect(Math.max(...fake.requests.map((q) => q.responseBytes))).toBeLessThan(MB4);
      // The responses are read, never written: no property set and no call but getters on that sheet.
      const onData = fake.ops().filter((o) => o.path.includes('getItem("调查数据")'));
      expect(onData.filter((o) => o.kind === 'set' || (o.kind === 'call' && !/\.(getUsedRangeOrNullObject|getRange)$/.test(o.path)))).toEqual([]);
      const after = fake.state.sheets.find((s) => s.name === '调查数据')!;
      expect([after.rows.length, after.formats.length, after.merges.length]).toEqual([before.rows.length, before.formats.length, before.merges.length]);
      if (n === 10) expect(after.rows).toEqual(before.rows);
    }
    expect(counts[1]).toBe(counts[0]);
  });

  it('adds native charts bound to the report\'s cells', async () => {
    const fake = workbook(10);
    await generateReport(new OfficeGateway(fake.run), { version });
    const charts = fake.ops().filter((o) => o.kind === 'call' && o.path.endsWith('.charts.add'));
    expect(charts.map((c) => (c.value as unknown[])[0])).toEqual(['Line', 'BarClustered', 'BarStacked100', 'ColumnClustered', 'BarClustered', 'XYScatter', 'Line']);
    // In the workbook: each chart's first series reads the report's (or the trend's) own cells.
    expect(fake.state.charts.map((c) => c.series[0].values?.split('!')[0])).toEqual([...Array(6).fill('分析报告-2026Q4'), '趋势']);
  });
});
