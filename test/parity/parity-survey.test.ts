/**
 * Parity: 生成调查表 and 生成分析报告 rendered through the stateful Office.js fake (OfficeGateway,
 * one session) and through the package editor (XlsxGateway) from the same inputs give the same
 * workbook cell by cell once representation is normalised (office-normal.ts).
 */
import { TABLE_4_1 } from '../../src/domain';
import { generateActions } from '../../src/jobs/actions';
import { prepareArchive } from '../../src/jobs/archive';
import { generateCommReport, generateCommSheets } from '../../src/jobs/communication';
import { generateReport } from '../../src/jobs/report';
import { generateSurveyWorkbook } from '../../src/jobs/survey';
import { sampleResponses } from '../../src/sample/sample-data';
import { diffNormal } from '../helpers/office-normal';
import { both, NOW, type Job } from './both';

describe('parity: Office.js renderer vs package editor', () => {
  it('生成调查表 with the sample responses', async () => {
    const { rows } = sampleResponses(TABLE_4_1);
    const r = await both((gw) => generateSurveyWorkbook(gw, { template: 'builtin', responses: rows.slice(0, 30), year: 2026 }));
    expect(diffNormal(r.excel, r.file)).toEqual([]);
  });

  const { rows } = sampleResponses(TABLE_4_1);
  const survey: Job = (gw) => generateSurveyWorkbook(gw, { template: 'builtin', responses: rows, year: 2026 });
  const report: Job = (gw) => generateReport(gw, { version: 'parity', now: NOW, period: '2026Q3' });
  const cases: [string, Job[]][] = [
    ['生成分析报告', [survey, report]],
    ['生成分析报告 grouped by 调查方式', [survey, (gw) => generateReport(gw, { version: 'parity', now: NOW, period: '2026Q3', groupBy: '调查方式' })]],
    ['生成分析报告 re-run on a workbook that has its tabs', [survey, report, report]],
    ['纠正预防措施, then again (rows appended)', [survey, (gw) => generateActions(gw, { period: '2026Q3' }), (gw) => generateActions(gw, { period: '2026Q4' })]],
    ['客户沟通', [(gw) => generateCommSheets(gw), (gw) => generateCommReport(gw, { version: 'parity', now: NOW, year: 2026 })]],
    ['生成调查表 re-run', [survey, survey]],
  ];
  it.each(cases)('%s', async (_label, jobs) => {
    const r = await both(...jobs);
    expect(diffNormal(r.excel, r.file)).toEqual([]);
  });

  // Expected difference: a file copy freezes CSAT.* formulas to their values (the gateway's optional
  // freezeCustomFunctions); Excel's own workbook keeps them live. Nothing else may differ.
  it('归档准备, then again: only the two frozen CSAT formulas differ (overall, 样本量)', async () => {
    const archive: Job = (gw) => prepareArchive(gw, { now: NOW });
    const r = await both(survey, report, archive, archive);
    const diff = diffNormal(r.excel, r.file);
    expect(diff).toHaveLength(2);
    expect(diff[0]).toMatch(/^调查数据!Y2: Excel \{"f":"CSAT\.OVERALL\(调查数据表\[#All\],CSAT_TEMPLATE\)","nf":"0\.00%"\} vs file \{"v":0\.\d+,"nf":"0\.00%"\}$/);
    expect(diff[1]).toMatch(/^调查方案!B9: Excel \{"f":"CSAT\.SAMPLESIZE\(调查数据表\[#All\],0\.02,CSAT_TEMPLATE\)","nf":"0"\} vs file \{"v":\d+,"nf":"0"\}$/);
  });

  it('keeps a golden of the normalised survey and report workbook', async () => {
    const r = await both(survey, report);
    expect(JSON.stringify(r.excel, null, 1)).toMatchSnapshot();
  });
});
