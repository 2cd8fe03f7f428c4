/** 汇总: project workbooks rolled up into one company quarterly summary (per project, and all responses pooled). */
import { analyze, CsatError, problem, type ResponseSet } from '../domain';
import { buildRollupSheet, type ExcelGateway, type RollupSeries } from '../plan';
import { note, type JobNote } from './notes';
import { sameTemplate } from './survey';
import { loadSurveyData } from './survey-data';

export interface RollupInput {
  /** The project's name (default: its most common 项目名称, else the label given). */
  readonly label: string;
  readonly gateway: ExcelGateway;
}

function series(name: string, set: ResponseSet): RollupSeries {
  const a = analyze(set, { groupBy: set.columns[0] });
  return { name, points: new Map(a.trend.map((q) => [q.quarter, { overall: q.overall, n: q.n }])) };
}

function projectName(set: ResponseSet, fallback: string): string {
  const counts = new Map<string, number>();
  for (const r of set.records) {
    const p = r.fields['项目名称'];
    if (p) counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  return counts.size === 1 && best ? best[0] : fallback;
}

export async function rollup(inputs: readonly RollupInput[], into: ExcelGateway): Promise<{ notes: JobNote[]; quarters: string[] }> {
  const sets: { name: string; set: ResponseSet }[] = [];
  for (const input of inputs) {
    const data = await loadSurveyData(input.gateway);
    sets.push({ name: projectName(data.set, input.label), set: data.set });
  }
  const template = sets[0].set.template;
  const odd = sets.find((s) => !sameTemplate(s.set.template, template));
  if (odd) throw new CsatError(problem('template-layout', { detail: `"${odd.name}"的评分模板与"${sets[0].name}"不同，不能合并计算全公司满意度` }));
  const pooled: ResponseSet = { template, records: sets.flatMap((s) => s.set.records), columns: sets[0].set.columns, invalid: [], undated: [] };
  const projects = sets.map((s) => series(s.name, s.set));
  const company = series('全公司', pooled);
  const quarters = [...company.points.keys()].sort();
  await into.render({ sheets: [buildRollupSheet(quarters, projects, company, template.target)], properties: { title: '客户满意度公司季度汇总', category: '质量记录' } });
  return { notes: [note('info', `已汇总 ${sets.length} 个项目、${quarters.length} 个季度`, `Rolled up ${sets.length} projects over ${quarters.length} quarters`)], quarters };
}
