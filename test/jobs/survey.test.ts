/** 生成调查表 through both gateways: what is created, kept, refreshed — and what is never touched. */
import { CsatError, TABLE_4_1, validateTemplate } from '../../src/domain';
import { OfficeGateway } from '../../src/host/office/gateway';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { generateSurveyWorkbook } from '../../src/jobs/survey';
import { ExcelFake } from '../helpers/office-excel';
import { ITEMS } from '../helpers/grids';
import { addUserSheet, cellOf, reopen, setCells } from '../helpers/xlsx';

describe('generateSurveyWorkbook', () => {
  it('creates the four survey sheets in an empty workbook', async () => {
    const gw = XlsxGateway.empty();
    const r = await generateSurveyWorkbook(gw);
    expect(r.sheets.map((s) => [s.name, s.action])).toEqual([
      ['评分模板', 'create'],
      ['调查数据', 'create'],
      ['客户满意度调查表', 'create'],
      ['调查方案', 'create'],
    ]);
    expect(r.notes.map((n) => n.zh)).toEqual(['已创建"评分模板"', '已创建"调查数据"', '已创建"客户满意度调查表"', '已创建"调查方案"']);
  });

  it('keeps the users\' rows and edits when run again, and refreshes the printable form', async () => {
    const gw = XlsxGateway.empty();
    await generateSurveyWorkbook(gw);
    await setCells(gw, '调查数据', { A2: '张三的客户', G2: '满意' });
    await setCells(gw, '调查方案', { B3: '2027年度客户满意度调查' });
    const again = await reopen(gw);
    const r = await generateSurveyWorkbook(again);
    expect(r.sheets.map((s) => s.action)).toEqual(['keep', 'keep', 'refresh', 'keep']);
    const after = await reopen(again);
    expect(await cellOf(after, '调查数据', 'A2')).toBe('张三的客户');
    expect(await cellOf(after, '调查数据', 'G2')).toBe('满意');
    expect(await cellOf(after, '调查方案', 'B3')).toBe('2027年度客户满意度调查');
    expect(r.notes[0].zh).toBe('已保留"评分模板"（其中的数据和修改未改动）');
  });

  it('never overwrites a sheet it does not own: the new sheet takes a free name', async () => {
    const gw = XlsxGateway.empty();
    await addUserSheet(gw, '调查数据', [['我自己的表']]);
    const r = await generateSurveyWorkbook(gw);
    expect(r.names.responses).toBe('调查数据 (2)');
    expect(r.notes[1]).toMatchObject({ level: 'warning', zh: '工作表"调查数据"不是本加载项创建的，未作改动；新表命名为"调查数据 (2)"' });
    const after = await reopen(gw);
    expect(await after.readSheet('调查数据')).toEqual([['我自己的表']]);
    expect((await after.listSheets()).find((s) => s.owner === 'responses')?.name).toBe('调查数据 (2)');
  });

  it('in Excel, sends no operation at all to a sheet it does not own', async () => {
    const fake = ExcelFake.with([{ name: '调查数据', values: [['我自己的表']] }]);
    const mine = JSON.stringify(fake.state.sheets[0].rows);
    const r = await generateSurveyWorkbook(new OfficeGateway(fake.run));
    expect(r.names.responses).toBe('调查数据 (2)');
    const touching = fake.ops().filter((o) => o.path.includes('getItem("调查数据")'));
    expect(touching).toEqual([]);
    expect(JSON.stringify(fake.state.sheets.find((s) => s.name === '调查数据')!.rows)).toBe(mine);
    expect(fake.state.tables.every((t) => t.sheetId !== fake.state.sheets[0].id)).toBe(true);
    // The new sheet's formulas point at the renamed table and the template, never at the user's sheet.
    const formulas = JSON.stringify(fake.ops().filter((o) => o.path.endsWith('.formulas')));
    expect(formulas).toContain("'调查数据 (2)'!$G:$G");
    expect(formulas).not.toContain("'调查数据'!");
  });

  it('uses the workbook\'s edited 评分模板, and names the cells of a bad one', async () => {
    const gw = XlsxGateway.empty();
    await generateSurveyWorkbook(gw);
    await setCells(gw, '评分模板', { B5: 20 }); // 专业技术 10 → 20: weights now add up to 110
    await expect(generateSurveyWorkbook(gw, { template: 'workbook' })).rejects.toThrow('评分模板!B5:O5：权重合计为 110，应为 100');
    await setCells(gw, '评分模板', { C5: -3 }); // 日常
    const err = await generateSurveyWorkbook(gw).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CsatError);
    expect((err as CsatError).problems.map((p) => p.cell)).toEqual(['评分模板!C5']);
  });

  it('refuses to pair a different template with the workbook\'s own, writing nothing', async () => {
    const gw = XlsxGateway.empty();
    await generateSurveyWorkbook(gw);
    await setCells(gw, '评分模板', { B6: 95 }); // 专业技术 满意 = 95
    const before = (await gw.listSheets()).map((s) => s.name);
    await expect(generateSurveyWorkbook(gw, { template: 'builtin' })).rejects.toThrow(/与所选模板不同/);
    expect((await gw.listSheets()).map((s) => s.name)).toEqual(before);
    const r = await generateSurveyWorkbook(gw, { template: 'workbook' });
    expect(r.template.items[0].scores[0]).toBe(95);
  });

  it('writes a custom template into every sheet', async () => {
    const custom = validateTemplate({
      name: '简化模板',
      levels: [{ label: '好', score: 100 }, { label: '中', score: 60 }, { label: '差', score: 0 }],
      items: [
        { name: '响应', category: '服务', weight: 50, question: '响应快吗？' },
        { name: '质量', category: '服务', weight: 50 },
      ],
    });
    const gw = XlsxGateway.empty();
    await generateSurveyWorkbook(gw, { template: custom });
    const back = await reopen(gw);
    const header = (await back.readRange('调查数据', 'A1:J1'))[0];
    expect(header).toEqual(['客户名称', '客户分组', '项目名称', '调查方式', '调查日期', '调查人', '响应', '质量', '意见与建议', '来源编号']);
    const form = await back.readSheet('客户满意度调查表');
    expect(form[6]).toEqual(['序号', '类别', '调查项', '调查内容', '好', '中', '差']);
    expect(form[7].slice(0, 4)).toEqual([1, '服务', '响应', '响应快吗？']);
  });

  it('warns when a kept 调查数据 lacks columns the template now has', async () => {
    const gw = XlsxGateway.empty();
    await generateSurveyWorkbook(gw);
    await setCells(gw, '调查数据', { T1: '其他' }); // 培训 column renamed by a user
    const r = await generateSurveyWorkbook(await reopen(gw));
    expect(r.notes.some((n) => n.level === 'warning' && n.zh.includes('缺少评分项目：培训'))).toBe(true);
    expect(ITEMS[13]).toBe('培训');
  });

  it('falls back to Table 4-1 when asked for the workbook template but none exists', async () => {
    await expect(generateSurveyWorkbook(XlsxGateway.empty(), { template: 'workbook' })).rejects.toThrow(/没有评分模板/);
    expect((await generateSurveyWorkbook(XlsxGateway.empty())).template).toBe(TABLE_4_1);
  });
});
