/**
 * The file path on large data, measured side by side in one run: `csat score` and `csat report` on
 * 100,000 responses against the floor — the responses sheet unzipped and streamed through saxes into
 * rows, nothing else (targets: ≤ 2× its time, ≤ 3× its peak memory); `csat import` of a 199,000-row
 * CSV (target: peak under 1 GB). Each run is a child process; peak memory is its max RSS.
 *
 * Issue 19's budget rows: `csat score` on each hostile file of its table that was about memory or
 * time (XFD-wide rows, a 50 MB cell, a padded deflate stream, 400,000 zip entries, a 135 MB
 * [Content_Types].xml), and on the worst case of the package fuzzer (test/helpers/fuzz-cases.ts,
 * the same seeds as the test): each must end — read, or refused in one line — under 1 GB and 30 s.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TABLE_4_1, type CellValue } from '../src/domain';
import { XlsxGateway } from '../src/host/xlsx/gateway';
import { REL } from '../src/host/xlsx/package';
import { readWorkbook } from '../src/host/xlsx/workbook';
import { generateSurveyWorkbook } from '../src/jobs/survey';
import { sampleResponses } from '../src/sample/sample-data';
import { applyBytes, applyMarkupCase, FUZZ_RUNS, FUZZ_SEED, fuzzBase, markupCase, zipCase } from '../test/helpers/fuzz-cases';
import { bigCell, bigContentTypes, manyEntries, paddedDeflate, xfdRows } from '../test/helpers/hostile-xlsx';
import fc from 'fast-check';

const N = 100_000;
const IMPORT_ROWS = 199_000;
const root = path.join(__dirname, '..', '..');

interface Run {
  ms: number;
  rssMb: number;
  /** The child's exit status, and its first line on stderr (a refusal's one line). */
  status: number | null;
  said: string;
  stdout: string;
}

