/**
 * Shared formulas made ordinary. A shared-formula group stores its text once, on the master cell
 * (`<f t="shared" ref="V2:V31" si="0">COUNTIF(G2:T2,"满意")</f>`); each dependent (`<f t="shared"
 * si="0"/>`) means that text moved by its offset from the master, as if copied there. When the group
 * is broken (say, its master is frozen to a value), each dependent needs its own formula: the
 * master's text with every relative row/column part of its A1 references moved by the offset, and
 * every `$`-anchored part kept.
 *
 * The text is the formula as stored in the file (ECMA-376 §18.17: English function names, comma
 * separators, A1 style, no leading '='). A small scanner splits it once into pieces kept as written
 * and references; `formulaShifter` then renders the pieces for any number of target cells.
 *
 * What is a reference:
 *  - cells `A1` `$A1` `A$1` `$A$1`, areas `A1:B2` (each end on its own), whole columns `A:C` `$A:A`,
 *    whole rows `1:3` `$1:2` — column at most XFD (16,384), row 1–1,048,576, never directly
 *    followed by `(` (a function: `LOG10(`, `F1(`), `[` (a table), `!` (a sheet) or a name character;
 *  - each of these after a sheet prefix: `Sheet1!`, `'My Sheet'!`, `'a''b'!`, `调查数据!`, 3-D
 *    `Sheet1:Sheet3!`, external `[1]Sheet1!`, `'[1]My Sheet'!`.
 * What is kept as written: string literals ("…" with "" escapes), numbers (`1E+10`), error literals
 * (`#REF!`, `#N/A`), booleans, function names, defined names (`CSAT_TEMPLATE`, `_xlnm.Print_Area`,
 * `Sheet1!Name`, `[1]!Name`), names that merely look like references (`AB12C`, `XFE1`, `R1C1`),
 * structured references (`Table1[[#This Row],[Col]]`, `[@Col]`), array constants (`{1,2;3,4}`).
 * A reference moved off the grid becomes `#REF!` — the whole area, keeping its sheet prefix, as Excel
 * does (`Sheet1!#REF!`). The ends of an area keep their order (`A1:$C1` moved 5 columns right is
 * `F1:$C1`, the same area as Excel's `$C1:F1`). A part that does not move is kept as written; a
 * moved column is written in capitals (`a1` → `B2`).
 */

/** Excel's grid (limits.ts). */
import { MAX_COLS, MAX_ROWS } from './limits';
const MAX_ROW = MAX_ROWS;
const MAX_COL = MAX_COLS;

/** One coordinate of a reference end: a column or a row, relative or `$`-anchored. */
interface Part {
  readonly anchored: boolean;
  /** 1-based column or row number. */
  readonly n: number;
  /** As written (`$A`, `b`, `7`): kept exactly when the part does not move. */
  readonly text: string;
}

/** One end of a reference: a cell (column and row), a whole column or a whole row. */
interface End {
  readonly col?: Part;
  readonly row?: Part;
}

/** A reference: its sheet prefix as written (with '!', or ''), and one end or two (an area). */
interface Ref {
  readonly prefix: string;
  readonly ends: readonly End[];
}

type Piece = string | Ref;

/** Characters of a name, a sheet name or a reference (any non-ASCII character included). */
const isNameChar = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f /* _ */ || c === 0x2e /* . */ ||
  c === 0x5c /* \ */ || c === 0x3f /* ? */ || c === 0x24 /* $ */ || c >= 0x80;

const CELL = /(\$?)([A-Za-z]{1,3})(\$?)([1-9][0-9]{0,6})/y;
const COLS = /(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})/y;
const ROWS = /(\$?)([1-9][0-9]{0,6}):(\$?)([1-9][0-9]{0,6})/y;
const NUMBER = /(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/y;
const ERROR = /#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|EXTERNAL!|PYTHON!)/iy;
const ADDRESS = /^\$?([A-Za-z]{1,3})\$?([1-9][0-9]{0,6})$/;

/** Column letters to number: A → 1, XFD → 16384. */
function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + ((letters.charCodeAt(i) | 0x20) - 0x60);
  return n;
}

