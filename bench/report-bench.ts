/**
 * Report figures for 100,000 responses: analysis time, plan build time and the Office path's requests
 * (the stateful Office.js fake). The file path's time and memory are package-bench.ts's.
 */
import { analyze, locateData, readResponses, TABLE_4_1, type CellValue } from '../src/domain';
import { OfficeGateway } from '../src/host/office/gateway';
import { XlsxGateway } from '../src/host/xlsx/gateway';
import { generateReport } from '../src/jobs/report';
import { generateSurveyWorkbook } from '../src/jobs/survey';
import { buildReportWorkbook } from '../src/plan';
import { sampleResponses } from '../src/sample/sample-data';
import { ExcelFake } from '../test/helpers/office-excel';

const N = 100_000;

function rows(n: number): CellValue[][] {
  const sample = sampleResponses(TABLE_4_1).rows;
  return Array.from({ length: n }, (_, i) => sample[i % sample.length]);
}

function ms(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export async function reportBench(line: (s: string) => void): Promise<void> {
  const gw = XlsxGateway.empty();
  await generateSurveyWorkbook(gw, { template: 'builtin', responses: rows(N) });

  // Engine and plan, in process.
  const grid = await gw.readSheet('调查数据');
  const origin = { sheet: '调查数据', row: 1, col: 1 };
  let t0 = process.hrtime.bigint();
  const layout = locateData(grid, TABLE_4_1, origin);
  const analysis = analyze(readResponses(grid, TABLE_4_1, layout, origin));
  const tAnalysis = ms(t0);
  t0 = process.hrtime.bigint();
  buildReportWorkbook(analysis, { sheet: '调查数据', itemCols: layout.itemColumns.map((c) => c + 1), dateCol: 5, range: '调查数据!A1:U100001' }, { generatedAt: '-', version: '-' }, { report: 'r', trend: 't' });
  const tPlan = ms(t0);
  line(`bench report analysis: ${N} responses ${tAnalysis.toFixed(0)} ms; plan build ${tPlan.toFixed(1)} ms`);

  // Office path: the whole job against the stateful Office.js fake (reads in chunks, renders in one Excel.run).
  const fake = ExcelFake.with([{ name: '调查数据', values: grid }], [{ name: 'CSAT_OWNED_responses', formula: "='调查数据'!$A$1" }]);
  const office = new OfficeGateway(fake.run);
  await office.session((gw) => generateReport(gw, { version: 'bench' }));
  const render = office.lastRender!;
  const mb = (b: number) => (b / 1024 / 1024).toFixed(2);
  line(
    `bench report office: ${fake.runs} Excel.run, ${fake.syncs} syncs in all (render ${render.syncs}); largest request ${mb(Math.max(...fake.requests.map((r) => r.bytes)))} MB, largest response ${mb(Math.max(...fake.requests.map((r) => r.responseBytes)))} MB`,
  );
}
