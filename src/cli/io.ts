/**
 * File access for the CLI handlers: open a workbook file (one opener, `openXlsx`, with one friendly
 * error naming the file), write a new one, print a job's notes — with errors a user can act on.
 */
import { randomBytes } from 'node:crypto';
import { constants, rmSync, type Stats } from 'node:fs';
import { copyFile, link, lstat, open, readdir, rename, rm, stat, unlink, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { XlsxError } from '../host/xlsx/errors';
import { MAX_WORKBOOK_BYTES } from '../host/xlsx/limits';
import type { WorkbookKind } from '../host/xlsx/workbook';
import { XlsxGateway } from '../host/xlsx/gateway';
import { CsatError, messageText, type Locale } from '../domain';
import type { JobNote } from '../jobs/notes';
import { CliError } from './errors';
import { say } from './messages';

/** The largest workbook read (src/host/xlsx/limits.ts, the one table of limits). */
export { MAX_WORKBOOK_BYTES };

/** What a file that is not a regular one is, for the message (a FIFO, a device, a socket, a folder). */
export type SpecialKind = 'fifo' | 'char' | 'block' | 'socket' | 'folder' | 'other';

/** Undefined for a regular file; otherwise what the file is. */
export function specialKind(st: Stats): SpecialKind | undefined {
  if (st.isFile()) return undefined;
  if (st.isFIFO()) return 'fifo';
  if (st.isCharacterDevice()) return 'char';
  if (st.isBlockDevice()) return 'block';
  if (st.isSocket()) return 'socket';
  if (st.isDirectory()) return 'folder';
  return 'other';
}

/** Never blocks on a FIFO that has no writer (and has no effect on a regular file); not on Windows. */
const O_NONBLOCK = constants.O_NONBLOCK ?? 0;
/** The first read when the file's size says nothing (0: /proc, a file still being written). */
const FIRST_CHUNK = 64 * 1024;

/**
 * A file's bytes, read only from a regular file and never more than `max` bytes: a FIFO, a device
 * (/dev/zero), a socket or a folder is refused before it is opened (and again on the opened file, in
 * case it was swapped meanwhile), and the bytes are counted as they are read — a file that grows while
 * it is read, or whose size says 0, is refused at `max` + 1 bytes, whatever stat() said.
 */
export async function readBytes(file: string, max = MAX_WORKBOOK_BYTES): Promise<Buffer> {
  let handle: FileHandle | undefined;
  try {
    refuseSpecial(file, await stat(file));
    handle = await open(file, constants.O_RDONLY | O_NONBLOCK);
    const st = await handle.stat();
    refuseSpecial(file, st);
    if (st.size > max) {
      const mb = (st.size / 1024 / 1024).toFixed(0);
      throw new CliError(say('file-too-large', { file, mb, max: max / 1024 / 1024 }));
    }
    // The size is a hint for the buffer, not a bound: one byte more tells whether the file is longer.
    let buf = Buffer.allocUnsafeSlow(Math.min(max, st.size > 0 ? st.size : FIRST_CHUNK) + 1);
    let total = 0;
    for (;;) {
      if (total === buf.length) {
        if (total > max) throw new CliError(say('file-grew-too-large', { file, max: max / 1024 / 1024 }));
        const bigger = Buffer.allocUnsafeSlow(Math.min(max + 1, buf.length * 2));
        buf.copy(bigger, 0, 0, total);
        buf = bigger;
      }
      const { bytesRead } = await handle.read(buf, total, buf.length - total, null);
      if (bytesRead === 0) break;
      total += bytesRead;
    }
    if (total > max) throw new CliError(say('file-grew-too-large', { file, max: max / 1024 / 1024 }));
    return buf.subarray(0, total);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(say('file-unreadable', { file, missing: (e as NodeJS.ErrnoException).code === 'ENOENT', detail: (e as Error).message }));
  } finally {
    await handle?.close();
  }
}

/** Refuses to read anything but a regular file, in one line naming it and what it is. */
function refuseSpecial(file: string, st: Stats): void {
  const kind = specialKind(st);
  if (kind) throw new CliError(say('not-a-regular-file', { file, kind }));
}

/** A workbook problem as one line naming the file (never a library's message or a stack trace). */
export function fileError(file: string, e: unknown): unknown {
  if (e instanceof XlsxError) return new CliError(say('in-file', { file, why: e }));
  // A refusal about the workbook as a whole (its structure or a sheet locked) names the file too.
  if (e instanceof CsatError && e.problems.every((p) => WORKBOOK_REFUSALS.has(p.code))) {
    return new CliError(say('in-file', { file, sep: true, why: { zh: e.format('zh-CN'), en: e.format('en-US') } }));
  }
  return e;
}

const WORKBOOK_REFUSALS: ReadonlySet<string> = new Set(['workbook-structure-locked', 'sheet-password-protected']);

/** Runs `work` on a workbook file, naming the file in any problem with the workbook itself. */
export async function inFile<T>(file: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw fileError(file, e);
  }
}

