import { CsatError, parsePolicy, scoreResponses, TABLE_4_1, type CellValue } from '../../src/domain';
import { ITEMS, rowWith, uniformRow, withHeader } from '../helpers/grids';

const score = (rows: CellValue[][], policy: 'item' | 'strict' = 'item') => scoreResponses(withHeader(rows), TABLE_4_1, { policy });

// Expected values below are worked by hand from the policy formula and Table 4-1 weights.
describe('overall satisfaction (policy §4.2)', () => {
  it.each<[string, CellValue[][], number, number]>([
    ['everyone 满意', [uniformRow('满意'), uniformRow('满意'), uniformRow('满意')], 1, 1],
    ['everyone 很不满意', [uniformRow('很不满意')], -0.1, -0.1],
    // (10×90 + 90×100) / 100 / 100
    ['one 较满意 on 专业技术', [rowWith('满意', { 专业技术: '较满意' })], 0.99, 0.99],
    // every item's mean is (100 + 70) / 2 = 85
    ['满意 and 一般 respondents', [uniformRow('满意'), uniformRow('一般')], 0.85, 0.85],
    // item: 专业技术 mean 100 (one answer), others (100 − 10) / 2 = 45 → (10×100 + 90×45) / 10000 = 0.505
    // strict: Σ w·sum = 10×100 + 90×90 = 9100 over 2 respondents → 9100 / 20000 = 0.455
    ['a blank answer', [uniformRow('满意'), rowWith('很不满意', { 专业技术: null })], 0.505, 0.455],
    // item: 培训 dropped, the rest all 100 → 1; strict: 90×100×2 / (2×10000) = 0.9
    ['培训 不适用 for everyone', [rowWith('满意', { 培训: '不适用' }), rowWith('满意', { 培训: 'N/A' })], 1, 0.9],
  ])('%s', (_name, rows, itemPolicy, strictPolicy) => {
    expect(score(rows, 'item').overall).toBeCloseTo(itemPolicy, 12);
    expect(score(rows, 'strict').overall).toBeCloseTo(strictPolicy, 12);
  });

  it('weights categories: 服务态度 with 满意/一般/不满意/很不满意', () => {
    const r = score([rowWith('满意', { 态度: '满意', 响应及时性: '一般', 服务台回访: '不满意', 行为规范: '很不满意' })]);
    // (5×100 + 6×70 + 6×0 + 3×(−10)) / 20 / 100
    expect(r.categories.find((c) => c.name === '服务态度')?.satisfaction).toBeCloseTo(0.445, 12);
    expect(r.categories.find((c) => c.name === '服务态度')?.weight).toBe(20);
  });

  it('counts levels, blanks, 不适用 and respondents per item', () => {
    const r = score([uniformRow('满意'), rowWith('较满意', { 软件: '不适用', 硬件: '' }), uniformRow(null)]);
    expect(r.respondents).toBe(2); // the empty row is not a respondent
    const soft = r.items[ITEMS.indexOf('软件')];
    expect(soft).toMatchObject({ answered: 1, notApplicable: 1, blank: 1, counts: [1, 0, 0, 0, 0], satisfaction: 1 });
    expect(r.items[0].counts).toEqual([1, 1, 0, 0, 0]);
    expect(r.blank).toBe(15);
    expect(r.notApplicable).toBe(1);
  });

  it('lists invalid answers with worksheet row and cell, in reading order, and does not score them', () => {
    const rows = [uniformRow('满意'), rowWith('满意', { 软件: '非常满意', 专业技术: 85 })];
    const r = scoreResponses(withHeader(rows), TABLE_4_1, { origin: { sheet: '调查数据', row: 10, col: 3 } });
    expect(r.invalid).toEqual([
      { row: 12, column: 3, cell: '调查数据!C12', item: '专业技术', value: '85' },
      { row: 12, column: 5, cell: '调查数据!E12', item: '软件', value: '非常满意' },
    ]);
    expect(r.items[0].answered).toBe(1);
    expect(r.overall).toBe(1);
  });

  it('reports no overall when nothing valid was answered', () => {
    const r = score([uniformRow('不适用'), uniformRow(null)]);
    expect(r.overall).toBeNull();
    expect(r.respondents).toBe(0);
  });
});

describe('empty cells as Excel passes them', () => {
  // Desktop Excel passes empty cells as 0, the web as null; both must give the same scores.
  const web = [uniformRow('满意'), rowWith('一般', { 软件: null, 培训: null }), uniformRow(null)];
  const desktop = web.map((row) => row.map((v) => (v === null ? 0 : v)));

  it('reads 0 as blank in a range of text labels (both encodings agree)', () => {
    const a = score(web);
    const b = score(desktop);
    expect(b.zerosAsBlank).toBe(true);
    expect(b.overall).toBe(a.overall);
    expect(b.respondents).toBe(a.respondents);
    expect(b.items.map((i) => i.counts)).toEqual(a.items.map((i) => i.counts));
    expect(b.items[2].blank).toBe(a.items[2].blank);
  });

  it('reads 0 as blank in a range holding no other number (a fresh table\'s empty row on desktop)', () => {
    const fresh = score([uniformRow(0)]);
    expect(fresh.zerosAsBlank).toBe(true);
    expect(fresh.overall).toBeNull();
    expect(fresh.respondents).toBe(0);
    expect(fresh.blank).toBe(14);
    // 不适用 and missing markers are not numbers either.
    expect(score([rowWith(0, { 软件: '不适用', 培训: '-' })]).overall).toBeNull();
  });

  it('reads 0 as a score once the range holds another number, even typed as text', () => {
    // 专业技术 "90" (text, as from a CSV) and 0 elsewhere: 专业技术 90, every other item 0 → 10×90/100/100.
    const r = score([rowWith(0, { 专业技术: '90' })]);
    expect(r.zerosAsBlank).toBe(false);
    expect(r.overall).toBeCloseTo(0.09, 12);
    // An invalid number (85 is no level's score) is still evidence of a numeric range: 0s are 不满意.
    const bad = score([rowWith(0, { 专业技术: 85 })]);
    expect(bad.invalidCount).toBe(1);
    expect(bad.items[1].counts).toEqual([0, 0, 0, 1, 0]);
  });

  it('reads a typed 0 from a workbook (zeroMeansBlank false) as the score 0 even alone', () => {
    const r = scoreResponses(withHeader([uniformRow(0)]), TABLE_4_1, { zeroMeansBlank: false });
    expect(r.zerosAsBlank).toBe(false);
    expect(r.overall).toBe(0);
    expect(r.respondents).toBe(1);
  });

  it('reads 0 as the score 0 (不满意) in a range of numeric scores', () => {
    const r = score([uniformRow(100), uniformRow(0)]);
    expect(r.zerosAsBlank).toBe(false);
    expect(r.respondents).toBe(2);
    expect(r.overall).toBeCloseTo(0.5, 12);
    expect(r.items[0].counts).toEqual([1, 0, 0, 1, 0]);
  });
});

describe('parsePolicy', () => {
  it('defaults to item and refuses unknown names', () => {
    expect(parsePolicy(undefined)).toBe('item');
    expect(parsePolicy(' STRICT ')).toBe('strict');
    expect(() => parsePolicy('loose')).toThrow(CsatError);
  });
});
