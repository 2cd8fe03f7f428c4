/** `csat rollup`: project workbooks rolled up into one company quarterly summary, each workbook once. */
import path from 'node:path';
import { CsatError } from '../domain';
import { XlsxGateway } from '../host/xlsx/gateway';
import { rollup, RollupInputError, type RollupInput } from '../jobs/rollup';
import { CliError } from './errors';
import { fileError, openXlsx, printNotes, writeNewFile, type Output } from './io';
import { say } from './messages';
import { readEachOnce } from './same-file';

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
  const bytes = await readEachOnce(args.files, (kind, file, other) =>
    kind === 'same' ? say('rollup-same-file', { file, same: other }) : say('rollup-copy', { file, copy: other }),
  );
  const inputs: RollupInput[] = [];
  for (const [i, f] of args.files.entries()) {
    // The row's name when the workbook names no single project: its file name (see jobs/rollup.ts).
    inputs.push({ label: path.basename(f, path.extname(f)), source: f, gateway: await openXlsx(f, bytes[i]) });
  }
  const into = XlsxGateway.empty();
  const r = await rollup(inputs, into).catch((e: unknown) => {
    throw e instanceof RollupInputError ? namingFile(e.input.source ?? e.input.label, e.cause) : e;
  });
  await writeNewFile(args.out, await into.save(), { force: args.force, inputs: args.files });
  printNotes(io, r.notes, args.out);
}
