/**
 * Edits of a sheet that stays: cells written into it (rows appended below a tracker or the responses
 * table), a top-level element set (protection), CSAT formulas frozen to values. The sheet may be any
 * producer's and large (100,000 rows): it is tokenized by saxes through xml.ts, keeping objects only
 * for the rows and cells an edit touches, and edited by splices — every other row, cell, comment,
 * processing instruction and byte is kept as written. New markup takes the prefix the sheet binds to
 * the SpreadsheetML namespace.
 *
 * Formulas are edited as Excel sees them: a shared formula (`<f t="shared" ref=… si=…>` on the master,
 * `<f t="shared" si=…/>` on each dependent) is one group. When an edit replaces its master, every
 * dependent that stays becomes an ordinary formula translated to its own position (formula-shift.ts),
 * so no cell is left pointing at a master that is gone.
 */
import { columnLetter } from '../../plan';
import { XlsxError } from './errors';
import { formulaShifter } from './formula-shift';
import { isMain } from './ns';
import { attrNs, child, escapeText, insertInOrder, namer, parseXml, spliceTo, XmlEdits, type Splice, type XmlElement } from './xml';

/** CT_Worksheet's children in schema order. */
export const WORKSHEET_ORDER = [
  'sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'sheetCalcPr', 'sheetProtection', 'protectedRanges', 'scenarios',
  'autoFilter', 'sortState', 'dataConsolidate', 'customSheetViews', 'mergeCells', 'phoneticPr', 'conditionalFormatting', 'dataValidations',
  'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'rowBreaks', 'colBreaks', 'customProperties', 'cellWatches',
  'ignoredErrors', 'smartTags', 'drawing', 'legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls',
  'webPublishItems', 'tableParts', 'extLst',
];

/** 1-based column of the letters that start an `A1`-style reference. */
export function colOfRef(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else if (c !== 36 /* $ */) break;
  }
  return col;
}

function rowOfRef(ref: string): number {
  let i = 0;
  while (i < ref.length && (ref.charCodeAt(i) > 57 || ref.charCodeAt(i) === 36)) i++;
  return Number(ref.slice(i).replace('$', ''));
}

const mainChildOf = (el: XmlElement, local: string) => el.children.find((c) => c.local === local && isMain(c.uri));

/** The worksheet's top-level children only (sheetData is tokenized, not kept). */
export function parseTopLevel(xml: string, part: string): XmlElement {
  const root = parseXml(xml, part, { descend: (el) => el.depth === 0 });
  if (!isMain(root.uri) || root.local !== 'worksheet') throw new XlsxError('bad-xml', { part, detail: `<${root.name}>` });
  return root;
}

/** Puts a top-level element in its schema place, replacing one of the same name; `element` gets the sheet's prefix. */
export function setTopLevel(xml: string, part: string, local: string, element: (prefix: string) => string): string {
  const root = parseTopLevel(xml, part);
  const prefix = namer(root, root.uri)('');
  const edits = new XmlEdits(xml);
  const same = mainChildOf(root, local);
  if (same) edits.replaceElement(same, element(prefix));
  else insertInOrder(edits, root, local, WORKSHEET_ORDER, element(prefix));
  return edits.apply();
}

/** What to write in one cell, given the cell's current style index (if it exists); '' removes nothing and writes nothing. */
export type CellEdit = (ref: string, old: { style?: number } | undefined, prefix: string) => string;

/** The cells to write, row by row: built when the row is reached (100,000 appended rows never exist all at once). */
export interface RowEdits {
  /** Rows to write, ascending. */
  readonly rows: readonly number[];
  /** The row's edits by column. */
  cells(row: number): ReadonlyMap<number, CellEdit>;
}

/** A cell as the scan keeps it. */
interface CellInfo {
  readonly el: XmlElement;
  readonly ref: string;
  readonly row: number;
  readonly col: number;
  readonly f?: XmlElement;
  /** The cached value of a formula cell (read before the cell's children are let go). */
  readonly cached?: string | number | boolean;
}

/** The shared-formula groups of a sheet: each group's master and dependents. */
interface SharedGroup {
  master?: CellInfo;
  readonly dependents: CellInfo[];
}

