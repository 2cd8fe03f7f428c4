/**
 * Response records counted and summarised for the analysis modules: tallies (through the one
 * counting path of answer-grid.ts), respondents' weighted scores, one item's scores, records by quarter.
 */
import { tallyLevels, type Tally } from '../answer-grid';
import type { Template } from '../template';
import { composite } from './drivers';
import type { ResponseRecord } from './responses';
import { summarize, type Summary } from './statistics';

/** Levels, blanks and 不适用 per item over `records`. */
export function tallyRecords(records: readonly ResponseRecord[], template: Template): Tally {
  return tallyLevels(records.map((r) => r.levels), template);
}

/** Respondents' weighted scores as fractions (the unit of the interval and the Welch tests). */
export function composites(records: readonly ResponseRecord[], template: Template): Summary {
  return summarize(compositeValues(records, template));
}

/** The respondents' weighted scores themselves (fractions), records with no answer left out. */
export function compositeValues(records: readonly ResponseRecord[], template: Template): number[] {
  const xs: number[] = [];
  for (const r of records) {
    const c = composite(r.levels, template);
    if (!Number.isNaN(c)) xs.push(c / 100);
  }
  return xs;
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