/** The package kind an output name asks for (.xlsx, .xlsm, .xltx, .xltm); any other name keeps the input's kind. */
export function outputKind(file: string): WorkbookKind | undefined {
  const ext = path.extname(file).slice(1).toLowerCase();
  return ext === 'xlsx' || ext === 'xlsm' || ext === 'xltx' || ext === 'xltm' ? ext : undefined;
}

/** The workbook's bytes as the kind `out` is named for; a refusal (a macro workbook to .xlsx) names `input`. */
export function saveAs(gateway: XlsxGateway, out: string, input?: string): Promise<Uint8Array> {
  return inFile(input ?? out, () => gateway.save(outputKind(out)));
}

/** Opens a workbook file (or its bytes, already read) as a package editor gateway. */
export async function openXlsx(file: string, bytes?: Uint8Array): Promise<XlsxGateway> {
  const data = bytes ?? (await readBytes(file));
  return inFile(file, () => XlsxGateway.open(data));
}

/** What a command prints: lines on stdout, warnings on stderr, in its language. */
export interface Output {
  readonly locale: Locale;
  out(line: string): void;
  warn(line: string): void;
}

/** A job's notes (warnings on stderr), then the file written when there is one. */
export function printNotes(io: Output, notes: readonly JobNote[], wrote?: string): void {
  for (const n of notes) (n.level === 'warning' ? io.warn : io.out)(messageText(n, io.locale));
  if (wrote !== undefined) io.out(messageText(say('wrote', { file: wrote }), io.locale));
}

/** A file's identity when it exists (so a symlink, hard link or other spelling of an input is still the input). */
async function identity(file: string): Promise<string | undefined> {
  try {
    const st = await stat(file);
    return `${st.dev}:${st.ino}`;
  } catch {
    return undefined;
  }
}

export interface NewFileOptions {
  /** Replace an existing file. */
  force?: boolean;
  /** Files the command reads: never written, even with --force. */
  inputs?: readonly string[];
  /** The option naming the file, for the message (default --out). */
  option?: string;
}

/**
 * The checks of writeNewFile, before any work: never an input, a folder that exists, and (without
 * `force`) no file there yet. A command writing several files checks them all before writing one.
 */
export async function checkNewFile(file: string, options: NewFileOptions = {}): Promise<void> {
  const target = path.resolve(file);
  const targetId = await identity(target);
  for (const input of options.inputs ?? []) {
    if (path.resolve(input) === target || (targetId !== undefined && (await identity(input)) === targetId)) {
      const option = options.option ?? '--out';
      throw new CliError(say('input-overwrite', { file, option }));
    }
  }
  const dir = path.dirname(file); // as the user wrote it
  const folder = await stat(path.dirname(target)).catch(() => undefined);
  if (!folder) throw new CliError(say('folder-missing', { file, dir }));
  if (!folder.isDirectory()) throw new CliError(say('not-a-folder', { file, dir }));
  const existing = await lstat(target).catch(() => undefined);
  if (existing?.isDirectory()) throw new CliError(say('target-is-folder', { file }));
  await refuseSpecialTarget(file, existing, options);
  if (existing && !options.force) throw exists(file);
}

/**
 * `--force` replaces a regular file (or a link to one) and nothing else: never a FIFO, a device (as
 * root, /dev/null would become a regular file), a socket or a folder, nor a link to one.
 */
