import type { CellValue } from '../../src/domain';
import { HyperFormula } from 'hyperformula';
import { excelError, installCustomFunctionsStub } from '../helpers/custom-functions-stub';
import { ITEMS, rowWith, uniformRow, WEIGHTS } from '../helpers/grids';

installCustomFunctionsStub();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fns = require('../../src/functions/functions') as typeof import('../../src/functions/functions');

type Grid = unknown[][];
const at = (address: string, ...more: string[]) => ({ parameterAddresses: [address, ...more] }) as CustomFunctions.Invocation;
const noAddr = {} as CustomFunctions.Invocation;
// Excel passes an omitted optional argument as null.
const omitted = null as unknown as Grid;
const none = null as unknown as string;

const data: CellValue[][] = [['客户名称', ...ITEMS], ['甲', ...uniformRow('满意')], ['乙', ...rowWith('较满意', { 软件: '一般' })]];

describe('CSAT.* custom functions', () => {
  it('OVERALL scores a range with a header row', () => {
    // item means: 95 everywhere except 软件 (100+70)/2 = 85 → (93×95 + 7×85)/10000
    expect(fns.overall(data, omitted, none, noAddr)).toBeCloseTo((93 * 95 + 7 * 85) / 10000, 12);
  });

  it('OVERALL scores a headerless block of exactly the 14 items', () => {
    expect(fns.overall([uniformRow('满意'), uniformRow('一般')], omitted, none, noAddr)).toBeCloseTo(0.85, 12);
  });

  it('ITEM, CATEGORY, COUNT, RESPONDENTS, SCORE, TARGETMET', () => {
    expect(fns.item(data, '软件', omitted, noAddr)).toBeCloseTo(0.85, 12);
    expect(fns.item(data, '服务热线', omitted, noAddr)).toBeCloseTo(0.95, 12); // alias of 热线畅通
    expect(fns.category(data, '服务态度', omitted, noAddr)).toBeCloseTo(0.95, 12);
    expect(fns.count(data, '软件', '一般', omitted, noAddr)).toBe(1);
    expect(fns.count(data, '软件', '很不满意', omitted, noAddr)).toBe(0);
    expect(fns.respondents(data, omitted, noAddr)).toBe(2);
    expect(fns.score('较满意', omitted, none, noAddr)).toBe(90);
    expect(fns.score(' 很不满意 ', omitted, none, noAddr)).toBe(-10);
    expect(fns.targetmet(data, 0.9, omitted, noAddr)).toBe(true);
    expect(fns.targetmet(data, '95%', omitted, noAddr)).toBe(false);
    expect(fns.targetmet(data, none, omitted, noAddr)).toBe(true);
  });

  it('gives the same results for desktop (0) and web (null) empty cells', () => {
    const web = [...data, ['丙', ...rowWith(null, { 专业技术: '不满意' })]];
    const desktop = web.map((r) => r.map((v) => (v === null ? 0 : v)));
    expect(fns.overall(desktop, omitted, none, noAddr)).toBe(fns.overall(web, omitted, none, noAddr));
    expect(fns.respondents(desktop, omitted, noAddr)).toBe(3);
    expect(fns.count(desktop, '专业技术', '不满意', omitted, noAddr)).toBe(1);
    expect(fns.count(desktop, '软件', '不满意', omitted, noAddr)).toBe(0);
  });

  it('reads a template range in the layout of Table 4-1', () => {
    const template = [
      ['项目', '服务能力与质量', null, null, null, null, null, null, null, '服务态度', null, null, null, '备件供应', '培训'],
      [null, ...ITEMS.slice(0, 12), null, null],
      ['权重 (%)', ...WEIGHTS],
      ['满意', ...WEIGHTS.map(() => 100)],
      ['较满意', ...WEIGHTS.map(() => 80)], // this template scores 较满意 as 80
      ['一般', ...WEIGHTS.map(() => 70)],
      ['不满意', ...WEIGHTS.map(() => 0)],
      ['很不满意', ...WEIGHTS.map(() => -10)],
      ['目标', 0.95],
    ];
    expect(fns.score('较满意', template, none, noAddr)).toBe(80);
    expect(fns.overall([uniformRow('较满意')], template, none, noAddr)).toBeCloseTo(0.8, 12);
    expect(fns.targetmet([uniformRow('较满意')], none, template, noAddr)).toBe(false);
    const bad = template.map((r) => [...r]);
    bad[2][5] = 0;
    const e = excelError(() => fns.overall(data, bad, none, at('调查数据!A1:O3', '评分模板!B2:P10')));
    expect(e.code).toBe('#VALUE!');
    expect(e.message).toBe('评分模板!G4：评分项目"安全"的权重 \'0\' 无效（应为正数）');
  });

  describe('desktop Excel: blank cells arrive as 0 and mean what null means on the web', () => {
    const desktopOf = (g: unknown[][]) => g.map((r) => r.map((v) => (v === null ? 0 : v)));
    // Table 4-1's layout as a user selects it: merged category cells and the item row blank under
    // 备件供应 and 培训, 较满意 scored 80, target 95%, then a blank row and a note — every blank a 0.
    const web = [
      ['项目', '服务能力与质量', null, null, null, null, null, null, null, '服务态度', null, null, null, '备件供应', '培训'],
      [null, ...ITEMS.slice(0, 12), null, null],
      ['权重 (%)', ...WEIGHTS],
      ['满意', ...WEIGHTS.map(() => 100)],
      ['较满意', ...WEIGHTS.map(() => 80)],
      ['一般', ...WEIGHTS.map(() => 70)],
      ['不满意', ...WEIGHTS.map(() => 0)],
      ['很不满意', ...WEIGHTS.map(() => -10)],
      ['目标', 0.95, ...ITEMS.slice(1).map(() => null)],
      ['别名', null, ...ITEMS.slice(1).map(() => null)],
      [null, ...ITEMS.map(() => null)],
      ['合计', 100, ...ITEMS.slice(1).map(() => null)],
    ];
    const template = desktopOf(web);

    it('reads a template range whose blank label cells are 0', () => {
      expect(fns.score('较满意', template, none, noAddr)).toBe(80);
      expect(fns.score('不满意', template, none, noAddr)).toBe(0); // a level scored 0 stays 0
      expect(fns.overall([uniformRow('较满意')], template, none, noAddr)).toBeCloseTo(0.8, 12);
      // (100 + 80)/2 = 90% for every item, below the template's 95%.
      expect(fns.targetmet([uniformRow('满意'), uniformRow('较满意')], none, template, noAddr)).toBe(false);
      // 备件供应 and 培训 are items named by their category, not "0".
      expect(fns.item([uniformRow('较满意')], '培训', template, noAddr)).toBeCloseTo(0.8, 12);
      // 服务能力与质量 spans 8 items (weights 10 + 6×7 + 8 = 60): (10·80 + 50·100)/60 = 96.67%.
      expect(fns.category([ITEMS, rowWith('满意', { 专业技术: '较满意' })], '服务能力与质量', template, noAddr)).toBeCloseTo(5800 / 6000, 12);
      // A blank (0) target cell is the default 90%: (100 + 80)/2 = 90% meets it.
      const noTarget = template.map((r) => (r[0] === '目标' ? ['目标', ...r.slice(1).map(() => 0)] : r));
      expect(fns.targetmet([uniformRow('满意'), uniformRow('较满意')], none, noTarget, noAddr)).toBe(true);
    });

    it('reads a one-cell template range holding a blank (0) as Table 4-1', () => {
      // 甲 满意 everywhere, 乙 较满意 except 软件 一般: (93×95 + 7×85)/10000.
      expect(fns.overall(data, [[0]], none, noAddr)).toBeCloseTo((93 * 95 + 7 * 85) / 10000, 12);
      expect(fns.score('较满意', [[0]], none, noAddr)).toBe(90);
    });

    it('scores a range holding only blanks (0s) as nothing answered, not as 不满意', () => {
      const fresh = desktopOf([ITEMS, uniformRow(null)]);
      const e = excelError(() => fns.overall(fresh, omitted, none, noAddr));
      expect([e.code, e.message]).toEqual(['#N/A', '区域中没有有效的满意度答案，无法计算']);
      expect(excelError(() => fns.targetmet(fresh, 0.9, omitted, noAddr)).code).toBe('#N/A');
      expect(fns.respondents(fresh, omitted, noAddr)).toBe(0);
      expect(fns.count(fresh, '软件', '不满意', omitted, noAddr)).toBe(0);
    });

    it('still reads a typed 0 among numeric scores as the score 0 (不满意)', () => {
      // every item (100 + 0)/2 = 50%
      expect(fns.overall([ITEMS, uniformRow(100), uniformRow(0)], omitted, none, noAddr)).toBeCloseTo(0.5, 12);
      expect(fns.count([ITEMS, uniformRow(100), uniformRow(0)], '软件', '不满意', omitted, noAddr)).toBe(1);
    });

    it('reads an optional argument pointing at a blank cell (0) as omitted', () => {
      const blank = 0 as unknown as string;
      // data's overall is 94.30%: the default target 90% is met (a 0 target would be refused).
      expect(fns.targetmet(data, blank, omitted, noAddr)).toBe(true);
      expect(fns.overall(data, omitted, blank, noAddr)).toBeCloseTo((93 * 95 + 7 * 85) / 10000, 12);
      expect(fns.score('满意', omitted, blank, noAddr)).toBe(100);
      // 软件 mean 85 → 7 × (90 − 85)/10000 under the default item policy.
      expect(fns.potential(data, '软件', omitted, blank, noAddr)).toBeCloseTo(0.0035, 12);
    });
  });

  describe('errors name the cell to fix', () => {
    it('#VALUE! for an invalid answer, naming row, item and cell from the parameter address', () => {
      const bad = [...data, ['丙', ...rowWith('满意', { 软件: '非常满意' })]];
      const e = excelError(() => fns.overall(bad, omitted, none, at('调查数据!B2:P5')));
      expect(e.code).toBe('#VALUE!');
      expect(e.message).toBe("第5行 软件（调查数据!E5）：'非常满意' 不是有效的满意度等级（应为 满意、较满意、一般、不满意、很不满意，或留空 / 不适用）");
    });

    it('#VALUE! for an unknown item, category, level or policy — never 0', () => {
      expect(excelError(() => fns.item(data, '网络', omitted, noAddr)).message).toMatch(/^未知的评分项目"网络"/);
      expect(excelError(() => fns.category(data, '价格', omitted, noAddr)).message).toMatch(/^未知的类别"价格"/);
      expect(excelError(() => fns.count(data, '软件', '还行', omitted, noAddr)).message).toMatch(/^'还行' 不是有效的满意度等级/);
      expect(excelError(() => fns.score('还行', omitted, none, noAddr)).code).toBe('#VALUE!');
      expect(excelError(() => fns.overall(data, omitted, 'loose', noAddr)).message).toBe('未知的计算口径"loose"（应为 item 或 strict）');
      expect(excelError(() => fns.targetmet(data, 'high', omitted, noAddr)).code).toBe('#VALUE!');
    });

    it('#VALUE! for a range with no header and the wrong width', () => {
      const e = excelError(() => fns.overall([['a', 'b']], omitted, none, noAddr));
      expect(e.code).toBe('#VALUE!');
      expect(e.message).toMatch(/^未找到调查数据/);
    });

    it('#N/A with a message when there is no valid answer', () => {
      const empty = [ITEMS, uniformRow(null), uniformRow('不适用')];
      const e = excelError(() => fns.overall(empty, omitted, none, noAddr));
      expect(e.code).toBe('#N/A');
      expect(e.message).toBe('区域中没有有效的满意度答案，无法计算');
      expect(excelError(() => fns.item([ITEMS, rowWith('满意', { 培训: null })], '培训', omitted, noAddr)).code).toBe('#N/A');
    });

    it('keeps messages within Excel\'s 256-character limit', () => {
      const long = 'x'.repeat(400);
      expect(excelError(() => fns.item(data, long, omitted, noAddr)).message.length).toBeLessThanOrEqual(250);
    });
  });
});

