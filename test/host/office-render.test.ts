/**
 * The Excel adapter against the stateful Office.js fake (office-excel.ts): how many syncs, how many bytes per request, whole
 * blocks not cells, text kept text, owned sheets marked, other sheets untouched.
 */
import { TABLE_4_1, type CellValue } from '../../src/domain';
import { OfficeGateway } from '../../src/host/office/gateway';
import { renderPlanInContext } from '../../src/host/office/render';
import { buildSurveyWorkbook, type WorkbookPlan } from '../../src/plan';
import { sampleResponses } from '../../src/sample/sample-data';
import { ExcelFake } from '../helpers/office-excel';

const MB4 = 4 * 1024 * 1024;

/** n sample-like response rows (cycled from the built-in sample). */
function rows(n: number): CellValue[][] {
  const sample = sampleResponses(TABLE_4_1).rows;
  return Array.from({ length: n }, (_, i) => sample[i % sample.length]);
}

async function render(plan: WorkbookPlan, fake = new ExcelFake()) {
  const stats = await fake.run((ctx) => renderPlanInContext(ctx, plan));
  return { fake, stats };
}

const surveyPlan = (n: number) => buildSurveyWorkbook(TABLE_4_1, { responses: rows(n), year: 2026 }).plan;

describe('Office.js renderer (stateful fake)', () => {
  it('writes a new survey workbook in 2 syncs, one Excel.run, every block whole', async () => {
    const plan = surveyPlan(10);
    const { fake, stats } = await render(plan);
    expect(fake.runs).toBe(1);
    expect(fake.syncs).toBe(2);
    expect(stats.syncs).toBe(2);
    const writes = fake.ops().filter((o) => o.kind === 'set' && /\.(values|formulas)$/.test(o.path));
    const blocks = plan.sheets.reduce((n, s) => n + s.blocks.length, 0);
    expect(writes).toHaveLength(blocks); // one write per block, never per cell
    expect(fake.state.sheets.map((s) => s.name)).toEqual(['评分模板', '调查数据', '客户满意度调查表', '调查方案']);
    expect(fake.state.names.map((n) => n.name).sort()).toEqual(['CSAT_OWNED_form', 'CSAT_OWNED_responses', 'CSAT_OWNED_survey_plan', 'CSAT_OWNED_template', 'CSAT_TEMPLATE']);
    expect(fake.state.names.find((n) => n.name === 'CSAT_OWNED_responses')?.formula).toBe("='调查数据'!$A$1");
  });

  it('suspends calculation around the bulk writes, before anything is written', async () => {
    const { fake } = await render(surveyPlan(10));
    const writeRequest = fake.requests[1].ops;
    expect(writeRequest[0]).toMatchObject({ kind: 'call', path: 'application.suspendApiCalculationUntilNextSync' });
  });

  // 5,000 responses (~2.6 MB) still fit one request; beyond that size alone adds flushes (next test).
  it('takes the same number of syncs for 10 and 5,000 rows', async () => {
    const small = await render(surveyPlan(10));
    const large = await render(surveyPlan(5_000));
    expect(large.fake.syncs).toBe(small.fake.syncs);
    expect(Math.max(...large.fake.requests.map((r) => r.bytes))).toBeLessThan(MB4);
  });

  it('sends a 100,000-row block in chunks, every request under 4 MB', async () => {
    const { fake, stats } = await render(surveyPlan(100_000));
    const sizes = fake.requests.map((r) => r.bytes);
    expect(Math.max(...sizes)).toBeLessThan(MB4);
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(2 * MB4); // the data really is larger than one request
    // Syncs beyond the constant two are flushes forced by size alone, each nearly full.
    expect(fake.syncs).toBe(2 + (stats.requestBytes.length - 1));
    expect(fake.syncs).toBeLessThanOrEqual(2 + Math.ceil(total / (MB4 * 0.45)));
    // Calculation stays suspended after every flush.
    for (const req of fake.requests.slice(1)) expect(req.ops[0]?.path).toBe('application.suspendApiCalculationUntilNextSync');
  });

  it('keeps text that looks like a formula, number or date as text', async () => {
    const plan: WorkbookPlan = {
      sheets: [{ name: 'T', owner: 't', blocks: [{ at: 'A1', values: [['=HYPERLINK("http://x")', '+1', '-', '@cmd', '0012', '2026-03-05', 'plain', 5]] }] }],
    };
    const { fake } = await render(plan);
    const set = fake.ops().find((o) => o.path.endsWith('.values'));
    expect(set?.value).toEqual([["'=HYPERLINK(\"http://x\")", "'+1", "'-", "'@cmd", "'0012", "'2026-03-05", 'plain', 5]]);
    // … and Excel holds them as text (the stateful fake parses entries as Excel does).
    expect(fake.state.sheets[0].rows[0].map((c) => c?.v)).toEqual(['=HYPERLINK("http://x")', '+1', '-', '@cmd', '0012', '2026-03-05', 'plain', 5]);
    expect(fake.state.sheets[0].rows[0].some((c) => c?.f !== undefined)).toBe(false);
  });

  it('refreshes an owned sheet in place: removes its tables and charts, clears it, 3 syncs', async () => {
    const fake = ExcelFake.with([{ name: '客户满意度调查表', tables: ['旧表'], charts: ['图表 1'] }], [{ name: 'CSAT_OWNED_form', formula: "='客户满意度调查表'!$A$1" }]);
    const plan = buildSurveyWorkbook(TABLE_4_1, { include: ['template', 'form'] }).plan;
    const { stats } = await render(plan, fake);
    expect(stats.syncs).toBe(3);
    const paths = fake.ops().map((o) => o.path);
    expect(paths).toContain('workbook.worksheets.getItem("客户满意度调查表").tables.getItem("旧表").delete');
    expect(paths).toContain('workbook.worksheets.getItem("客户满意度调查表").charts.getItem("图表 1").delete');
    expect(paths).toContain('workbook.worksheets.getItem("客户满意度调查表").getRange().clear');
    expect(paths.filter((p) => p === 'workbook.worksheets.add')).toHaveLength(1); // only the template sheet is new
    expect(fake.state.names.filter((n) => n.name === 'CSAT_OWNED_form')).toHaveLength(1);
  });

  it('writes new sheets first and the edits of existing sheets last, together in the last request', async () => {
    // An existing owned tab to refresh (first in the plan) and a new sheet larger than one request.
    const fake = ExcelFake.with([{ name: 'E', values: [['old']] }], [{ name: 'CSAT_OWNED_e', formula: "='E'!$A$1" }]);
    const text = (n: number, tag: string) => Array.from({ length: n }, (_, r) => Array.from({ length: 10 }, (_, c) => `${tag}${r}-${c}-xxxx`));
    const plan: WorkbookPlan = {
      sheets: [
        { name: 'E', owner: 'e', blocks: [{ at: 'A1', values: text(70, 'e') }] },
        { name: 'N', owner: 'n', blocks: [{ at: 'A1', values: text(100, 'n') }] },
      ],
    };
    const budget = 10_000;
    await fake.run((ctx) => renderPlanInContext(ctx, plan, { budget }));
    const last = fake.requests.length - 1;
    const writesToE = fake.requests.flatMap((r, i) => r.ops.filter((o) => o.kind !== 'load' && o.path.includes('getItem("E")')).map(() => i));
    expect(fake.requests.filter((r) => r.ops.some((o) => o.path.includes('"N"') && o.path.endsWith('.values'))).length).toBeGreaterThan(1); // N took several requests
    expect(writesToE.length).toBeGreaterThan(0);
    expect(new Set(writesToE)).toEqual(new Set([last])); // the clear and the rewrite of E travel together, last
    expect(fake.requests[last].ops).toContainEqual({ kind: 'call', path: 'workbook.worksheets.getItem("E").getRange().clear', value: ['All'] });
    expect(fake.state.sheets.map((x) => x.name)).toEqual(['E', 'N']);
    expect(fake.state.sheets[0].rows[69][9]?.v).toBe('e69-9-xxxx');
  });
});

