/**
 * The CSAT.* functions as Excel calls them (issue 13 item 6): the built dist/functions.js loaded like
 * the custom-functions runtime loads it (a plain script whose only host object is CustomFunctions),
 * every function and error path called with both hosts' conventions — a blank cell is `null` on the
 * web and `0` on desktop, a range is a 2-D array, an omitted optional argument is `null`, and the
 * last argument is the invocation with `parameterAddresses` (@requiresParameterAddresses).
 *
 * Table-driven: add a row to CASES for a new function (the coverage test below insists on at least one
 * value and one error row per id in functions.json). Expected figures are hand-calculated from Table
 * 4-1 (weights and scores typed in from the policy in test/helpers/grids.ts), never from the engine.
 */
import { readFileSync } from 'node:fs';
import { HyperFormula } from 'hyperformula';
import path from 'node:path';
import { loadFunctionsBundle, StubExcelError, type CustomFunctionImpl } from '../helpers/custom-functions-stub';
import { TABLE_4_1 } from '../../src/domain';
import { parseCell, parseRange } from '../../src/plan/a1';
import { buildTemplateSheet } from '../../src/plan/survey/template-sheet';
import { ITEMS, rowWith, uniformRow, WEIGHTS } from '../helpers/grids';

const dist = path.join(__dirname, '../../dist');

/** A scalar argument that refers to a blank cell (null on the web, 0 on desktop). */
const BLANK = Symbol('blank cell');
/** An optional argument the user left out (null on both hosts). */
const OMIT = Symbol('omitted');

type Expect = { value: number | boolean | number[][] } | { error: '#VALUE!' | '#N/A'; message?: string | RegExp };
interface Case {
  name: string;
  fn: string;
  /** Arguments in the web's convention: null in a range is a blank cell. */
  args: unknown[];
  /** Addresses of the arguments, as Excel passes them; default: each range at 数据!A1. */
  addresses?: string[];
  expect: Expect;
}

// Fixture: 甲 answers 满意 everywhere; 乙 较满意 except 软件 一般; 丙 only 专业技术 不满意 and 培训 很不满意.
const DATA = [ITEMS, uniformRow('满意'), rowWith('较满意', { 软件: '一般' }), rowWith(null, { 专业技术: '不满意', 培训: '很不满意' })];
// Hand calculation (item policy: each item's mean over those who answered it):
//   专业技术 (100+90+0)/3, 软件 (100+70)/2 = 85, 培训 (100+90−10)/3 = 60, the other 11 items (100+90)/2 = 95.
//   Σw·mean = 10·190/3 + 7·85 + 10·60 + 73·95 = 26290/3 → overall 26290/30000.
const OVERALL = 26290 / 30000;
// strict: Σ(count × score × weight)/(3 respondents × 100): 10·190 + 7·170 + 10·180 + 73·190 = 18760 → 18760/30000.
const STRICT = 18760 / 30000;
// 服务能力与质量: weights 10,7,7,7,7,7,7,8 (Σ 60); 10·190/3 + 7·85 + 5·7·95 + 8·95 = 15940/3 → /60/100.
const CAPABILITY = 15940 / 18000;

