/**
 * `csat report`: a new workbook holding the input — every part of it as it was, the user's charts,
 * pictures and pivot tables included — plus the quarter's report and trend tabs. The input is never
 * overwritten. After the key figures it prints "先改进什么 / Where to act first": the items of
 * largest improvement potential, the smallest set that lifts the quarter to the target, the 修补区
 * items and the sample-size verdict (about the quarter's own 结论) — the lines the pane shows after a report.
 */
import { actFirst, formatPercent, messageText, VERDICT_TEXT, type ActFirstSource, type Locale, type Message, type ResponseSet } from '../domain';
import { generateReport } from '../jobs/report';
import { loadSurveyData } from '../jobs/survey-data';
import { version } from '../../package.json';
import { inFile, openXlsx, printNotes, saveAs, writeNewFile, type Output } from './io';
import { say } from './messages';
import { readEachOnce } from './same-file';

export interface ReportArgs {
  file: string;
  out: string;
  period?: string;
  by?: string;
  history: string[];
  today?: string;
  force: boolean;
}

const points = (v: number) => (v * 100).toFixed(2);

/** The "先改进什么" lines of an analysis — the pane's summary (domain `actFirst`) in words; none when it has none. */
export function actFirstLines(analysis: ActFirstSource & object): Message[] {
  const view = actFirst(analysis);
  if (!view) return [];
  const lines = [say('act-first-head')];
  if (view.top) {
    lines.push(
      view.top.length > 0
        ? say('act-first-top', { items: view.top.map((i) => ({ item: i.item, points: points(i.gain), satisfaction: formatPercent(i.satisfaction) })) })
        : say('act-first-no-gap'),
    );
  }
  if (view.reach?.kind === 'unreachable') lines.push(say('act-first-unreachable'));
  else if (view.reach?.kind === 'set') lines.push(say('act-first-reach', { items: [...view.reach.items], overall: formatPercent(view.reach.reachedOverall) }));
  if (view.fixFirst) lines.push(say('act-first-fix', { items: [...view.fixFirst] }));
  const plan = view.sample;
  if (plan) {
    const verdict = { zh: VERDICT_TEXT[plan.verdict]['zh-CN'], en: VERDICT_TEXT[plan.verdict]['en-US'] };
    lines.push(
      say('act-first-sample', {
        verdict,
        n: plan.actualN,
        overall: plan.overall == null ? null : formatPercent(plan.overall, 2),
        side: plan.side,
        halfWidth: String(Number((plan.halfWidth * 100).toFixed(2))),
        forHalfWidth: plan.forHalfWidth,
        forTarget: plan.forTarget,
        basis: plan.basisPeriod,
        spans: plan.spansTarget === true,
      }),
    );
  }
  return lines;
}

export function actFirstText(analysis: ActFirstSource & object, locale: Locale): string[] {
  return actFirstLines(analysis).map((m) => messageText(m, locale));
}

export async function reportCommand(args: ReportArgs, io: Output): Promise<void> {
  // The history is other periods' workbooks, each once: the input itself (by path, link or copy), or
  // one history twice, would put the same answers in the trend twice — refused as rollup refuses it.
  const [input, ...earlier] = await readEachOnce([args.file, ...args.history], (kind, file, other) =>
    say(kind === 'same' ? 'history-same-file' : 'history-copy', { file, other, input: other === args.file }),
  );
  const gateway = await openXlsx(args.file, input);
  const history: ResponseSet[] = [];
  for (const [i, h] of args.history.entries()) {
    const g = await openXlsx(h, earlier[i]);
    history.push((await inFile(h, () => loadSurveyData(g))).set);
  }
  const result = await inFile(args.file, () => generateReport(gateway, { period: args.period, groupBy: args.by, history, version, today: args.today }));
  await writeNewFile(args.out, await saveAs(gateway, args.out, args.file), { force: args.force, inputs: [args.file, ...args.history] });
  printNotes(io, result.notes);
  for (const line of actFirstText(result.analysis, io.locale)) io.out(line);
  printNotes(io, [], args.out);
}