describe('OfficeGateway reads', () => {
  it('lists sheets with their owner marks, ignoring #REF! marks and other names', async () => {
    const fake = ExcelFake.with(
      [{ name: '调查数据 (2)' }, { name: '我的表' }],
      [
        { name: 'CSAT_OWNED_responses', formula: "='调查数据 (2)'!$A$1" },
        { name: 'CSAT_OWNED_form', formula: '=#REF!$A$1' },
        { name: '预算', formula: '=我的表!$B$2' },
      ],
    );
    expect(await new OfficeGateway(fake.run).listSheets()).toEqual([{ name: '调查数据 (2)', owner: 'responses' }, { name: '我的表' }]);
  });

  it('reads a 100,000-row sheet in chunks, every response under 4 MB', async () => {
    const values = [['客户名称', ...TABLE_4_1.items.map((i) => i.name)], ...rows(100_000).map((r) => r.slice(0, 15))] as CellValue[][];
    const fake = ExcelFake.with([{ name: '调查数据', values }]);
    const grid = await new OfficeGateway(fake.run).readSheet('调查数据');
    expect(grid).toHaveLength(values.length);
    expect(grid[54321]).toEqual(values[54321].map((v) => v ?? ''));
    expect(Math.max(...fake.requests.map((r) => r.responseBytes))).toBeLessThan(MB4);
    expect(fake.runs).toBe(1);
  });
});
