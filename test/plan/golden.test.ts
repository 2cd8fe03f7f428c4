/**
 * Builders tested as data: each case under test/cases/<name>/ has an input and a reviewed
 * expected.json of the whole plan. `UPDATE_GOLDEN=1 npx jest test/plan` rewrites expected.json —
 * review the diff before committing it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { analyze, locateData, readResponses, TABLE_4_1 } from '../../src/domain';
import { buildReportWorkbook, buildSurveyWorkbook } from '../../src/plan';

const cases = path.join(__dirname, '../cases');

function golden(name: string, actual: unknown): void {
  const file = path.join(cases, name, 'expected.json');
  const text = `${JSON.stringify(actual, null, 1)}\n`;
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, text);
  if (!existsSync(file)) throw new Error(`${file} is missing: run UPDATE_GOLDEN=1 and review it`);
  expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(text));
}

describe('golden plans', () => {
  it('survey-workbook: Table 4-1 with two responses and one planned customer', () => {
    const input = JSON.parse(readFileSync(path.join(cases, 'survey-workbook/input.json'), 'utf8'));
    const { plan } = buildSurveyWorkbook(TABLE_4_1, { year: input.year, responses: input.responses, plannedCustomers: input.plannedCustomers });
    golden('survey-workbook', plan);
  });

  it('report-small: the report and trend tabs of a hand-worked two-quarter dataset', () => {
    const grid = JSON.parse(readFileSync(path.join(cases, 'report-small/input.json'), 'utf8')).grid;
    const origin = { sheet: '调查数据', row: 1, col: 1 };
    const layout = locateData(grid, TABLE_4_1, origin);
    const analysis = analyze(readResponses(grid, TABLE_4_1, layout, origin), { plannedCustomers: ['A', 'D', 'X'] });
    const source = { sheet: '调查数据', itemCols: layout.itemColumns.map((c) => c + 1), dateCol: 4, range: '调查数据!A1:S7' };
    const plan = buildReportWorkbook(analysis, source, { generatedAt: '2026-07-01 09:00', version: '0.1.0' }, { report: '分析报告-2026Q2', trend: '趋势' });
    golden('report-small', plan);
  });
});
