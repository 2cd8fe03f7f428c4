/**
 * Issue 20, item 1: a CSV whose columns are 调查数据's own (客户名称, 客户分组, 项目名称, 调查方式,
 * 调查日期, 调查人, the items, 意见与建议) keeps every one of them — the survey method and the
 * surveyor included; a 调查方式 that is no method is refused naming the row. The example in
 * samples/ is exactly such a file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyze, autoMapping, convertExport, exportLayout, INFO_COLUMNS, responseColumns, SURVEY_METHODS, TABLE_4_1, type CellValue } from '../../src/domain';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { readExport } from '../../src/host/xlsx/import-read';
import { importExport } from '../../src/jobs/import';
import { loadSurveyData } from '../../src/jobs/survey-data';
import { ITEMS } from '../helpers/grids';
import { reopen } from '../helpers/xlsx';

const SAMPLE = path.join(__dirname, '../../samples/survey-responses.csv');
/** 调查数据's columns, 来源编号 aside (an import writes its own). */
const OWN = responseColumns(ITEMS).slice(0, -1);
const row = (info: CellValue[], level = '满意', comment = ''): CellValue[] => [...info, ...ITEMS.map(() => level), comment];

async function importGrid(grid: CellValue[][], fileName = 'responses.csv') {
  const gw = XlsxGateway.empty();
  const result = await importExport(gw, { grid, fileName });
  return { gw, result, sheet: await gw.readSheet('调查数据') };
}