function sharedInfo(f: XmlElement | undefined): { si: string; master: boolean } | undefined {
  if (!f || attrNs(f, 't') !== 'shared') return undefined;
  const si = attrNs(f, 'si');
  if (si === undefined) return undefined;
  return { si, master: attrNs(f, 'ref') !== undefined };
}

interface SheetScan {
  readonly root: XmlElement;
  readonly sheetData: XmlElement;
  /** Every row element (children kept only for rows asked for), with its number. */
  readonly rows: { el: XmlElement; r: number }[];
  /** Cells of the rows asked for (or of all rows when every cell is needed). */
  readonly cells: Map<number, CellInfo[]>;
  readonly groups: Map<string, SharedGroup>;
}

/**
 * Tokenizes a worksheet, keeping the rows whose numbers `keepRow` accepts with their cells, and —
 * when `allCells` — every cell that holds a formula, grouped by shared formula.
 */
function scanSheet(xml: string, part: string, keepRow: (r: number) => boolean, allFormulas: boolean): SheetScan {
  const rows: { el: XmlElement; r: number }[] = [];
  const cells = new Map<number, CellInfo[]>();
  const groups = new Map<string, SharedGroup>();
  let rowNo = 0;
  let colNo = 0;
  const rowKept = new Set<XmlElement>();
  let sheetData: XmlElement | undefined;
  const root = parseXml(xml, part, {
    descend: (el) => {
      if (el.depth === 0) return true;
      if (el.depth === 1) return el.local === 'sheetData' && isMain(el.uri);
      if (el.depth === 2) {
        // A row: numbered by its `r`, or after the one before.
        const r = attrNs(el, 'r');
        rowNo = r !== undefined ? Number(r) : rowNo + 1;
        colNo = 0;
        const keep = keepRow(rowNo);
        if (keep) rowKept.add(el);
        return keep || allFormulas;
      }
      return true;
    },
    onElement: (el) => {
      if (el.depth === 1 && el.local === 'sheetData' && isMain(el.uri)) sheetData = el;
      else if (el.depth === 2 && el.local === 'row' && isMain(el.uri)) {
        const r = rowNo;
        rows.push({ el, r });
        if (!rowKept.has(el)) el.children.length = 0;
      } else if (el.depth === 3 && el.local === 'c' && isMain(el.uri)) {
        const ref = attrNs(el, 'r');
        colNo = ref !== undefined ? colOfRef(ref) : colNo + 1;
        const row = el.parent!;
        const r = ref !== undefined ? rowOfRef(ref) || rowNo : rowNo;
        const f = child(el, 'f', el.uri);
        const info: CellInfo = { el, ref: ref ?? `${columnLetter(colNo)}${r}`, row: r, col: colNo, f, cached: f ? cachedValue(el) : undefined };
        if (rowKept.has(row) || (allFormulas && info.f)) {
          let list = cells.get(r);
          if (!list) cells.set(r, (list = []));
          list.push(info);
        }
        const shared = sharedInfo(info.f);
        if (shared) {
          let g = groups.get(shared.si);
          if (!g) groups.set(shared.si, (g = { dependents: [] }));
          if (shared.master) g.master = info;
          else g.dependents.push(info);
        }
        if (!rowKept.has(row)) el.children.length = 0;
      }
    },
  });
  if (!isMain(root.uri) || root.local !== 'worksheet') throw new XlsxError('bad-xml', { part, detail: `<${root.name}>` });
  if (!sheetData) throw new XlsxError('bad-xml', { part, detail: '<sheetData>' });
  return { root, sheetData, rows, cells, groups };
}

/** Text of a cell's formula as stored (`f` element content, decoded). */
function formulaText(f: XmlElement): string {
  return f.text;
}

/**
 * For each broken group (its master replaced), its dependents that stay get an ordinary formula at
 * their own position; `replaced` holds the cells an edit rewrites whole.
 */
