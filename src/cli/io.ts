/** File access for the CLI handlers: open a workbook file, write a new one, with errors a user can act on. */
import { randomBytes } from 'node:crypto';
import { access, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { XlsxError } from '../host/xlsx/errors';
import { XlsxGateway } from '../host/xlsx/gateway';
import { CliError } from './errors';

/** Workbooks larger than this are refused before they are read. */
export const MAX_WORKBOOK_BYTES = 200 * 1024 * 1024;

export async function readBytes(file: string): Promise<Buffer> {
  try {
    const size = (await stat(file)).size;
    if (size > MAX_WORKBOOK_BYTES) {
      const mb = (size / 1024 / 1024).toFixed(0);
      throw new CliError(`${file} 有 ${mb} MB，超过上限 ${MAX_WORKBOOK_BYTES / 1024 / 1024} MB；请拆分工作簿`, `${file} is ${mb} MB, over the limit of ${MAX_WORKBOOK_BYTES / 1024 / 1024} MB; split the workbook`);
    }
    return await readFile(file);
  } catch (e) {
    if (e instanceof CliError) throw e;
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    throw new CliError(`无法读取 ${file}：${missing ? '文件不存在' : (e as Error).message}`, `Cannot read ${file}: ${missing ? 'no such file' : (e as Error).message}`);
  }
}

/** A workbook problem as one line naming the file (never a library's message or a stack trace). */
export function fileError(file: string, e: unknown): unknown {
  if (e instanceof XlsxError) return new CliError(`${file} ${e.zh}`, `${file} ${e.en}`);
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

/** Opens a workbook file as a package editor gateway. */
export async function openGateway(file: string): Promise<XlsxGateway> {
  const bytes = await readBytes(file);
  return inFile(file, () => XlsxGateway.open(bytes));
}

/**
 * Writes a new file whole or not at all (temp file + rename), refusing to replace an existing file
 * unless `force` — and never the input of the command.
 */
export async function writeNewFile(file: string, bytes: Uint8Array, options: { force?: boolean; inputs?: readonly string[] } = {}): Promise<void> {
  const target = path.resolve(file);
  if ((options.inputs ?? []).some((i) => path.resolve(i) === target)) {
    throw new CliError(`不会覆盖输入文件 ${file}；请用 --out 指定新文件`, `Will not overwrite the input ${file}; give a new file with --out`);
  }
  if (!options.force) {
    const exists = await access(target).then(
      () => true,
      () => false,
    );
    if (exists) throw new CliError(`${file} 已存在；如需覆盖请加 --force`, `${file} already exists; add --force to replace it`);
  }
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true });
    throw new CliError(`无法写入 ${file}：${(e as Error).message}`, `Cannot write ${file}: ${(e as Error).message}`);
  }
}
