/**
 * Edits of a sheet that stays: cells written into it (rows appended below a tracker or the responses
 * table), protection added, CSAT formulas frozen to values. The sheet's XML may be large (100,000
 * rows) and any producer's, so it is scanned, not parsed whole: a tag scanner finds the rows and
 * cells that change, and everything else — every other row, cell and element — is kept as written.
 */
import { columnLetter } from '../../plan';
import { XlsxError } from './errors';

export interface Tag {
  /** Local name (prefix dropped). */
  readonly local: string;
  readonly start: number;
  /** Just after the start tag's `>`. */
  readonly openEnd: number;
  readonly selfClosing: boolean;
}

/** The next start tag at or after `from` whose local name is in `names` (comments, CDATA and PIs skipped). */
export function nextTag(xml: string, from: number, names?: ReadonlySet<string>, stopAt?: number): Tag | undefined {
  let i = from;
  const limit = stopAt ?? xml.length;
  while (i < limit) {
    const lt = xml.indexOf('<', i);
    if (lt < 0 || lt >= limit) return undefined;
    const c = xml.charCodeAt(lt + 1);
    if (c === 33 /* ! */) {
      const close = xml.startsWith('<!--', lt) ? xml.indexOf('-->', lt) + 3 : xml.startsWith('<![CDATA[', lt) ? xml.indexOf(']]>', lt) + 3 : xml.indexOf('>', lt) + 1;
      if (close <= 0) return undefined;
      i = close;
      continue;
    }
    if (c === 63 /* ? */ || c === 47 /* / */) {
      i = lt + 2;
      continue;
    }
    let j = lt + 1;
    while (j < xml.length && !/[\s/>]/.test(xml[j])) j++;
    const qname = xml.slice(lt + 1, j);
    const local = qname.slice(qname.indexOf(':') + 1);
    const gt = tagEnd(xml, j);
    if (!names || names.has(local)) return { local, start: lt, openEnd: gt, selfClosing: xml.charCodeAt(gt - 2) === 47 };
    i = gt;
  }
  return undefined;
}

/** Just after the `>` that ends the start tag whose attributes begin at `from` (quotes respected). */
function tagEnd(xml: string, from: number): number {
  let quote = 0;
  for (let k = from; k < xml.length; k++) {
    const c = xml.charCodeAt(k);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return k + 1;
  }
  throw new Error('unterminated tag');
}

/** The end of element `tag` (after its end tag); elements of this local name must not nest. */
export function elementEnd(xml: string, tag: Tag): number {
  if (tag.selfClosing) return tag.openEnd;
  const re = new RegExp(`</(?:[\\w.-]+:)?${tag.local}\\s*>`, 'g');
  re.lastIndex = tag.openEnd;
  const m = re.exec(xml);
  if (!m) throw new Error(`unterminated <${tag.local}>`);
  return m.index + m[0].length;
}

export function attr(startTag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(startTag);
  return m ? (m[1] ?? m[2]) : undefined;
}

function decode(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#\d+);/g, (_m, e: string) =>
    e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'amp' ? '&' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))),
  );
}

const colOf = (ref: string) => {
  let col = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else break;
  }
  return col;
};

/** The worksheet's top-level children (sheetData's content is jumped over, not scanned). */
export function topLevel(xml: string): { root: Tag; prefix: string; children: (Tag & { end: number })[]; rootClose: number } {
  const root = nextTag(xml, 0);
  if (!root) throw new Error('no root element');
  const q = xml.slice(root.start + 1, xml.slice(root.start).search(/[\s/>]/) + root.start);
  const prefix = q.includes(':') ? q.slice(0, q.indexOf(':')) : '';
  const rootClose = xml.lastIndexOf('</');
  const out: (Tag & { end: number })[] = [];
  let i = root.openEnd;
  for (;;) {
    const t = nextTag(xml, i, undefined, rootClose);
    if (!t) break;
    const end = elementEnd(xml, t);
    out.push({ ...t, end });
    i = end;
  }
  return { root, prefix, children: out, rootClose };
}

/** CT_Worksheet's children in schema order. */
export const WORKSHEET_ORDER = [
  'sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'sheetCalcPr', 'sheetProtection', 'protectedRanges', 'scenarios',
  'autoFilter', 'sortState', 'dataConsolidate', 'customSheetViews', 'mergeCells', 'phoneticPr', 'conditionalFormatting', 'dataValidations',
  'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'rowBreaks', 'colBreaks', 'customProperties', 'cellWatches',
  'ignoredErrors', 'smartTags', 'drawing', 'legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls',
  'webPublishItems', 'tableParts', 'extLst',
];

