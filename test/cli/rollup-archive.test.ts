/** `csat rollup`, `csat archive` and the size limit, through the built CLI. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readCustomProperties } from '../../src/host/xlsx/custom-properties';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { expectValidXlsx } from '../helpers/validate-xlsx';
import { sheetCharts } from '../helpers/xlsx';

const root = path.join(__dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'csat-ra-'));
const csat = (...args: string[]) => {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/csat.js'), ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'zh_CN.UTF-8' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

beforeAll(() => {
  expect(csat('demo', '--out', path.join(tmp, 'a.xlsx')).code).toBe(0);
  expectValidXlsx(path.join(tmp, 'a.xlsx'));
  expectValidXlsx(path.join(tmp, 'a-archive.xlsx')); // the demo's archive copy
});

describe('csat rollup', () => {
  it('sums up project workbooks per quarter, and pools all responses for the company', async () => {
    const wjx = path.join(tmp, 'b.csv');
    const items = ['专业技术', '日常', '软件', '硬件', '安全', '运维管理', '服务报告', '热线畅通', '态度', '响应及时性', '服务台回访', '行为规范', '备件供应', '培训'];
    writeFileSync(wjx, [['序号', '提交答卷时间', '所用时间', '1、贵单位名称', ...items.map((n, i) => `${i + 2}、${n}`)].join(','), ['1', '2026/11/3 10:00:00', '1', '乙', ...items.map(() => '一般')].join(',')].join('\n'));
    expect(csat('import', wjx, '--out', path.join(tmp, 'b.xlsx')).code).toBe(0);
    expectValidXlsx(path.join(tmp, 'b.xlsx'));
    const out = path.join(tmp, 'roll.xlsx');
    const r = csat('rollup', path.join(tmp, 'a.xlsx'), path.join(tmp, 'b.xlsx'), '--out', out);
    expect(r.code).toBe(0);
    expectValidXlsx(out);
    const sheet = await (await XlsxGateway.open(readFileSync(out))).readSheet('公司季度汇总');
    expect(sheet[2]).toEqual(['项目', '2026Q1', '2026Q2', '2026Q3', '2026Q4']);
    expect(sheet[4]).toEqual(['b', '—', '—', '—', 0.7]);
    expect(sheet[5][0]).toBe('全公司');
    // Q1–Q3 come from the first workbook alone; Q4 pools both
    expect(sheet[5].slice(1, 4)).toEqual(sheet[3].slice(1, 4));
    expect(sheet[5][4]).toBeLessThan(sheet[3][4] as number);
  });
});

describe('csat archive', () => {
  it('writes an archive copy with custom properties and the checklist; never the input', async () => {
    const out = path.join(tmp, 'arch.xlsx');
    const r = csat('archive', path.join(tmp, 'a.xlsx'), '--department', '质量效能部', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toContain('§7 的五项记录齐全');
    expectValidXlsx(out);
    const archived = await XlsxGateway.open(readFileSync(out));
    expect((await readCustomProperties(archived.pkg))['编制部门']).toBe('质量效能部');
    // The input's charts are carried as they were, and nothing is reported as dropped.
    expect(r.err).not.toContain('未能带到');
    const input = await XlsxGateway.open(readFileSync(path.join(tmp, 'a.xlsx')));
    for (const sheet of ['分析报告-2026Q4', '趋势']) {
      const charts = [...(await sheetCharts(input, sheet)).values()];
      expect(charts.length).toBeGreaterThan(0);
      expect([...(await sheetCharts(archived, sheet)).values()]).toEqual(charts);
    }
    expect(csat('archive', path.join(tmp, 'a.xlsx'), '--out', path.join(tmp, 'a.xlsx'), '--force').err).toMatch(/^不会覆盖输入文件/);
  });
});

describe('size limits', () => {
  it('refuses a workbook over 200 MB before reading it', () => {
    const big = path.join(tmp, 'big.xlsx');
    writeFileSync(big, '');
    truncateSync(big, 201 * 1024 * 1024); // sparse: no 200 MB written to disk
    const r = csat('score', big);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/有 201 MB，超过上限 200 MB/);
  });
});
