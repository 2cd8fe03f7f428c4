/**
 * Regular files only (issue 19, item 3): the CLI reads nothing but regular files — a FIFO, /dev/zero,
 * a socket or a folder is refused before it is read, in one line naming the file, and never waits on
 * a FIFO — reads with a byte bound rather than trusting stat(), and `--force` replaces a regular file
 * only: never a FIFO, a device (/dev/null, as root), a socket or a folder, nor a link to one.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { messageText } from '../../src/domain';
import { MAX_WORKBOOK_BYTES, readBytes } from '../../src/cli/io';

const root = path.join(__dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'csat-special-'));
const env = { ...process.env, LANG: 'zh_CN.UTF-8' };

/**
 * A safety net should the CLI's own check ever be lost: the run is stopped before it writes a temp
 * file in /dev or renames, links or copies anything onto a device, so a failing test cannot replace
 * /dev/null. The test then fails on the CLI's output, not on a broken machine.
 */
const guard = path.join(tmp, 'guard.js');
writeFileSync(
  guard,
  `
const fsp = require('node:fs/promises');
const path = require('node:path');
const inDev = (f) => typeof f === 'string' && path.resolve(f).startsWith('/dev/');
for (const name of ['writeFile', 'rename', 'link', 'copyFile', 'open']) {
  const real = fsp[name];
  fsp[name] = function (...args) {
    const flags = name === 'open' ? String(args[1] ?? 'r') : '';
    const writes = name !== 'open' || /[wa+]/.test(flags) || (typeof args[1] === 'number' && (args[1] & 3) !== 0);
    if (writes && args.slice(0, name === 'open' || name === 'writeFile' ? 1 : 2).some(inDev)) {
      throw new Error('GUARD: the CLI tried to write in /dev: ' + name + ' ' + args.slice(0, 2).filter((a) => typeof a === 'string').join(' '));
    }
    return real.apply(this, args);
  };
}
`,
);

