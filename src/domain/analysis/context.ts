/**
 * What every analysis module (groups.ts, trend.ts, …) is given: the responses, the options, the
 * chosen period and grouping, records by quarter and in the period, and the period's item scores.
 * A module is `(ctx) => { its fields }`; analyze.ts lists the modules and merges their fields.
 */
import type { ItemScore } from '../scoring';
import type { Template } from '../template';
import type { ResponseRecord, ResponseSet } from './responses';

export interface AnalysisOptions {
  /** `YYYYQn`; default the latest quarter in the data. */
  period?: string;
  /** Column to cross-tabulate by; default 客户分组. */
  groupBy?: string;
  /** Customer names planned in 调查方案. */
  plannedCustomers?: readonly string[];
  /** Responses from other workbooks, for the trend only. */
  history?: readonly ResponseSet[];
  /**
   * Today, ISO `YYYY-MM-DD`: answers dated after it are flagged (a typo such as 2062 for 2026) and do
   * not choose the default period.
   */
  today?: string;
}

export interface ItemAnalysis extends ItemScore {
  /** Share of answers per level. */
  readonly shares: readonly number[];
  /** 1 = best satisfaction; items nobody answered have no rank. */
  readonly rank: number | null;
}

export interface AnalysisContext {
  readonly set: ResponseSet;
  readonly options: AnalysisOptions;
  readonly template: Template;
  readonly period: string;
  readonly groupBy: string;
  /** This workbook's dated records by quarter. */
  readonly quarters: ReadonlyMap<string, readonly ResponseRecord[]>;
  /** Records of other workbooks (--history) by quarter, for quarters this workbook lacks. */
  readonly history: ReadonlyMap<string, readonly ResponseRecord[]>;
  /** The period's records, and those of them with at least one valid answer. */
  readonly records: readonly ResponseRecord[];
  readonly answered: readonly ResponseRecord[];
  /** The period's items (template order) with shares and rank. */
  readonly items: readonly ItemAnalysis[];
}

/** An analysis module: the fields it adds to the Analysis. */
export type AnalysisModule = (ctx: AnalysisContext) => object;

/** Below the target, with the tolerance every verdict uses. */
export function belowTarget(value: number | null, template: Template): boolean {
  return value !== null && value < template.target - 1e-12;
}
