/**
 * 校验数据, and what the analysis pickers offer: every invalid answer and unreadable date with its
 * cell, the quarters in the data (latest first) and the columns one can group by.
 */
import { CsatError, type InvalidAnswer } from '../domain';
import type { ExcelGateway } from '../plan';
import { loadSurveyData } from './survey-data';

export interface Inspection {
  readonly hasData: boolean;
  readonly respondents: number;
  readonly quarters: readonly string[];
  readonly columns: readonly string[];
  readonly invalid: readonly InvalidAnswer[];
  readonly undated: readonly { row: number; cell: string; value: string }[];
  readonly responsesSheet?: string;
}

const EMPTY: Inspection = { hasData: false, respondents: 0, quarters: [], columns: [], invalid: [], undated: [] };

export async function inspectSurvey(gateway: ExcelGateway): Promise<Inspection> {
  let data;
  try {
    data = await loadSurveyData(gateway);
  } catch (e) {
    // A workbook without responses is a normal state for the pane, not a failure.
    if (e instanceof CsatError && (e.problems[0]?.code === 'no-header' || e.problems[0]?.code === 'no-dates')) return EMPTY;
    throw e;
  }
  const quarters = [...new Set(data.set.records.map((r) => r.quarter).filter((q): q is string => q !== undefined))].sort().reverse();
  return {
    hasData: true,
    respondents: data.set.records.filter((r) => r.levels.some((c) => c >= 0)).length,
    quarters,
    columns: data.set.columns.filter((c) => c !== '调查日期' && c !== '意见与建议'),
    invalid: data.set.invalid,
    undated: data.set.undated,
    responsesSheet: data.source.sheet,
  };
}
