/**
 * What the CLI writes, and what it must never write over (issue 11, items 5, 7 and 16):
 * `--save-mapping` follows the rules of `--out` (never an input, `--force` to replace); `csat demo`
 * checks both of its files before writing either; a file that appears while the output is being
 * written is not replaced (the target is created exclusively); an interrupted run leaves no temp file,
 * and the one a killed run (kill -9) cannot remove is named as ours and removed by a later write once
 * it is an hour old (issue 19, item 3).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { expectValidXlsx } from '../helpers/validate-xlsx';

const root = path.join(__dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'csat-write-'));
const env = { ...process.env, LANG: 'zh_CN.UTF-8' };
const csat = (...args: string[]) => {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/csat.js'), ...args], { encoding: 'utf8', env, cwd: tmp });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
const tempFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

const ITEMS = ['专业技术', '日常', '软件', '硬件', '安全', '运维管理', '服务报告', '热线畅通', '态度', '响应及时性', '服务台回访', '行为规范', '备件供应', '培训'];
const exportCsv = path.join(tmp, 'exp.csv');
writeFileSync(
  exportCsv,
  [['序号', '提交答卷时间', '所用时间', '1、贵单位名称', ...ITEMS.map((n, i) => `${i + 2}、${n}`)], ['1', '2026/11/3 10:00:00', '1', '乙', ...ITEMS.map(() => '一般')]]
    .map((r) => r.join(','))
    .join('\n'),
);

describe('import --save-mapping', () => {
  let keep: string;
  beforeAll(() => {
    keep = path.join(tmp, 'keep.xlsx');
    expect(csat('survey', '--out', keep).code).toBe(0);
    expectValidXlsx(keep);
  });

  it('never writes over the export it reads, even with --force', () => {
    const before = sha(exportCsv);
    for (const force of [[], ['--force']]) {
      const r = csat('import', exportCsv, '--dry-run', '--save-mapping', exportCsv, ...force);
      expect(r.code).toBe(1);
      expect(r.err).toBe(`不会覆盖输入文件 ${exportCsv}；请用 --save-mapping 指定新文件\n`);
    }
    expect(sha(exportCsv)).toBe(before);
  });

  it('never writes over the --into workbook, and writes nothing then', () => {
    const before = sha(keep);
    const out = path.join(tmp, 'never.xlsx');
    const r = csat('import', exportCsv, '--into', keep, '--save-mapping', keep, '--out', out, '--force');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^不会覆盖输入文件 .*keep\.xlsx；请用 --save-mapping 指定新文件\n$/);
    expect(sha(keep)).toBe(before);
    expect(existsSync(out)).toBe(false);
  });

  it('never writes over the --mapping it reads, nor the --out workbook', () => {
    const mapping = path.join(tmp, 'used.json');
    expect(csat('import', exportCsv, '--dry-run', '--save-mapping', mapping).code).toBe(0);
    const before = sha(mapping);
    expect(csat('import', exportCsv, '--dry-run', '--mapping', mapping, '--save-mapping', mapping, '--force').err).toMatch(/^不会覆盖输入文件/);
    expect(sha(mapping)).toBe(before);
    const out = path.join(tmp, 'same.xlsx');
    const r = csat('import', exportCsv, '--save-mapping', out, '--out', out);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^--save-mapping 与 --out 是同一个文件/);
    expect(existsSync(out)).toBe(false);
  });

  it('needs --force to replace an existing file', () => {
    const mapping = path.join(tmp, 'mapping.json');
    writeFileSync(mapping, 'my notes');
    const r = csat('import', exportCsv, '--dry-run', '--save-mapping', mapping);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${mapping} 已存在；如需覆盖请加 --force\n`);
    expect(readFileSync(mapping, 'utf8')).toBe('my notes');
    expect(csat('import', exportCsv, '--dry-run', '--save-mapping', mapping, '--force').code).toBe(0);
    expect(JSON.parse(readFileSync(mapping, 'utf8'))).toMatchObject({ 贵单位名称: '客户名称', 专业技术: '专业技术' });
    expect(tempFiles(tmp)).toEqual([]);
  });
});

describe('csat demo and its archive copy', () => {
  it('refuses before writing anything when the archive copy exists; --force replaces both', async () => {
    const dir = path.join(tmp, 'demo');
    mkdirSync(dir);
    const demo = path.join(dir, 'd.xlsx');
    const archive = path.join(dir, 'd-archive.xlsx');
    writeFileSync(archive, 'an older archive copy');
    const r = csat('demo', '--out', demo);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${archive} 已存在；如需覆盖请加 --force\n`);
    expect(existsSync(demo)).toBe(false);
    expect(readFileSync(archive, 'utf8')).toBe('an older archive copy');

    writeFileSync(demo, 'an older demo');
    const forced = csat('demo', '--out', demo, '--force');
    expect(forced.err).toBe('');
    expect(forced.code).toBe(0);
    expectValidXlsx(demo);
    expectValidXlsx(archive);
    expect((await (await XlsxGateway.open(readFileSync(archive))).listSheets()).map((s) => s.name)).toContain('归档清单');
    expect(tempFiles(dir)).toEqual([]);
  });
});

/**
 * A preload that stands in for what the test cannot time: right after the CLI has written its temp
 * file, another program creates the target (`race`), or the run is held there until it is killed
 * (`hold`, announced on stderr).
 */