/** Puts a top-level element (given without prefix) in its schema place, replacing one of the same name. */
export function setTopLevel(xml: string, local: string, element: string): string {
  const { prefix, children, rootClose } = topLevel(xml);
  const el = prefix ? element.replace(/<(\/?)([a-zA-Z]+)/g, `<$1${prefix}:$2`) : element;
  const same = children.find((c) => c.local === local);
  if (same) return xml.slice(0, same.start) + el + xml.slice(same.end);
  const rank = WORKSHEET_ORDER.indexOf(local);
  const after = children.find((c) => WORKSHEET_ORDER.indexOf(c.local) > rank);
  const at = after ? after.start : rootClose;
  return xml.slice(0, at) + el + xml.slice(at);
}

/** What to write in one cell, given the cell's current XML (if any) and its style index. */
export type CellEdit = (ref: string, old: { xml: string; style?: number } | undefined) => string;

/** The cells to write, row by row: built when the row is reached (100,000 appended rows never exist all at once). */
export interface RowEdits {
  /** Rows to write, ascending. */
  readonly rows: readonly number[];
  /** The row's edits by column. */
  cells(row: number): ReadonlyMap<number, CellEdit>;
}

/** RowEdits from a map row → column → edit. */
export function rowEdits(map: ReadonlyMap<number, ReadonlyMap<number, CellEdit>>): RowEdits {
  return { rows: [...map.keys()].sort((a, b) => a - b), cells: (r) => map.get(r) ?? new Map() };
}

/**
 * Writes cells into an existing sheet: rows are patched in place or inserted in order, every other
 * row kept byte for byte.
 */
export function patchCells(xml: string, edits: RowEdits, sheet: string, sink?: (piece: string) => void): string {
  const pending = edits.rows;
  if (pending.length === 0) {
    sink?.(xml);
    return sink ? '' : xml;
  }
  const sd = nextTag(xml, 0, new Set(['sheetData']));
  if (!sd) throw new XlsxError('bad-xml', { part: sheet, detail: 'no sheetData' });
  const p = xml.slice(sd.start + 1, sd.start + 1 + xml.slice(sd.start + 1).search(/[\s/>]/));
  const prefix = p.includes(':') ? p.slice(0, p.indexOf(':') + 1) : '';
  // With a sink, the new XML leaves piece by piece (the caller encodes as it goes); else it is joined.
  const pieces: string[] = [];
  const out = sink ? { push: (...xs: string[]) => xs.forEach((x) => sink(x)) } : pieces;
  let copied = 0;
  let bodyStart: number;
  let bodyEnd: number;
  if (sd.selfClosing) {
    out.push(xml.slice(0, sd.start), `<${prefix}sheetData>`);
    copied = sd.openEnd;
    bodyStart = bodyEnd = sd.openEnd;
  } else {
    bodyStart = sd.openEnd;
    bodyEnd = elementEnd(xml, sd) - `</${prefix}sheetData>`.length;
    while (xml[bodyEnd] !== '<') bodyEnd--;
  }
  const newRow = (r: number) => {
    const cols = [...edits.cells(r).entries()].sort((a, b) => a[0] - b[0]);
    const cells = cols.map(([c, edit]) => edit(`${columnLetter(c)}${r}`, undefined)).join('');
    return cells ? `<${prefix}row r="${r}">${cells}</${prefix}row>` : '';
  };
  let k = 0;
  let rowNo = 0;
  let i = bodyStart;
  const ROW = new Set(['row']);
  const C = new Set(['c']);
  for (;;) {
    const row = nextTag(xml, i, ROW, bodyEnd);
    if (!row || k >= pending.length) break;
    const end = elementEnd(xml, row);
    const startTag = xml.slice(row.start, row.openEnd);
    const r = attr(startTag, 'r');
    rowNo = r !== undefined ? Number(r) : rowNo + 1;
    while (k < pending.length && pending[k] < rowNo) {
      out.push(xml.slice(copied, row.start), newRow(pending[k]));
      copied = row.start;
      k++;
    }
    if (k < pending.length && pending[k] === rowNo) {
      out.push(xml.slice(copied, row.start), patchRow(xml, row, end, rowNo, edits.cells(rowNo), prefix, C));
      copied = end;
      k++;
    }
    i = end;
  }
  out.push(xml.slice(copied, bodyEnd));
  copied = bodyEnd;
  for (; k < pending.length; k++) out.push(newRow(pending[k]));
  if (sd.selfClosing) out.push(`</${prefix}sheetData>`);
  out.push(xml.slice(copied));
  return pieces.join('');
}

