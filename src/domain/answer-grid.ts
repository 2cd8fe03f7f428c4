/**
 * The one path from a grid to answers (DESIGN §2): every answer cell becomes a level code, numeric
 * 0s are settled once the whole range is seen, and invalid answers are listed in reading order.
 * With `zeroMeansBlank` (custom-function arguments: desktop Excel passes blank cells as 0) a 0 is a
 * blank cell unless the answer columns hold another number — a non-zero number or numeric text —
 * and no text label: among labels a 0 is blank, in a range holding nothing but 0s it is blank (a
 * fresh table's empty row), and only among numeric scores is it the score 0 (不满意). Without
 * `zeroMeansBlank` (cells read from a workbook) a typed 0 is always the score 0. The functions'
 * score (scoring.ts) and the reports' records (analysis/responses.ts) both read the grid through
 * here and count through `tallyLevels`. (Records leave out rows holding nothing at all; the score counts their
 * cells as blank — the one difference, and it changes no satisfaction.)
 */
import { BLANK, INVALID, NOT_APPLICABLE, readerFor, ZERO } from './answers';
import { cellAddress, displayValue, numericValue, type CellValue, type Grid, type GridOrigin } from './cells';
import type { DataLayout } from './locate';
import type { Template } from './template';

export interface InvalidAnswer {
  /** Worksheet row number, as a user sees it. */
  readonly row: number;
  /** Worksheet column number (1 = A). */
  readonly column: number;
  readonly cell: string;
  readonly item: string;
  readonly value: string;
}

/** How often each item got each level, and how many cells were blank or 不适用. */
export interface Tally {
  /** counts[item][level] */
  readonly counts: readonly (readonly number[])[];
  readonly blank: readonly number[];
  readonly notApplicable: readonly number[];
  /** Rows with at least one valid answer. */
  readonly respondents: number;
}

export interface AnswerGrid {
  /** Grid row of codes row 0 (the layout's first data row). */
  readonly firstRow: number;
  readonly rows: number;
  readonly items: number;
  /** Per row, per item: level index (≥ 0), BLANK, NOT_APPLICABLE or INVALID (0s settled). */
  readonly codes: Int8Array;
  /** Invalid answers in reading order, the first `maxListed` of them. */
  readonly invalid: readonly InvalidAnswer[];
  readonly invalidCount: number;
  /** True when numeric 0s were read as blank cells (labels, or no other number, in the range). */
  readonly zerosAsBlank: boolean;
}

export interface AnswerGridOptions {
  /** Worksheet position of grid[0][0], so invalid answers name real cells. */
  origin: GridOrigin;
  /** See ScoreOptions.zeroMeansBlank. */
  zeroMeansBlank: boolean;
  /** Invalid answers listed at most (all are counted). */
  maxListed: number;
}

const NO_ROW: readonly CellValue[] = [];

