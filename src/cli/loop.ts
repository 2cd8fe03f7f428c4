/** `csat actions`, `csat comm-plan`, `csat comm-report`: closing the loop from the command line. */
import type { Locale } from '../domain';
import { XlsxGateway } from '../host/xlsx/gateway';
import { generateActions } from '../jobs/actions';
import { prepareArchive } from '../jobs/archive';
import { rollup } from '../jobs/rollup';
import path from 'node:path';
import { generateCommReport, generateCommSheets } from '../jobs/communication';
import { noteText, type JobNote } from '../jobs/notes';
import { version } from '../../package.json';
import { inFile, openGateway, writeNewFile } from './io';

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

export async function rollupCommand(args: Common & { files: string[] }, out: (l: string) => void, warn: (l: string) => void): Promise<void> {
  const inputs = [];
  for (const f of args.files) inputs.push({ label: path.basename(f, path.extname(f)), gateway: await openGateway(f) });
  const into = XlsxGateway.empty();
  const r = await rollup(inputs, into);
  await writeNewFile(args.out, await into.save(), { force: args.force, inputs: args.files });
  print(r.notes, args.locale, out, warn);
  out(args.locale === 'en-US' ? `Wrote ${args.out}` : `已写入 ${args.out}`);
}
