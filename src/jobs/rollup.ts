/** 汇总: project workbooks rolled up into one company quarterly summary (per project, and all responses pooled). */
import { analyze, CsatError, normalizeLabel, PROJECT_COLUMN, problem, sameTemplate, type ResponseSet } from '../domain';
import { buildRollupSheet, SOURCE_COLUMN, type ExcelGateway, type RollupSeries } from '../plan';
import { say } from './messages';
import { note, type JobNote } from './notes';
import { loadSurveyData } from './survey-data';

export interface RollupInput {
  /** Its file name without the extension: the row's name unless the workbook names one project (see rowNames). */
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

/**
 * The name of each workbook's row in 公司季度汇总, one rule for every row: the workbook's 项目名称 when
 * every response that fills 项目名称 gives the same one (spaces aside; blank cells ignored), else — none
 * filled, or several projects in one workbook — its file name without the extension (`label`). Two
 * rows never share a name: when two would, each is followed by its file name in brackets, e.g.
 * 数据中心运维（2025年）, or by the path given when the file names match too.
 */
export function rowNames(inputs: readonly { set: ResponseSet; input: RollupInput }[]): string[] {
  const base = inputs.map(({ set, input }) => {
    const projects = new Map<string, string>();
    for (const r of set.records) {
      const p = (r.fields[PROJECT_COLUMN] ?? '').trim();
      if (p !== '' && !projects.has(normalizeLabel(p))) projects.set(normalizeLabel(p), p);
    }
    return projects.size === 1 ? [...projects.values()][0] : input.label;
  });
  return base.map((name, i) => {
    const same = base.flatMap((n, j) => (normalizeLabel(n) === normalizeLabel(name) ? [j] : []));
    if (same.length === 1) return name;
    const labels = same.map((j) => inputs[j].input.label);
    const tag = new Set(labels.map(normalizeLabel)).size === labels.length ? inputs[i].input.label : (inputs[i].input.source ?? String(i + 1));
    return `${name}（${tag}）`;
  });
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
    sets.push({ name: input.label, set: data.set, input });
  }
  rowNames(sets).forEach((name, i) => (sets[i].name = name));
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