describe('a CSV with 调查数据\'s own column names', () => {
  it('maps every column to itself, 调查方式 and 调查人 included, and reads 调查日期 as the date', () => {
    const layout = exportLayout(OWN);
    expect(layout.format).toBe('csv');
    expect(OWN[layout.timeCol!]).toBe('调查日期');
    const m = autoMapping(layout, TABLE_4_1);
    expect(Object.fromEntries(layout.questions.map((q) => [q.text, m.get(q.col)]))).toEqual(Object.fromEntries(OWN.filter((c) => c !== '调查日期').map((c) => [c, c])));
  });

  it('maps a column named by an item\'s alias or question wording, spaces aside, to the item', () => {
    const header = ['客户名称', ' 调查 方式 ', '调查人', '技术水平', '您对日常运维服务的质量是否满意？', ...ITEMS.slice(2)];
    const layout = exportLayout(header);
    const m = autoMapping(layout, TABLE_4_1);
    expect(layout.questions.map((q) => m.get(q.col))).toEqual(['客户名称', '调查方式', '调查人', '专业技术', '日常', ...ITEMS.slice(2)]);
  });

  it('lets a column named exactly win over an earlier question that merely mentions it', () => {
    // "您对服务态度的评价" contains the alias 服务态度 (态度); the column named 态度 is the item itself.
    const header = ['客户名称', '您对服务态度的评价', ...ITEMS];
    const layout = exportLayout(header);
    const m = autoMapping(layout, TABLE_4_1);
    expect(m.get(header.indexOf('态度'))).toBe('态度');
    expect(m.get(1)).toBeNull();
  });

  it('imports each row\'s own 调查方式 and 调查人 (never 在线问卷 for all), spaces around a method ignored', async () => {
    const grid = [
      OWN,
      row(['甲', '金融', '运维', '现场走访', '2026-07-08', '张伟'], '满意', '好'),
      row(['乙', '医疗', '运维', ' 电话访问 ', '2026-07-15', '李娜'], '一般'),
      row(['丙', '能源', '桌面', '在线问卷', '2026-08-02', ''], '较满意'),
      row(['丁', '能源', '桌面', '', '2026-08-03', '王强'], '较满意'),
    ];
    const { gw, result, sheet } = await importGrid(grid);
    expect(result.added).toBe(4);
    expect(result.unmapped).toEqual([]);
    expect(sheet.slice(1, 5).map((r) => r.slice(0, INFO_COLUMNS.length))).toEqual([
      ['甲', '金融', '运维', '现场走访', '2026-07-08', '张伟'],
      ['乙', '医疗', '运维', '电话访问', '2026-07-15', '李娜'],
      ['丙', '能源', '桌面', '在线问卷', '2026-08-02', null],
      ['丁', '能源', '桌面', null, '2026-08-03', '王强'],
    ]);
    expect(sheet[1][OWN.indexOf('意见与建议')]).toBe('好');
    const reread = await reopen(gw);
    const analysis = analyze((await loadSurveyData(reread)).set, { period: '2026Q3' });
    expect(Object.fromEntries(analysis.methods.map((x) => [x.method, x.n]))).toMatchObject({ 现场走访: 1, 电话访问: 1, 在线问卷: 1 });
  });

  it('refuses a 调查方式 that is no method, naming the row and the value, and writes nothing', async () => {
    const gw = XlsxGateway.empty();
    const grid = [OWN, row(['甲', '', '', '现场走访', '2026-07-08', '']), row(['乙', '', '', '上门', '2026-07-09', '']), row(['丙', '', '', '微信', '2026-07-10', ''])];
    const e: unknown = await importExport(gw, { grid, fileName: 'responses.csv' }).then(() => undefined, (x: unknown) => x);
    expect(e).toMatchObject({
      zh: `responses.csv 第 3 行的调查方式"上门"不是可选的方式（${SURVEY_METHODS.join('、')}，或留空）；另有 1 行同样；未导入`,
      en: `responses.csv row 3: 调查方式 "上门" is not one of the methods (${SURVEY_METHODS.join('、')}, or blank); so are 1 more rows; nothing imported`,
    });
    const table = (await gw.readSheet('调查数据')).slice(1).map((r) => r.slice(0, OWN.length));
    expect(table.filter((r) => r.some((v) => v !== null && v !== ''))).toEqual([]);
  });

  it('keeps 在线问卷 for exports that ask no method, as before', () => {
    const grid = [['序号', '提交答卷时间', '所用时间', '1、贵单位名称', ...ITEMS.map((n, i) => `${i + 2}、${n}`)], [1, '2026/11/3 10:22:01', '1', '甲', ...ITEMS.map(() => '满意')]];
    const layout = exportLayout(grid[0]);
    const { rows, badMethods } = convertExport(grid, layout, autoMapping(layout, TABLE_4_1));
    expect(rows[0].values['调查方式']).toBe('在线问卷');
    expect(badMethods).toEqual([]);
  });
});

describe('the example in samples/', () => {
  it('is a UTF-8 CSV with exactly 调查数据\'s columns, and imports every column of every row', async () => {
    const bytes = readFileSync(SAMPLE);
    const { grid, encoding } = await readExport(new Uint8Array(bytes), 'survey-responses.csv');
    expect(encoding).toMatch(/utf-?8/i);
    expect(grid[0]).toEqual(OWN);
    const { result, sheet } = await importGrid(grid, 'survey-responses.csv');
    expect(result.unmapped).toEqual([]);
    expect(result.undated).toEqual([]);
    expect(result.added).toBe(grid.length - 1);
    const written = sheet.slice(1, grid.length);
    const iso = (v: CellValue) => String(v).replace(/^(\d{4})\/(\d{1,2})\/(\d{1,2})$/, (_m, y: string, mo: string, d: string) => `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`);
    for (let r = 1; r < grid.length; r++) {
      const expected = grid[r].map((v, c) => (OWN[c] === '调查日期' ? iso(v) : v === '' ? null : v));
      expect(written[r - 1].slice(0, OWN.length)).toEqual(expected);
    }
    // Every method the table offers appears, so the report's 调查方式 breakdown is the file's.
    expect(new Set(grid.slice(1).map((r) => r[OWN.indexOf('调查方式')]))).toEqual(new Set(SURVEY_METHODS));
  });
});