/** Runs a Node script in a child process; returns wall time and the child's peak RSS (a failing exit throws unless `mayFail`). */
function child(script: string, mayFail = false): Run {
  const wrapped = `process.on('exit', () => process.stderr.write('maxrss=' + process.resourceUsage().maxRSS + '\\n'));\n${script}`;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-e', wrapped], { encoding: 'utf8', cwd: root, maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && !mayFail) throw new Error(r.stderr);
  const rss = /maxrss=(\d+)/.exec(r.stderr);
  return { ms, rssMb: rss ? Number(rss[1]) / 1024 : NaN, status: r.status, said: r.stderr.split('\n').find((l) => l.trim() !== '' && !l.startsWith('maxrss=')) ?? '', stdout: r.stdout };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * The survey workbook with 100,000 responses, its strings moved to a shared-strings table the way
 * Excel saves a workbook (our own writer uses inline strings).
 */
export async function bigWorkbook(file: string): Promise<string> {
  const sample = sampleResponses(TABLE_4_1).rows;
  const rows: CellValue[][] = Array.from({ length: N }, (_, i) => sample[i % sample.length]);
  const gw = XlsxGateway.empty();
  await generateSurveyWorkbook(gw, { template: 'builtin', responses: rows });
  const wb = await readWorkbook(gw.pkg);
  const part = wb.sheets.find((s) => s.name === '调查数据')!.part;
  const strings = new Map<string, number>();
  const xml = (await gw.pkg.text(part)).replace(/<c r="([A-Z]+\d+)"((?: s="\d+")?) t="inlineStr"><is><t(?: xml:space="preserve")?>([^<]*)<\/t><\/is><\/c>/g, (_m, r: string, s: string, text: string) => {
    let i = strings.get(text);
    if (i === undefined) strings.set(text, (i = strings.size));
    return `<c r="${r}"${s} t="s"><v>${i}</v></c>`;
  });
  gw.pkg.set(part, xml);
  const sst = [...strings.keys()].map((t) => `<si><t xml:space="preserve">${t}</t></si>`).join('');
  gw.pkg.set('xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.size}" uniqueCount="${strings.size}">${sst}</sst>`);
  await gw.pkg.setContentType('xl/sharedStrings.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml');
  await gw.pkg.addRel(wb.path, REL.sharedStrings, 'xl/sharedStrings.xml');
  writeFileSync(file, await gw.save());
  return part;
}

/** A plain CSV export of `n` responses (the import limit is 200,000 rows). */
function bigCsv(file: string, n: number): void {
  const items = TABLE_4_1.items.map((i) => i.name);
  const levels = TABLE_4_1.levels.map((l) => l.label);
  const lines = [['客户名称', '调查日期', ...items, '意见与建议'].join(',')];
  for (let i = 0; i < n; i++) {
    const date = `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    lines.push([`客户${i % 300}`, date, ...items.map((_, k) => levels[(i * 7 + k * 3) % 5]), i % 10 === 0 ? '希望改进响应' : ''].join(','));
  }
  writeFileSync(file, lines.join('\n'));
}

export async function packageBench(line: (s: string) => void): Promise<void> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'csat-bench-'));
  const input = path.join(tmp, 'big.xlsx');
  const part = await bigWorkbook(input);
  const cli = (args: string[]) => `require('./dist-node/src/cli/cli.js').main(${JSON.stringify(args)}).then((c) => { process.exitCode = c; });`;
  const floor = `
    const JSZip = require('jszip'); const { SaxesParser } = require('saxes');
    (async () => {
      const zip = await JSZip.loadAsync(require('fs').readFileSync(${JSON.stringify(input)}));
      const rows = []; let row, text = '', on = false;
      const p = new SaxesParser({ position: false });
      p.on('opentag', (t) => { if (t.name === 'row') rows.push((row = [])); else if (t.name === 'v' || t.name === 't') { on = true; text = ''; } });
      p.on('closetag', (t) => { if (t.name === 'v' || t.name === 't') { on = false; row.push(text); } });
      p.on('text', (t) => { if (on) text += t; });
      const dec = new TextDecoder();
      await new Promise((res, rej) => zip.file(${JSON.stringify(part)}).internalStream('uint8array').on('data', (c) => p.write(dec.decode(c, { stream: true }))).on('end', res).on('error', rej).resume());
      p.close();
      if (rows.length !== ${N + 1}) throw new Error('floor read ' + rows.length + ' rows');
    })();`;
  const runs: Record<'floor' | 'score' | 'report', Run[]> = { floor: [], score: [], report: [] };
  for (let i = 0; i < 3; i++) {
    runs.floor.push(child(floor));
    runs.score.push(child(cli(['score', input, '--json'])));
    runs.report.push(child(cli(['report', input, '--out', path.join(tmp, 'out.xlsx'), '--force'])));
  }
  const t = (k: keyof typeof runs) => median(runs[k].map((r) => r.ms));
  const m = (k: keyof typeof runs) => median(runs[k].map((r) => r.rssMb));
  line(`bench xlsx floor: unzip + saxes of the responses sheet, ${N} rows, median ${(t('floor') / 1000).toFixed(2)} s, peak ${m('floor').toFixed(0)} MB`);
  for (const k of ['score', 'report'] as const) {
    const rt = t(k) / t('floor');
    const rm = m(k) / m('floor');
    line(`bench xlsx ${k}: csat ${k} ${N} responses median ${(t(k) / 1000).toFixed(2)} s, peak ${m(k).toFixed(0)} MB`);
    line(`bench ratio ${k}/floor: time ${rt.toFixed(2)} (target <= 2), memory ${rm.toFixed(2)} (target <= 3) ${rt <= 2 && rm <= 3 ? 'OK' : 'MISSED'}`);
  }
  const csv = path.join(tmp, 'big.csv');
  bigCsv(csv, IMPORT_ROWS);
  const imp = child(cli(['import', csv, '--out', path.join(tmp, 'imported.xlsx'), '--force']));
  line(`bench xlsx import: csat import ${IMPORT_ROWS} CSV rows ${(imp.ms / 1000).toFixed(2)} s, peak ${imp.rssMb.toFixed(0)} MB (target < 1024 MB) ${imp.rssMb < 1024 ? 'OK' : 'MISSED'}`);
}

const cliScript = (args: string[]) => `require('./dist-node/src/cli/cli.js').main(${JSON.stringify(args)}).then((c) => { process.exitCode = c; });`;

/** One budget line: a run of `csat score` on a hostile file, against 1 GB and 30 s. */
function budgetLine(line: (s: string) => void, row: string, run: Run): void {
  const ok = run.rssMb < 1024 && run.ms < 30_000 && (run.status === 0 || run.status === 1 || run.status === 2);
  const outcome = run.status === 0 ? 'read' : `refused: ${run.said.slice(0, 160)}`;
  line(`bench budget ${row}: ${(run.ms / 1000).toFixed(2)} s, peak ${run.rssMb.toFixed(0)} MB (target < 1024 MB, < 30 s) ${ok ? 'OK' : 'MISSED'} — exit ${run.status}, ${outcome}`);
}

/**
 * The package fuzzer's cases (both kinds, the test's seeds and counts) read in one child process,
 * each timed; the slowest is then run alone through `csat score` for its own time and peak memory.
 */
async function fuzzBench(line: (s: string) => void, tmp: string): Promise<void> {
  const script = `
    const fc = require('fast-check');
    const f = require('./dist-bench/test/helpers/fuzz-cases.js');
    (async () => {
      const base = await f.fuzzBase();
      const cases = [
        ...fc.sample(f.zipCase, { seed: f.FUZZ_SEED, numRuns: f.FUZZ_RUNS }).map((c) => () => f.applyBytes(base, c)),
        ...fc.sample(f.markupCase, { seed: f.FUZZ_SEED + 1, numRuns: f.FUZZ_RUNS }).map((c) => () => f.applyMarkupCase(base, c)),
      ];
      let worst = { i: -1, ms: -1 };
      for (let i = 0; i < cases.length; i++) {
        const bytes = cases[i]();
        const t0 = process.hrtime.bigint();
        await f.readChecked(bytes);
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        if (ms > worst.ms) worst = { i, ms };
      }
      console.log(JSON.stringify({ worst, n: cases.length }));
    })().catch((e) => { console.error(e); process.exitCode = 3; });`;
  const all = child(script);
  const { worst, n } = JSON.parse(all.stdout.trim().split('\n').pop()!) as { worst: { i: number; ms: number }; n: number };
  line(`bench budget fuzz, all ${n} cases in one process: ${(all.ms / 1000).toFixed(2)} s, peak ${all.rssMb.toFixed(0)} MB (target < 1024 MB) ${all.rssMb < 1024 ? 'OK' : 'MISSED'}; slowest case #${worst.i} ${worst.ms.toFixed(0)} ms`);
  const base = await fuzzBase();
  const bytes = worst.i < FUZZ_RUNS ? applyBytes(base, fc.sample(zipCase, { seed: FUZZ_SEED, numRuns: FUZZ_RUNS })[worst.i]) : applyMarkupCase(base, fc.sample(markupCase, { seed: FUZZ_SEED + 1, numRuns: FUZZ_RUNS })[worst.i - FUZZ_RUNS]);
  const file = path.join(tmp, 'fuzz-worst.xlsx');
  writeFileSync(file, bytes);
  budgetLine(line, `fuzz worst case (#${worst.i}, csat score)`, child(cliScript(['score', file, '--json']), true));
}

/** Issue 19's rows that were about memory or time, each through `csat score` in a child process. */
export async function budgetBench(line: (s: string) => void): Promise<void> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'csat-budget-'));
  const MiB = 1024 * 1024;
  const rows: [string, () => Promise<Uint8Array>][] = [
    ['13,000 rows with an empty cell at XFD', () => xfdRows(13_000)],
    ['60,000 rows with an empty cell at XFD', () => xfdRows(60_000)],
    ['13,000 rows with a value at XFD', () => xfdRows(13_000, { value: 'x' })],
    ['a 50 MB text in one answer cell', async () => (await bigCell(50 * MiB)).bytes],
    ['a 500 MB text in one answer cell', async () => (await bigCell(500 * MiB)).bytes],
    ['a padded deflate stream, 1 GB of XML declared (the issue\'s file)', () => paddedDeflate(1024)],
    ['a padded deflate stream, 250 MB of XML (under the part limit)', () => paddedDeflate(250)],
    ['400,000 empty zip entries', () => manyEntries(400_000)],
    ['a 135 MB [Content_Types].xml', () => bigContentTypes(135)],
    ['a 135 MB [Content_Types].xml declaring 1,000 bytes', () => bigContentTypes(135, 1_000)],
  ];
  for (const [row, make] of rows) {
    const file = path.join(tmp, 'hostile.xlsx');
    const bytes = await make();
    writeFileSync(file, bytes);
    budgetLine(line, `${row} (${(bytes.length / 1024).toFixed(0)} KB file)`, child(cliScript(['score', file, '--json']), true));
  }
  await fuzzBench(line, tmp);
}

if (require.main === module) {
  (async () => {
    await budgetBench((s) => console.log(s));
    await packageBench((s) => console.log(s));
  })().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
