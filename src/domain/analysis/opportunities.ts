/**
 * 改进机会: items below target, items falling significantly since the previous quarter, and — marked
 * 关键驱动 — the 修补区 items of the key-driver matrix (important and below target: act first).
 */
import { previousQuarter } from '../calendar';
import type { AnalysisContext } from './context';
import { belowTarget } from './context';
import { driversOf } from './act-first';
import { itemSummary } from './records';
import { direction, welch } from './statistics';

export interface Opportunity {
  readonly item: string;
  readonly category: string;
  readonly satisfaction: number | null;
  readonly belowTarget: boolean;
  readonly falling: boolean;
  /** A 修补区 item (关键驱动): important to the overall and below target. */
  readonly keyDriver: boolean;
  readonly change?: number;
  readonly p?: number;
}

export function analyzeOpportunities(ctx: AnalysisContext): { readonly opportunities: readonly Opportunity[] } {
  const { template, records } = ctx;
  const q = previousQuarter(ctx.period);
  const before = ctx.quarters.get(q) ?? ctx.history.get(q) ?? [];
  const fixFirst = new Set(driversOf(ctx).fixFirst);
  const opportunities: Opportunity[] = [];
  ctx.items.forEach((x, i) => {
    const test = before.length > 0 ? welch(itemSummary(before, template, i), itemSummary(records, template, i)) : undefined;
    const falling = direction(test) === 'fall';
    const below = belowTarget(x.satisfaction, template);
    const keyDriver = fixFirst.has(x.name);
    if (below || falling || keyDriver) {
      opportunities.push({ item: x.name, category: x.category, satisfaction: x.satisfaction, belowTarget: below, falling, keyDriver, change: test?.difference, p: test?.p });
    }
  });
  opportunities.sort((a, b) => (a.satisfaction ?? 0) - (b.satisfaction ?? 0));
  return { opportunities };
}