/** Column number to letters: 1 → A, 16384 → XFD. */
function columnLetters(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

function parseAddress(a1: string): { row: number; col: number } {
  const m = ADDRESS.exec(a1);
  const col = m ? columnNumber(m[1]) : 0;
  const row = m ? Number(m[2]) : 0;
  if (!m || col > MAX_COL || row > MAX_ROW) throw new Error(`not a cell address: '${a1}'`);
  return { row, col };
}

const part = (dollar: string, text: string, n: number): Part => ({ anchored: dollar === '$', n, text: dollar + text });

/** Whether a reference may end at `i`: not running on into a name, a function call, a table or a sheet prefix. */
function endsAt(s: string, i: number): boolean {
  if (i >= s.length) return true;
  const c = s.charCodeAt(i);
  return !isNameChar(c) && c !== 0x28 /* ( */ && c !== 0x5b /* [ */ && c !== 0x21 /* ! */;
}

/** The cell written at `i` if it is on the grid (what follows it is the caller's to check), or undefined. */
function cellAt(s: string, i: number): { end: End; next: number } | undefined {
  CELL.lastIndex = i;
  const m = CELL.exec(s);
  if (!m) return undefined;
  const col = columnNumber(m[2]);
  const row = Number(m[4]);
  if (col > MAX_COL || row > MAX_ROW) return undefined;
  return { end: { col: part(m[1], m[2], col), row: part(m[3], m[4], row) }, next: CELL.lastIndex };
}

/** The reference (without prefix) starting at `i`: an area, a cell, whole columns or whole rows. */
function refAt(s: string, i: number): { ends: End[]; next: number } | undefined {
  const first = cellAt(s, i);
  if (first && s.charCodeAt(first.next) === 0x3a /* : */) {
    const second = cellAt(s, first.next + 1);
    if (second && endsAt(s, second.next)) return { ends: [first.end, second.end], next: second.next };
  }
  if (first && endsAt(s, first.next)) return { ends: [first.end], next: first.next };
  COLS.lastIndex = i;
  const c = COLS.exec(s);
  if (c && endsAt(s, COLS.lastIndex)) {
    const a = columnNumber(c[2]);
    const b = columnNumber(c[4]);
    if (a <= MAX_COL && b <= MAX_COL) return { ends: [{ col: part(c[1], c[2], a) }, { col: part(c[3], c[4], b) }], next: COLS.lastIndex };
  }
  ROWS.lastIndex = i;
  const r = ROWS.exec(s);
  if (r && endsAt(s, ROWS.lastIndex)) {
    const a = Number(r[2]);
    const b = Number(r[4]);
    if (a <= MAX_ROW && b <= MAX_ROW) return { ends: [{ row: part(r[1], r[2], a) }, { row: part(r[3], r[4], b) }], next: ROWS.lastIndex };
  }
  return undefined;
}

/** The end of the run of name characters starting at `i`. */
function nameEnd(s: string, i: number): number {
  let j = i;
  while (j < s.length && isNameChar(s.charCodeAt(j))) j++;
  return j;
}

/** The end of the quoted text (`'…'` with `''` escapes, or `"…"` with `""`) opening at `i`. */
function quotedEnd(s: string, i: number): number {
  const q = s[i];
  let j = i + 1;
  for (;;) {
    const k = s.indexOf(q, j);
    if (k < 0) return s.length;
    if (s[k + 1] !== q) return k + 1;
    j = k + 2;
  }
}

/** The end of the bracket group opening at `i` (nested; `'` escapes the next character, as in structured references). */
function bracketEnd(s: string, i: number): number {
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    const c = s[j];
    if (c === "'") j++;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return j + 1;
  }
  return s.length;
}

/** The end of the array constant opening at `i` (strings in it skipped). */
function braceEnd(s: string, i: number): number {
  for (let j = i + 1; j < s.length; j++) {
    if (s[j] === '"') j = quotedEnd(s, j) - 1;
    else if (s[j] === '}') return j + 1;
  }
  return s.length;
}

/** Just after the '!' of a sheet prefix starting at `i` (`'…'!`, `Name!`, `Name:Name!`), or -1. */
function sheetPrefixEnd(s: string, i: number): number {
  let j: number;
  if (s[i] === "'") {
    j = quotedEnd(s, i);
  } else {
    j = nameEnd(s, i);
    if (j === i) return -1;
    if (s[j] === ':') {
      const k = nameEnd(s, j + 1);
      if (k > j + 1 && s[k] === '!') j = k;
    }
  }
  return s[j] === '!' ? j + 1 : -1;
}

