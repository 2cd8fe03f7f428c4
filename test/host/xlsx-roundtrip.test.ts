/** The file adapter: write a plan into a package, read the bytes back, compare. */
import { scoreResponses, TABLE_4_1, templateFromGrid } from '../../src/domain';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { fileFormula } from '../../src/host/xlsx/sheet-write';
import { buildSurveyWorkbook, type WorkbookPlan } from '../../src/plan';
import { sampleResponses } from '../../src/sample/sample-data';
import { addUserSheet, cellOf, formulaAt, reopen, setCells, sheetElement, validationAt } from '../helpers/xlsx';

async function roundTrip(plan: WorkbookPlan, into = XlsxGateway.empty()): Promise<XlsxGateway> {
  await into.render(plan);
  return reopen(into);
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
    const g2 = await validationAt(back, '调查数据', 'G2');
    expect(g2).toMatchObject({ type: 'list', formula1: '"满意,较满意,一般,不满意,很不满意,不适用"' });
    expect(g2?.attrs.showErrorMessage).toBe('1');
    expect(await validationAt(back, '调查数据', 'D5')).toMatchObject({ type: 'list', formula1: '"现场走访,电话访问,在线问卷"' });
    expect(await validationAt(back, '调查数据', 'E3')).toMatchObject({ type: 'date' });
    expect(await sheetElement(back, '调查数据', 'tablePart')).toBeDefined();
    expect(await sheetElement(back, '调查数据', 'pane')).toMatchObject({ state: 'frozen', ySplit: '1', xSplit: '1' });
    expect(await sheetElement(back, '客户满意度调查表', 'pageSetup')).toMatchObject({ paperSize: '9', orientation: 'portrait', fitToWidth: '1', fitToHeight: '1' });
    expect(await sheetElement(back, '客户满意度调查表', 'pageSetUpPr')).toMatchObject({ fitToPage: '1' });
  });

  it('writes custom functions as Excel stores them, native formulas as they are', async () => {
    expect(fileFormula('=CSAT.OVERALL(调查数据表[#All],CSAT_TEMPLATE)')).toBe('_xldudf_CSAT_OVERALL(调查数据表[#All],CSAT_TEMPLATE)');
    expect(fileFormula('=SUM(A1:A3)')).toBe('SUM(A1:A3)');
    // summary: two columns right of the table (A–V)
    expect(await formulaAt(back, '调查数据', 'Y2')).toMatch(/^_xldudf_CSAT_OVERALL\(/);
  });

  it('refreshes an owned sheet in place and leaves every other sheet as it was', async () => {
    const gw = XlsxGateway.empty();
    await addUserSheet(gw, '我的数据', [['保留']]);
    await gw.render(buildSurveyWorkbook(TABLE_4_1, { include: ['template', 'form'] }).plan);
    await setCells(gw, '客户满意度调查表', { Z99: 'stale' });
    expect(await cellOf(gw, '客户满意度调查表', 'Z99')).toBe('stale');
    await gw.render(buildSurveyWorkbook(TABLE_4_1, { include: ['template', 'form'] }).plan);
    const reread = await reopen(gw);
    expect(await reread.sheetNames()).toEqual(['我的数据', '评分模板', '客户满意度调查表']);
    expect(await cellOf(reread, '客户满意度调查表', 'Z99')).toBeNull();
    expect(await cellOf(reread, '我的数据', 'A1')).toBe('保留');
  });
});
