/** 汇总: project workbooks rolled up into one company quarterly summary (per project, and all responses pooled). */
import { analyze, CsatError, PROJECT_COLUMN, problem, sameTemplate, type ResponseSet } from '../domain';
import { buildRollupSheet, SOURCE_COLUMN, type ExcelGateway, type RollupSeries } from '../plan';
import { say } from './messages';
import { note, type JobNote } from './notes';
import { loadSurveyData } from './survey-data';

export interface RollupInput {
  /** The project's name (default: its most common 项目名称, else the label given). */
  readonly label: string;
  readonly gateway: ExcelGateway;
  /** Where the workbook came from (its file), named in its problems and warnings. */
  readonly source?: string;
}

/** A problem of one of the workbooks (`cause`: what is wrong with it), so the caller can name it. */
export class RollupInputError extends Error {
  constructor(
    readonly input: RollupInput,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'RollupInputError';
  }
}

/**
 * Answers that appear in two workbooks (the same 来源编号 — an online answer imported into both):
 * pooled, they would count twice. Said, per pair of workbooks, with an example.
 */
function sharedAnswers(sets: readonly { name: string; set: ResponseSet }[]): JobNote[] {
  const ids = sets.map((s) => new Set(s.set.records.map((r) => (r.fields[SOURCE_COLUMN] ?? '').trim()).filter((v) => v !== '')));
  const notes: JobNote[] = [];
  for (let i = 0; i < sets.length; i++) {
    for (let j = i + 1; j < sets.length; j++) {
      const shared = [...ids[i]].filter((id) => ids[j].has(id));
      if (shared.length === 0) continue;
      notes.push(note('warning', say('rollup-shared-answers', { a: sets[i].name, b: sets[j].name, n: shared.length, column: SOURCE_COLUMN, examples: shared.slice(0, 3) })));
    }
  }
  return notes;
}

function series(name: string, set: ResponseSet): RollupSeries {
  const a = analyze(set, { groupBy: set.columns[0] });
  return { name, points: new Map(a.trend.map((q) => [q.quarter, { overall: q.overall, n: q.n }])) };
}

function projectName(set: ResponseSet, fallback: string): string {
  const counts = new Map<string, number>();
  for (const r of set.records) {
    const p = r.fields[PROJECT_COLUMN];
    if (p) counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  return counts.size === 1 && best ? best[0] : fallback;
}

export async function rollup(inputs: readonly RollupInput[], into: ExcelGateway): Promise<{ notes: JobNote[]; quarters: string[] }> {
  const sets: { name: string; set: ResponseSet; input: RollupInput }[] = [];
  for (const input of inputs) {
    let data;
    try {
      data = await loadSurveyData(input.gateway);
    } catch (e) {
      throw new RollupInputError(input, e);
    }
    sets.push({ name: projectName(data.set, input.label), set: data.set, input });
  }
  const template = sets[0].set.template;
  const odd = sets.find((s) => !sameTemplate(s.set.template, template));
  if (odd) throw new RollupInputError(odd.input, new CsatError(problem('rollup-template-differs', { project: odd.name, first: sets[0].name })));
  const shared = sharedAnswers(sets.map((s) => ({ name: s.input.source ?? s.name, set: s.set })));
  const pooled: ResponseSet = { template, records: sets.flatMap((s) => s.set.records), columns: sets[0].set.columns, invalid: [], undated: [] };
  const projects = sets.map((s) => series(s.name, s.set));
  const company = series('全公司', pooled);
  const quarters = [...company.points.keys()].sort();
  await into.render({ sheets: [buildRollupSheet(quarters, projects, company, template.target)], properties: { title: '客户满意度公司季度汇总', category: '质量记录' } });
  return { notes: [...shared, note('info', say('rollup-done', { projects: sets.length, quarters: quarters.length }))], quarters };
}
