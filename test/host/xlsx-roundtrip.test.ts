/** The file adapter: write a plan with ExcelJS, read the bytes back, compare. */
import ExcelJS from 'exceljs';
import { scoreResponses, TABLE_4_1, templateFromGrid } from '../../src/domain';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { fileFormula } from '../../src/host/xlsx/render';
import { buildSurveyWorkbook, type WorkbookPlan } from '../../src/plan';
import { sampleResponses } from '../../src/sample/sample-data';

async function roundTrip(plan: WorkbookPlan, into = XlsxGateway.empty()): Promise<XlsxGateway> {
  await into.render(plan);
  return XlsxGateway.open(await into.save());
}

describe('xlsx adapter round trip', () => {
  const { rows } = sampleResponses(TABLE_4_1);
  let back: XlsxGateway;
  beforeAll(async () => {
    back = await roundTrip(buildSurveyWorkbook(TABLE_4_1, { responses: rows, year: 2026 }).plan);
  });

  it('keeps the sheets, in order, with their owner marks', async () => {
    expect(await back.listSheets()).toEqual([
      { name: '评分模板', owner: 'template' },
      { name: '调查数据', owner: 'responses' },
      { name: '客户满意度调查表', owner: 'form' },
      { name: '调查方案', owner: 'survey_plan' },
    ]);
  });

  it('reads back the template sheet as Table 4-1', async () => {
    const t = templateFromGrid(await back.readSheet('评分模板'), { sheet: '评分模板', row: 1, col: 1 });
    expect(t.items.map((i) => [i.name, i.category, i.weight, ...i.scores])).toEqual(TABLE_4_1.items.map((i) => [i.name, i.category, i.weight, ...i.scores]));
    expect(t.target).toBe(0.9);
    expect(t.items[0].question).toBe(TABLE_4_1.items[0].question);
  });

  it('reads back every response: same scores as the rows written', async () => {
    const grid = await back.readSheet('调查数据');
    const written = scoreResponses([sampleResponses(TABLE_4_1).header, ...rows], TABLE_4_1);
    const read = scoreResponses(grid, TABLE_4_1);
    expect(read.respondents).toBe(written.respondents);
    expect(read.overall).toBe(written.overall);
    expect(grid[1][4]).toBe(rows[0][4]); // dates come back as the ISO dates written
  });

  it('keeps validations, the table, freeze panes and print setup', async () => {
    const ws = back.workbook.getWorksheet('调查数据')!;
    const dv = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
    expect(dv['G2']).toMatchObject({ type: 'list', formulae: ['"满意,较满意,一般,不满意,很不满意,不适用"'], showErrorMessage: true });
    expect(dv['D5']).toMatchObject({ type: 'list', formulae: ['"现场走访,电话访问,在线问卷"'] });
    expect(dv['E3']).toMatchObject({ type: 'date' });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, xSplit: 1 });
    const form = back.workbook.getWorksheet('客户满意度调查表')!;
    expect(form.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 1 });
  });

  it('writes custom functions as Excel stores them, native formulas as they are', () => {
    expect(fileFormula('=CSAT.OVERALL(调查数据表[#All],CSAT_TEMPLATE)')).toBe('_xldudf_CSAT_OVERALL(调查数据表[#All],CSAT_TEMPLATE)');
    expect(fileFormula('=SUM(A1:A3)')).toBe('SUM(A1:A3)');
    const cell = back.workbook.getWorksheet('调查数据')!.getCell('Y2'); // summary: two columns right of the table (A–V)
    expect((cell.value as ExcelJS.CellFormulaValue).formula).toMatch(/^_xldudf_CSAT_OVERALL\(/);
  });

  it('refreshes an owned sheet in place and leaves every other sheet as it was', async () => {
    const gw = XlsxGateway.empty();
    const mine = gw.workbook.addWorksheet('我的数据');
    mine.getCell('A1').value = '保留';
    await gw.render(buildSurveyWorkbook(TABLE_4_1, { include: ['template', 'form'] }).plan);
    gw.workbook.getWorksheet('客户满意度调查表')!.getCell('Z99').value = 'stale';
    await gw.render(buildSurveyWorkbook(TABLE_4_1, { include: ['template', 'form'] }).plan);
    const reread = await XlsxGateway.open(await gw.save());
    expect(reread.workbook.worksheets.map((w) => w.name)).toEqual(['我的数据', '评分模板', '客户满意度调查表']);
    expect(reread.workbook.getWorksheet('客户满意度调查表')!.getCell('Z99').value).toBeNull();
    expect(reread.workbook.getWorksheet('我的数据')!.getCell('A1').value).toBe('保留');
  });
});
