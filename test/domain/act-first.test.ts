/**
 * 先改进什么 wired into analyze(): 提升潜力, 关键驱动, 意见主题 and 样本量 computed over the report's
 * quarter only; 修补区 items reach 改进机会 and the tracker's findings with the reason 关键驱动.
 */
import { analyze, findingsFromAnalysis, locateData, readResponses, responsesSampleSize, TABLE_4_1, type CellValue } from '../../src/domain';
import { installCustomFunctionsStub } from '../helpers/custom-functions-stub';
import { GRID, HEAD, row } from '../helpers/analysis-grid';
import { rowWith, uniformRow } from '../helpers/grids';

const origin = { sheet: '调查数据', row: 1, col: 1 };
const run = (grid: CellValue[][], period: string) => analyze(readResponses(grid, TABLE_4_1, locateData(grid, TABLE_4_1, origin), origin), { period });

/**
 * 2026Q3, 20 respondents: 热线畅通 (weight 8) moves with the respondent's whole score and sits below
 * target; 硬件 (7) is the same for everyone but one. Q2 has 4 respondents with a comment theme of its own.
 */
function grid(): CellValue[][] {
  const g: CellValue[][] = [HEAD];
  for (let k = 0; k < 20; k++) {
    const happy = k % 2 === 0;
    g.push(row(`C${k}`, '政府', '现场走访', `2026-08-${String(k + 1).padStart(2, '0')}`, rowWith(happy ? '满意' : '较满意', { 热线畅通: happy ? '较满意' : '不满意', 硬件: k === 0 ? '较满意' : '满意' }), happy ? '' : '热线电话经常占线'));
  }
  for (let k = 0; k < 4; k++) g.push(row(`P${k}`, '金融', '电话访问', `2026-05-0${k + 1}`, uniformRow(k < 2 ? '满意' : '一般'), '备件到货太慢'));
  return g;
}

describe('where to act first, in the analysis', () => {
  const a = run(grid(), '2026Q3');

  it('puts the important, below-target item in 修补区 and into 改进机会 and the tracker with 关键驱动', () => {
    // 热线畅通: answers 90 or 0 exactly as the composite is high or low — r near 1, satisfaction 45%.
    const hotline = a.drivers.items.find((d) => d.item === '热线畅通')!;
    expect(hotline.n).toBe(20);
    expect(hotline.satisfaction).toBeCloseTo(0.45, 12);
    expect(hotline.quadrant).toBe('修补区');
    expect(a.drivers.fixFirst).toContain('热线畅通');
    const o = a.opportunities.find((x) => x.item === '热线畅通')!;
    expect([o.belowTarget, o.keyDriver]).toEqual([true, true]);
    const f = findingsFromAnalysis(a).find((x) => x.source === '2026Q3 / — / — / 热线畅通')!;
    // Q2's 热线畅通 was (100 + 100 + 70 + 70) / 4 = 85%: the fall is significant too.
    expect(f.description).toBe('"热线畅通"满意度 45.0%（低于目标 90%，较上季度显著下降，关键驱动）');
  });

  it('computes potential under the report\'s policy over the quarter', () => {
    // Hand: 热线畅通 s = 0.45, every item answered (W = 100): 8 × (0.9 − 0.45) / 100 = 0.036.
    expect(a.potential.policy).toBe('item');
    expect(a.potential.items[0].item).toBe('热线畅通');
    expect(a.potential.items[0].potential).toBeCloseTo(0.036, 12);
    expect(a.potential.overall).toBeCloseTo(a.overall!, 12);
  });

  it('finds comment themes in the quarter only', () => {
    expect(a.themes.respondents).toBe(20);
    expect(a.themes.commenters).toBe(10);
    expect(a.themes.themes[0].count).toBe(10);
    expect(a.themes.themes.some((t) => t.term.includes('备件'))).toBe(false);
  });

  it('bases the sample size on the quarter before, and on the quarter itself when that has too few', () => {
    expect(a.sampleSize.basisPeriod).toBe('2026Q2');
    expect(a.sampleSize.basisN).toBe(4);
    expect(a.sampleSize.actualN).toBe(20);
    const q1 = run(GRID, '2026Q1');
    expect(q1.sampleSize.basisPeriod).toBe('2026Q1');
    expect(q1.sampleSize.basisN).toBe(3);
  });
});

describe('responsesSampleSize (what 调查方案\'s CSAT.SAMPLESIZE shows)', () => {
  it('equals the cell function over the same responses', () => {
    installCustomFunctionsStub();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { samplesize } = require('../../src/functions/functions') as typeof import('../../src/functions/functions');
    const g = grid();
    const set = readResponses(g, TABLE_4_1, locateData(g, TABLE_4_1, origin), origin);
    const n = responsesSampleSize(set);
    expect(n).toBeGreaterThan(2);
    expect(n).toBe(samplesize(g, null as never, null as never, { parameterAddresses: ['调查数据!A1:T25'] } as CustomFunctions.Invocation));
  });
});