/** Splits a formula into pieces kept as written and references. */
function tokenize(formula: string): Piece[] {
  const pieces: Piece[] = [];
  let text = '';
  const keep = (to: number) => {
    text += formula.slice(i, to);
    i = to;
  };
  /** After a sheet prefix ending at `to` (or none: `to` is `i`): the reference there, with the prefix, or else the prefix kept as written. */
  const prefixed = (to: number, ref = refAt(formula, to)) => {
    if (!ref) return keep(to);
    if (text) pieces.push(text);
    text = '';
    pieces.push({ prefix: formula.slice(i, to), ends: ref.ends });
    i = ref.next;
  };
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    const c = formula.charCodeAt(i);
    if (ch === '"') {
      keep(quotedEnd(formula, i));
    } else if (ch === '{') {
      keep(braceEnd(formula, i));
    } else if (ch === '#') {
      ERROR.lastIndex = i;
      keep(ERROR.exec(formula) ? ERROR.lastIndex : i + 1);
    } else if (ch === "'") {
      const p = sheetPrefixEnd(formula, i);
      if (p < 0) keep(quotedEnd(formula, i));
      else prefixed(p);
    } else if (ch === '[') {
      // An external workbook (`[1]Sheet1!A1`, `[1]!Name`) or a structured reference (`[@Col]`).
      const b = bracketEnd(formula, i);
      const p = formula[b] === '!' ? b + 1 : sheetPrefixEnd(formula, b);
      if (p < 0) keep(b);
      else prefixed(p);
    } else if (isNameChar(c)) {
      const p = sheetPrefixEnd(formula, i);
      const ref = p < 0 ? refAt(formula, i) : undefined;
      if (p >= 0) {
        prefixed(p);
      } else if (ref) {
        prefixed(i, ref);
      } else if ((c >= 0x30 && c <= 0x39) || (ch === '.' && /[0-9]/.test(formula[i + 1] ?? ''))) {
        NUMBER.lastIndex = i;
        NUMBER.exec(formula);
        keep(NUMBER.lastIndex);
      } else {
        // A name or function name, a table name (its brackets follow), TRUE/FALSE: kept whole.
        keep(nameEnd(formula, i));
      }
    } else {
      keep(i + 1);
    }
  }
  if (text) pieces.push(text);
  return pieces;
}

/** One part moved by `delta`, or undefined when it leaves the grid. */
function movePart(p: Part, delta: number, isCol: boolean): string | undefined {
  if (p.anchored || delta === 0) return p.text;
  const n = p.n + delta;
  if (n < 1 || n > (isCol ? MAX_COL : MAX_ROW)) return undefined;
  return isCol ? columnLetters(n) : String(n);
}

function render(ref: Ref, dRow: number, dCol: number): string {
  let out = '';
  for (let k = 0; k < ref.ends.length; k++) {
    const e = ref.ends[k];
    const col = e.col ? movePart(e.col, dCol, true) : '';
    const row = e.row ? movePart(e.row, dRow, false) : '';
    if (col === undefined || row === undefined) return `${ref.prefix}#REF!`;
    out += (k > 0 ? ':' : '') + col + row;
  }
  return ref.prefix + out;
}

/**
 * The formula at `from` (A1 like 'V2'), tokenized once, as a function of the target cell: each call
 * gives the formula translated to `to` (see the header for the rules).
 */
export function formulaShifter(formula: string, from: string): (to: string) => string {
  const origin = parseAddress(from);
  const pieces = tokenize(formula);
  if (pieces.every((p) => typeof p === 'string')) return () => formula;
  return (to) => {
    const target = parseAddress(to);
    const dRow = target.row - origin.row;
    const dCol = target.col - origin.col;
    let out = '';
    for (const p of pieces) out += typeof p === 'string' ? p : render(p, dRow, dCol);
    return out;
  };
}

/** The formula text (as stored in <f>, no leading '=') of the master at `from` (A1 like 'V2'), translated to cell `to` ('V7'): relative row/column parts of A1 references move by the offset; $-anchored parts stay. */
export function translateFormula(formula: string, from: string, to: string): string {
  return formulaShifter(formula, from)(to);
}