// A template range in the layout of Table 4-1 that scores 较满意 as 80 (otherwise Table 4-1).
const TEMPLATE = [
  ['项目', '服务能力与质量', null, null, null, null, null, null, null, '服务态度', null, null, null, '备件供应', '培训'],
  [null, ...ITEMS.slice(0, 12), null, null],
  ['权重 (%)', ...WEIGHTS],
  ['满意', ...WEIGHTS.map(() => 100)],
  ['较满意', ...WEIGHTS.map(() => 80)],
  ['一般', ...WEIGHTS.map(() => 70)],
  ['不满意', ...WEIGHTS.map(() => 0)],
  ['很不满意', ...WEIGHTS.map(() => -10)],
  ['目标', 0.95, ...ITEMS.slice(1).map(() => null)],
];
/** The CSAT_TEMPLATE range of the 评分模板 sheet the survey job writes, cell by cell (null = blank cell). */
const SURVEY_TEMPLATE = ((): unknown[][] => {
  const { sheet, names } = buildTemplateSheet(TABLE_4_1, '评分模板');
  const { start, end } = parseRange(names[0].ref.split('!')[1].replace(/\$/g, ''));
  const grid: unknown[][] = Array.from({ length: end.row - start.row + 1 }, () => Array<unknown>(end.col - start.col + 1).fill(null));
  for (const b of sheet.blocks) {
    const at = parseCell(b.at);
    b.values.forEach((row, r) =>
      row.forEach((v, c) => {
        const [y, x] = [at.row + r - start.row, at.col + c - start.col];
        if (y >= 0 && x >= 0 && y < grid.length && x < grid[0].length) grid[y][x] = v === '' || (typeof v === 'object' && v !== null) ? null : v;
      }),
    );
  }
  return grid;
})();
/** TEMPLATE with its target cell left blank, then a blank row and a note (as a user's range may hold). */
const TEMPLATE_NOTES = [...TEMPLATE.slice(0, -1), ['目标', ...ITEMS.map(() => null)], ITEMS.map(() => null).concat([null]), ['合计', 100, ...ITEMS.slice(1).map(() => null)]];
const BAD_TEMPLATE = TEMPLATE.map((r, i) => (i === 2 ? r.map((v, j) => (j === 5 ? 0 : v)) : r));
const withBad = (value: string) => [...DATA, rowWith('满意', { 软件: value })];

// Complete answers (every respondent answers every item), so each respondent's weighted composite is
// unambiguous: Σw·score/100 → 100, (93·90 + 7·70)/100 = 88.6, (93·70 + 7·100)/100 = 72.1, 90.
const FULL = [ITEMS, uniformRow('满意'), rowWith('较满意', { 软件: '一般' }), rowWith('一般', { 软件: '满意' }), uniformRow('较满意')];
const COMPOSITES = [1, 0.886, 0.721, 0.9];
const SOFTWARE = [100, 70, 100, 90];

/** One formula evaluated by HyperFormula (independent oracle), smart rounding off. */
function hf(formula: string): number {
  const engine = HyperFormula.buildFromArray([[`=${formula}`]], { licenseKey: 'gpl-v3', smartRounding: false });
  const v = engine.getCellValue({ sheet: 0, row: 0, col: 0 });
  engine.destroy();
  if (typeof v !== 'number') throw new Error(`HyperFormula: ${formula} → ${JSON.stringify(v)}`);
  return v;
}
const list = (xs: number[]) => `{${xs.join(',')}}`;
const MEAN = COMPOSITES.reduce((a, b) => a + b, 0) / COMPOSITES.length; // 0.87675 = the overall for complete data
// HyperFormula's T.INV.2T is only good to ~1e-8, so the t quantiles for df = 3 are the published values
// (R's qt(0.975, 3) and qt(0.95, 3)); the standard deviation is HyperFormula's STDEV.S.
const SD = hf(`STDEV.S(${list(COMPOSITES)})`);
const HALF = (3.182446305284263 * SD) / 2;
const HALF90 = (2.353363434801823 * SD) / 2;
/** Smallest n ≥ 2 with T.INV.2T(0.05, n−1)·s/√n ≤ h — the definition, evaluated by HyperFormula. */
function sampleSizeOracle(h: number): number {
  const sd = hf(`STDEV.S(${list(COMPOSITES)})`);
  let n = Math.max(2, Math.floor((1.95 * sd / h) ** 2));
  while (hf(`T.INV.2T(0.05,${n - 1})`) * sd / Math.sqrt(n) > h) n++;
  return n;
}

