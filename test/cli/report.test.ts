/** `csat report` end to end through the built CLI. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { ITEMS, uniformRow } from '../helpers/grids';
import { expectValidXlsx } from '../helpers/validate-xlsx';
import { sheetCharts } from '../helpers/xlsx';

const root = path.join(__dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'csat-report-'));
const demo = path.join(tmp, 'demo.xlsx');

function csat(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/csat.js'), ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'zh_CN.UTF-8' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

beforeAll(() => {
  expect(csat('demo', '--out', demo).code).toBe(0);
  expectValidXlsx(demo);
});

describe('csat report', () => {
  it('writes a new workbook with the input\'s sheets plus the report tabs; the input is unchanged', async () => {
    const before = sha(demo);
    const out = path.join(tmp, 'q2.xlsx');
    const r = csat('report', demo, '--period', '2026Q2', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/已生成"分析报告-2026Q2"：\d+ 份答卷，总体满意度 \d+\.\d\d%/);
    expect(sha(demo)).toBe(before);
    expectValidXlsx(out);
    const written = await XlsxGateway.open(readFileSync(out));
    const names = (await written.listSheets()).map((s) => s.name);
    expect(names.slice(0, 4)).toEqual(['评分模板', '调查数据', '客户满意度调查表', '调查方案']);
    expect(names.slice(-3)).toEqual(['分析报告-2026Q4', '趋势', '分析报告-2026Q2']);
    // The demo's own Q4 report has charts: they are carried as they were, and nothing is reported as dropped.
    expect(r.err).not.toContain('未能带到');
    const q4Charts = [...(await sheetCharts(await XlsxGateway.open(readFileSync(demo)), '分析报告-2026Q4')).values()];
    expect(q4Charts.length).toBeGreaterThan(0);
    expect([...(await sheetCharts(written, '分析报告-2026Q4')).values()]).toEqual(q4Charts);
    expect((await sheetCharts(written, '分析报告-2026Q2')).size).toBe(q4Charts.length);
  });

  it('never writes over its input', () => {
    const r = csat('report', demo, '--out', demo, '--force');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^不会覆盖输入文件/);
  });

  it.each([
    ['a period with no responses', ['--period', '2024Q1'], /^2024Q1 没有调查答卷（数据中有：2026Q1、2026Q2、2026Q3、2026Q4）\n$/],
    ['a malformed period', ['--period', 'Q3'], /^统计期间"Q3"无效/],
    ['an unknown group column', ['--by', '地区'], /^调查数据中没有"地区"列/],
  ])('refuses %s: exit 1, one message, no file', (_name, args, message) => {
    const out = path.join(tmp, `never-${args[1]}.xlsx`);
    const r = csat('report', demo, ...args, '--out', out);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it('adds --history quarters to the trend', async () => {
    const old = path.join(tmp, 'old.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('去年');
    ws.addRow(['客户名称', '客户分组', '调查日期', ...ITEMS]);
    ws.addRow(['甲', '政府机关', '2025-11-20', ...uniformRow('一般')]);
    await wb.xlsx.writeFile(old);
    const out = path.join(tmp, 'with-history.xlsx');
    expect(csat('report', demo, '--history', old, '--out', out).code).toBe(0);
    expectValidXlsx(out);
    const trend = await (await XlsxGateway.open(readFileSync(out))).readSheet('趋势');
    expect(trend.slice(2).map((r) => r[0])).toEqual(['2025Q4', '2026Q1', '2026Q2', '2026Q3', '2026Q4']);
    expect(trend[2][2]).toBeCloseTo(0.7, 12);
  });
});