function csat(...args: string[]) {
  const r = spawnSync(process.execPath, ['-r', guard, path.join(root, 'bin/csat.js'), ...args], { encoding: 'utf8', env, cwd: tmp, timeout: 30000 });
  // Never waits on a FIFO: a run the timeout had to end fails here, not by hanging the suite.
  expect(r.error).toBeUndefined();
  expect(r.signal).toBeNull();
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const mkfifo = (file: string) => execFileSync('mkfifo', [file]);
const entries = (dir: string) => readdirSync(dir).sort();

let workbook: string;
let exportCsv: string;
let socket: string;
let server: net.Server;
const fifo = path.join(tmp, 'pipe.xlsx');
const fifoJson = path.join(tmp, 'pipe.json');
const fifoCsv = path.join(tmp, 'pipe.csv');
const folder = path.join(tmp, 'folder.xlsx');

beforeAll(async () => {
  workbook = path.join(tmp, 'book.xlsx');
  expect(csat('survey', '--out', workbook).code).toBe(0);
  const items = ['专业技术', '日常', '软件', '硬件', '安全', '运维管理', '服务报告', '热线畅通', '态度', '响应及时性', '服务台回访', '行为规范', '备件供应', '培训'];
  exportCsv = path.join(tmp, 'exp.csv');
  writeFileSync(
    exportCsv,
    [['序号', '提交答卷时间', '所用时间', '1、贵单位名称', ...items.map((n, i) => `${i + 2}、${n}`)], ['1', '2026/11/3 10:00:00', '1', '乙', ...items.map(() => '一般')]]
      .map((r) => r.join(','))
      .join('\n'),
  );
  for (const f of [fifo, fifoJson, fifoCsv]) mkfifo(f);
  mkdirSync(folder);
  socket = path.join(tmp, 'sock.xlsx');
  server = net.createServer();
  await new Promise<void>((resolve) => server.listen(socket, resolve));
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  // Whatever happened above, the machine's /dev/null is still the device.
  expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
});

describe('inputs that are not regular files are refused before they are read', () => {
  const notRegular = (file: string, kind: string) => `无法读取 ${file}：这是${kind}，不是普通文件\n`;

  it.each([
    ['score', () => ['score', fifo], () => fifo],
    ['report', () => ['report', fifo, '--out', path.join(tmp, 'r1.xlsx')], () => fifo],
    ['report --history', () => ['report', workbook, '--history', fifo, '--out', path.join(tmp, 'r2.xlsx')], () => fifo],
    ['actions', () => ['actions', fifo, '--out', path.join(tmp, 'a.xlsx')], () => fifo],
    ['archive', () => ['archive', fifo, '--out', path.join(tmp, 'ar.xlsx')], () => fifo],
    ['comm-plan --into', () => ['comm-plan', '--into', fifo, '--out', path.join(tmp, 'cp.xlsx')], () => fifo],
    ['comm-report', () => ['comm-report', fifo, '--out', path.join(tmp, 'cr.xlsx')], () => fifo],
    ['import (the export)', () => ['import', fifoCsv, '--dry-run'], () => fifoCsv],
    ['import --mapping', () => ['import', exportCsv, '--dry-run', '--mapping', fifoJson], () => fifoJson],
    ['import --into', () => ['import', exportCsv, '--into', fifo, '--out', path.join(tmp, 'i.xlsx')], () => fifo],
    ['survey --template (JSON)', () => ['survey', '--template', fifoJson, '--out', path.join(tmp, 's1.xlsx')], () => fifoJson],
    ['survey --template (workbook)', () => ['survey', '--template', fifo, '--out', path.join(tmp, 's2.xlsx')], () => fifo],
    ['rollup', () => ['rollup', fifo, workbook, '--out', path.join(tmp, 'ru.xlsx')], () => fifo],
  ])('a FIFO: %s refuses it at once, without waiting for a writer', (_name, args, file) => {
    const before = entries(tmp);
    const r = csat(...args());
    expect(r.err).toBe(notRegular(file(), '命名管道（FIFO）'));
    expect(r.code).toBe(1);
    expect(entries(tmp)).toEqual(before); // nothing written
    expect(lstatSync(file()).isFIFO()).toBe(true);
  });

  it('/dev/zero is refused as a device, at once (not read up to the size limit)', () => {
    const started = Date.now();
    const r = csat('score', '/dev/zero');
    expect(r.err).toBe(notRegular('/dev/zero', '字符设备'));
    expect(r.code).toBe(1);
    expect(Date.now() - started).toBeLessThan(20000); // a generous ceiling: reading 200 MB of zeros is not the point
    expect(csat('rollup', workbook, '/dev/zero', '--out', path.join(tmp, 'z.xlsx')).err).toBe(notRegular('/dev/zero', '字符设备'));
  });

  it('a socket, a folder, and a link to a FIFO or a device are refused the same way', () => {
    expect(csat('score', socket).err).toBe(notRegular(socket, '套接字'));
    expect(csat('score', folder).err).toBe(notRegular(folder, '文件夹'));
    const toFifo = path.join(tmp, 'to-pipe.xlsx');
    symlinkSync(fifo, toFifo);
    expect(csat('score', toFifo).err).toBe(notRegular(toFifo, '命名管道（FIFO）'));
    const toZero = path.join(tmp, 'to-zero.csv');
    symlinkSync('/dev/zero', toZero);
    expect(csat('import', toZero, '--dry-run').err).toBe(notRegular(toZero, '字符设备'));
  });

  it('says so in English too', () => {
    expect(csat('--lang', 'en-US', 'score', fifo).err).toBe(`Cannot read ${fifo}: it is a named pipe (FIFO), not a regular file\n`);
    expect(csat('--lang', 'en-US', 'score', '/dev/zero').err).toBe('Cannot read /dev/zero: it is a character device, not a regular file\n');
  });

  it('a link to a regular file is still read', () => {
    const link = path.join(tmp, 'link.xlsx');
    symlinkSync(workbook, link);
    const viaLink = csat('score', link, '--json');
    const direct = csat('score', workbook, '--json');
    expect(viaLink.err.replace(link, workbook)).toBe(direct.err);
    expect(viaLink.out).toBe(direct.out);
    expect(viaLink.code).toBe(direct.code);
  });
});

describe('readBytes reads with a byte bound, not by the size stat() gives', () => {
  const file = path.join(tmp, 'grows.bin');
  const chunk = Buffer.alloc(1000, 7);

  /** Runs `work` with every read of an opened file first appending `grow` bytes to `file` (up to `times`). */
  async function growingWhileRead<T>(times: number, work: () => Promise<T>): Promise<T> {
    const h = await open(file);
    const proto = Object.getPrototypeOf(h) as { read: (...args: unknown[]) => Promise<unknown> };
    await h.close();
    const read = proto.read;
    let n = 0;
    const spy = jest.spyOn(proto, 'read').mockImplementation(function (this: unknown, ...args: unknown[]) {
      if (n++ < times) writeFileSync(file, chunk, { flag: 'a' });
      return read.apply(this, args);
    });
    try {
      return await work();
    } finally {
      spy.mockRestore();
    }
  }

  it('reads a regular file whole, when it is as large as stat() says and when it grew meanwhile', async () => {
    writeFileSync(file, Buffer.concat([chunk, Buffer.from('end')]));
    expect(Buffer.compare(await readBytes(file), readFileSync(file))).toBe(0);
    writeFileSync(file, chunk);
    const bytes = await growingWhileRead(2, () => readBytes(file, 5000));
    expect(bytes.length).toBe(3000); // read past the size stat() gave, to the end
    expect(Buffer.compare(bytes, readFileSync(file))).toBe(0);
  });

  it('refuses a file that grows past the limit while it is read, having read no more than the limit', async () => {
    writeFileSync(file, chunk);
    const e = await growingWhileRead(100, () => readBytes(file, 2500)).catch((x: unknown) => x);
    expect(messageText(e as { zh: string; en: string }, 'zh-CN')).toBe(`${file} 读取时超过上限 ${2500 / 1024 / 1024} MB（文件在读取中变大）；请拆分工作簿`);
    expect(statSync(file).size).toBeLessThan(10000); // stopped reading at the limit: the file grew only while read
  });

  (process.platform === 'linux' ? it : it.skip)('a file whose size says 0 (/proc) is bounded too', async () => {
    expect(statSync('/proc/self/status').size).toBe(0);
    expect((await readBytes('/proc/self/status', 100000)).toString('utf8')).toMatch(/^Name:/);
    const e = await readBytes('/proc/self/status', 100).catch((x: unknown) => x);
    expect(messageText(e as { zh: string; en: string }, 'en-US')).toMatch(/^\/proc\/self\/status went over the limit of .* MB while being read \(it grew\); split the workbook$/);
  });

  it('still refuses a file larger than the limit before reading it', async () => {
    expect(MAX_WORKBOOK_BYTES).toBe(200 * 1024 * 1024);
    writeFileSync(file, Buffer.alloc(3 * 1024 * 1024));
    const e = await readBytes(file, 1024 * 1024).catch((x: unknown) => x);
    expect(messageText(e as { zh: string; en: string }, 'zh-CN')).toBe(`${file} 有 3 MB，超过上限 1 MB；请拆分工作簿`);
  });
});

describe('--force replaces a regular file only', () => {
  const notReplaced = (file: string, what: string, option = '--out') => `不会替换 ${file}：它${what}，不是普通文件（--force 只替换普通文件）；请用 ${option} 指定新文件\n`;

  it('never /dev/null (a character device), with or without --force', () => {
    for (const force of [['--force'], []]) {
      const r = csat('survey', '--out', '/dev/null', ...force);
      expect(r.err).toBe(notReplaced('/dev/null', '是字符设备'));
      expect(r.code).toBe(1);
      expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
      expect(readdirSync('/dev').filter((f) => f.includes('.csat-'))).toEqual([]);
    }
  });

  it('never a FIFO: the pipe stays a pipe, nothing waits on it', () => {
    for (const force of [['--force'], []]) {
      const r = csat('survey', '--out', fifo, ...force);
      expect(r.err).toBe(notReplaced(fifo, '是命名管道（FIFO）'));
      expect(r.code).toBe(1);
      expect(lstatSync(fifo).isFIFO()).toBe(true);
    }
    const r = csat('import', exportCsv, '--dry-run', '--save-mapping', fifoJson, '--force');
    expect(r.err).toBe(notReplaced(fifoJson, '是命名管道（FIFO）', '--save-mapping'));
    expect(lstatSync(fifoJson).isFIFO()).toBe(true);
  });

  it('never a socket, nor a link to a device or a FIFO (the link stays as it was)', () => {
    expect(csat('survey', '--out', socket, '--force').err).toBe(notReplaced(socket, '是套接字'));
    expect(lstatSync(socket).isSocket()).toBe(true);
    const toNull = path.join(tmp, 'to-null.xlsx');
    symlinkSync('/dev/null', toNull);
    expect(csat('comm-plan', '--out', toNull, '--force').err).toBe(notReplaced(toNull, '链接到字符设备'));
    expect(lstatSync(toNull).isSymbolicLink()).toBe(true);
    const toFifo = path.join(tmp, 'out-to-pipe.xlsx');
    symlinkSync(fifo, toFifo);
    expect(csat('demo', '--out', toFifo, '--force').err).toBe(notReplaced(toFifo, '链接到命名管道（FIFO）'));
    expect(lstatSync(toFifo).isSymbolicLink()).toBe(true);
    expect(existsSync(path.join(tmp, 'out-to-pipe-archive.xlsx'))).toBe(false);
  });

  it('never a folder (nor a link to one)', () => {
    expect(csat('survey', '--out', folder, '--force').err).toBe(`无法写入 ${folder}：这是一个文件夹\n`);
    const toFolder = path.join(tmp, 'to-folder.xlsx');
    symlinkSync(folder, toFolder);
    expect(csat('survey', '--out', toFolder, '--force').err).toBe(notReplaced(toFolder, '链接到文件夹'));
    expect(lstatSync(toFolder).isSymbolicLink()).toBe(true);
  });

  it('says so in English too', () => {
    expect(csat('--lang', 'en-US', 'survey', '--out', '/dev/null', '--force').err).toBe(
      'Will not replace /dev/null: it is a character device, not a regular file (--force replaces regular files only); give a new file with --out\n',
    );
  });

  it('a regular file, or a link to one, is replaced as before', () => {
    const out = path.join(tmp, 'old.xlsx');
    writeFileSync(out, 'an older file');
    const r = csat('survey', '--out', out, '--force');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    // A link to a regular file: the link is replaced by the new file, the file it pointed to is kept.
    const kept = path.join(tmp, 'kept.txt');
    writeFileSync(kept, 'kept');
    const link = path.join(tmp, 'link-out.xlsx');
    symlinkSync(kept, link);
    expect(csat('survey', '--out', link, '--force').code).toBe(0);
    expect(lstatSync(link).isFile()).toBe(true);
    expect(readFileSync(kept, 'utf8')).toBe('kept');
  });
});