const preload = path.join(tmp, 'hook.js');
writeFileSync(
  preload,
  `
const fsp = require('node:fs/promises');
const fs = require('node:fs');
const path = require('node:path');
const writeFile = fsp.writeFile;
fsp.writeFile = async function (file, ...rest) {
  const r = await writeFile.call(this, file, ...rest);
  if (typeof file === 'string' && file.endsWith('.tmp')) {
    const target = path.join(path.dirname(file), path.basename(file).replace(/^\\./, '').replace(/\\.csat-[0-9a-f]{8}\\.tmp$/, ''));
    if (process.env.HOOK === 'race') fs.writeFileSync(target, 'written meanwhile by another program');
    if (process.env.HOOK === 'hold') {
      setInterval(() => {}, 1 << 30); // stay alive until killed
      process.stderr.write('HOLD ' + file + '\\n');
      await new Promise(() => {});
    }
  }
  return r;
};
`,
);

describe('the no-overwrite check cannot be raced', () => {
  it('does not replace a file that appeared while the output was being written', () => {
    const dir = path.join(tmp, 'race');
    mkdirSync(dir);
    const out = path.join(dir, 'x.xlsx');
    const r = spawnSync(process.execPath, ['-r', preload, path.join(root, 'bin/csat.js'), 'survey', '--out', out], { encoding: 'utf8', env: { ...env, HOOK: 'race' } });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`${out} 已存在；如需覆盖请加 --force\n`);
    expect(readFileSync(out, 'utf8')).toBe('written meanwhile by another program');
    expect(tempFiles(dir)).toEqual([]);
  });

  it('with --force, replaces it', () => {
    const dir = path.join(tmp, 'race-force');
    mkdirSync(dir);
    const out = path.join(dir, 'x.xlsx');
    const r = spawnSync(process.execPath, ['-r', preload, path.join(root, 'bin/csat.js'), 'survey', '--out', out, '--force'], { encoding: 'utf8', env: { ...env, HOOK: 'race' } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expectValidXlsx(out);
    expect(tempFiles(dir)).toEqual([]);
  });
});

describe('an interrupted run', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('leaves no temp file beside the target (%s)', async (signal) => {
    const dir = path.join(tmp, `killed-${signal}`);
    mkdirSync(dir);
    const out = path.join(dir, 'x.xlsx');
    const child = spawn(process.execPath, ['-r', preload, path.join(root, 'bin/csat.js'), 'survey', '--out', out], { env: { ...env, HOOK: 'hold' } });
    const held = await new Promise<string>((resolve, reject) => {
      let err = '';
      child.stderr.on('data', (d) => {
        err += d;
        const m = err.match(/^HOLD (.*)\n/);
        if (m) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`ended (${code}) before writing: ${err}`)));
    });
    expect(existsSync(held)).toBe(true);
    const ended = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, sig) => resolve(sig)));
    child.kill(signal);
    expect(await ended).toBe(signal); // ends as the signal would have it
    expect(tempFiles(dir)).toEqual([]);
    expect(existsSync(out)).toBe(false);
  });
});