function unshare(edits: Splice[], groups: Map<string, SharedGroup>, broken: ReadonlySet<string>, replaced: ReadonlySet<XmlElement>, prefix: string): void {
  for (const si of broken) {
    const g = groups.get(si);
    if (!g?.master?.f) continue;
    const shift = formulaShifter(formulaText(g.master.f), g.master.ref);
    for (const d of g.dependents) {
      if (replaced.has(d.el) || !d.f) continue;
      edits.push({ from: d.f.start, to: d.f.end, text: `<${prefix}f>${escapeText(shift(d.ref))}</${prefix}f>` });
    }
  }
}

/**
 * Writes cells into an existing sheet: existing cells are replaced in place, new cells and rows go
 * in order; every other byte is kept. With a sink, the new XML leaves piece by piece.
 */
export function patchCells(xml: string, part: string, edits: RowEdits, sheet: string, sink: (piece: string) => void): void {
  const pending = edits.rows;
  if (pending.length === 0) {
    sink(xml);
    return;
  }
  const wanted = new Set(pending);
  // Dependents of a master an edit replaces can be anywhere: only a sheet with shared formulas needs every formula kept.
  const hasShared = xml.includes('shared');
  const scan = scanSheet(xml, part, (r) => wanted.has(r), hasShared);
  const prefix = namer(scan.root, scan.root.uri)('');
  const out: Splice[] = [];
  const replaced = new Set<XmlElement>();
  const broken = new Set<string>();
  const rowsByNo = new Map(scan.rows.map((x) => [x.r, x.el]));
  const newRow = (r: number) => {
    const cols = [...edits.cells(r).entries()].sort((a, b) => a[0] - b[0]);
    const body = cols.map(([c, edit]) => edit(`${columnLetter(c)}${r}`, undefined, prefix)).join('');
    return body ? `<${prefix}row r="${r}">${body}</${prefix}row>` : '';
  };
  // New rows go before the first existing row with a greater number (rows are ascending in a valid sheet).
  const existing = scan.rows;
  let k = 0;
  let inserts = '';
  let insertAt = -1;
  const flush = () => {
    if (inserts) out.push({ from: insertAt, to: insertAt, text: inserts });
    inserts = '';
  };
  for (const r of pending) {
    const el = rowsByNo.get(r);
    if (el) {
      patchRow(el, r, scan.cells.get(r) ?? [], edits.cells(r), prefix, xml, out, replaced, broken);
      continue;
    }
    while (k < existing.length && existing[k].r < r) k++;
    const at = k < existing.length ? existing[k].el.start : -1;
    if (at !== insertAt) flush();
    insertAt = at;
    inserts += newRow(r);
  }
  if (insertAt === -1 && inserts) {
    // After the last row: into sheetData (opening it when it is `<sheetData/>`).
    const sd = scan.sheetData;
    const text = inserts;
    inserts = '';
    if (sd.selfClosing) out.push({ from: sd.openEnd - 2, to: sd.openEnd, text: `>${text}</${sd.name}>` });
    else out.push({ from: sd.closeStart, to: sd.closeStart, text });
  } else flush();
  unshare(out, scan.groups, broken, replaced, prefix);
  spliceTo(xml, out, sink);
}

function patchRow(row: XmlElement, rowNo: number, cells: readonly CellInfo[], edits: ReadonlyMap<number, CellEdit>, prefix: string, xml: string, out: Splice[], replaced: Set<XmlElement>, broken: Set<string>): void {
  const rowEdits = new XmlEdits(xml);
  // `spans` is a hint that may no longer hold once cells are added.
  rowEdits.removeAttr(row, 'spans');
  out.push(...rowEdits.edits);
  const byCol = new Map(cells.map((c) => [c.col, c]));
  const sorted = [...cells].sort((a, b) => a.col - b.col);
  const adds = new Map<number, string>();
  for (const [col, edit] of [...edits.entries()].sort((a, b) => a[0] - b[0])) {
    const ref = `${columnLetter(col)}${rowNo}`;
    const old = byCol.get(col);
    if (old) {
      const s = attrNs(old.el, 's');
      out.push({ from: old.el.start, to: old.el.end, text: edit(ref, { style: s === undefined ? undefined : Number(s) }, prefix) });
      replaced.add(old.el);
      const shared = sharedInfo(old.f);
      if (shared?.master) broken.add(shared.si);
      continue;
    }
    const text = edit(ref, undefined, prefix);
    if (!text) continue;
    const next = sorted.find((c) => c.col > col);
    const at = next ? next.el.start : -1;
    adds.set(at, (adds.get(at) ?? '') + text);
  }
  for (const [at, text] of adds) {
    if (at >= 0) out.push({ from: at, to: at, text });
    else if (row.selfClosing) out.push({ from: row.openEnd - 2, to: row.openEnd, text: `>${text}</${row.name}>` });
    else {
      // After the row's last cell (before anything else it holds, such as an extLst).
      const last = sorted.at(-1);
      const pos = last ? last.el.end : row.openEnd;
      out.push({ from: pos, to: pos, text });
    }
  }
}

