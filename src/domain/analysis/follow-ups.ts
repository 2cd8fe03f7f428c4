/** 回访清单 (every unsatisfied answer: levels scoring 0 or less) and the period's 意见与建议. */
import { COMMENT_COLUMN, CUSTOMER_COLUMN, PROJECT_COLUMN } from '../survey-columns';
import type { AnalysisContext } from './context';

export interface FollowUp {
  readonly row: number;
  readonly customer: string;
  readonly project: string;
  readonly item: string;
  readonly level: string;
  readonly comment: string;
}

export interface Comment {
  readonly row: number;
  readonly customer: string;
  readonly comment: string;
}

export function analyzeFollowUps(ctx: AnalysisContext): { readonly followUps: readonly FollowUp[]; readonly comments: readonly Comment[] } {
  const { template } = ctx;
  const followUps: FollowUp[] = [];
  const comments: Comment[] = [];
  for (const r of ctx.records) {
    const customer = r.fields[CUSTOMER_COLUMN] ?? '';
    const comment = r.fields[COMMENT_COLUMN] ?? '';
    r.levels.forEach((code, i) => {
      if (code >= 0 && template.items[i].scores[code] <= 0) {
        followUps.push({ row: r.row, customer, project: r.fields[PROJECT_COLUMN] ?? '', item: template.items[i].name, level: template.levels[code].label, comment });
      }
    });
    if (comment !== '') comments.push({ row: r.row, customer, comment });
  }
  return { followUps, comments };
}
