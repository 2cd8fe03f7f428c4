/** `csat rollup`: project workbooks rolled up into one company quarterly summary, each workbook once. */
import { createHash } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { CsatError } from '../domain';
import { XlsxGateway } from '../host/xlsx/gateway';
import { rollup, RollupInputError, type RollupInput } from '../jobs/rollup';
import { CliError } from './errors';
import { fileError, openXlsx, printNotes, readBytes, writeNewFile, type Output } from './io';
import { say } from './messages';

export interface RollupArgs {
  files: string[];
  out: string;
  force: boolean;
}

/** A problem of one input of several, as one line naming its file. */
function namingFile(file: string, e: unknown): unknown {
  const named = fileError(file, e);
  if (named !== e) return named;
  if (e instanceof CliError) return new CliError(say('in-file', { file, why: e, sep: true }));
  if (e instanceof CsatError) return new CliError(say('in-file', { file, why: { zh: e.format('zh-CN'), en: e.format('en-US') }, sep: true }));
  return e;
}

export async function rollupCommand(args: RollupArgs, io: Output): Promise<void> {
  // Each workbook once: the same file under two names (or a link to it), or a copy of it, would
  // count its answers twice.
  const byPath = new Map<string, string>();
  const byContent = new Map<string, string>();
  const inputs: RollupInput[] = [];
  for (const f of args.files) {
    const real = await realpath(f).catch(() => path.resolve(f));
    const same = byPath.get(real);
    if (same !== undefined) throw new CliError(say('rollup-same-file', { file: f, same }));
    byPath.set(real, f);
    const bytes = await readBytes(f);
    const hash = createHash('sha256').update(bytes).digest('hex');
    const copy = byContent.get(hash);
    if (copy !== undefined) throw new CliError(say('rollup-copy', { file: f, copy }));
    byContent.set(hash, f);
    inputs.push({ label: path.basename(f, path.extname(f)), source: f, gateway: await openXlsx(f, bytes) });
  }
  const into = XlsxGateway.empty();
  const r = await rollup(inputs, into).catch((e: unknown) => {
    throw e instanceof RollupInputError ? namingFile(e.input.source ?? e.input.label, e.cause) : e;
  });
  await writeNewFile(args.out, await into.save(), { force: args.force, inputs: args.files });
  printNotes(io, r.notes, args.out);
}
