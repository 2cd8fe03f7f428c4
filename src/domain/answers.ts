/**
 * Answers: a cell becomes a level, missing, or invalid (DESIGN §2). Never guessed: anything that is
 * not a level label (spaces of every kind ignored), a level's score, or a missing marker is invalid.
 *
 * The reader is the hot path of every score: one exact-text Map lookup settles the common case,
 * and only unusual spellings take the slower normalising path.
 */
import { normalizeLabel, numericValue, type CellValue } from './cells';
import { isMissingMarker } from './missing';
import type { Template } from './template';

/** Codes returned by `AnswerReader.code` besides a level index (≥ 0). */
export const BLANK = -1;
export const NOT_APPLICABLE = -2;
export const INVALID = -3;
/**
 * A numeric 0. Desktop Excel passes empty cells to custom functions as 0 (the web passes null), so
 * a 0 is blank in a range of text labels or in a range holding no other number, and a score of 0
 * (不满意) only among numeric scores; the scorer decides once it has seen the whole range (answer-grid.ts).
 */
export const ZERO = -4;

export type Answer =
  | { kind: 'level'; level: number; label: string; score: number }
  | { kind: 'missing'; reason: 'blank' | 'not-applicable' }
  | { kind: 'invalid' };

/**
 * Exact label text → level index, as a tiny open-addressed table keyed on (first character, length).
 * A lookup compares at most a few short strings and never hashes the whole text, which matters
 * because a host hands over fresh strings on every recalculation (a Map would hash each one).
 */
export class LabelTable {
  private readonly keys: (string | null)[];
  private readonly values: Int32Array;
  private readonly mask: number;

  constructor(labels: readonly string[]) {
    let size = 16;
    while (size < labels.length * 4) size *= 2;
    this.mask = size - 1;
    this.keys = new Array<string | null>(size).fill(null);
    this.values = new Int32Array(size).fill(-1);
    labels.forEach((label, i) => {
      let h = this.slot(label);
      while (this.keys[h] !== null && this.keys[h] !== label) h = (h + 1) & this.mask;
      if (this.keys[h] === null) {
        this.keys[h] = label;
        this.values[h] = i;
      }
    });
  }

  private slot(text: string): number {
    return (text.charCodeAt(0) * 31 + text.length) & this.mask;
  }

  /** The index of `text` spelled exactly as a label, or -1. */
  get(text: string): number {
    let h = this.slot(text);
    for (;;) {
      const k = this.keys[h];
      if (k === null) return -1;
      if (k === text) return this.values[h];
      h = (h + 1) & this.mask;
    }
  }
}

export class AnswerReader {
  /** Exact label text → level index: the one lookup the common case needs (see tallyGrid). */
  readonly exact: LabelTable;
  private readonly normalised = new Map<string, number>();
  /** scores[item][level] */
  private readonly scores: readonly (readonly number[])[];

  constructor(readonly template: Template) {
    this.exact = new LabelTable(template.levels.map((lv) => lv.label));
    template.levels.forEach((lv, li) => this.normalised.set(normalizeLabel(lv.label), li));
    this.scores = template.items.map((it) => it.scores);
  }

  /** Level index (≥ 0) or BLANK / NOT_APPLICABLE / INVALID / ZERO, for item `item`. */
  code(value: CellValue, item: number): number {
    if (typeof value === 'string') {
      const hit = this.exact.get(value);
      return hit >= 0 ? hit : this.slowText(value, item);
    }
    if (value === null || value === undefined) return BLANK;
    if (typeof value === 'number') return value === 0 ? ZERO : this.byScore(value, item);
    return INVALID;
  }

  /** True when `code` came from a text label (used to settle what a numeric 0 means). */
  isLabelText(value: CellValue, code: number): boolean {
    return code >= 0 && typeof value === 'string' && numericValue(value) === undefined;
  }

  /** The level of a score for an item (exact match), or INVALID. */
  byScore(score: number, item: number): number {
    const row = this.scores[item];
    for (let li = 0; li < row.length; li++) if (row[li] === score) return li;
    return INVALID;
  }

  /** One cell, classified, for callers outside the hot path. A 0 is read as a score here. */
  read(value: CellValue, item: number): Answer {
    let c = this.code(value, item);
    if (c === ZERO) c = this.byScore(0, item);
    if (c >= 0) return { kind: 'level', level: c, label: this.template.levels[c].label, score: this.scores[item][c] };
    if (c === BLANK) return { kind: 'missing', reason: 'blank' };
    if (c === NOT_APPLICABLE) return { kind: 'missing', reason: 'not-applicable' };
    return { kind: 'invalid' };
  }

  private slowText(value: string, item: number): number {
    const key = normalizeLabel(value);
    if (key === '') return BLANK;
    const hit = this.normalised.get(key);
    if (hit !== undefined) return hit;
    if (isMissingMarker(key)) return NOT_APPLICABLE;
    const n = numericValue(value);
    // Text that is exactly a level's score (from CSV imports) is that level; text "0" is explicit.
    return n === undefined ? INVALID : this.byScore(n, item);
  }
}

const readers = new WeakMap<Template, AnswerReader>();

/**
 * The reader of a template, made once and kept while the template lives. Besides saving the set-up,
 * this keeps the hot loop's optimised code valid: V8 embeds the reader's tables in it and would throw
 * that code away each time a per-call reader was collected.
 */
export function readerFor(template: Template): AnswerReader {
  let reader = readers.get(template);
  if (!reader) {
    reader = new AnswerReader(template);
    readers.set(template, reader);
  }
  return reader;
}
