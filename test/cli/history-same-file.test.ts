/**
 * Issue 20, item 6: `csat report --history` given the input itself (the same path, another spelling,
 * a link, a copy) or one history twice is refused as `csat rollup` refuses the same workbook twice —
 * one check, shared (src/cli/same-file.ts). And `rollup` names each row by one rule: the workbook's
 * 项目名称 when it names one project, else its file name; two rows never share a name.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CellValue } from '../../src/domain';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { importExport } from '../../src/jobs/import';
import { rollup } from '../../src/jobs/rollup';
import { ITEMS } from '../helpers/grids';
import { expectValidXlsx } from '../helpers/validate-xlsx';

const root = path.join(__dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'csat-history-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const run = (lang: string, args: string[]) => {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/csat.js'), ...args], { encoding: 'utf8', env: { ...process.env, CSAT_LANG: lang }, cwd: tmp });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const csat = (...args: string[]) => run('zh-CN', args);

/** A 问卷星 export of one answer per [序号, date, level]. */
function wjx(name: string, answers: [number, string, string][]): string {
  const file = path.join(tmp, `${name}.csv`);
  const header = ['序号', '提交答卷时间', '所用时间', '1、贵单位名称', ...ITEMS.map((n, i) => `${i + 2}、${n}`)];
  writeFileSync(file, [header, ...answers.map(([id, date, level]) => [String(id), `${date} 10:00:00`, '1', `客户${id}`, ...ITEMS.map(() => level)])].map((r) => r.join(',')).join('\n'));
  return file;
}

const a = path.join(tmp, 'a.xlsx');
const b = path.join(tmp, 'b.xlsx');
beforeAll(() => {
  for (const [file, answers] of [
    [a, [[1, '2026/11/3', '满意'], [2, '2026/11/4', '一般']]],
    [b, [[1, '2026/8/3', '较满意']]],
  ] as const) {
    const r = csat('import', wjx(path.basename(file, '.xlsx'), answers.map((x) => [...x])), '--out', file);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  }
  mkdirSync(path.join(tmp, 'sub'), { recursive: true });
});

describe('csat report --history refuses the input itself, as rollup does', () => {
  const same = (other: string) => `--history ${other} 与要生成报告的工作簿 ${a} 是同一个文件；--history 只给其他各期的工作簿，每个只给一次\n`;

  it.each([
    ['the same path', () => a],
    ['another spelling of the path', () => path.join(tmp, 'sub', '..', 'a.xlsx')],
    ['a symbolic link to it', () => {
      const link = path.join(tmp, 'symlink-to-a.xlsx');
      if (!existsSync(link)) symlinkSync(a, link);
      return link;
    }],
    ['a hard link to it', () => {
      const link = path.join(tmp, 'hardlink-to-a.xlsx');
      if (!existsSync(link)) linkSync(a, link);
      return link;
    }],
  ])('by %s', (_name, history) => {
    const h = history();
    const out = path.join(tmp, 'never.xlsx');
    const r = csat('report', a, '--history', h, '--out', out);
    expect(r.err).toBe(same(h));
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(false);
  });

  it('by content: a copy of it', () => {
    const copy = path.join(tmp, 'copy-of-a.xlsx');
    copyFileSync(a, copy);
    const out = path.join(tmp, 'never.xlsx');
    const r = csat('report', a, '--history', b, '--history', copy, '--out', out);
    expect(r.err).toBe(`--history ${copy} 与要生成报告的工作簿 ${a} 内容完全相同（同一工作簿的副本）；--history 只给其他各期的工作簿，每个只给一次\n`);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses one history given twice, and says so in English too', () => {
    const out = path.join(tmp, 'never.xlsx');
    const zh = csat('report', a, '--history', b, '--history', path.join(tmp, 'sub', '..', 'b.xlsx'), '--out', out);
    expect(zh.err).toBe(`--history ${path.join(tmp, 'sub', '..', 'b.xlsx')} 与 ${b} 是同一个文件；--history 只给其他各期的工作簿，每个只给一次\n`);
    expect(zh.code).toBe(1);
    const en = run('en-US', ['report', a, '--history', b, '--history', a, '--out', out]);
    expect(en.err).toBe(`--history ${a} and the workbook being reported, ${a}, are the same file; give --history other periods' workbooks, each once\n`);
    expect(en.code).toBe(1);
    expect(existsSync(out)).toBe(false);
  });

  it('takes another period\'s workbook', () => {
    const out = path.join(tmp, 'report.xlsx');
    const r = csat('report', a, '--history', b, '--out', out);
    expect(r.code).toBe(0);
    expectValidXlsx(out);
  });

  it('rollup refuses a hard link to a workbook as the same file (the shared check)', () => {
    const link = path.join(tmp, 'hardlink-to-b.xlsx');
    if (!existsSync(link)) linkSync(b, link);
    const out = path.join(tmp, 'never.xlsx');
    const r = csat('rollup', a, b, link, '--out', out);
    expect(r.err).toBe(`${link} 与 ${b} 是同一个文件；每个工作簿只能汇总一次\n`);
    expect(r.code).toBe(1);
  });
});

