/**
 * One workbook given twice to a command that reads several (`rollup`, `report --history`): the same
 * path, another spelling of it, a link to it (symbolic or hard), or a copy with the same bytes. Found
 * before anything is computed — rolled up twice, its answers would count twice; as its own history,
 * the trend would compare a quarter with itself.
 */
import { createHash } from 'node:crypto';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Message } from '../domain';
import { CliError } from './errors';
import { readBytes } from './io';

/** What to say when `file` is `other` (`same`: the same file; `copy`: the same bytes). */
export type SameFileRefusal = (kind: 'same' | 'copy', file: string, other: string) => Message;

/** Where the file itself is: its real path, and its device and inode when it exists (a hard link shares them). */
async function whereIs(file: string): Promise<string[]> {
  const keys = [`path:${await realpath(file).catch(() => path.resolve(file))}`];
  const st = await stat(file).catch(() => undefined);
  if (st && st.ino !== 0) keys.push(`inode:${st.dev}:${st.ino}`);
  return keys;
}

/**
 * Reads each file once, in order, and returns their bytes; refuses (CliError, worded by `refuse`)
 * the first one that is a file given before — checked by where it is before it is read, then by
 * its content.
 */
export async function readEachOnce(files: readonly string[], refuse: SameFileRefusal): Promise<Buffer[]> {
  const byPlace = new Map<string, string>();
  const byContent = new Map<string, string>();
  const read: Buffer[] = [];
  for (const f of files) {
    const places = await whereIs(f);
    const same = places.map((p) => byPlace.get(p)).find((g) => g !== undefined);
    if (same !== undefined) throw new CliError(refuse('same', f, same));
    for (const p of places) byPlace.set(p, f);
    const bytes = await readBytes(f);
    const hash = createHash('sha256').update(bytes).digest('hex');
    const copy = byContent.get(hash);
    if (copy !== undefined) throw new CliError(refuse('copy', f, copy));
    byContent.set(hash, f);
    read.push(bytes);
  }
  return read;
}
