/** Closing the loop through the gateways: the tracker is append-only; communication analysis; report §十. */
import { TABLE_4_1, type CellValue } from '../../src/domain';
import { OfficeGateway } from '../../src/host/office/gateway';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { generateActions } from '../../src/jobs/actions';
import { generateCommReport, generateCommSheets } from '../../src/jobs/communication';
import { generateReport } from '../../src/jobs/report';
import { generateSurveyWorkbook } from '../../src/jobs/survey';
import { sampleCommPlan, sampleCommRecords } from '../../src/sample/comm-sample';
import { sampleResponses } from '../../src/sample/sample-data';
import { ExcelFake } from '../helpers/office-excel';
import { reopen, setCells } from '../helpers/xlsx';

async function surveyed(): Promise<XlsxGateway> {
  const gw = XlsxGateway.empty();
  await generateSurveyWorkbook(gw, { responses: sampleResponses(TABLE_4_1).rows });
  return reopen(gw);
}

describe('纠正预防措施 tracker', () => {
  it('appends only new findings and never changes a row a user edited', async () => {
    const gw = await surveyed();
    const first = await generateActions(gw, { period: '2026Q3' });
    expect(first.added.length).toBeGreaterThan(3);
    await setCells(gw, '纠正预防措施', { E2: '排班不足', J2: '整改中' });
    const before = await gw.readSheet('纠正预防措施');
    const again = await generateActions(gw, { period: '2026Q3' });
    expect(again.added).toEqual([]);
    expect(again.notes[0].zh).toMatch(/^没有新的发现需要跟踪/);
    const q4 = await generateActions(gw, { period: '2026Q4' });
    const after = await gw.readSheet('纠正预防措施');
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.length).toBe(before.length + q4.added.length);
    expect(after[before.length][0]).toBe(`CA-2026-${String(first.added.length + 1).padStart(3, '0')}`);
    expect(String(after[before.length][1])).toMatch(/^2026Q4 \//);
    await reopen(gw, 'tracker after two appends');
  });

  it('in Excel, writes only the new rows below the last one: no clear, no other cell', async () => {
    const gw = await surveyed();
    await generateActions(gw, { period: '2026Q3' });
    const tracker = await gw.readSheet('纠正预防措施');
    const data = await gw.readSheet('调查数据');
    const fake = ExcelFake.with(
      [{ name: '调查数据', values: data.map((r) => [...r]) }, { name: '纠正预防措施', values: tracker.map((r) => [...r]) }],
      [{ name: 'CSAT_OWNED_responses', formula: "='调查数据'!$A$1" }, { name: 'CSAT_OWNED_actions', formula: "='纠正预防措施'!$A$1" }],
    );
    const before = fake.snapshot();
    const r = await generateActions(new OfficeGateway(fake.run), { period: '2026Q4' });
    // Writes on the tracker address only rows below the last one (the header row A1:… is re-asserted).
    const writes = fake.ops().filter((o) => o.kind === 'set' && o.path.includes('getItem("纠正预防措施").getRange('));
    const ranges = writes.map((o) => /getRange\("([^"]+)"\)/.exec(o.path)![1]).filter((a) => !a.startsWith('A1:') && !a.startsWith('A1"'));
    expect(ranges.every((a) => Number(/\d+/.exec(a)![0]) >= tracker.length + 1)).toBe(true);
    expect(ranges.length).toBeGreaterThan(0);
    // In the workbook state: every existing tracker row is as it was, the new rows follow it.
    const sheet = (s: typeof before) => s.sheets.find((x) => x.name === '纠正预防措施')!;
    expect(sheet(fake.state).rows.slice(0, tracker.length)).toEqual(sheet(before).rows.slice(0, tracker.length));
    expect(sheet(fake.state).rows.length).toBe(tracker.length + r.added.length);
    expect(fake.state.sheets.find((x) => x.name === '调查数据')!.rows).toEqual(before.sheets.find((x) => x.name === '调查数据')!.rows);
    expect(fake.ops().some((o) => /\.(clear|delete|unmerge)$/.test(o.path))).toBe(false);
    expect(r.added.length).toBeGreaterThan(0);
  });

  it('feeds the next report: closure, overdue and effect verification', async () => {
    const gw = await surveyed();
    await generateActions(gw, { period: '2026Q3', decorate: (row, i) => ({ ...row, state: i === 0 ? '已验证' : '整改中', plannedDate: '2026-10-01', result: i === 0 ? '有效' : undefined }) });
    const r = await generateReport(gw, { version: 't', now: new Date(2026, 10, 28) });
    const report = await gw.readSheet(r.report);
    const at = report.findIndex((row) => /^[一二三四五六七八九十]+、纠正预防措施跟踪/.test(String(row[0])));
    expect(at).toBeGreaterThan(0);
    // Sections are numbered without a gap (this data has no invalid answers, so no 无效答案 section).
    const numerals = report.map((row) => /^([一二三四五六七八九十]+)、/.exec(String(row[0] ?? ''))?.[1]).filter((x): x is string => x !== undefined);
    expect(numerals).toEqual(['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三'].slice(0, numerals.length));
    const section = report.slice(at);
    expect(section.find((row) => row[0] === '关闭率')![1]).toBeGreaterThan(0);
    expect(section.find((row) => row[0] === '逾期未完成')![1]).toBeGreaterThan(0);
    const effect = section.find((row) => row[0] === 'CA-2026-001')!;
    expect(effect.slice(2, 5)).toEqual(['2026Q3', effect[3], '2026Q4']);
    await reopen(gw, 'tracker and report');
  });
});

