/**
 * `csat report`: a new workbook holding the input — every part of it as it was, the user's charts,
 * pictures and pivot tables included — plus the quarter's report and trend tabs. The input is never
 * overwritten.
 */
import type { Locale, ResponseSet } from '../domain';
import { noteText } from '../jobs/notes';
import { generateReport } from '../jobs/report';
import { loadSurveyData } from '../jobs/survey-data';
import { version } from '../../package.json';
import { inFile, openGateway, writeNewFile } from './io';

export interface ReportArgs {
  file: string;
  out: string;
  period?: string;
  by?: string;
  history: string[];
  today?: string;
  force: boolean;
  locale: Locale;
}

export async function reportCommand(args: ReportArgs, out: (line: string) => void, warn: (line: string) => void): Promise<void> {
  const gateway = await openGateway(args.file);
  const history: ResponseSet[] = [];
  for (const h of args.history) {
    const g = await openGateway(h);
    history.push((await inFile(h, () => loadSurveyData(g))).set);
  }
  const result = await inFile(args.file, () => generateReport(gateway, { period: args.period, groupBy: args.by, history, version, today: args.today }));
  await writeNewFile(args.out, await gateway.save(), { force: args.force, inputs: [args.file, ...args.history] });
  const en = args.locale === 'en-US';
  for (const n of result.notes) (n.level === 'warning' ? warn : out)(noteText(n, args.locale));
  out(en ? `Wrote ${args.out}` : `已写入 ${args.out}`);
}
