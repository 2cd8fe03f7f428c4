/**
 * File access for the CLI handlers: open a workbook file (one opener, `openXlsx`, with one friendly
 * error naming the file), write a new one, print a job's notes — with errors a user can act on.
 */
import { randomBytes } from 'node:crypto';
import { constants, rmSync } from 'node:fs';
import { copyFile, link, lstat, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { XlsxError } from '../host/xlsx/errors';
import type { WorkbookKind } from '../host/xlsx/workbook';
import { XlsxGateway } from '../host/xlsx/gateway';
import { messageText, type Locale } from '../domain';
import type { JobNote } from '../jobs/notes';
import { CliError } from './errors';
import { say } from './messages';

/** Workbooks larger than this are refused before they are read. */
export const MAX_WORKBOOK_BYTES = 200 * 1024 * 1024;

export async function readBytes(file: string): Promise<Buffer> {
  try {
    const size = (await stat(file)).size;
    if (size > MAX_WORKBOOK_BYTES) {
      const mb = (size / 1024 / 1024).toFixed(0);
      throw new CliError(say('file-too-large', { file, mb, max: MAX_WORKBOOK_BYTES / 1024 / 1024 }));
    }
    return await readFile(file);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(say('file-unreadable', { file, missing: (e as NodeJS.ErrnoException).code === 'ENOENT', detail: (e as Error).message }));
  }
}

/** A workbook problem as one line naming the file (never a library's message or a stack trace). */
export function fileError(file: string, e: unknown): unknown {
  if (e instanceof XlsxError) return new CliError(say('in-file', { file, why: e }));
  return e;
}

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
  if (existing && !options.force) throw exists(file);
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
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
  track(tmp);
  try {
    await writeFile(tmp, bytes, { flag: 'wx' });
    if (options.force) {
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
