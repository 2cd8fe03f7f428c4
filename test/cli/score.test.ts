/** `csat score` end to end: the built CLI (bin/csat.js) on workbooks written here with ExcelJS. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { ITEMS, rowWith, uniformRow } from '../helpers/grids';

const root = path.join(__dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'csat-cli-'));

function csat(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/csat.js'), ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'zh_CN.UTF-8' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

async function workbook(name: string, sheets: Record<string, unknown[][]>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [sheet, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(sheet);
    rows.forEach((r) => ws.addRow(r));
  }
  const file = path.join(tmp, name);
  await wb.xlsx.writeFile(file);
  return file;
}

describe('csat score', () => {
  let file: string;
  beforeAll(async () => {
    file = await workbook('two-sheets.xlsx', {
      说明: [['本工作簿用于测试'], ['']],
      调查数据: [
        ['客户名称', ...ITEMS, '意见与建议'],
        ['甲', ...uniformRow('满意'), ''],
        ['乙', ...rowWith('较满意', { 软件: '一般', 培训: '不适用' }), '=HYPERLINK("x")'],
        ['丙', ...rowWith('满意', { 硬件: '非常满意' }), ''],
      ],
    });
  });

  it('prints exactly one JSON object of the documented shape', () => {
    const r = csat('score', file, '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(['respondents', 'policy', 'overall', 'categories', 'items', 'counts', 'invalid']);
    expect(json.respondents).toBe(3);
    expect(json.policy).toBe('item');
    // 软件 (100+70+100)/3 = 90; 培训 (100+100)/2 = 100; 硬件 (100+90)/2 = 95; others (100+90+100)/3
    const other = 290 / 3;
    // weights of the items answered 满意/较满意/满意: 10+7+7+7+7+8+5+6+6+3+10 = 76
    const expected = (76 * other + 7 * 90 + 7 * 95 + 10 * 100) / 10000;
    expect(json.overall).toBeCloseTo(expected, 12);
    expect(json.counts['软件']).toEqual({ 满意: 2, 较满意: 0, 一般: 1, 不满意: 0, 很不满意: 0 });
    expect(json.invalid).toEqual([{ row: 4, item: '硬件', value: '非常满意' }]);
    expect(json.items['培训']).toBe(1);
    expect(Object.keys(json.categories)).toEqual(['服务能力与质量', '服务态度', '备件供应', '培训']);
  });

  it('honours --policy strict and --sheet', () => {
    const r = csat('score', file, '--json', '--policy', 'strict', '--sheet', '调查数据');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).policy).toBe('strict');
  });

  it('prints a readable table by default, in Chinese, and in English with --lang', () => {
    const zh = csat('score', file);
    expect(zh.out).toMatch(/总体满意度：\d+\.\d\d%（目标 ≥ 90\.00%：达标）/);
    expect(zh.out).toMatch(/调查数据!E4 {2}硬件 {2}'非常满意'/);
    expect(zh.err).toMatch(/有 1 个无效答案未计入/);
    expect(csat('--lang', 'en-US', 'score', file).out).toMatch(/Overall satisfaction: \d+\.\d\d%/);
  });

  it.each([
    ['a missing file', [path.join(tmp, 'nope.xlsx')], /^无法读取 .*nope\.xlsx：文件不存在\n$/],
    ['a file that is not a workbook', ['__NOT_XLSX__'], /^.*notes\.xlsx 不是 \.xlsx 工作簿（文件不是 zip 包）\n$/],
    ['no sheet with a header', ['__NO_HEADER__'], /^.* 中没有含表4-1 表头（至少 10 个评分项目名称）的工作表；请用 --sheet 指定\n$/],
    ['an unknown sheet', ['__TWO__', '--sheet', '汇总'], /^工作簿中没有名为"汇总"的工作表（有：说明、调查数据）\n$/],
    ['no answers', ['__EMPTY__'], /^区域中没有有效的满意度答案，无法计算\n$/],
    ['a bad policy', ['__TWO__', '--policy', 'loose'], /item \| strict/],
  ])('fails with exit code 1 and one clear line for %s', async (_name, args, message) => {
    const fixtures: Record<string, string> = {
      __TWO__: file,
      __NOT_XLSX__: path.join(tmp, 'notes.xlsx'),
      __NO_HEADER__: await workbook('no-header.xlsx', { 数据: [['a', 'b'], [1, 2]] }),
      __EMPTY__: await workbook('empty.xlsx', { 调查数据: [ITEMS, uniformRow('不适用')] }),
    };
    writeFileSync(fixtures.__NOT_XLSX__, 'plain text, not a zip');
    const r = csat('score', ...args.map((a) => fixtures[a] ?? a));
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
  });

  it('scores the shipped sample workbook', () => {
    const r = csat('score', path.join(root, 'samples/csat-sample.xlsx'), '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).respondents).toBeGreaterThan(120);
  });
});
