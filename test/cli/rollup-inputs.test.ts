/**
 * `csat rollup`'s inputs (issue 11, items 5 and 15): the same workbook twice — by path, by link or
 * as a copy — is refused; workbooks sharing answer ids (来源编号) are rolled up with a warning; a
 * problem with one workbook names its file.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { expectValidXlsx } from '../helpers/validate-xlsx';

const root = path.join(__dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'csat-rollup-'));
const csat = (...args: string[]) => {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/csat.js'), ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'zh_CN.UTF-8' }, cwd: tmp });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const ITEMS = ['专业技术', '日常', '软件', '硬件', '安全', '运维管理', '服务报告', '热线畅通', '态度', '响应及时性', '服务台回访', '行为规范', '备件供应', '培训'];

/** A 问卷星 export: one answer per [序号, date, level]. */
function wjx(name: string, answers: [number, string, string][]): string {
  const file = path.join(tmp, `${name}.csv`);
  const header = ['序号', '提交答卷时间', '所用时间', '1、贵单位名称', ...ITEMS.map((n, i) => `${i + 2}、${n}`)];
  writeFileSync(file, [header, ...answers.map(([id, date, level]) => [String(id), `${date} 10:00:00`, '1', `客户${id}`, ...ITEMS.map(() => level)])].map((r) => r.join(',')).join('\n'));
  return file;
}

function run(args: string[], out: string): void {
  const r = csat(...args, '--out', out);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  expectValidXlsx(out);
}

const a = path.join(tmp, 'a.xlsx');
const b = path.join(tmp, 'b.xlsx');
beforeAll(() => {
  run(['import', wjx('a', [[1, '2026/11/3', '满意'], [2, '2026/11/4', '一般']])], a);
  run(['import', wjx('b', [[1, '2026/8/3', '较满意']])], b);
});

describe('csat rollup refuses the same workbook twice', () => {
  it.each([
    ['the same path', () => a],
    ['another spelling of the path', () => path.join(tmp, 'sub', '..', 'a.xlsx')],
    ['a link to it', () => {
      const link = path.join(tmp, 'link-to-a.xlsx');
      if (!existsSync(link)) symlinkSync(a, link);
      return link;
    }],
  ])('by %s', (_name, second) => {
    mkdirSync(path.join(tmp, 'sub'), { recursive: true });
    const other = second();
    const out = path.join(tmp, 'never.xlsx');
    const r = csat('rollup', a, b, other, '--out', out);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${other} 与 ${a} 是同一个文件；每个工作簿只能汇总一次\n`);
    expect(existsSync(out)).toBe(false);
  });

  it('by content: a copy of it', () => {
    const copy = path.join(tmp, 'copy-of-a.xlsx');
    copyFileSync(a, copy);
    const out = path.join(tmp, 'never.xlsx');
    const r = csat('rollup', a, copy, '--out', out);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${copy} 与 ${a} 内容完全相同（同一工作簿的副本）；每个工作簿只能汇总一次\n`);
    expect(existsSync(out)).toBe(false);
  });
});

describe('csat rollup with answers in two workbooks', () => {
  it('rolls up and warns that they share answer ids (来源编号)', async () => {
    // The 问卷星 export of a was also imported into another project's workbook.
    const other = path.join(tmp, 'other-survey.xlsx');
    run(['survey', '--year', '2025'], other);
    const c = path.join(tmp, 'c.xlsx');
    run(['import', path.join(tmp, 'a.csv'), '--into', other], c);
    const ids = (await (await XlsxGateway.open(readFileSync(c))).readSheet('调查数据'))[0].indexOf('来源编号');
    expect(ids).toBeGreaterThan(0);
    const out = path.join(tmp, 'shared.xlsx');
    const r = csat('rollup', a, b, c, '--out', out);
    expect(r.code).toBe(0);
    expectValidXlsx(out);
    const warnings = r.err.trim().split('\n');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(new RegExp(`^"${a}"与"${c}"有 2 份答卷的来源编号相同（如 .+）：同一份答卷可能被汇总了两次，请核对$`));
    expect(r.out).toMatch(/已汇总 3 个项目/);
  });

  it('says nothing when no answer id is shared', () => {
    const out = path.join(tmp, 'apart.xlsx');
    const r = csat('rollup', a, b, '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expectValidXlsx(out);
  });
});

describe('csat rollup names the workbook a problem is in', () => {
  it('a workbook without survey data', () => {
    const plan = path.join(tmp, 'plan.xlsx');
    run(['comm-plan'], plan);
    const r = csat('rollup', a, plan, '--out', path.join(tmp, 'never.xlsx'));
    expect(r.code).toBe(1);
    expect(r.err.startsWith(`${plan}：`)).toBe(true);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('a file that is not a workbook', () => {
    const bad = path.join(tmp, 'bad.xlsx');
    writeFileSync(bad, 'not a zip');
    const r = csat('rollup', a, bad, '--out', path.join(tmp, 'never.xlsx'));
    expect(r.code).toBe(1);
    expect(r.err.startsWith(`${bad} `)).toBe(true);
  });
});