describe('a run killed with kill -9', () => {
  /** Starts a run that holds once its temp file is written; resolves with the temp file's path. */
  function held(out: string) {
    const child = spawn(process.execPath, ['-r', preload, path.join(root, 'bin/csat.js'), 'survey', '--out', out], { env: { ...env, HOOK: 'hold' } });
    const file = new Promise<string>((resolve, reject) => {
      let err = '';
      child.stderr.on('data', (d) => {
        err += d;
        const m = err.match(/^HOLD (.*)\n/);
        if (m) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`ended (${code}) before writing: ${err}`)));
    });
    return { child, file };
  }

  it('leaves its temp file, named as ours, and the next write into that folder removes it once an hour old', async () => {
    const dir = path.join(tmp, 'killed-9');
    mkdirSync(dir);
    const out = path.join(dir, 'x.xlsx');
    const { child, file } = held(out);
    const left = await file;
    const ended = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, sig) => resolve(sig)));
    child.kill('SIGKILL');
    expect(await ended).toBe('SIGKILL');
    // Nothing can clean up after kill -9: the temp file stays (the target was never created).
    expect(existsSync(out)).toBe(false);
    expect(path.basename(left)).toMatch(/^\.x\.xlsx\.csat-[0-9a-f]{8}\.tmp$/);
    expect(tempFiles(dir)).toEqual([path.basename(left)]);

    // Beside it: a temp file of ours that is recent (perhaps another run's), files of other programs
    // that look alike, and a folder named as ours — all old but the first.
    const hoursAgo = (f: string, h: number) => {
      const t = new Date(Date.now() - h * 3600 * 1000);
      utimesSync(f, t, t);
    };
    const recent = path.join(dir, '.y.xlsx.csat-0123abcd.tmp');
    writeFileSync(recent, 'being written by another run');
    hoursAgo(recent, 0.5);
    const others = ['.y.xlsx.0123abcd.tmp', 'y.xlsx.csat-0123abcd.tmp', '.y.xlsx.csat-0123abcd.tmp.bak', '.y.xlsx.csat-notours1.tmp', 'notes.tmp'];
    for (const f of others) {
      writeFileSync(path.join(dir, f), 'not ours');
      hoursAgo(path.join(dir, f), 5);
    }
    const folderOfOurs = path.join(dir, '.z.xlsx.csat-89abcdef.tmp');
    mkdirSync(folderOfOurs);
    hoursAgo(folderOfOurs, 5);

    // Less than an hour old: kept by the next write (it could be another run's, still writing).
    hoursAgo(left, 0.9);
    expect(csat('survey', '--out', path.join(dir, 'a.xlsx')).code).toBe(0);
    expect(existsSync(left)).toBe(true);

    // Over an hour old: removed by the next write into that folder; nothing else is.
    hoursAgo(left, 2);
    const r = csat('survey', '--out', path.join(dir, 'b.xlsx'));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(left)).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['.y.xlsx.csat-0123abcd.tmp', '.z.xlsx.csat-89abcdef.tmp', ...others, 'a.xlsx', 'b.xlsx'].sort());
  });

  it('a refused write removes nothing', async () => {
    const dir = path.join(tmp, 'killed-9-refused');
    mkdirSync(dir);
    const stale = path.join(dir, '.x.xlsx.csat-00000000.tmp');
    writeFileSync(stale, 'left by a killed run');
    const t = new Date(Date.now() - 2 * 3600 * 1000);
    utimesSync(stale, t, t);
    writeFileSync(path.join(dir, 'x.xlsx'), 'an older file');
    expect(csat('survey', '--out', path.join(dir, 'x.xlsx')).code).toBe(1); // exists, no --force
    expect(existsSync(stale)).toBe(true);
  });
});
