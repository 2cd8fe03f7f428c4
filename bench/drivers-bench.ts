/**
 * "Where to act first" on 100,000 responses: key drivers (a Pearson r per item), improvement
 * potential, the sample-size plan and comment themes, each timed from the records analyze() already
 * holds (reading the grid is report-bench.ts's). Target: all of it under 1 s.
 * Alone: `npx tsc -p tsconfig.bench.json && node dist-bench/bench/drivers-bench.js`.
 */
import { composite, keyDrivers } from '../src/domain/analysis/drivers';
import { improvementPotential } from '../src/domain/analysis/potential';
import { readResponses } from '../src/domain/analysis/responses';
import { samplePlan } from '../src/domain/analysis/sample-size';
import { commentThemes } from '../src/domain/analysis/themes';
import { locateData } from '../src/domain/locate';
import { scoreResponses } from '../src/domain/scoring';
import { TABLE_4_1 } from '../src/domain/template';
import { sampleResponses } from '../src/sample/sample-data';

const N = 100_000;

function ms(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export async function driversBench(line: (s: string) => void): Promise<void> {
  const sample = sampleResponses(TABLE_4_1);
  const grid = [sample.header, ...Array.from({ length: N }, (_, i) => sample.rows[i % sample.rows.length])];
  const origin = { sheet: '调查数据', row: 1, col: 1 };
  const set = readResponses(grid, TABLE_4_1, locateData(grid, TABLE_4_1, origin), origin);
  const scored = scoreResponses(grid, TABLE_4_1);
  const comment = sample.header.indexOf('意见与建议');

  const times: number[] = [];
  let t0 = process.hrtime.bigint();
  const drivers = keyDrivers(set.records, TABLE_4_1);
  times.push(ms(t0));
  t0 = process.hrtime.bigint();
  const potential = improvementPotential(scored.items, { target: TABLE_4_1.target, respondents: scored.respondents });
  times.push(ms(t0));
  t0 = process.hrtime.bigint();
  const comps: number[] = [];
  for (const r of set.records) {
    const c = composite(r.levels, TABLE_4_1);
    if (!Number.isNaN(c)) comps.push(c / 100);
  }
  const plan = samplePlan(comps, { target: TABLE_4_1.target });
  times.push(ms(t0));
  t0 = process.hrtime.bigint();
  const themes = commentThemes(
    set.records.map((r, i) => ({ row: r.row, text: String(grid[i + 1][comment] ?? ''), levels: r.levels })),
    TABLE_4_1,
  );
  times.push(ms(t0));
  // The sample repeats a dozen comments (cut once each); real comments are mostly distinct texts, and
  // ICU's word break costs tens of µs per text: measured on 20,000 distinct ones (a big quarter).
  const customer = sample.header.indexOf('客户名称');
  t0 = process.hrtime.bigint();
  const distinct = commentThemes(
    set.records.slice(0, 20_000).map((r, i) => ({ row: r.row, text: `${String(grid[i + 1][customer] ?? '')}反映：${String(grid[i + 1][comment] || '无')}（${i}）`, levels: r.levels })),
    TABLE_4_1,
  );
  const tDistinct = ms(t0);
  const total = times.reduce((a, b) => a + b, 0);
  line(
    `bench drivers: ${N} responses — key drivers ${times[0].toFixed(0)} ms, potential ${times[1].toFixed(1)} ms, sample size ${times[2].toFixed(0)} ms, ` +
      `themes (${themes.segmenter}) ${times[3].toFixed(0)} ms; total ${total.toFixed(0)} ms (target < 1000) ${total < 1000 ? 'OK' : 'MISSED'}`,
  );
  line(`bench drivers themes on ${distinct.commenters} distinct texts: ${tDistinct.toFixed(0)} ms (${((tDistinct * 1000) / distinct.commenters).toFixed(0)} µs per text)`);
  line(
    `bench drivers check: 修补区 ${drivers.fixFirst.join('、') || '—'}; top potential ${potential.items[0].item}; ` +
      `n for ±2 points ${plan.forHalfWidth}; themes ${themes.themes.slice(0, 3).map((t) => t.term).join('、')}`,
  );
}

if (require.main === module) void driversBench((s) => process.stdout.write(`${s}\n`));
