/**
 * 校验数据, and what the analysis pickers offer: every invalid answer and unreadable date with its
 * cell, the quarters in the data (latest first), the one 生成分析报告 takes by default (as of the same
 * today as the CLI: todayIso) and the columns one can group by.
 */
import { CsatError, defaultPeriod, isGroupingColumn, todayIso, type InvalidAnswer } from '../domain';
import type { ExcelGateway } from '../plan';
import { loadSurveyData, type SurveyData } from './survey-data';

export interface Inspection {
  readonly hasData: boolean;
  readonly respondents: number;
  readonly quarters: readonly string[];
  /** The quarter the report takes when none is chosen: the latest with answers up to `today` (defaultPeriod). */
  readonly defaultPeriod?: string;
  /** The day this inspection took as today. */
  readonly today?: string;
  readonly columns: readonly string[];
  readonly invalid: readonly InvalidAnswer[];
  readonly undated: readonly { row: number; cell: string; value: string }[];
  /** Survey dates after `today`, with their cells. */
  readonly future?: readonly { row: number; cell: string; value: string }[];
  readonly responsesSheet?: string;
}

const EMPTY: Inspection = { hasData: false, respondents: 0, quarters: [], columns: [], invalid: [], undated: [] };

/** The survey of a workbook, or undefined when it has no responses yet (a normal state for the pane, not a failure). */
export async function loadSurveyIfAny(gateway: ExcelGateway): Promise<SurveyData | undefined> {
  try {
    return await loadSurveyData(gateway);
  } catch (e) {
    if (e instanceof CsatError && (e.problems[0]?.code === 'no-header' || e.problems[0]?.code === 'no-dates')) return undefined;
    throw e;
  }
}

/** What a survey holds, as the pane shows it. */
export function inspectionOf(data: SurveyData | undefined, today: string = todayIso()): Inspection {
  if (!data) return EMPTY;
  const quarters = [...new Set(data.set.records.map((r) => r.quarter).filter((q): q is string => q !== undefined))].sort().reverse();
  return {
    hasData: true,
    respondents: data.set.records.filter((r) => r.levels.some((c) => c >= 0)).length,
    quarters,
    defaultPeriod: defaultPeriod(data.set.records, today)?.period,
    today,
    columns: data.set.columns.filter(isGroupingColumn),
    invalid: data.set.invalid,
    undated: data.set.undated,
    future: data.set.records.filter((r) => r.date !== undefined && r.date.slice(0, 10) > today).map((r) => ({ row: r.row, cell: data.set.dateColumn ? `${data.set.dateColumn}${r.row}` : `${r.row}`, value: r.date! })),
    responsesSheet: data.source.sheet,
  };
}

export async function inspectSurvey(gateway: ExcelGateway): Promise<Inspection> {
  return inspectionOf(await loadSurveyIfAny(gateway));
}
