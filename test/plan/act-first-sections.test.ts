/**
 * 先改进什么 in the report: the 提升潜力, 关键驱动与四分图, 意见主题 sections and 样本量 in 调查概况.
 * The figures in the sheet are the engine's; the native potential formulas, recomputed by
 * HyperFormula from the cells beside them, equal the engine's figures and a hand calculation; the
 * scatter chart's points and split lines read the cells under the headers they mean.
 */
import { HyperFormula } from 'hyperformula';
import { analyze, locateData, readResponses, TABLE_4_1, VERDICT_TEXT, type Analysis, type CellValue } from '../../src/domain';
import { buildReportSheet, parseCell, parseRange, type PlanValue, type SheetPlan } from '../../src/plan';
import { sampleResponses } from '../../src/sample/sample-data';
import { GRID, HEAD, row } from '../helpers/analysis-grid';
import { uniformRow } from '../helpers/grids';

const origin = { sheet: '调查数据', row: 1, col: 1 };
const stamp = { generatedAt: '2026-07-01 09:00', version: '0.1.0' };

function report(grid: CellValue[][], period: string): { plan: SheetPlan; a: Analysis } {
  const layout = locateData(grid, TABLE_4_1, origin);
  const a = analyze(readResponses(grid, TABLE_4_1, layout, origin), { period });
  const source = { sheet: '调查数据', itemCols: layout.itemColumns.map((c) => c + 1), dateCol: 5, range: `调查数据!A1:V${grid.length}` };
  return { plan: buildReportSheet(a, source, stamp), a };
}

/** The plan as a grid of what is written (formulas as `{ formula }`), blocks later in the list winning. */
function cells(plan: SheetPlan): Map<string, PlanValue> {
  const m = new Map<string, PlanValue>();
  for (const b of plan.blocks) {
    const at = parseCell(b.at);
    b.values.forEach((r, i) => r.forEach((v, j) => m.set(`${at.row + i},${at.col + j}`, v)));
  }
  return m;
}
const at = (m: Map<string, PlanValue>, r: number, c: number) => m.get(`${r},${c}`);
const isFormula = (v: PlanValue | undefined): v is { formula: string; result?: number } => typeof v === 'object' && v !== null && 'formula' in v;

/** The first row at or after the heading containing `title` whose cells start with `head`. */
function headerRow(m: Map<string, PlanValue>, plan: SheetPlan, title: string, head: string[]): number {
  const heading = plan.blocks.find((b) => b.style === 'subtitle' && String(b.values[0][0]).includes(title))!;
  for (let r = parseCell(heading.at).row; r < parseCell(heading.at).row + 40; r++) if (head.every((h, i) => at(m, r, i + 1) === h)) return r;
  throw new Error(`no header ${head.join('|')} under ${title}`);
}

/**
 * HyperFormula recomputes the potential section's formulas: every cell of the sheet goes in as its
 * value (other formulas as their cached result — they read 调查数据, not this test's subject), the
 * potential section's formulas as formulas.
 */
function recompute(plan: SheetPlan, rows: { top: number; end: number }, col: number): number[] {
  const m = cells(plan);
  let maxR = 0;
  let maxC = 0;
  for (const k of m.keys()) {
    const [r, c] = k.split(',').map(Number);
    maxR = Math.max(maxR, r);
    maxC = Math.max(maxC, c);
  }
  const sheet: (string | number | boolean | null)[][] = Array.from({ length: maxR }, () => Array.from({ length: maxC }, () => null));
  const ours = (r: number) => r >= rows.top - 3 && r <= rows.end;
  for (const [k, v] of m) {
    const [r, c] = k.split(',').map(Number);
    if (isFormula(v)) sheet[r - 1][c - 1] = ours(r) ? v.formula : (v.result ?? null);
    else if (typeof v === 'object' && v !== null) sheet[r - 1][c - 1] = null;
    else sheet[r - 1][c - 1] = v;
  }
  const hf = HyperFormula.buildFromArray(sheet, { licenseKey: 'gpl-v3', useArrayArithmetic: true, smartRounding: false });
  const out: number[] = [];
  for (let r = rows.top; r <= rows.end; r++) out.push(hf.getCellValue({ sheet: 0, row: r - 1, col: col - 1 }) as number);
  hf.destroy();
  return out;
}

const { header, rows: sampleRows } = sampleResponses(TABLE_4_1);
const SAMPLE: CellValue[][] = [header, ...sampleRows];

