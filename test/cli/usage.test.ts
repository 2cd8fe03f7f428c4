/**
 * The command line as a new user meets it (issue 11, item 5): no arguments, `--history`, a missing
 * output folder, and the global `csat` command after `npm link`.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FORMATS } from '../../src/domain';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { expectValidXlsx } from '../helpers/validate-xlsx';

const root = path.join(__dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'csat-usage-'));
const env = { ...process.env, LANG: 'zh_CN.UTF-8' };
const csat = (...args: string[]) => {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/csat.js'), ...args], { encoding: 'utf8', env, cwd: tmp });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const ITEMS = ['专业技术', '日常', '软件', '硬件', '安全', '运维管理', '服务报告', '热线畅通', '态度', '响应及时性', '服务台回访', '行为规范', '备件供应', '培训'];

/** A survey workbook holding one 问卷星 answer per date (all `level`), through `csat import`. */
function workbook(name: string, dates: string[], level: string): string {
  const csv = path.join(tmp, `${name}.csv`);
  const header = ['序号', '提交答卷时间', '所用时间', '1、贵单位名称', ...ITEMS.map((n, i) => `${i + 2}、${n}`)];
  writeFileSync(csv, [header, ...dates.map((d, i) => [String(i + 1), `${d} 10:00:00`, '1', `客户${i}`, ...ITEMS.map(() => level)])].map((r) => r.join(',')).join('\n'));
  const out = path.join(tmp, `${name}.xlsx`);
  const r = csat('import', csv, '--out', out);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  expectValidXlsx(out);
  return out;
}

describe('csat with no arguments', () => {
  it('prints its help to stderr and exits 1 (commander\'s convention); --help prints it to stdout and exits 0', () => {
    const bare = csat();
    expect(bare.code).toBe(1);
    expect(bare.out).toBe('');
    expect(bare.err).toMatch(/^Usage: csat /);
    const help = csat('--help');
    expect(help.code).toBe(0);
    expect(help.err).toBe('');
    expect(help.out).toBe(bare.err);
    expect(csat('help').code).toBe(0);
    expect(csat('--version')).toEqual({ code: 0, out: expect.stringMatching(/^\d+\.\d+\.\d+\n$/), err: '' });
    // An unknown command is a usage error.
    expect(csat('scor').code).toBe(1);
  });
});

describe('csat report --history', () => {
  it('takes one file per --history, repeatable, and leaves the positional file alone', async () => {
    const current = workbook('current', ['2026/11/3', '2026/11/4'], '满意');
    const y2024 = workbook('y2024', ['2024/5/6'], '一般');
    const y2025 = workbook('y2025', ['2025/8/1'], '较满意');
    const out = path.join(tmp, 'with-history.xlsx');
    // --history before the positional file: the file is still the workbook to report on.
    const r = csat('report', '--history', y2024, '--history', y2025, current, '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expectValidXlsx(out);
    const trend = await (await XlsxGateway.open(readFileSync(out))).readSheet('趋势');
    expect(trend.slice(2).map((row) => row[0])).toEqual(['2024Q2', '2025Q3', '2026Q4']);
  });

  it('says so in its help', () => {
    const help = csat('report', '--help').out;
    expect(help).toMatch(/--history <file>\s+历史工作簿（用于趋势），每个文件一个 --history，可重复/);
    expect(help).not.toMatch(/files\.\.\./);
  });
});

describe('a missing output folder', () => {
  it('is named as such; the hidden temp file never appears in the message', () => {
    const r = csat('survey', '--out', path.join('no-such-folder', 'x.xlsx'));
    expect(r.code).toBe(1);
    expect(r.err).toBe(`无法写入 ${path.join('no-such-folder', 'x.xlsx')}：文件夹 no-such-folder 不存在\n`);
    const en = spawnSync(process.execPath, [path.join(root, 'bin/csat.js'), '--lang', 'en-US', 'survey', '--out', 'nope/x.xlsx'], { encoding: 'utf8', env, cwd: tmp });
    expect(en.stderr).toBe('Cannot write nope/x.xlsx: the folder nope does not exist\n');
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('the global csat command', () => {
  it('works after npm link, from any folder', () => {
    const prefix = path.join(tmp, 'global');
    // npm link into a prefix of our own (npm_config_prefix), offline: the same links npm makes in the real global folder.
    const link = spawnSync('npm', ['link', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: root, encoding: 'utf8', env: { ...env, npm_config_prefix: prefix } });
    expect(link.status).toBe(0);
    const elsewhere = path.join(tmp, 'elsewhere');
    mkdirSync(elsewhere);
    const bin = path.join(prefix, process.platform === 'win32' ? '' : 'bin');
    const run = (...args: string[]) => spawnSync('csat', args, { cwd: elsewhere, encoding: 'utf8', env: { ...env, PATH: `${bin}${path.delimiter}${process.env.PATH}` } });
    const survey = run('survey', '--out', 'mine.xlsx');
    expect(survey.stderr).toBe('');
    expect(survey.status).toBe(0);
    expectValidXlsx(path.join(elsewhere, 'mine.xlsx'));
    const score = run('score', 'mine.xlsx');
    expect(score.status).toBe(1); // a new survey has no answers yet: one line, from the linked CLI
    expect(score.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('says where to build when the linked project is not built', () => {
    // A project folder holding only the bin script (no dist-node/), linked as npm links it.
    const project = path.join(tmp, 'unbuilt');
    mkdirSync(path.join(project, 'bin'), { recursive: true });
    copyFileSync(path.join(root, 'bin/csat.js'), path.join(project, 'bin/csat.js'));
    const link = path.join(tmp, 'csat-link');
    symlinkSync(path.join(project, 'bin/csat.js'), link);
    const r = spawnSync(process.execPath, [link, '--version'], { encoding: 'utf8', env, cwd: tmp });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`csat：命令行尚未构建；请在 ${project} 中运行 npm ci && npm run build:cli / csat: the CLI is not built yet; run npm ci && npm run build:cli in ${project}\n`);
    expect(existsSync(path.join(project, 'dist-node'))).toBe(false);
  });

  it('offers the importer registry\'s formats as the --format choices', () => {
    const r = csat('import', 'x.csv', '--format', 'bogus', '--dry-run');
    expect(r.code).toBe(1);
    expect(r.err).toContain(`可选值为 ${['auto', ...FORMATS].join('、')}`); // commander's refusal, in zh-CN (test/cli/commander-zh.test.ts)
    expect(FORMATS).toEqual(['wjx', 'forms', 'tencent', 'csv']);
  });
});
