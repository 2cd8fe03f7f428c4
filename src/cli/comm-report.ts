/** `csat comm-report`: the 客户沟通分析 tab (records checked against the plan), or its findings as JSON. */
import { generateCommReport } from '../jobs/communication';
import { version } from '../../package.json';
import { inFile, openXlsx, printNotes, saveAs, writeNewFile, type Output } from './io';

export interface CommReportArgs {
  file: string;
  out: string;
  year?: number;
  today?: string;
  json: boolean;
  toTracker: boolean;
  force: boolean;
}

export async function commReportCommand(args: CommReportArgs, io: Output): Promise<void> {
  const gateway = await openXlsx(args.file);
  const r = await inFile(args.file, () => generateCommReport(gateway, { year: args.year, today: args.today, toTracker: args.toTracker, version }));
  await writeNewFile(args.out, await saveAs(gateway, args.out, args.file), { force: args.force, inputs: [args.file] });
  if (args.json) {
    const a = r.analysis;
    io.out(JSON.stringify({ year: a.year, findings: a.findings.map((f) => ({ customer: f.customer, level: f.level, period: f.period, kind: f.kind })), compliance: a.compliance }));
    return;
  }
  printNotes(io, r.notes, args.out);
}