describe('提升潜力 section', () => {
  it('hand-worked quarter: the native formulas recompute to the hand calculation and the engine', () => {
    // 2026Q1 of the held fixture: A all 满意 (100), B all 较满意 (90), C all 一般 (70) but 培训 不满意 (0).
    // Every item answered by 3, weights sum to 100. 培训: s = 190/300; others: s = 260/300.
    // potential = w × (0.9 − s) / 100; overall = 0.843…, and all 14 together make up the gap exactly.
    const { plan, a } = report(GRID, '2026Q1');
    const m = cells(plan);
    const head = headerRow(m, plan, '提升潜力', ['排名', '项目', '类别', '权重', '满意度', '与目标差距', '提升潜力', '达标组合']);
    const top = head + 1;
    const end = top + 13;
    const names = Array.from({ length: 14 }, (_, k) => at(m, top + k, 2));
    expect(names[0]).toBe('培训');
    const hand = (name: PlanValue | undefined, w: number) => (w * (0.9 - (name === '培训' ? 190 : 260) / 300)) / 100;
    const weights = Array.from({ length: 14 }, (_, k) => at(m, top + k, 4) as number);
    const recomputed = recompute(plan, { top, end }, 7);
    recomputed.forEach((v, k) => {
      expect(Math.abs(v - hand(names[k], weights[k]))).toBeLessThan(1e-12);
      const engine = a.potential.items.find((x) => x.item === names[k])!.potential;
      expect(Math.abs(v - engine)).toBeLessThan(1e-9);
      expect((at(m, top + k, 7) as { result: number }).result).toBe(engine);
    });
    // The gap 0.9 − 0.8433… is closed only by all 14 items together.
    expect(a.potential.reachSet).toHaveLength(14);
    expect(Array.from({ length: 14 }, (_, k) => at(m, top + k, 8))).toEqual(Array.from({ length: 14 }, () => '✓'));
  });

  it('a below-target sample quarter: the smallest set is marked, and the sentence names it', () => {
    const { plan, a } = report(SAMPLE, '2026Q1');
    expect(a.verdict).toBe('未达标');
    const m = cells(plan);
    const head = headerRow(m, plan, '提升潜力', ['排名', '项目']);
    const set = a.potential.reachSet!;
    expect(set.length).toBeGreaterThan(0);
    const marked = Array.from({ length: 14 }, (_, k) => [at(m, head + 1 + k, 2), at(m, head + 1 + k, 8)]).filter(([, v]) => v === '✓').map(([n]) => n);
    expect(marked).toEqual(set);
    const recomputed = recompute(plan, { top: head + 1, end: head + 14 }, 7);
    recomputed.forEach((v, k) => expect(Math.abs(v - a.potential.items[k].potential)).toBeLessThan(1e-9));
    // The smallest set: its total reaches the shortfall, one item fewer does not.
    const total = (n: number) => a.potential.items.slice(0, n).reduce((s, x) => s + x.potential, 0);
    expect(total(set.length)).toBeGreaterThanOrEqual(a.potential.shortfall - 1e-12);
    expect(total(set.length - 1)).toBeLessThan(a.potential.shortfall);
    const notes = plan.blocks.filter((b) => b.style === 'note').map((b) => String(b.values[0][0]));
    expect(notes.some((n) => n.includes(`最少需要 ${set.length} 个项目达到目标——${set.join('、')}`))).toBe(true);
  });
});

describe('关键驱动与四分图 section', () => {
  const { plan, a } = report(SAMPLE, '2026Q3');
  const m = cells(plan);
  const head = headerRow(m, plan, '关键驱动', ['项目', '类别', '推导重要性 r', '作答对数', '陈述重要性（权重）', '满意度', '象限']);

  it('shows each item\'s r, pairs, weight, satisfaction and quadrant as the engine computed them', () => {
    for (let k = 0; k < 14; k++) {
      const d = a.drivers.items.find((x) => x.item === at(m, head + 1 + k, 1))!;
      expect([at(m, head + 1 + k, 3), at(m, head + 1 + k, 4), at(m, head + 1 + k, 5), at(m, head + 1 + k, 6), at(m, head + 1 + k, 7)]).toEqual([
        d.r ?? '—',
        d.n,
        d.weight,
        d.satisfaction ?? '—',
        d.quadrant ?? '—',
      ]);
    }
  });

  it('draws a scatter: one labelled point per placed item from its cells, and the two split lines', () => {
    const chart = plan.charts!.find((c) => c.kind === 'scatter')!;
    expect(chart.title).toBe('四分图：推导重要性与满意度');
    const placed = a.drivers.items.filter((d) => d.quadrant !== null);
    const points = chart.series.filter((s) => !s.line);
    expect(points).toHaveLength(placed.length);
    const headOf = (range: string) => at(m, head, parseRange(range.replace(/\$/g, '') + (range.includes(':') ? '' : `:${range.replace(/\$/g, '')}`)).start.col);
    for (const p of points) {
      const c = parseCell(p.x!.values.replace(/\$/g, ''));
      expect(headOf(p.x!.values)).toBe('推导重要性 r');
      expect(headOf(p.values)).toBe('满意度');
      expect(at(m, parseCell(p.nameCell!.replace(/\$/g, '')).row, parseCell(p.nameCell!.replace(/\$/g, '')).col)).toBe(p.name);
      const d = a.drivers.items.find((x) => x.item === p.name)!;
      expect([at(m, c.row, c.col), p.x!.cache[0], p.cache[0]]).toEqual([d.r, d.r, d.satisfaction]);
      expect(p.label).toBe(true);
    }
    const [mean, target] = chart.series.filter((s) => s.line);
    expect(mean.x!.cache).toEqual([a.drivers.meanImportance, a.drivers.meanImportance]);
    expect(target.cache).toEqual([a.target, a.target]);
    // The split lines' cells hold what the series cache says.
    for (const s of [mean, target]) {
      const { start, end } = parseRange(s.values.replace(/\$/g, ''));
      expect([at(m, start.row, start.col), at(m, end.row, end.col)]).toEqual(s.cache);
    }
  });

  it('feeds the 修补区 items to 改进机会 with the reason 关键驱动', () => {
    const fix = a.drivers.fixFirst;
    for (const item of fix) expect(a.opportunities.find((o) => o.item === item)?.keyDriver).toBe(true);
    const oppHead = headerRow(m, plan, '改进机会', ['项目', '类别', '满意度', '原因']);
    const reasons = new Map(a.opportunities.map((_, k) => [at(m, oppHead + 1 + k, 1), String(at(m, oppHead + 1 + k, 4))]));
    for (const item of fix) expect(reasons.get(item)).toContain('关键驱动');
  });
});