describe('客户沟通', () => {
  it('writes the plan and record sheets with exactly the policy headers in row 1', async () => {
    const gw = XlsxGateway.empty();
    await generateCommSheets(gw);
    expect((await gw.readRange('年度客户沟通计划', 'A1:H1'))[0]).toEqual(['客户名称', '沟通层级', '沟通方式', '计划频次', '沟通内容', '负责人', '计划时间', null]);
    expect((await gw.readRange('客户沟通记录', 'A1:J1'))[0]).toEqual(['沟通日期', '客户名称', '沟通层级', '沟通方式', '参与人员', '内容摘要', '客户意见', '需改进事项', '跟踪状态', null]);
    const again = await generateCommSheets(gw);
    expect(again.notes.map((n) => n.zh)).toEqual(['已保留"年度客户沟通计划"（其中的数据未改动）', '已保留"客户沟通记录"（其中的数据未改动）']);
  });

  it('analyses the records into 客户沟通分析-YYYY and sends 需改进事项 to the tracker', async () => {
    const gw = XlsxGateway.empty();
    await generateCommSheets(gw, { planRows: sampleCommPlan(), recordRows: sampleCommRecords() });
    const records: CellValue[][] = (await gw.readSheet('客户沟通记录')).map((r) => [...r]);
    const r = await generateCommReport(gw, { version: 't', today: '2026-11-28', toTracker: true });
    expect(r.sheet).toBe('客户沟通分析-2026');
    expect(r.analysis.findings.map((f) => f.kind).sort()).toEqual(['missing', 'more-than-planned', 'not-in-plan', 'wrong-method']);
    expect(r.notes.at(-1)!.zh).toMatch(/^已在"纠正预防措施"新增 4 条措施/);
    expect(await gw.readSheet('客户沟通记录')).toEqual(records); // nothing the user typed is rewritten
    const tab = await gw.readSheet('客户沟通分析-2026');
    expect(tab[0][0]).toBe('客户沟通分析报告（2026 年）');
    expect(tab.some((row) => row[0] === '客户沟通记录!A31')).toBe(true);
    await reopen(gw, 'communication sheets, analysis and tracker');
  });

  it('asks for the sheets when the workbook has none', async () => {
    await expect(generateCommReport(XlsxGateway.empty(), { version: 't' })).rejects.toThrow('工作簿中没有"年度客户沟通计划"工作表：请先"生成沟通计划表"');
  });
});
