/** `公司季度汇总`: many project workbooks in one company quarterly summary, per project and overall, with trend. */
import { absCell, cell, columnLetter } from './a1';
import type { ChartSpec, PlanValue, SheetPlan } from './types';

export interface RollupSeries {
  readonly name: string;
  /** quarter → [overall, respondents] */
  readonly points: ReadonlyMap<string, { overall: number | null; n: number }>;
}

export function buildRollupSheet(quarters: readonly string[], projects: readonly RollupSeries[], company: RollupSeries, target: number, name = '公司季度汇总'): SheetPlan {
  const rows = [...projects, company];
  const sat: PlanValue[][] = rows.map((p) => [p.name, ...quarters.map((q) => p.points.get(q)?.overall ?? '—')]);
  const ns: PlanValue[][] = rows.map((p) => [p.name, ...quarters.map((q) => p.points.get(q)?.n ?? 0)]);
  const top = 3;
  const last = top + rows.length;
  const nTop = last + 3;
  const chart: ChartSpec = {
    kind: 'line',
    title: '全公司与各项目总体满意度（按季度）',
    categories: `${absCell(top, 2)}:${absCell(top, 1 + quarters.length)}`,
    categoryCache: [...quarters],
    series: rows.map((p, i) => ({
      name: p.name,
      values: `${absCell(top + 1 + i, 2)}:${absCell(top + 1 + i, 1 + quarters.length)}`,
      color: i === rows.length - 1 ? '#107C41' : ['#2B88D8', '#8764B8', '#CA5010', '#00B7C3', '#E3008C', '#605E5C'][i % 6],
      cache: quarters.map((q) => p.points.get(q)?.overall ?? null),
    })),
    valueAxis: { title: '满意度', format: '0%' },
    from: cell(nTop + rows.length + 3, 1),
    to: cell(nTop + rows.length + 23, 9),
  };
  return {
    name,
    owner: 'rollup',
    tabColor: '#107C41',
    columns: [{ col: 1, width: 26 }, ...quarters.map((_, i) => ({ col: 2 + i, width: 12 }))],
    merges: [`A1:${columnLetter(1 + quarters.length)}1`],
    blocks: [
      { at: 'A1', values: [[`公司季度汇总（总体满意度；目标 ≥ ${Math.round(target * 100)}%）`]], style: 'title' },
      { at: cell(top, 1), values: [['项目', ...quarters]], style: 'header' },
      { at: cell(top + 1, 1), values: sat, style: 'cell', numberFormat: sat.map((r) => r.map((_, c) => (c === 0 ? 'General' : '0.00%'))) },
      { at: cell(nTop, 1), values: [['样本数', ...quarters]], style: 'header' },
      { at: cell(nTop + 1, 1), values: ns, style: 'cell' },
    ],
    conditionalFormats: [{ range: `B${top + 1}:${columnLetter(1 + quarters.length)}${last}`, formula: `=AND(ISNUMBER(B${top + 1}),B${top + 1}<${target})`, style: 'warnFill' }],
    charts: [chart],
    freeze: { rows: top, columns: 1 },
  };
}