function patchRow(xml: string, row: Tag, end: number, rowNo: number, edits: ReadonlyMap<number, CellEdit>, prefix: string, C: ReadonlySet<string>): string {
  // The start tag, without `spans` (a hint that may no longer hold).
  const open = xml.slice(row.start, row.openEnd).replace(/\sspans\s*=\s*"[^"]*"/, '').replace(/\s*\/>$/, '>');
  const cells: { col: number; xml: string; style?: number }[] = [];
  if (!row.selfClosing) {
    let i = row.openEnd;
    let col = 0;
    for (;;) {
      const c = nextTag(xml, i, C, end);
      if (!c) break;
      const cEnd = elementEnd(xml, c);
      const tag = xml.slice(c.start, c.openEnd);
      const ref = attr(tag, 'r');
      col = ref !== undefined ? colOf(ref.toUpperCase()) : col + 1;
      const s = attr(tag, 's');
      cells.push({ col, xml: xml.slice(c.start, cEnd), style: s === undefined ? undefined : Number(s) });
      i = cEnd;
    }
  }
  const byCol = new Map(cells.map((c) => [c.col, c]));
  const cols = [...new Set([...byCol.keys(), ...edits.keys()])].sort((a, b) => a - b);
  const body = cols
    .map((c) => {
      const edit = edits.get(c);
      const old = byCol.get(c);
      return edit ? edit(`${columnLetter(c)}${rowNo}`, old) : old!.xml;
    })
    .join('');
  return `${open}${body}</${prefix}row>`;
}

/** A cell that holds a formula: where it is, its formula and cached value as written. */
export interface FormulaCell {
  readonly ref: string;
  readonly formula: string;
  readonly style?: number;
  /** The value cached in the file (undefined when none, or an error). */
  readonly cached?: string | number | boolean;
}

function cachedValue(cellXml: string, type: string | undefined): string | number | boolean | undefined {
  const m = /<(?:[\w.-]+:)?v>([\s\S]*?)<\/(?:[\w.-]+:)?v>/.exec(cellXml);
  if (!m) return undefined;
  const text = decode(m[1]);
  if (type === 'str' || type === 's') return type === 'str' ? text : undefined;
  if (type === 'b') return text === '1' || text === 'true';
  if (type === 'e') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Replaces formula cells chosen by `decide` (which returns the new cell XML, or undefined to keep the
 * cell) — every other cell and row unchanged.
 */
export function replaceFormulaCells(xml: string, decide: (cell: FormulaCell) => string | undefined): string {
  const sd = nextTag(xml, 0, new Set(['sheetData']));
  if (!sd || sd.selfClosing) return xml;
  const bodyEnd = elementEnd(xml, sd);
  const q = xml.slice(sd.start + 1, sd.start + 1 + xml.slice(sd.start + 1).search(/[\s/>]/));
  const prefix = q.includes(':') ? q.slice(0, q.indexOf(':') + 1) : '';
  const fOpen = `<${prefix}f`;
  const cOpen = `<${prefix}c`;
  const isNameEnd = (ch: string | undefined) => ch === '>' || ch === '/' || ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
  const C = new Set(['c']);
  const F = new Set(['f']);
  const out: string[] = [];
  let copied = 0;
  let i = sd.openEnd;
  // Jump from formula to formula (indexOf is fast), then to the cell around it.
  for (let k = xml.indexOf(fOpen, i); k >= 0 && k < bodyEnd; k = xml.indexOf(fOpen, i)) {
    if (!isNameEnd(xml[k + fOpen.length])) {
      i = k + 1;
      continue;
    }
    let cs = k;
    do cs = xml.lastIndexOf(cOpen, cs - 1);
    while (cs >= 0 && !isNameEnd(xml[cs + cOpen.length]));
    const c = cs >= 0 ? nextTag(xml, cs, C) : undefined;
    const f = nextTag(xml, k, F);
    if (!c || !f) break;
    const cEnd = elementEnd(xml, c);
    const tag = xml.slice(c.start, c.openEnd);
    const fEnd = elementEnd(xml, f);
    const formula = f.selfClosing ? '' : decode(xml.slice(f.openEnd, xml.lastIndexOf('<', fEnd - 1)));
    const s = attr(tag, 's');
    const cached = cachedValue(xml.slice(fEnd, cEnd), attr(tag, 't'));
    const replacement = decide({ ref: attr(tag, 'r') ?? '', formula, style: s === undefined ? undefined : Number(s), cached });
    if (replacement !== undefined) {
      out.push(xml.slice(copied, c.start), replacement);
      copied = cEnd;
    }
    i = cEnd;
  }
  if (copied === 0) return xml;
  out.push(xml.slice(copied));
  return out.join('');
}
