/**
 * `npm run bench`: speed figures measured side by side in one run, reported as ratios (the machines
 * are shared and noisy, so absolute times mean little on their own).
 *
 * CSAT.OVERALL on 100,000 respondents × 14 items of fresh (non-interned) label strings, against
 * - the floor: every cell looked up once in a Map of the five labels — the least work that
 *   classifies an answer (target: OVERALL ≤ 1.5× the floor);
 * - HyperFormula computing the native-formula equivalent (target: OVERALL ≥ 20× faster).
 */
import { HyperFormula } from 'hyperformula';
import { TABLE_4_1 } from '../src/domain';
import { overall } from '../src/functions/functions';
import { renderPlanInContext } from '../src/host/office/render';
import { buildSurveyWorkbook } from '../src/plan';
import { sampleResponses } from '../src/sample/sample-data';
import { ExcelFake } from '../test/helpers/office-excel';
import { driversBench } from './drivers-bench';
import { budgetBench, packageBench } from './package-bench';
import { paneBench } from './pane-bench';
import { reportBench } from './report-bench';

const ROWS = 100_000;
const LABELS = TABLE_4_1.levels.map((l) => l.label);
const ITEMS = TABLE_4_1.items.map((i) => i.name);

// The functions only touch CustomFunctions on errors; give them the shape Excel provides.
(globalThis as Record<string, unknown>).CustomFunctions = {
  Error: class extends Error {},
  ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' },
};

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fresh strings, as a host marshals them: decoded from bytes, never the interned literals. */
function grid(): string[][] {
  const rand = seeded(7);
  const bytes = LABELS.map((l) => Buffer.from(l, 'utf8'));
  const rows: string[][] = [ITEMS.map((n) => Buffer.from(n).toString('utf8'))];
  for (let r = 0; r < ROWS; r++) {
    const row = new Array<string>(ITEMS.length);
    for (let c = 0; c < ITEMS.length; c++) row[c] = bytes[Math.min(4, Math.floor(rand() * rand() * 6))].toString('utf8');
    rows.push(row);
  }
  return rows;
}

function floor(rows: string[][]): number {
  const map = new Map(LABELS.map((l, i) => [l, i] as [string, number]));
  let acc = 0;
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    for (let c = 0; c < row.length; c++) acc += map.get(row[c]) ?? 0;
  }
  return acc;
}

function hyperformula(rows: string[][]): number {
  const last = rows.length;
  const col = (i: number) => String.fromCharCode(65 + i);
  const scores = TABLE_4_1.levels.map((l) => l.score);
  const weights = TABLE_4_1.items.map((i) => i.weight);
  const mean = (i: number) => {
    const range = `data!${col(i)}2:${col(i)}${last}`;
    const n = LABELS.map((l) => `COUNTIF(${range},"${l}")`).join('+');
    const s = LABELS.map((l, li) => `${scores[li]}*COUNTIF(${range},"${l}")`).join('+');
    return `=(${s})/(${n})`;
  };
  const hf = HyperFormula.buildFromSheets(
    { data: rows, calc: [weights, ITEMS.map((_, i) => mean(i)), ['=SUMPRODUCT(A1:N1,A2:N2)/SUM(A1:N1)/100']] },
    { licenseKey: 'gpl-v3', useArrayArithmetic: true, smartRounding: false, maxRows: ROWS + 10 },
  );
  const v = hf.getCellValue({ sheet: hf.getSheetId('calc')!, row: 2, col: 0 }) as number;
  hf.destroy();
  return v;
}

function time<T>(fn: () => T): [number, T] {
  const t0 = process.hrtime.bigint();
  const v = fn();
  return [Number(process.hrtime.bigint() - t0) / 1e6, v];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** The Office path: syncs and request sizes to write a survey workbook of n responses (stateful Office.js fake). */
async function officeRequests(line: (s: string) => void): Promise<void> {
  const sample = sampleResponses(TABLE_4_1).rows;
  for (const n of [10, 5_000, 100_000]) {
    const plan = buildSurveyWorkbook(TABLE_4_1, { responses: Array.from({ length: n }, (_, i) => sample[i % sample.length]), year: 2026 }).plan;
    const fake = new ExcelFake();
    const [ms] = await timeAsync(() => fake.run((ctx) => renderPlanInContext(ctx, plan)));
    const sizes = fake.requests.map((r) => r.bytes);
    const mb = (b: number) => (b / 1024 / 1024).toFixed(2);
    line(
      `bench office survey ${n} rows: ${fake.runs} Excel.run, ${fake.syncs} syncs, requests ${sizes.map(mb).join(' + ')} MB (max ${mb(Math.max(...sizes))} MB < 4 MB), plan+queue ${ms.toFixed(0)} ms`,
    );
  }
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = process.hrtime.bigint();
  const v = await fn();
  return [Number(process.hrtime.bigint() - t0) / 1e6, v];
}

async function main(): Promise<void> {
  const rows = grid();
  const none = null as unknown as unknown[][];
  const call = () => overall(rows, none, null as unknown as string, {} as CustomFunctions.Invocation);
  // Warm both paths, then alternate them so drifts in machine load hit both alike.
  for (let i = 0; i < 3; i++) {
    call();
    floor(rows);
  }
  const tOverall: number[] = [];
  const tFloor: number[] = [];
  let value = 0;
  for (let i = 0; i < 15; i++) {
    gc();
    const [a, v] = time(call);
    gc();
    const [b] = time(() => floor(rows));
    tOverall.push(a);
    tFloor.push(b);
    value = v;
  }
  const tHf: number[] = [];
  let hfValue = 0;
  for (let i = 0; i < 3; i++) {
    gc();
    const [t, v] = time(() => hyperformula(rows));
    tHf.push(t);
    hfValue = v;
  }
  const o = median(tOverall);
  const f = median(tFloor);
  const h = median(tHf);
  const line = (s: string) => process.stdout.write(`${s}\n`);
  line(`bench overall: CSAT.OVERALL ${ROWS}x${ITEMS.length} labels median ${o.toFixed(1)} ms (value ${value.toFixed(6)})`);
  line(`bench floor: Map lookup of every cell median ${f.toFixed(1)} ms`);
  line(`bench hyperformula: native COUNTIF/SUMPRODUCT formula median ${h.toFixed(0)} ms (value ${hfValue.toFixed(6)}, |diff| ${Math.abs(hfValue - value).toExponential(1)})`);
  line(`bench ratio overall/floor: ${(o / f).toFixed(2)} (target <= 1.5) ${o / f <= 1.5 ? 'OK' : 'MISSED'}`);
  line(`bench ratio hyperformula/overall: ${(h / o).toFixed(1)} (target >= 20) ${h / o >= 20 ? 'OK' : 'MISSED'}`);
  await officeRequests(line);
  await reportBench(line);
  await driversBench(line);
  await packageBench(line);
  await budgetBench(line);
  await paneBench(line);
}

void main();