/** A cell that holds a formula: where it is, its formula (translated to it, for a shared dependent) and cached value. */
export interface FormulaCell {
  readonly ref: string;
  readonly formula: string;
  readonly style?: number;
  /** The value cached in the file (undefined when none, or an error). */
  readonly cached?: string | number | boolean;
  /** The sheet's prefix for SpreadsheetML elements (for the replacement's markup). */
  readonly prefix: string;
}

function cachedValue(cell: XmlElement): string | number | boolean | undefined {
  const v = child(cell, 'v', cell.uri);
  if (!v) return undefined;
  const type = attrNs(cell, 't');
  const text = v.text;
  if (type === 'str') return text;
  if (type === 's' || type === 'e') return undefined;
  if (type === 'b') return text.trim() === '1' || text.trim() === 'true';
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) ? n : undefined;
}

/**
 * Replaces formula cells chosen by `decide` (which returns the new cell XML, or undefined to keep the
 * cell) — every other cell and row unchanged. A shared group is decided cell by cell on each cell's
 * own formula; when its master is replaced, the dependents kept become ordinary formulas. An array
 * formula lives in its master cell: replacing the master leaves the other cells of its range with
 * their cached values — the array is frozen whole, never cut.
 */
export function replaceFormulaCells(xml: string, part: string, decide: (cell: FormulaCell) => string | undefined): string {
  const scan = scanSheet(xml, part, () => false, true);
  const prefix = namer(scan.root, scan.root.uri)('');
  const out: Splice[] = [];
  const replaced = new Set<XmlElement>();
  const broken = new Set<string>();
  const shifters = new Map<string, (to: string) => string>();
  for (const list of scan.cells.values()) {
    for (const cell of list) {
      if (!cell.f) continue;
      const shared = sharedInfo(cell.f);
      let formula = formulaText(cell.f);
      if (shared && !shared.master) {
        const g = scan.groups.get(shared.si);
        if (!g?.master?.f) continue;
        let shift = shifters.get(shared.si);
        if (!shift) shifters.set(shared.si, (shift = formulaShifter(formulaText(g.master.f), g.master.ref)));
        formula = shift(cell.ref);
      }
      const s = attrNs(cell.el, 's');
      const next = decide({ ref: cell.ref, formula, style: s === undefined ? undefined : Number(s), cached: cell.cached, prefix });
      if (next === undefined) continue;
      out.push({ from: cell.el.start, to: cell.el.end, text: next });
      replaced.add(cell.el);
      if (shared?.master) broken.add(shared.si);
    }
  }
  if (out.length === 0) return xml;
  unshare(out, scan.groups, broken, replaced, prefix);
  const pieces: string[] = [];
  spliceTo(xml, out, (p) => pieces.push(p));
  return pieces.join('');
}

/** The sheet's `<sheetProtection>` as an unprefixed element (attributes as they are), when the sheet is protected. */
export function protectionOf(xml: string, part: string): string | undefined {
  const root = parseTopLevel(xml, part);
  const el = mainChildOf(root, 'sheetProtection');
  if (!el) return undefined;
  const sheet = attrNs(el, 'sheet');
  if (sheet !== '1' && sheet !== 'true') return undefined;
  const attrs = el.attributes.filter((a) => a.uri === '').map((a) => ` ${a.name}="${escapeAttrValue(a.value)}"`);
  return `<sheetProtection${attrs.join('')}/>`;
}

function escapeAttrValue(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}
