/** 归档准备: properties, checklist, protection, frozen CSAT formulas — and what Excel's path does. */
import { keepUntil, periodEnd, recordChecklist, TABLE_4_1 } from '../../src/domain';
import { OfficeGateway } from '../../src/host/office/gateway';
import { readCustomProperties } from '../../src/host/xlsx/custom-properties';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { prepareArchive } from '../../src/jobs/archive';
import { generateReport } from '../../src/jobs/report';
import { generateSurveyWorkbook } from '../../src/jobs/survey';
import { sampleResponses } from '../../src/sample/sample-data';
import { ExcelFake } from '../helpers/office-excel';
import { cellOf, coreProperties, formulaAt, reopen, sheetElement } from '../helpers/xlsx';

describe('retention and records', () => {
  it('keeps records at least three years after the period ends', () => {
    expect(keepUntil(periodEnd('2026Q4'))).toBe('2029-12-31');
    expect(keepUntil(periodEnd('2026Q1'))).toBe('2029-03-31');
    expect(keepUntil('2024-02-29')).toBe('2027-02-28');
  });

  it('checks the five records of §7 against the owned sheets', () => {
    const c = recordChecklist([{ name: '客户满意度调查表', owner: 'form' }, { name: '分析报告-2026Q3', owner: 'report_2026Q3' }, { name: '我的表' }]);
    expect(c.map((r) => [r.record, r.present])).toEqual([
      ['《客户满意度调查表》', true],
      ['《客户满意度分析报告》', true],
      ['《年度客户沟通计划》', false],
      ['《客户沟通记录》', false],
      ['《客户沟通分析报告》', false],
    ]);
  });
});

describe('prepareArchive (file copy)', () => {
  it('writes properties, the checklist, protects reports and freezes the CSAT formula', async () => {
    const gw = XlsxGateway.empty();
    await generateSurveyWorkbook(gw, { responses: sampleResponses(TABLE_4_1).rows });
    await generateReport(gw, { version: 't' });
    const r = await prepareArchive(gw, { password: 'secret', now: new Date(2027, 0, 10) });
    expect(r.properties.custom).toEqual({
      文件编号: 'XDYJ-04-03',
      记录名称: '客户满意度调查表、客户满意度分析报告',
      统计期间: '2026Q4',
      编制部门: '服务台',
      归档日期: '2027-01-10',
      保存期限至: '2029-12-31',
    });
    expect(r.protectedSheets).toEqual(['分析报告-2026Q4', '趋势']);
    expect(r.frozen).toEqual(['调查数据!Y2', '调查方案!B9']);
    const back = await reopen(gw);
    expect(await readCustomProperties(back.pkg)).toEqual(r.properties.custom);
    const core = await coreProperties(back);
    expect(core.title).toBe('客户满意度记录 2026Q4');
    expect(core.keywords).toContain('XDYJ-04-03');
    const frozen = await cellOf(back, '调查数据', 'Y2');
    expect(typeof frozen).toBe('number');
    expect(frozen as number).toBeGreaterThan(0.8);
    // Frozen: a plain value, no formula left; the native-formula overall beside it stays live.
    // The package editor edits the frozen cells only; the original formula is recorded in 归档清单.
    expect(await formulaAt(back, '调查数据', 'Y2')).toBeUndefined();
    const list = await back.readSheet('归档清单');
    expect(list.find((row) => row[0] === '调查数据!Y2')?.[2]).toBe('=CSAT.OVERALL(调查数据表[#All],CSAT_TEMPLATE)');
    // 调查方案's live 样本量 is frozen the same way (a whole number of responses), its formula recorded.
    expect(Number.isInteger(await cellOf(back, '调查方案', 'B9'))).toBe(true);
    expect(await formulaAt(back, '调查方案', 'B9')).toBeUndefined();
    expect(list.find((row) => row[0] === '调查方案!B9')?.[2]).toBe('=CSAT.SAMPLESIZE(调查数据表[#All],0.02,CSAT_TEMPLATE)');
    expect(await cellOf(back, '调查数据', 'X3')).toBe('总体满意度（原生公式）');
    expect(await formulaAt(back, '调查数据', 'Y3')).toMatch(/^IF\(SUM\(/);
    expect(await sheetElement(back, '分析报告-2026Q4', 'sheetProtection')).toMatchObject({ sheet: '1', algorithmName: 'SHA-512' });
    expect(await sheetElement(back, '趋势', 'sheetProtection')).toMatchObject({ sheet: '1' });
    const checklist = (await back.readSheet('归档清单')).slice(4, 9).map((row) => [row[0], row[1]]);
    expect(checklist).toEqual([
      ['《客户满意度调查表》', '具备'],
      ['《客户满意度分析报告》', '具备'],
      ['《年度客户沟通计划》', '缺失'],
      ['《客户沟通记录》', '缺失'],
      ['《客户沟通分析报告》', '缺失'],
    ]);
  });
});

describe('prepareArchive in Excel (stateful fake)', () => {
  it('sets the custom properties through workbook.properties.custom and protects, leaving formulas live', async () => {
    const fake = ExcelFake.with([{ name: '分析报告-2026Q3' }], [{ name: 'CSAT_OWNED_report_2026Q3', formula: "='分析报告-2026Q3'!$A$1" }]);
    const r = await prepareArchive(new OfficeGateway(fake.run), { now: new Date(2026, 9, 5) });
    const custom = fake.ops().filter((o) => o.path === 'workbook.properties.custom.add').map((o) => (o.value as unknown[])[0]);
    expect(custom).toEqual(['文件编号', '记录名称', '统计期间', '编制部门', '归档日期', '保存期限至']);
    expect(fake.ops().some((o) => o.path.endsWith('getItem("分析报告-2026Q3").protection.protect'))).toBe(true);
    // What Excel holds afterwards: the properties, the report protected, the 归档清单 tab.
    expect([...fake.state.custom.keys()]).toEqual(['文件编号', '记录名称', '统计期间', '编制部门', '归档日期', '保存期限至']);
    expect(fake.state.custom.get('保存期限至')).toBe('2029-09-30');
    expect(fake.state.sheets.find((s) => s.name === '分析报告-2026Q3')?.protection).toBeDefined();
    expect(fake.state.sheets.map((s) => s.name)).toContain('归档清单');
    expect(r.frozen).toEqual([]);
    expect(r.properties.custom['保存期限至']).toBe('2029-09-30');
  });
});