describe('rollup names each row by one rule: the workbook\'s 项目名称, else its file name', () => {
  const header = ['客户名称', '项目名称', '调查日期', ...ITEMS];
  /** A workbook of responses with these 项目名称 (one response each, in 2026Q3). */
  async function workbook(projects: CellValue[]): Promise<XlsxGateway> {
    const gw = XlsxGateway.empty();
    const grid = [header, ...projects.map((p, i) => [`客户${i}`, p, `2026-07-0${i + 1}`, ...ITEMS.map(() => '满意')])];
    await importExport(gw, { grid, fileName: 'x.csv' });
    return XlsxGateway.open(await gw.save());
  }
  async function rowNamesOf(inputs: { label: string; projects: CellValue[]; source?: string }[]): Promise<CellValue[]> {
    const into = XlsxGateway.empty();
    await rollup(await Promise.all(inputs.map(async (i) => ({ label: i.label, source: i.source ?? `${i.label}.xlsx`, gateway: await workbook(i.projects) }))), into);
    const sheet = await into.readSheet('公司季度汇总');
    const first = sheet.findIndex((r) => r[0] === '项目');
    return sheet.slice(first + 1, first + 1 + inputs.length + 1).map((r) => r[0]);
  }

  it('uses the one 项目名称 a workbook names (blanks and spaces around it aside), else the file name', async () => {
    expect(
      await rowNamesOf([
        { label: '甲文件', projects: ['数据中心运维', '', '数据中心运维 '] },
        { label: '乙文件', projects: ['桌面运维', '网络运维'] },
        { label: '丙文件', projects: ['', null] },
      ]),
    ).toEqual(['数据中心运维', '乙文件', '丙文件', '全公司']);
  });

  it('never gives two rows the same name: each is followed by its file name', async () => {
    expect(
      await rowNamesOf([
        { label: '2025年', projects: ['数据中心运维'] },
        { label: '2026年', projects: ['数据中心运维'] },
        { label: '桌面', projects: ['桌面运维'] },
      ]),
    ).toEqual(['数据中心运维（2025年）', '数据中心运维（2026年）', '桌面运维', '全公司']);
    // A file name that is another workbook's project, and two files of one name in two folders.
    expect(
      await rowNamesOf([
        { label: '数据中心运维', projects: [''], source: 'x/数据中心运维.xlsx' },
        { label: '数据中心运维', projects: [''], source: 'y/数据中心运维.xlsx' },
      ]),
    ).toEqual(['数据中心运维（x/数据中心运维.xlsx）', '数据中心运维（y/数据中心运维.xlsx）', '全公司']);
  });

  it('the CLI gives each workbook its file name as the fallback', async () => {
    const out = path.join(tmp, 'roll.xlsx');
    const r = csat('rollup', a, b, '--out', out);
    expect(r.code).toBe(0);
    const sheet = await (await XlsxGateway.open(readFileSync(out))).readSheet('公司季度汇总');
    expect(sheet.slice(3, 6).map((x) => x[0])).toEqual(['a', 'b', '全公司']);
  });
});