const CASES: Case[] = [
  // OVERALL
  { name: 'overall, item policy', fn: 'OVERALL', args: [DATA, OMIT, OMIT], expect: { value: OVERALL } },
  { name: 'overall, strict policy', fn: 'OVERALL', args: [DATA, OMIT, 'strict'], expect: { value: STRICT } },
  { name: 'overall, headerless 14 columns', fn: 'OVERALL', args: [[uniformRow('满意'), uniformRow('一般')], OMIT, OMIT], expect: { value: 0.85 } },
  { name: 'overall, extra columns around the items', fn: 'OVERALL', args: [DATA.map((r, i) => [i === 0 ? '客户名称' : `客户${i}`, ...r, i === 0 ? '意见' : null]), OMIT, OMIT], expect: { value: OVERALL } },
  {
    name: 'overall, invalid answer named by cell',
    fn: 'OVERALL',
    args: [withBad('非常满意'), OMIT, OMIT],
    addresses: ['调查数据!B2:O6'],
    // header at row 2, the bad row is the 4th data row → row 6; 软件 is the 3rd item → column D.
    expect: { error: '#VALUE!', message: "第6行 软件（调查数据!D6）：'非常满意' 不是有效的满意度等级（应为 满意、较满意、一般、不满意、很不满意，或留空 / 不适用）" },
  },
  { name: 'overall, invalid answer on a quoted sheet', fn: 'OVERALL', args: [withBad('好'), OMIT, OMIT], addresses: ["'2026 调查'!A1:N5"], expect: { error: '#VALUE!', message: /^第5行 软件（'2026 调查'!C5）/ } },
  { name: 'overall, unknown policy', fn: 'OVERALL', args: [DATA, OMIT, 'loose'], expect: { error: '#VALUE!', message: '未知的计算口径"loose"（应为 item 或 strict）' } },
  { name: 'overall, no header and wrong width', fn: 'OVERALL', args: [[['a', 'b']], OMIT, OMIT], expect: { error: '#VALUE!', message: /^未找到调查数据/ } },
  { name: 'overall, with the 评分模板 the survey job writes (CSAT_TEMPLATE)', fn: 'OVERALL', args: [DATA, SURVEY_TEMPLATE, OMIT], expect: { value: OVERALL } },
  { name: 'targetmet, with the 评分模板 the survey job writes', fn: 'TARGETMET', args: [DATA, OMIT, SURVEY_TEMPLATE], expect: { value: false } },
  { name: 'overall, nothing answered', fn: 'OVERALL', args: [[ITEMS, uniformRow('不适用'), rowWith('不适用', { 软件: '-' })], OMIT, OMIT], expect: { error: '#N/A', message: '区域中没有有效的满意度答案，无法计算' } },
  {
    name: 'overall, template with a zero weight named by cell',
    fn: 'OVERALL',
    args: [DATA, BAD_TEMPLATE, OMIT],
    addresses: ['调查数据!A1:N5', '评分模板!B2:P10'],
    expect: { error: '#VALUE!', message: '评分模板!G4：评分项目"安全"的权重 \'0\' 无效（应为正数）' },
  },
  // Desktop passes every blank cell as 0 (issue 13 item 6): blank label cells of a template, a range
  // with nothing but blanks, optional scalar arguments and a one-cell template range pointing at a
  // blank cell all mean what they mean on the web.
  // Table 4-1's own layout leaves the item row blank under 备件供应 and 培训 ("blank = the category above").
  { name: 'overall, template scoring 较满意 as 80', fn: 'OVERALL', args: [[uniformRow('较满意')], TEMPLATE, OMIT], expect: { value: 0.8 } },
  { name: 'score from a template', fn: 'SCORE', args: ['较满意', TEMPLATE, OMIT], expect: { value: 80 } },
  // (100 + 80)/2 = 90% for every item, below the template's 95%.
  { name: 'targetmet against the template target 95%', fn: 'TARGETMET', args: [[uniformRow('满意'), uniformRow('较满意')], OMIT, TEMPLATE], expect: { value: false } },
  // A range with no label at all (a fresh 调查数据表 has one empty row): its blanks are all 0 on desktop.
  { name: 'overall, a fresh table with one empty row', fn: 'OVERALL', args: [[ITEMS, uniformRow(null)], OMIT, OMIT], expect: { error: '#N/A', message: '区域中没有有效的满意度答案，无法计算' } },
  { name: 'targetmet, a fresh table with one empty row', fn: 'TARGETMET', args: [[ITEMS, uniformRow(null)], 0.9, OMIT], expect: { error: '#N/A' } },
  { name: 'targetmet, target from a blank cell uses the default', fn: 'TARGETMET', args: [DATA, BLANK, OMIT], expect: { value: false } },
  { name: 'overall, policy from a blank cell is the default', fn: 'OVERALL', args: [DATA, OMIT, BLANK], expect: { value: OVERALL } },
  { name: 'score, item from a blank cell is ignored', fn: 'SCORE', args: ['满意', OMIT, BLANK], expect: { value: 100 } },
  { name: 'overall, template range of one blank cell is Table 4-1', fn: 'OVERALL', args: [DATA, [[null]], OMIT], expect: { value: OVERALL } },
  // 服务能力与质量 (weights 10 + 6×7 + 8 = 60) with 专业技术 较满意 (80 in TEMPLATE), the rest 满意:
  // (10·80 + 50·100)/60 = 96.67%. Read with the blank category cells as category "0", it would be 专业技术 alone: 80%.
  { name: 'category from a template with merged category cells', fn: 'CATEGORY', args: [[ITEMS, rowWith('满意', { 专业技术: '较满意' })], '服务能力与质量', TEMPLATE], expect: { value: 5800 / 6000 } },
  // A blank row ends the template block; a note below it is not a level. Its blank target cell means 90%: (100 + 80)/2 = 90% meets it.
  { name: 'targetmet, template with a blank target and a note below a blank row', fn: 'TARGETMET', args: [[uniformRow('满意'), uniformRow('较满意')], OMIT, TEMPLATE_NOTES], expect: { value: true } },
  { name: 'ci, level from a blank cell is 95%', fn: 'CI', args: [FULL, BLANK, OMIT], expect: { value: [[MEAN - HALF, MEAN + HALF]] } },
  { name: 'samplesize, half-width from a blank cell is ±2 points', fn: 'SAMPLESIZE', args: [FULL, BLANK, OMIT], expect: { value: sampleSizeOracle(0.02) } },
  { name: 'potential, policy from a blank cell is the default', fn: 'POTENTIAL', args: [DATA, '培训', OMIT, BLANK], expect: { value: 0.03 } },
  // ITEM
  { name: 'item 软件', fn: 'ITEM', args: [DATA, '软件', OMIT], expect: { value: 0.85 } },
  { name: 'item 专业技术 (blank for 丙 on one host, 0 on the other)', fn: 'ITEM', args: [DATA, '专业技术', OMIT], expect: { value: 190 / 300 } },
  { name: 'item by alias 服务热线', fn: 'ITEM', args: [DATA, '服务热线', OMIT], expect: { value: 0.95 } },
  { name: 'item unknown', fn: 'ITEM', args: [DATA, '网络', OMIT], expect: { error: '#VALUE!', message: /^未知的评分项目"网络"/ } },
  { name: 'item name from a blank cell', fn: 'ITEM', args: [DATA, BLANK, OMIT], expect: { error: '#VALUE!', message: /^未知的评分项目/ } },
  { name: 'item nobody answered', fn: 'ITEM', args: [[ITEMS, rowWith('满意', { 培训: null })], '培训', OMIT], expect: { error: '#N/A' } },
  { name: 'item, over-long name keeps the message under 256', fn: 'ITEM', args: [DATA, 'x'.repeat(400), OMIT], expect: { error: '#VALUE!', message: /^未知的评分项目"x+/ } },
  // CATEGORY
  { name: 'category 服务能力与质量', fn: 'CATEGORY', args: [DATA, '服务能力与质量', OMIT], expect: { value: CAPABILITY } },
  { name: 'category 服务态度', fn: 'CATEGORY', args: [DATA, '服务态度', OMIT], expect: { value: 0.95 } },
  { name: 'category 培训 (single item)', fn: 'CATEGORY', args: [DATA, '培训', OMIT], expect: { value: 0.6 } },
  { name: 'category unknown', fn: 'CATEGORY', args: [DATA, '价格', OMIT], expect: { error: '#VALUE!', message: /^未知的类别"价格"/ } },
  { name: 'category nobody answered', fn: 'CATEGORY', args: [[ITEMS, rowWith('满意', { 备件供应: null })], '备件供应', OMIT], expect: { error: '#N/A' } },
  // COUNT
  { name: 'count 专业技术 不满意', fn: 'COUNT', args: [DATA, '专业技术', '不满意', OMIT], expect: { value: 1 } },
  { name: 'count 软件 满意', fn: 'COUNT', args: [DATA, '软件', '满意', OMIT], expect: { value: 1 } },
  { name: 'count 日常 不满意 (blank is not 不满意 on desktop)', fn: 'COUNT', args: [DATA, '日常', '不满意', OMIT], expect: { value: 0 } },
  { name: 'count unknown level', fn: 'COUNT', args: [DATA, '软件', '还行', OMIT], expect: { error: '#VALUE!', message: /^'还行' 不是有效的满意度等级/ } },
  { name: 'count unknown item', fn: 'COUNT', args: [DATA, '网络', '满意', OMIT], expect: { error: '#VALUE!', message: /^未知的评分项目"网络"/ } },
  { name: 'count with an invalid answer in the data', fn: 'COUNT', args: [withBad('非常满意'), '软件', '满意', OMIT], expect: { error: '#VALUE!', message: /不是有效的满意度等级/ } },
  // RESPONDENTS
  { name: 'respondents', fn: 'RESPONDENTS', args: [DATA, OMIT], expect: { value: 3 } },
  { name: 'respondents ignores an all-blank row', fn: 'RESPONDENTS', args: [[...DATA, uniformRow(null)], OMIT], expect: { value: 3 } },
  { name: 'respondents, no data found', fn: 'RESPONDENTS', args: [[['x']], OMIT], expect: { error: '#VALUE!', message: /^未找到调查数据/ } },
  // SCORE
  { name: 'score 较满意', fn: 'SCORE', args: ['较满意', OMIT, OMIT], expect: { value: 90 } },
  { name: 'score with spaces', fn: 'SCORE', args: [' 很不满意 ', OMIT, OMIT], expect: { value: -10 } },
  { name: 'score of an item', fn: 'SCORE', args: ['一般', OMIT, '软件'], expect: { value: 70 } },
  { name: 'score unknown label', fn: 'SCORE', args: ['还行', OMIT, OMIT], expect: { error: '#VALUE!', message: /^'还行' 不是有效的满意度等级/ } },
  { name: 'score of a blank cell', fn: 'SCORE', args: [BLANK, OMIT, OMIT], expect: { error: '#VALUE!', message: /不是有效的满意度等级/ } },
  { name: 'score unknown item', fn: 'SCORE', args: ['满意', OMIT, '网络'], expect: { error: '#VALUE!', message: /^未知的评分项目"网络"/ } },
  // TARGETMET — overall 0.8763…
  { name: 'targetmet against 0.87', fn: 'TARGETMET', args: [DATA, 0.87, OMIT], expect: { value: true } },
  { name: 'targetmet against "88%"', fn: 'TARGETMET', args: [DATA, '88%', OMIT], expect: { value: false } },
  { name: 'targetmet against the default 90%', fn: 'TARGETMET', args: [DATA, OMIT, OMIT], expect: { value: false } },
  { name: 'targetmet bad target', fn: 'TARGETMET', args: [DATA, 'high', OMIT], expect: { error: '#VALUE!' } },
  { name: 'targetmet nothing answered', fn: 'TARGETMET', args: [[ITEMS, uniformRow('不适用')], 0.9, OMIT], expect: { error: '#N/A' } },
  // POTENTIAL — DATA's item means against the 90% target: 培训 60 → +10·(90−60)/10000; 专业技术 190/3; 态度 95 → 0.
  { name: 'potential 培训', fn: 'POTENTIAL', args: [DATA, '培训', OMIT, OMIT], expect: { value: 0.03 } },
  { name: 'potential 专业技术', fn: 'POTENTIAL', args: [DATA, '专业技术', OMIT, OMIT], expect: { value: (10 * (90 - 190 / 3)) / 10000 } },
  { name: 'potential of an item above target is 0', fn: 'POTENTIAL', args: [DATA, '态度', OMIT, OMIT], expect: { value: 0 } },
  { name: 'potential unknown item', fn: 'POTENTIAL', args: [DATA, '网络', OMIT, OMIT], expect: { error: '#VALUE!', message: /^未知的评分项目"网络"/ } },
  { name: 'potential unknown policy', fn: 'POTENTIAL', args: [DATA, '培训', OMIT, 'loose'], expect: { error: '#VALUE!', message: /^未知的计算口径"loose"/ } },
  { name: 'potential nobody answered the item', fn: 'POTENTIAL', args: [[ITEMS, rowWith('满意', { 培训: null })], '培训', OMIT, OMIT], expect: { error: '#N/A' } },
  // DRIVER — Pearson r of the item's scores with the composites (HyperFormula PEARSON).
  { name: 'driver 软件', fn: 'DRIVER', args: [FULL, '软件', OMIT], expect: { value: hf(`PEARSON(${list(SOFTWARE)},${list(COMPOSITES)})`) } },
  { name: 'driver 态度', fn: 'DRIVER', args: [FULL, '态度', OMIT], expect: { value: hf(`PEARSON({100,90,70,90},${list(COMPOSITES)})`) } },
  { name: 'driver with no variation', fn: 'DRIVER', args: [[ITEMS, uniformRow('满意'), uniformRow('满意')], '软件', OMIT], expect: { error: '#N/A', message: /^评分项目"软件"的相关系数无法计算/ } },
  { name: 'driver unknown item', fn: 'DRIVER', args: [FULL, '网络', OMIT], expect: { error: '#VALUE!', message: /^未知的评分项目"网络"/ } },
  // CI — overall ∓ CONFIDENCE.T(α, STDEV.S(composites), n); spills one row of two cells.
  { name: 'ci 95%', fn: 'CI', args: [FULL, OMIT, OMIT], expect: { value: [[MEAN - HALF, MEAN + HALF]] } },
  { name: 'ci 90% as text', fn: 'CI', args: [FULL, '90%', OMIT], expect: { value: [[MEAN - HALF90, MEAN + HALF90]] } },
  { name: 'ci bad level', fn: 'CI', args: [FULL, 'high', OMIT], expect: { error: '#VALUE!', message: /^参数"置信水平"的值 'high' 无效/ } },
  { name: 'ci level 100%', fn: 'CI', args: [FULL, 1, OMIT], expect: { error: '#VALUE!', message: /^参数"置信水平"/ } },
  { name: 'ci with one respondent', fn: 'CI', args: [[ITEMS, uniformRow('满意')], OMIT, OMIT], expect: { error: '#N/A', message: '有效样本少于 2 份，无法计算置信区间' } },
  // SAMPLESIZE — the smallest n whose t half-width is within h (definition evaluated with HyperFormula).
  { name: 'samplesize ±2 points', fn: 'SAMPLESIZE', args: [FULL, OMIT, OMIT], expect: { value: sampleSizeOracle(0.02) } },
  { name: 'samplesize ±5% as text', fn: 'SAMPLESIZE', args: [FULL, '5%', OMIT], expect: { value: sampleSizeOracle(0.05) } },
  { name: 'samplesize bad half-width', fn: 'SAMPLESIZE', args: [FULL, 'wide', OMIT], expect: { error: '#VALUE!', message: /^参数"区间半宽"/ } },
  { name: 'samplesize with one respondent', fn: 'SAMPLESIZE', args: [[ITEMS, uniformRow('满意')], OMIT, OMIT], expect: { error: '#N/A', message: '有效样本少于 2 份，无法估计所需样本量' } },
];

type Host = 'web' | 'desktop';
function hostArgs(args: unknown[], host: Host): unknown[] {
  const blank = host === 'web' ? null : 0;
  return args.map((a) => {
    if (a === BLANK) return blank;
    if (a === OMIT) return null;
    if (Array.isArray(a)) return a.map((row: unknown[]) => row.map((v) => (v === null ? blank : v)));
    return a;
  });
}

const colName = (n: number): string => (n <= 26 ? String.fromCharCode(64 + n) : colName(Math.floor((n - 1) / 26)) + colName(((n - 1) % 26) + 1));
function defaultAddresses(args: unknown[]): string[] {
  return args.map((a, i) => (Array.isArray(a) ? `数据${i + 1}!A1:${colName(Math.max(...a.map((r: unknown[]) => r.length)))}${a.length}` : a === OMIT ? '' : `参数!A${i + 1}`));
}

function invoke(fns: Record<string, CustomFunctionImpl>, c: Case, host: Host): { value: unknown } | { error: StubExcelError } {
  const invocation = { address: '结果!A1', functionName: `CSAT.${c.fn}`, parameterAddresses: c.addresses ?? defaultAddresses(c.args) };
  try {
    return { value: fns[c.fn](...hostArgs(c.args, host), invocation) };
  } catch (e) {
    if (e instanceof StubExcelError) return { error: e };
    throw e;
  }
}

function expectOutcome(got: ReturnType<typeof invoke>, want: Expect): void {
  if ('value' in want) {
    if ('error' in got) throw new Error(`expected ${String(want.value)}, got ${got.error.code} ${got.error.message}`);
    if (typeof want.value === 'number') expect(got.value).toBeCloseTo(want.value, 12);
    else if (Array.isArray(want.value)) {
      const rows = got.value as number[][];
      expect(rows.map((r) => r.length)).toEqual(want.value.map((r) => r.length));
      want.value.forEach((r, i) => r.forEach((v, j) => expect(rows[i][j]).toBeCloseTo(v, 12)));
    } else expect(got.value).toBe(want.value);
  } else {
    if (!('error' in got)) throw new Error(`expected ${want.error}, got ${JSON.stringify(got.value)}`);
    expect(got.error.code).toBe(want.error);
    expect(got.error.message.length).toBeLessThanOrEqual(255);
    if (typeof want.message === 'string') expect(got.error.message).toBe(want.message);
    else if (want.message) expect(got.error.message).toMatch(want.message);
  }
}

describe('dist/functions.js as Excel calls it', () => {
  let fns: Record<string, CustomFunctionImpl>;
  let ids: string[];
  beforeAll(() => {
    fns = loadFunctionsBundle(readFileSync(path.join(dist, 'functions.js'), 'utf8'));
    ids = JSON.parse(readFileSync(path.join(dist, 'functions.json'), 'utf8')).functions.map((f: { id: string }) => f.id);
  });

  it('registers exactly the ids of functions.json, each once, with no module system', () => {
    expect(Object.keys(fns).sort()).toEqual([...ids].sort());
  });

  it('has at least one value row and one error row per function in the table', () => {
    for (const id of ids) {
      expect([id, CASES.some((c) => c.fn === id && 'value' in c.expect)]).toEqual([id, true]);
      expect([id, CASES.some((c) => c.fn === id && 'error' in c.expect)]).toEqual([id, true]);
    }
  });

  describe.each(['web', 'desktop'] as const)('%s', (host) => {
    it.each(CASES.map((c) => [c.fn, c.name, c] as const))('%s: %s', (_fn, _name, c) => {
      expectOutcome(invoke(fns, c, host), c.expect);
    });
  });

  it('gives identical results on both hosts, including error messages', () => {
    for (const c of CASES) {
      const [web, desktop] = [invoke(fns, c, 'web'), invoke(fns, c, 'desktop')];
      const show = (r: ReturnType<typeof invoke>) => ('error' in r ? `${r.error.code} ${r.error.message}` : r.value);
      // A required name from a blank cell is refused on both hosts, naming "" on one and "0" on the other.
      if (c.args.includes(BLANK) && 'error' in web) expect([c.name, 'error' in desktop]).toEqual([c.name, true]);
      else expect([c.name, show(desktop)]).toEqual([c.name, show(web)]);
    }
  });

  it('accepts an omitted optional argument passed as undefined as well as null', () => {
    expect(fns.OVERALL(DATA, undefined, undefined, { parameterAddresses: ['数据!A1:N4'] })).toBeCloseTo(OVERALL, 12);
    expect(fns.SCORE('满意', undefined, undefined, {})).toBe(100);
  });
});
