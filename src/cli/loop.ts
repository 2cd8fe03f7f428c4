/** `csat actions`, `csat comm-plan`, `csat comm-report`: closing the loop from the command line. */
import { createHash } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { CsatError, type Locale } from '../domain';
import { XlsxGateway } from '../host/xlsx/gateway';
import { generateActions } from '../jobs/actions';
import { prepareArchive } from '../jobs/archive';
import { rollup, RollupInputError, type RollupInput } from '../jobs/rollup';
import path from 'node:path';
import { generateCommReport, generateCommSheets } from '../jobs/communication';
import { noteText, type JobNote } from '../jobs/notes';
import { version } from '../../package.json';
import { CliError } from './errors';
import { fileError, inFile, openGateway, readBytes, writeNewFile } from './io';

interface Common {
  out: string;
  force: boolean;
  locale: Locale;
}

function print(notes: readonly JobNote[], locale: Locale, out: (l: string) => void, warn: (l: string) => void): void {
  for (const n of notes) (n.level === 'warning' ? warn : out)(noteText(n, locale));
}

export async function commPlanCommand(args: Common & { into?: string }, out: (l: string) => void, warn: (l: string) => void): Promise<void> {
  const gateway = args.into ? await openGateway(args.into) : XlsxGateway.empty();
  const r = await inFile(args.into ?? args.out, () => generateCommSheets(gateway));
  await writeNewFile(args.out, await gateway.save(), { force: args.force, inputs: args.into ? [args.into] : [] });
  print(r.notes, args.locale, out, warn);
  out(args.locale === 'en-US' ? `Wrote ${args.out}` : `已写入 ${args.out}`);
}

export async function commReportCommand(
  args: Common & { file: string; year?: number; today?: string; json: boolean; toTracker: boolean },
  out: (l: string) => void,
  warn: (l: string) => void,
): Promise<void> {
  const gateway = await openGateway(args.file);
  const r = await inFile(args.file, () => generateCommReport(gateway, { year: args.year, today: args.today, toTracker: args.toTracker, version }));
  await writeNewFile(args.out, await gateway.save(), { force: args.force, inputs: [args.file] });
  if (args.json) {
    const a = r.analysis;
    out(JSON.stringify({ year: a.year, findings: a.findings.map((f) => ({ customer: f.customer, level: f.level, period: f.period, kind: f.kind })), compliance: a.compliance }));
    return;
  }
  print(r.notes, args.locale, out, warn);
  out(args.locale === 'en-US' ? `Wrote ${args.out}` : `已写入 ${args.out}`);
}

export async function actionsCommand(args: Common & { file: string; period?: string }, out: (l: string) => void, warn: (l: string) => void): Promise<void> {
  const gateway = await openGateway(args.file);
  const r = await inFile(args.file, () => generateActions(gateway, { period: args.period }));
  await writeNewFile(args.out, await gateway.save(), { force: args.force, inputs: [args.file] });
  print(r.notes, args.locale, out, warn);
  out(args.locale === 'en-US' ? `Wrote ${args.out}` : `已写入 ${args.out}`);
}

export async function archiveCommand(args: Common & { file: string; password?: string; department?: string }, out: (l: string) => void, warn: (l: string) => void): Promise<void> {
  const gateway = await openGateway(args.file);
  const r = await inFile(args.file, () => prepareArchive(gateway, { password: args.password, department: args.department }));
  await writeNewFile(args.out, await gateway.save(), { force: args.force, inputs: [args.file] });
  print(r.notes, args.locale, out, warn);
  out(args.locale === 'en-US' ? `Wrote ${args.out}` : `已写入 ${args.out}`);
}

/** A problem of one input of several, as one line naming its file. */
function namingFile(file: string, e: unknown): unknown {
  const named = fileError(file, e);
  if (named !== e) return named;
  if (e instanceof CliError) return new CliError(`${file}：${e.zh}`, `${file}: ${e.en}`);
  if (e instanceof CsatError) return new CliError(`${file}：${e.format('zh-CN')}`, `${file}: ${e.format('en-US')}`);
  return e;
}

export async function rollupCommand(args: Common & { files: string[] }, out: (l: string) => void, warn: (l: string) => void): Promise<void> {
  // Each workbook once: the same file under two names (or a link to it), or a copy of it, would
  // count its answers twice.
  const byPath = new Map<string, string>();
  const byContent = new Map<string, string>();
  const inputs: RollupInput[] = [];
  for (const f of args.files) {
    const real = await realpath(f).catch(() => path.resolve(f));
    const same = byPath.get(real);
    if (same !== undefined) throw new CliError(`${f} 与 ${same} 是同一个文件；每个工作簿只能汇总一次`, `${f} and ${same} are the same file; roll each workbook up once`);
    byPath.set(real, f);
    const bytes = await readBytes(f);
    const hash = createHash('sha256').update(bytes).digest('hex');
    const copy = byContent.get(hash);
    if (copy !== undefined) throw new CliError(`${f} 与 ${copy} 内容完全相同（同一工作簿的副本）；每个工作簿只能汇总一次`, `${f} and ${copy} have the same content (copies of one workbook); roll each workbook up once`);
    byContent.set(hash, f);
    inputs.push({ label: path.basename(f, path.extname(f)), source: f, gateway: await inFile(f, () => XlsxGateway.open(bytes)) });
  }
  const into = XlsxGateway.empty();
  const r = await rollup(inputs, into).catch((e: unknown) => {
    throw e instanceof RollupInputError ? namingFile(e.input.source ?? e.input.label, e.cause) : e;
  });
  await writeNewFile(args.out, await into.save(), { force: args.force, inputs: args.files });
  print(r.notes, args.locale, out, warn);
  out(args.locale === 'en-US' ? `Wrote ${args.out}` : `已写入 ${args.out}`);
}
