/** 交叉分组 (policy §4.2): the period's respondents by one column, each group's overall and categories. */
import { scoreTally } from '../scoring';
import type { AnalysisContext } from './context';
import { belowTarget } from './context';
import { tallyRecords } from './records';
import type { ResponseRecord } from './responses';
import { SMALL_N } from './statistics';

export interface GroupAnalysis {
  readonly key: string;
  readonly n: number;
  readonly overall: number | null;
  readonly categories: readonly (number | null)[];
  readonly belowTarget: boolean;
  readonly smallN: boolean;
}

/** The label of respondents who left the grouping column empty. */
export const UNFILLED = '（未填）';

export function analyzeGroups(ctx: AnalysisContext): { readonly groups: readonly GroupAnalysis[] } {
  const { template, groupBy } = ctx;
  const byKey = new Map<string, ResponseRecord[]>();
  for (const r of ctx.answered) {
    const key = r.fields[groupBy] || UNFILLED;
    const list = byKey.get(key);
    if (list) list.push(r);
    else byKey.set(key, [r]);
  }
  const groups = [...byKey.entries()]
    .map(([key, rs]) => {
      const g = scoreTally(tallyRecords(rs, template), template, 'item');
      return {
        key,
        n: rs.length,
        overall: g.overall,
        categories: g.categories.map((c) => c.satisfaction),
        belowTarget: belowTarget(g.overall, template),
        smallN: rs.length < SMALL_N,
      };
    })
    .sort((a, b) => b.n - a.n || a.key.localeCompare(b.key, 'zh-CN'));
  return { groups };
}
