/**
 * Report figures for 100,000 responses, measured side by side in one run: analysis time, plan build
 * time, the Office path's requests (recording fake), and `csat report` wall time and peak memory
 * against the floor of a bare ExcelJS read + write of the same workbook (target ≤ 1.5×).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyze, locateData, readResponses, TABLE_4_1, type CellValue } from '../src/domain';
import { OfficeGateway } from '../src/host/office/gateway';
import { XlsxGateway } from '../src/host/xlsx/gateway';
import { generateReport } from '../src/jobs/report';
import { generateSurveyWorkbook } from '../src/jobs/survey';
import { buildReportWorkbook } from '../src/plan';
import { sampleResponses } from '../src/sample/sample-data';
import { OfficeFake } from '../test/helpers/office-fake';

const N = 100_000;
const root = path.join(__dirname, '..', '..');

function rows(n: number): CellValue[][] {
  const sample = sampleResponses(TABLE_4_1).rows;
  return Array.from({ length: n }, (_, i) => sample[i % sample.length]);
}

function ms(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Runs a Node script in a child process; returns wall time and the child's peak RSS. */
function child(script: string): { ms: number; rssMb: number } {
  const wrapped = `process.on('exit', () => process.stderr.write('maxrss=' + process.resourceUsage().maxRSS + '\\n'));\n${script}`;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-e', wrapped], { encoding: 'utf8', cwd: root, maxBuffer: 1 << 26 });
  const wall = ms(t0);
  if (r.status !== 0) throw new Error(r.stderr);
  const kb = Number(/maxrss=(\d+)/.exec(r.stderr)![1]);
  return { ms: wall, rssMb: kb / 1024 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function reportBench(line: (s: string) => void): Promise<void> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'csat-bench-'));
  const input = path.join(tmp, 'big.xlsx');
  const gw = XlsxGateway.empty();
  const data = rows(N);
  await generateSurveyWorkbook(gw, { template: 'builtin', responses: data });
  writeFileSync(input, await gw.save());

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

  // Office path: the whole job against the recording fake (reads in chunks, renders in one Excel.run).
  const fake = new OfficeFake([{ name: '调查数据', values: grid.map((r) => [...r]) }], [{ name: 'CSAT_OWNED_responses', formula: "='调查数据'!$A$1" }]);
  const office = new OfficeGateway(fake.run);
  await generateReport(office, { version: 'bench' });
  const render = office.lastRender!;
  const mb = (b: number) => (b / 1024 / 1024).toFixed(2);
  line(
    `bench report office: ${fake.runs} Excel.run, ${fake.syncs} syncs in all (render ${render.syncs}); largest request ${mb(Math.max(...fake.requests.map((r) => r.bytes)))} MB, largest response ${mb(Math.max(...fake.requests.map((r) => r.responseBytes)))} MB`,
  );

  // CLI against the floor, alternated three times.
  const cli = `require('./dist-node/src/cli/cli.js').main(['report', ${JSON.stringify(input)}, '--out', ${JSON.stringify(path.join(tmp, 'out.xlsx'))}, '--force']).then((c) => { process.exitCode = c; });`;
  const floor = `const E = require('exceljs'); const wb = new E.Workbook(); wb.xlsx.readFile(${JSON.stringify(input)}).then(() => wb.xlsx.writeFile(${JSON.stringify(path.join(tmp, 'floor.xlsx'))}));`;
  const c: { ms: number; rssMb: number }[] = [];
  const f: { ms: number; rssMb: number }[] = [];
  for (let i = 0; i < 3; i++) {
    c.push(child(cli));
    f.push(child(floor));
  }
  const cm = median(c.map((x) => x.ms));
  const fm = median(f.map((x) => x.ms));
  const cr = median(c.map((x) => x.rssMb));
  const fr = median(f.map((x) => x.rssMb));
  line(`bench report cli: csat report ${N} responses median ${(cm / 1000).toFixed(2)} s, peak ${cr.toFixed(0)} MB`);
  line(`bench report floor: ExcelJS read + write median ${(fm / 1000).toFixed(2)} s, peak ${fr.toFixed(0)} MB`);
  line(`bench ratio report/floor: time ${(cm / fm).toFixed(2)}, memory ${(cr / fr).toFixed(2)} (target <= 1.5) ${cm / fm <= 1.5 && cr / fr <= 1.5 ? 'OK' : 'MISSED'}`);
}