async function refuseSpecialTarget(file: string, existing: Stats | undefined, options: NewFileOptions): Promise<void> {
  if (!existing || existing.isFile()) return;
  const link = existing.isSymbolicLink();
  const st = link ? await stat(file).catch(() => undefined) : existing;
  const kind = st && specialKind(st);
  if (kind) throw new CliError(say('target-not-regular', { file, kind, link, option: options.option ?? '--out' }));
}

function exists(file: string): CliError {
  return new CliError(say('file-exists', { file }));
}

/** Why a write failed, in words that name the user's file and folder (never the temp file). */
function writeError(file: string, e: unknown): CliError {
  return new CliError(say('write-failed', { file, code: (e as NodeJS.ErrnoException).code ?? String(e), dir: path.dirname(file) }));
}

/** Temp files being written: removed if the process is interrupted (Ctrl+C, kill). */
const pending = new Set<string>();
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

function onSignal(signal: NodeJS.Signals): void {
  for (const f of pending) rmSync(f, { force: true });
  pending.clear();
  for (const s of SIGNALS) process.off(s, onSignal);
  process.kill(process.pid, signal); // and end as the signal would have
}

function track(tmp: string): void {
  if (pending.size === 0) for (const s of SIGNALS) process.on(s, onSignal);
  pending.add(tmp);
}

function untrack(tmp: string): void {
  pending.delete(tmp);
  if (pending.size === 0) for (const s of SIGNALS) process.off(s, onSignal);
}

/**
 * Our temp files: `.<name>.csat-<8 hex>.tmp` beside the target, recognisable as ours so that one left
 * by a run that could not clean up (kill -9, a power cut) is removed by a later write.
 */
const TEMP = /^\..+\.csat-[0-9a-f]{8}\.tmp$/;
const STALE_MS = 60 * 60 * 1000;

function tempName(base: string): string {
  return `.${base}.csat-${randomBytes(4).toString('hex')}.tmp`;
}

/**
 * Removes from `dir` the temp files of ours older than an hour (a write takes seconds, so these are
 * left from a killed run): only regular files named as ours, never a link, never another program's.
 */
async function removeStaleTemps(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const before = Date.now() - STALE_MS;
  for (const name of names) {
    if (!TEMP.test(name)) continue;
    const f = path.join(dir, name);
    if (pending.has(f)) continue;
    const st = await lstat(f).catch(() => undefined);
    if (st?.isFile() && st.mtimeMs < before) await unlink(f).catch(() => undefined);
  }
}

/** Filesystems without hard links (FAT, some network shares) refuse link() with these. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

/**
 * Writes a new file whole or not at all, refusing to replace an existing file unless `force` — and
 * never the input of the command. The bytes go to a temp file beside the target, which then becomes
 * the target: without `force` by link() (or an exclusive copy where there are no hard links), which
 * fails if a file appeared there meanwhile — no check-then-write race; with `force` by rename().
 * The temp file is removed whatever happens, Ctrl+C and kill included.
 */
export async function writeNewFile(file: string, bytes: Uint8Array, options: NewFileOptions = {}): Promise<void> {
  await checkNewFile(file, options);
  const target = path.resolve(file);
  await removeStaleTemps(path.dirname(target));
  const tmp = path.join(path.dirname(target), tempName(path.basename(target)));
  track(tmp);
  try {
    await writeFile(tmp, bytes, { flag: 'wx' });
    if (options.force) {
      // Checked again just before: a FIFO or device put there while the bytes were written stays.
      await refuseSpecialTarget(file, await lstat(target).catch(() => undefined), options);
      await rename(tmp, target);
      return;
    }
    try {
      await link(tmp, target);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw exists(file);
      if (!NO_LINKS.has(code ?? '')) throw e;
      await copyFile(tmp, target, constants.COPYFILE_EXCL).catch((c: NodeJS.ErrnoException) => {
        throw c.code === 'EEXIST' ? exists(file) : c;
      });
    }
  } catch (e) {
    throw e instanceof CliError ? e : writeError(file, e);
  } finally {
    await rm(tmp, { force: true });
    untrack(tmp);
  }
}
