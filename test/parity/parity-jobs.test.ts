/**
 * Parity, continued: 导入 (a 问卷星 export appended, then the same export again — every row skipped),
 * 生成分析报告 with last year's responses as history (and re-run), and 归档准备 on a workbook that has
 * a survey but no report (and re-run). Same jobs, same inputs, through the stateful Office.js fake
 * and the package editor; the normalised workbooks must agree cell by cell.
 */
import { TABLE_4_1, type CellValue, type ResponseSet } from '../../src/domain';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { prepareArchive } from '../../src/jobs/archive';
import { importExport, type ImportResult } from '../../src/jobs/import';
import { generateReport } from '../../src/jobs/report';
import { generateSurveyWorkbook } from '../../src/jobs/survey';
import { loadSurveyData } from '../../src/jobs/survey-data';
import { sampleResponses } from '../../src/sample/sample-data';
import { diffNormal } from '../helpers/office-normal';
import { both, NOW, type Job } from './both';

const ITEMS = TABLE_4_1.items.map((i) => i.name);
const LEVELS = TABLE_4_1.levels.map((l) => l.label);
const WJX = ['序号', '提交答卷时间', '所用时间', '来源', '来源详情', '来自IP', '1、贵单位名称', ...ITEMS.map((n, i) => `${i + 2}、您对"${n}"的评价`), '16、意见与建议'];

/** A 问卷星 export of 12 answers in 2026Q4, one item skipped in some, formula-looking text in one comment. */
const EXPORT: CellValue[][] = [
  WJX,
  ...Array.from({ length: 12 }, (_, k) => [
    k + 1,
    `2026/10/${String(3 + k).padStart(2, '0')} 10:22:01`,
    '120秒',
    '微信',
    '',
    '',
    `客户${k + 1}`,
    ...ITEMS.map((_, i) => (k % 4 === 0 && i === 13 ? '(跳过)' : LEVELS[(k + i) % 4])),
    k === 5 ? '=HYPERLINK("http://x","点我")' : `意见 ${k + 1}`,
  ]),
];

const { rows } = sampleResponses(TABLE_4_1);
const survey: Job = (gw) => generateSurveyWorkbook(gw, { template: 'builtin', responses: rows.slice(0, 40), year: 2026 });
const fullSurvey: Job = (gw) => generateSurveyWorkbook(gw, { template: 'builtin', responses: rows, year: 2026 });

async function lastYear(): Promise<ResponseSet> {
  const gw = XlsxGateway.empty(NOW);
  await generateSurveyWorkbook(gw, { template: 'builtin', responses: sampleResponses(TABLE_4_1, { year: 2025, seed: 7 }).rows, year: 2025 });
  return (await loadSurveyData(gw)).set;
}

describe('parity, continued: import, history, archive without a report', () => {
  it('导入, then the same export again (appended once, then all skipped)', async () => {
    const imp: Job = (gw) => importExport(gw, { grid: EXPORT, fileName: 'wjx.xlsx' });
    const r = await both(survey, imp, imp);
    expect(diffNormal(r.excel, r.file)).toEqual([]);
    const [, first, again] = r.results as [unknown, ImportResult, ImportResult];
    expect([first.added, again.added, again.skipped]).toEqual([12, 0, 12]);
    // The comment that looks like a formula is text on both sides.
    const cells = Object.values(r.excel.sheets.find((s) => s.name === '调查数据')!.cells);
    expect(cells.some((c) => c.v === '=HYPERLINK("http://x","点我")')).toBe(true);
  });

  it('生成分析报告 with last year as history, then again', async () => {
    const history = [await lastYear()];
    const report: Job = (gw) => generateReport(gw, { version: 'parity', now: NOW, period: '2026Q3', history });
    const r = await both(fullSurvey, report, report);
    expect(diffNormal(r.excel, r.file)).toEqual([]);
    // History reached the trend: quarters of 2025 are on the 趋势 tab.
    const trend = r.excel.sheets.find((s) => s.name === '趋势')!;
    expect(Object.values(trend.cells).some((c) => typeof c.v === 'string' && c.v.startsWith('2025Q'))).toBe(true);
  });

  it('归档准备 on a workbook without a report, then again: only the two frozen CSAT formulas differ (overall, 样本量)', async () => {
    const archive: Job = (gw) => prepareArchive(gw, { now: NOW });
    const r = await both(survey, archive, archive);
    const diff = diffNormal(r.excel, r.file);
    expect(diff).toHaveLength(2);
    expect(diff[0]).toMatch(/^调查数据!Y2: Excel \{"f":"CSAT\.OVERALL\(调查数据表\[#All\],CSAT_TEMPLATE\)","nf":"0\.00%"\} vs file \{"v":0\.\d+,"nf":"0\.00%"\}$/);
    expect(diff[1]).toMatch(/^调查方案!B9: Excel \{"f":"CSAT\.SAMPLESIZE\(调查数据表\[#All\],0\.02,CSAT_TEMPLATE\)","nf":"0"\} vs file \{"v":\d+,"nf":"0"\}$/);
    expect(r.excel.sheets.map((s) => s.name)).toContain('归档清单');
  });
});
