import type { CellValue } from '../../src/domain';
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
