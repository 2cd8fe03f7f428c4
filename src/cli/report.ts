/**
 * `csat report`: a new workbook holding the input — every part of it as it was, the user's charts,
 * pictures and pivot tables included — plus the quarter's report and trend tabs. The input is never
 * overwritten.
 */
import type { ResponseSet } from '../domain';
import { generateReport } from '../jobs/report';
import { loadSurveyData } from '../jobs/survey-data';
import { version } from '../../package.json';
import { inFile, openXlsx, printNotes, writeNewFile, type Output } from './io';

export interface ReportArgs {
  file: string;
  out: string;
  period?: string;
  by?: string;
  history: string[];
  today?: string;
  force: boolean;
}

export async function reportCommand(args: ReportArgs, io: Output): Promise<void> {
  const gateway = await openXlsx(args.file);
  const history: ResponseSet[] = [];
  for (const h of args.history) {
    const g = await openXlsx(h);
    history.push((await inFile(h, () => loadSurveyData(g))).set);
  }
  const result = await inFile(args.file, () => generateReport(gateway, { period: args.period, groupBy: args.by, history, version, today: args.today }));
  await writeNewFile(args.out, await gateway.save(), { force: args.force, inputs: [args.file, ...args.history] });
  printNotes(io, result.notes, args.out);
}