describe('where to act first: POTENTIAL, DRIVER, CI, SAMPLESIZE', () => {
  // Expected figures by hand (comments) or recomputed by HyperFormula from the same answers.
  const SC: Record<string, number> = { 满意: 100, 较满意: 90, 一般: 70, 不满意: 0, 很不满意: -10 };
  const below: CellValue[][] = [ITEMS, uniformRow('满意'), uniformRow('一般'), rowWith('较满意', { 培训: '不满意' })];

  function hf(formula: string, columns: Record<string, number[]>): number {
    const names = Object.keys(columns);
    const rows = Math.max(...names.map((n) => columns[n].length));
    const sheet = Array.from({ length: rows }, (_, r) => names.map((n) => columns[n][r] ?? null));
    const engine = HyperFormula.buildFromArray(sheet, { licenseKey: 'gpl-v3', smartRounding: false });
    const v = engine.calculateFormula(formula, 0) as number;
    engine.destroy();
    return v;
  }

  /** Composites of complete rows by the policy's formula: Σ weight × score / 100 (weights sum to 100). */
  const compositesOf = (rows: string[][]) => rows.map((r) => r.reduce((s, l, i) => s + (WEIGHTS[i] * SC[l]) / 100, 0) / 100);

  it('POTENTIAL: the gain if one item alone reached 90%', () => {
    // 培训: mean (100 + 70 + 0)/3 = 56.667 → 10 × (90 − 56.667) / 100 / 100 = 0.033333
    expect(fns.potential(below, '培训', omitted, none, noAddr)).toBeCloseTo(1 / 30, 12);
    // 专业技术: mean (100 + 70 + 90)/3 = 86.667 → 10 × 3.333 / 10000 = 0.0033333
    expect(fns.potential(below, '专业技术', omitted, none, noAddr)).toBeCloseTo(1 / 300, 12);
    expect(fns.potential(below, '行为规范', omitted, 'strict', noAddr)).toBeCloseTo(0.001, 12); // complete data: same under strict
    // Above target: 0. data: 软件 mean 85 → 7 × 5 / 10000 = 0.0035; 态度 mean 95 → 0.
    expect(fns.potential(data, '软件', omitted, none, noAddr)).toBeCloseTo(0.0035, 12);
    expect(fns.potential(data, '态度', omitted, none, noAddr)).toBe(0);
  });

  it('POTENTIAL errors: unknown item #VALUE!, unanswered item #N/A', () => {
    expect(excelError(() => fns.potential(below, '网络', omitted, none, noAddr)).message).toMatch(/^未知的评分项目"网络"/);
    expect(excelError(() => fns.potential([ITEMS, rowWith('满意', { 培训: null })], '培训', omitted, none, noAddr)).code).toBe('#N/A');
    expect(excelError(() => fns.potential(below, '培训', omitted, 'loose', noAddr)).code).toBe('#VALUE!');
  });

  // 12 complete respondents whose moods vary; 态度 follows the mood, 培训 does not.
  const moods = ['满意', '较满意', '一般', '不满意', '满意', '一般', '较满意', '满意', '很不满意', '较满意', '一般', '满意'];
  const rows12 = moods.map((m, r) => ITEMS.map((name, i) => (name === '培训' ? (r % 3 === 0 ? '一般' : '满意') : i % 2 === 0 ? m : moods[(r + 1) % moods.length])));
  const grid12: CellValue[][] = [ITEMS, ...rows12];

  it('DRIVER equals CORREL of the item’s scores with the composites', () => {
    const comps = compositesOf(rows12);
    for (const item of ['态度', '培训', '专业技术']) {
      const i = ITEMS.indexOf(item);
      const expected = hf('=CORREL(A1:A12,B1:B12)', { a: rows12.map((r) => SC[r[i]]), b: comps });
      expect(fns.driver(grid12, item, omitted, noAddr)).toBeCloseTo(expected, 10);
    }
    expect(excelError(() => fns.driver([ITEMS, uniformRow('满意'), uniformRow('一般')], '网络', omitted, noAddr)).code).toBe('#VALUE!');
    const flat = excelError(() => fns.driver([ITEMS, uniformRow('满意'), rowWith('一般', { 培训: '满意' })], '培训', omitted, noAddr));
    expect(flat.code).toBe('#N/A');
    expect(flat.message).toMatch(/^评分项目"培训"的相关系数无法计算/);
  });

  it('CI spills lower and upper: AVERAGE ± T.INV.2T × STDEV.S / √n on complete data', () => {
    const comps = compositesOf(rows12);
    const half = hf('=T.INV.2T(0.05,11)*STDEV.S(A1:A12)/SQRT(12)', { c: comps });
    const mean = hf('=AVERAGE(A1:A12)', { c: comps });
    const [[low, high]] = fns.ci(grid12, none, omitted, noAddr);
    // HyperFormula's t inverse agrees with stdlib's to about 1e-9.
    expect(low).toBeCloseTo(mean - half, 8);
    expect(high).toBeCloseTo(mean + half, 8);
    expect(fns.overall(grid12, omitted, none, noAddr)).toBeCloseTo(mean, 12);
    const half90 = hf('=T.INV.2T(0.1,11)*STDEV.S(A1:A12)/SQRT(12)', { c: comps });
    const [[l90, h90]] = fns.ci(grid12, '90%', omitted, noAddr);
    expect(h90 - l90).toBeCloseTo(2 * half90, 8);
    expect(fns.ci(grid12, 0.9, omitted, noAddr)).toEqual([[l90, h90]]);
  });

  it('CI errors: a bad level is #VALUE! naming the argument; one respondent is #N/A', () => {
    expect(excelError(() => fns.ci(grid12, 'high', omitted, noAddr)).message).toBe("参数\"置信水平\"的值 'high' 无效（应为如 0.95 或 95%）");
    expect(excelError(() => fns.ci(grid12, 1, omitted, noAddr)).code).toBe('#VALUE!');
    expect(excelError(() => fns.ci(grid12, -0.5, omitted, noAddr)).code).toBe('#VALUE!');
    const one = excelError(() => fns.ci([ITEMS, uniformRow('满意')], none, omitted, noAddr));
    expect([one.code, one.message]).toEqual(['#N/A', '有效样本少于 2 份，无法计算置信区间']);
    expect(excelError(() => fns.ci([ITEMS, uniformRow(null)], none, omitted, noAddr)).code).toBe('#N/A');
  });

  it('CI and SAMPLESIZE: a level or half-width from a blank cell (0 on desktop) is the default', () => {
    expect(fns.ci(grid12, 0, omitted, noAddr)).toEqual(fns.ci(grid12, 0.95, omitted, noAddr));
    expect(fns.samplesize(grid12, 0, omitted, noAddr)).toBe(fns.samplesize(grid12, 0.02, omitted, noAddr));
  });

  it('SAMPLESIZE: the smallest n with T.INV.2T(0.05, n−1) × s / √n ≤ half-width (HyperFormula scan)', () => {
    const comps = compositesOf(rows12);
    const sd = hf('=STDEV.S(A1:A12)', { c: comps });
    /** First n = 2… whose T.INV.2T(0.05, n−1) × s / √n is ≤ h, from one sheet of n in A and the formula in B. */
    const scan = (h: number) => {
      const rows = Math.ceil(((3 * sd) / h) ** 2) + 20; // beyond the answer: t(0.975, df ≥ 5) < 3
      const sheet = Array.from({ length: rows }, (_, k) => [k + 2, `=T.INV.2T(0.05,A${k + 1}-1)*${sd}/SQRT(A${k + 1})`]);
      const engine = HyperFormula.buildFromArray(sheet, { licenseKey: 'gpl-v3', smartRounding: false });
      const hit = engine.getSheetValues(0).find((r) => (r[1] as number) <= h);
      engine.destroy();
      return hit ? (hit[0] as number) : -1;
    };
    expect(fns.samplesize(grid12, none, omitted, noAddr)).toBe(scan(0.02));
    const n5 = scan(0.05);
    expect(fns.samplesize(grid12, '5%', omitted, noAddr)).toBe(n5);
    expect(fns.samplesize(grid12, 0.05, omitted, noAddr)).toBe(n5);
    expect(excelError(() => fns.samplesize(grid12, 'wide', omitted, noAddr)).code).toBe('#VALUE!');
    expect(excelError(() => fns.samplesize([ITEMS, uniformRow('满意')], none, omitted, noAddr)).code).toBe('#N/A');
  });

  it('desktop (0) and web (null) empty cells give the same POTENTIAL, DRIVER, CI and SAMPLESIZE', () => {
    const web = [...grid12, rowWith(null, { 专业技术: '不满意', 培训: '满意' })];
    const desktop = web.map((r) => r.map((v) => (v === null ? 0 : v)));
    expect(fns.potential(desktop, '专业技术', omitted, none, noAddr)).toBe(fns.potential(web, '专业技术', omitted, none, noAddr));
    expect(fns.driver(desktop, '专业技术', omitted, noAddr)).toBe(fns.driver(web, '专业技术', omitted, noAddr));
    expect(fns.ci(desktop, none, omitted, noAddr)).toEqual(fns.ci(web, none, omitted, noAddr));
    expect(fns.samplesize(desktop, none, omitted, noAddr)).toBe(fns.samplesize(web, none, omitted, noAddr));
  });

  it('an invalid answer is #VALUE! naming its cell, as for OVERALL', () => {
    const bad = [...grid12, rowWith('满意', { 软件: '非常满意' })];
    for (const call of [() => fns.potential(bad, '软件', omitted, none, at('调查数据!B2:O15')), () => fns.driver(bad, '软件', omitted, at('调查数据!B2:O15')), () => fns.ci(bad, none, omitted, at('调查数据!B2:O15')), () => fns.samplesize(bad, none, omitted, at('调查数据!B2:O15'))]) {
      expect(excelError(call).message).toMatch(/^第15行 软件（调查数据!D15）/);
    }
  });
});
