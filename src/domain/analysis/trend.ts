/** 趋势: every quarter of the data and the history, each against the one before it (Welch test). */
import { scoreTally } from '../scoring';
import type { AnalysisContext } from './context';
import { composites, tallyRecords } from './records';
import { direction, welch, type Direction, type Summary } from './statistics';

export interface QuarterPoint {
  readonly quarter: string;
  readonly n: number;
  readonly overall: number | null;
  readonly categories: readonly (number | null)[];
  /** Against the previous quarter in the data. */
  readonly change?: number;
  readonly p?: number;
  readonly direction?: Direction;
  /** The quarter came from another workbook (--history). */
  readonly fromHistory: boolean;
}

export function analyzeTrend(ctx: AnalysisContext): { readonly trend: readonly QuarterPoint[] } {
  const { template, quarters, history } = ctx;
  const all = [...new Set([...quarters.keys(), ...history.keys()])].sort();
  const trend: QuarterPoint[] = [];
  let prev: Summary | undefined;
  let prevOverall: number | null = null;
  for (const q of all) {
    const rs = quarters.get(q) ?? history.get(q) ?? [];
    const s = scoreTally(tallyRecords(rs, template), template, 'item');
    const c = composites(rs, template);
    const test = prev ? welch(prev, c) : undefined;
    trend.push({
      quarter: q,
      n: c.n,
      overall: s.overall,
      categories: s.categories.map((x) => x.satisfaction),
      change: prevOverall !== null && s.overall !== null ? s.overall - prevOverall : undefined,
      p: test?.p,
      direction: direction(test),
      fromHistory: !quarters.has(q),
    });
    prev = c;
    prevOverall = s.overall;
  }
  return { trend };
}