/** Reads every answer cell of `layout` in `grid` into level codes. */
export function readAnswerGrid(grid: Grid, template: Template, layout: DataLayout, options: AnswerGridOptions): AnswerGrid {
  const reader = readerFor(template);
  const nItems = template.items.length;
  const firstRow = layout.firstDataRow;
  const rows = Math.max(0, grid.length - firstRow);
  // Visit columns left to right so invalid answers come out in reading order.
  const present = layout.itemColumns.map((c, i) => ({ c, i })).filter((x) => x.c >= 0).sort((a, b) => a.c - b.c);
  const cols = Int32Array.from(present.map((x) => x.c));
  const items = Int32Array.from(present.map((x) => x.i));
  const nCols = cols.length;
  const codes = new Int8Array(rows * nItems).fill(BLANK);
  const exact = reader.exact;
  const exactIsText = template.levels.map((lv) => reader.isLabelText(lv.label, 0));
  let labelsSeen = false;
  // A non-zero number or numeric text among the answers: evidence that a 0 is a score, not a blank.
  let numbersSeen = false;
  let zeros = 0;
  let invalidCount = 0;

  for (let r = 0; r < rows; r++) {
    const row = grid[firstRow + r] ?? NO_ROW;
    const base = r * nItems;
    for (let k = 0; k < nCols; k++) {
      const v = row[cols[k]];
      // Fast path, inlined: a label spelled exactly. Everything else goes through the reader.
      if (typeof v === 'string') {
        const hit = exact.get(v);
        if (hit >= 0) {
          codes[base + items[k]] = hit;
          if (!labelsSeen) labelsSeen = exactIsText[hit];
          continue;
        }
      }
      const code = reader.code(v, items[k]);
      if (code === BLANK) continue;
      codes[base + items[k]] = code;
      if (code === ZERO) {
        zeros++;
        continue;
      }
      if (code === INVALID) invalidCount++;
      if (typeof v === 'number') numbersSeen = true;
      else if (typeof v === 'string' && code !== NOT_APPLICABLE) {
        if (!labelsSeen) labelsSeen = reader.isLabelText(v, code);
        if (!numbersSeen) numbersSeen = numericValue(v) !== undefined;
      }
    }
  }

  // Settle what the numeric 0s meant (see answers.ts ZERO).
  const zerosAsBlank = options.zeroMeansBlank && (labelsSeen || !numbersSeen);
  if (zeros > 0) {
    const zeroAs = template.items.map((_, i) => (zerosAsBlank ? BLANK : reader.byScore(0, i) >= 0 ? reader.byScore(0, i) : INVALID));
    for (let p = 0; p < codes.length; p++) {
      if (codes[p] !== ZERO) continue;
      codes[p] = zeroAs[p % nItems];
      if (codes[p] === INVALID) invalidCount++;
    }
  }

  const invalid: InvalidAnswer[] = [];
  for (let r = 0; r < rows && invalidCount > 0 && invalid.length < options.maxListed; r++) {
    for (let k = 0; k < nCols && invalid.length < options.maxListed; k++) {
      if (codes[r * nItems + items[k]] !== INVALID) continue;
      const c = cols[k];
      invalid.push({
        row: options.origin.row + firstRow + r,
        column: options.origin.col + c,
        cell: cellAddress(options.origin, firstRow + r, c),
        item: template.items[items[k]].name,
        value: displayValue((grid[firstRow + r] ?? NO_ROW)[c]),
      });
    }
  }
  return { firstRow, rows, items: nItems, codes, invalid, invalidCount, zerosAsBlank };
}

/** The level codes of row `r` of an answer grid (a view, not a copy). */
export function rowLevels(answers: AnswerGrid, r: number): Int8Array {
  return answers.codes.subarray(r * answers.items, (r + 1) * answers.items);
}

/** Levels, blanks and 不适用 per item, counted row by row. */
class Counter {
  private readonly counts: Int32Array;
  private readonly blank: number[];
  private readonly na: number[];
  private respondents = 0;

  constructor(private readonly template: Template) {
    this.counts = new Int32Array(template.items.length * template.levels.length);
    this.blank = new Array<number>(template.items.length).fill(0);
    this.na = new Array<number>(template.items.length).fill(0);
  }

  /** Rows `first`…`first + n − 1` of `codes`, each `stride` codes long (one row: n = 1). */
  add(codes: ArrayLike<number>, first: number, n: number, stride: number): void {
    const nLevels = this.template.levels.length;
    const nItems = this.blank.length;
    const { counts, blank, na } = this;
    let respondents = 0;
    for (let r = 0, offset = first; r < n; r++, offset += stride) {
      let answered = false;
      for (let i = 0; i < nItems; i++) {
        const code = codes[offset + i];
        if (code >= 0) {
          counts[i * nLevels + code]++;
          answered = true;
        } else if (code === BLANK) blank[i]++;
        else if (code === NOT_APPLICABLE) na[i]++;
      }
      if (answered) respondents++;
    }
    this.respondents += respondents;
  }

  tally(): Tally {
    const n = this.template.levels.length;
    const counts = this.template.items.map((_, i) => Array.from(this.counts.subarray(i * n, (i + 1) * n)));
    return { counts, blank: this.blank, notApplicable: this.na, respondents: this.respondents };
  }
}

/** Counts levels, blanks and 不适用 per item over rows of level codes (e.g. records' levels). */
export function tallyLevels(rows: readonly ArrayLike<number>[], template: Template): Tally {
  const counter = new Counter(template);
  for (let r = 0; r < rows.length; r++) counter.add(rows[r], 0, 1, 0);
  return counter.tally();
}

/** Counts every row of an answer grid (a blank row's cells count as blank). */
export function tallyAnswerGrid(answers: AnswerGrid, template: Template): Tally {
  const counter = new Counter(template);
  counter.add(answers.codes, 0, answers.rows, answers.items);
  return counter.tally();
}