describe('意见主题 and 样本量', () => {
  it('lists the engine\'s themes with count, share, items and two examples with rows', () => {
    const { plan, a } = report(SAMPLE, '2026Q4');
    const m = cells(plan);
    const head = headerRow(m, plan, '意见主题', ['主题', '提及人数', '占受访者']);
    expect(a.themes.themes.length).toBeGreaterThan(0);
    a.themes.themes.forEach((t, k) => {
      expect(String(at(m, head + 1 + k, 1)).startsWith(t.term)).toBe(true);
      expect([at(m, head + 1 + k, 2), at(m, head + 1 + k, 3)]).toEqual([t.count, t.share]);
      for (const e of t.examples) expect(String(at(m, head + 1 + k, 7))).toContain(`第${e.row}行：${e.text}`);
    });
  });

  it('puts the needed and actual n with the plain sentence in 调查概况', () => {
    const { plan, a } = report(SAMPLE, '2026Q4');
    const m = cells(plan);
    const s = a.sampleSize;
    expect(s.basisPeriod).toBe('2026Q3');
    expect(labelled(m, '±2个百分点所需样本')).toBe(s.forHalfWidth);
    expect(labelled(m, a.verdict === '未达标' ? '判定未达标所需样本' : '判定达标所需样本')).toBe(s.forTarget);
    expect(labelled(m, '本季度样本')).toBe(a.respondents);
    expect(String(labelled(m, '样本量结论')).startsWith(VERDICT_TEXT[s.verdict]['zh-CN'])).toBe(true);
  });

  it('Q1 93%, Q2 86% with 200 responses: 结论 未达标, and 样本量结论 says enough to call it 未达标', () => {
    // Q1: 5 满意, 4 较满意, 1 一般 → mean 93%, s² = (5·7² + 4·3² + 23²) / 9 = 90 points²; Q2: 较满意 and 一般 4 : 1 → 86%.
    // By hand (t tables, s = √0.009 = 0.0948683): ±2 points needs 89 (t(.975,88)·s/√89 = 0.019984, n = 88 gives
    // 0.020101); calling 未达标 by 4 points needs 18 (t(.95,17)·s/√18 = 0.03890, n = 17 gives 0.04017); the plan —
    // the true score at Q1's 93%, 3 points over — 29 (t(.95,28)·s/√29 = 0.029967, n = 28 gives 0.030537).
    const g: CellValue[][] = [HEAD];
    ['满意', '满意', '满意', '满意', '满意', '较满意', '较满意', '较满意', '较满意', '一般'].forEach((label, k) => g.push(row(`A${k}`, '政府', '现场走访', `2026-02-${String(k + 1).padStart(2, '0')}`, uniformRow(label))));
    for (let k = 0; k < 200; k++) g.push(row(`B${k}`, '金融', '电话访问', `2026-05-${String((k % 28) + 1).padStart(2, '0')}`, uniformRow(k % 5 === 4 ? '一般' : '较满意')));
    const { plan } = report(g, '2026Q2');
    const m = cells(plan);
    expect(labelled(m, '结论')).toBe('未达标');
    expect(labelled(m, '±2个百分点所需样本')).toBe(89);
    expect(labelled(m, '判定未达标所需样本')).toBe(18);
    expect(labelled(m, '本季度样本')).toBe(200);
    expect(labelled(m, '样本量结论')).toBe(
      '样本量足以判定未达标（本季度总体 86.00%，结论未达标；所需样本按 2026Q1 的 10 份答卷估算：受访者加权得分平均 93.00%、标准差 9.49 个百分点；' +
        '计划：若真实得分等于 2026Q1 的平均，判定达标需 29 份；95% 置信）',
    );
  });
});

/** The value beside the first cell in column 1 reading `label`. */
function labelled(m: Map<string, PlanValue>, label: string): PlanValue | undefined {
  for (let r = 1; r < 80; r++) if (at(m, r, 1) === label) return at(m, r, 2);
  throw new Error(label);
}
