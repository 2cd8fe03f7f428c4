/** 回收率: planned customers (调查方案) who answered in the period, and those who did not. */
import { normalizeLabel } from '../cells';
import { CUSTOMER_COLUMN } from '../survey-columns';
import type { AnalysisContext } from './context';

export interface ResponseRate {
  readonly planned: number;
  readonly responded: number;
  readonly rate: number;
  readonly missing: readonly string[];
}

export function analyzeResponseRate(ctx: AnalysisContext): { readonly responseRate?: ResponseRate } {
  const plannedCustomers = ctx.options.plannedCustomers ?? [];
  if (plannedCustomers.length === 0) return {};
  const respondedKeys = new Set(ctx.answered.map((r) => normalizeLabel(r.fields[CUSTOMER_COLUMN] ?? '')));
  const planned = [...new Set(plannedCustomers.map((c) => c.trim()).filter((c) => c !== ''))];
  const missing = planned.filter((c) => !respondedKeys.has(normalizeLabel(c)));
  return { responseRate: { planned: planned.length, responded: planned.length - missing.length, rate: (planned.length - missing.length) / planned.length, missing } };
}
