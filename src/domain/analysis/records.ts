/**
 * Response records counted and summarised for the analysis modules: tallies (through the one
 * counting path of answer-grid.ts), respondents' weighted scores, one item's scores, records by quarter.
 */
import { tallyLevels, type Tally } from '../answer-grid';
import type { Template } from '../template';
import type { ResponseRecord } from './responses';
import { summarize, type Summary } from './statistics';

/** Levels, blanks and 不适用 per item over `records`. */
export function tallyRecords(records: readonly ResponseRecord[], template: Template): Tally {
  return tallyLevels(records.map((r) => r.levels), template);
}

/** A respondent's weighted score (−10…100) over the items they answered; NaN when none. */
function composite(r: ResponseRecord, template: Template): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < r.levels.length; i++) {
    const code = r.levels[i];
    if (code < 0) continue;
    const it = template.items[i];
    num += it.weight * it.scores[code];
    den += it.weight;
  }
  return den > 0 ? num / den : NaN;
}

/** Respondents' weighted scores as fractions (the unit of the interval and the Welch tests). */
export function composites(records: readonly ResponseRecord[], template: Template): Summary {
  const xs: number[] = [];
  for (const r of records) {
    const c = composite(r, template);
    if (!Number.isNaN(c)) xs.push(c / 100);
  }
  return summarize(xs);
}

/** Item `i`'s scores as fractions over those who answered it. */
export function itemSummary(records: readonly ResponseRecord[], template: Template, i: number): Summary {
  const xs: number[] = [];
  for (const r of records) if (r.levels[i] >= 0) xs.push(template.items[i].scores[r.levels[i]] / 100);
  return summarize(xs);
}

/** Dated records by quarter. */
export function byQuarter(records: readonly ResponseRecord[]): Map<string, ResponseRecord[]> {
  const m = new Map<string, ResponseRecord[]>();
  for (const r of records) {
    if (!r.quarter) continue;
    const list = m.get(r.quarter);
    if (list) list.push(r);
    else m.set(r.quarter, [r]);
  }
  return m;
}

/** Records with at least one valid answer. */
export function answeredOnly(records: readonly ResponseRecord[]): ResponseRecord[] {
  return records.filter((r) => r.levels.some((c) => c >= 0));
}
