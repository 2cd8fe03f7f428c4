/**
 * A SheetPlan serialised straight to SpreadsheetML: the worksheet part in schema order, its table
 * parts, and its charts (DrawingML, see charts.ts). Strings are written inline (`inlineStr`), so the
 * workbook's shared-strings table — possibly large, and the user's — is never rewritten. Cell formats
 * come from the StylesEditor, which appends to the workbook's styles without renumbering them.
 */
import {
  isDate,
  isFormula,
  parseCell,
  parseRange,
  columnLetter,
  type CellBlock,
  type PlanValue,
  type SheetPlan,
  type StyleName,
  type ValidationSpec,
} from '../../plan';
import { chartParts } from './charts';
import { XlsxError } from './errors';
import { MAX_CELL_TEXT } from './limits';
import { CT, REL, type OoxmlPackage } from './package';
import type { StylesEditor } from './styles';
import { escapeAttr, escapeText, ooxmlEscape, textElement } from './xml';

export const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Excel's limit on the text of one cell (limits.ts). */
export { MAX_CELL_TEXT };

/**
 * In a file, Excel stores a JavaScript custom function call with the `_xldudf_` prefix and the
 * namespace dot as `_` (what Excel itself writes); a bare `CSAT.OVERALL(` would load as #NAME?.
 */
export function fileFormula(formula: string): string {
  return formula.replace(/^=/, '').replace(/\bCSAT\.([A-Z]+)\(/g, '_xldudf_CSAT_$1(');
}

/** ISO `YYYY-MM-DD` → Excel serial day in the workbook's date system. */
export function isoToSerial(iso: string, date1904: boolean): number {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  const days = Date.UTC(y, m - 1, d) / 86_400_000;
  return date1904 ? days + 24107 : days + 25569;
}

export interface WriteContext {
  readonly styles: StylesEditor;
  readonly date1904: boolean;
  /** Table ids already used in the workbook (ids must be unique across it). */
  readonly tableIds: Set<number>;
}

export interface CellSpec {
  value: PlanValue;
  style?: StyleName;
  numFmt?: string;
}

/** Inline-string XML of short texts, which repeat (answer labels, names): built once each (per prefix). */
const inlineCache = new Map<string, string>();

function inlineString(v: string, p: string): string {
  if (v.length > 40) return `<${p}is>${textElement(`${p}t`, v)}</${p}is>`;
  const key = p ? `${p}\u0000${v}` : v;
  let x = inlineCache.get(key);
  if (x === undefined) {
    if (inlineCache.size > 50_000) inlineCache.clear();
    inlineCache.set(key, (x = `<${p}is>${textElement(`${p}t`, v)}</${p}is>`));
  }
  return x;
}

const letters: string[] = [];
/** Column letters, memoised (every cell of every row needs them). */
export function colLetter(c: number): string {
  return (letters[c] ??= columnLetter(c));
}

/** Where a cell is written: the styles to use, the date system, and the sheet's prefix for SpreadsheetML (`x:` or ''). */
export type CellContext = Pick<WriteContext, 'styles' | 'date1904'> & { readonly prefix?: string };

/** One cell's XML (`r` is the A1 address). Shared by new sheets and edits of existing ones. */
export function cellXml(r: string, spec: CellSpec, ctx: CellContext, sheet: string, keepStyle?: number): string {
  const p = ctx.prefix ?? '';
  const v = spec.value;
  const fmt = spec.numFmt ?? (v !== null && isDate(v) ? 'yyyy-mm-dd' : undefined);
  const computed = ctx.styles.xf(spec.style, fmt);
  const s = spec.style === undefined && fmt === undefined && keepStyle !== undefined ? keepStyle : computed;
  const sAttr = s ? ` s="${s}"` : '';
  const c = `${p}c`;
  if (v === null) return sAttr ? `<${c} r="${r}"${sAttr}/>` : '';
  if (typeof v === 'string') {
    if (v.length > MAX_CELL_TEXT) throw new XlsxError('text-too-long', { sheet, cell: r });
    if (v === '') return sAttr ? `<${c} r="${r}"${sAttr}/>` : '';
    return `<${c} r="${r}"${sAttr} t="inlineStr">${inlineString(v, p)}</${c}>`;
  }
  const val = (x: string | number) => `<${p}v>${x}</${p}v>`;
  if (typeof v === 'number') return Number.isFinite(v) ? `<${c} r="${r}"${sAttr}>${val(v)}</${c}>` : `<${c} r="${r}"${sAttr} t="e">${val('#NUM!')}</${c}>`;
  if (typeof v === 'boolean') return `<${c} r="${r}"${sAttr} t="b">${val(v ? 1 : 0)}</${c}>`;
  if (isDate(v)) return `<${c} r="${r}"${sAttr}>${val(isoToSerial(v.date, ctx.date1904))}</${c}>`;
  if (isFormula(v)) {
    const f = `<${p}f>${escapeText(fileFormula(v.formula))}</${p}f>`;
    const res = v.result;
    if (res === undefined) return `<${c} r="${r}"${sAttr}>${f}</${c}>`;
    if (typeof res === 'number') return Number.isFinite(res) ? `<${c} r="${r}"${sAttr}>${f}${val(res)}</${c}>` : `<${c} r="${r}"${sAttr}>${f}</${c}>`;
    if (typeof res === 'boolean') return `<${c} r="${r}"${sAttr} t="b">${f}${val(res ? 1 : 0)}</${c}>`;
    if (res.length > MAX_CELL_TEXT) throw new XlsxError('text-too-long', { sheet, cell: r });
    return `<${c} r="${r}"${sAttr} t="str">${f}${val(escapeText(ooxmlEscape(res)))}</${c}>`;
  }
  return '';
}

/** The plan's blocks as cells by row then column (a later block wins a cell). */
export function blockCells(blocks: readonly CellBlock[], columnFormat?: ReadonlyMap<number, string>): Map<number, Map<number, CellSpec>> {
  const rows = new Map<number, Map<number, CellSpec>>();
  for (const block of blocks) {
    const tl = parseCell(block.at);
    const uniform = typeof block.numberFormat === 'string' ? block.numberFormat : undefined;
    const perCell = typeof block.numberFormat === 'object' ? block.numberFormat : undefined;
    block.values.forEach((values, r) => {
      const rowNo = tl.row + r;
      let row = rows.get(rowNo);
      if (!row) rows.set(rowNo, (row = new Map()));
      values.forEach((value, c) => {
        const col = tl.col + c;
        const numFmt = uniform ?? perCell?.[r]?.[c] ?? columnFormat?.get(col);
        row!.set(col, { value, style: block.style, numFmt });
      });
    });
  }
  return rows;
}

function validationXml(v: ValidationSpec, date1904: boolean): string {
  // Excel's own limits on these texts (longer ones make Excel repair the file).
  const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n) : s);
  let type: string;
  let formulas: string;
  let operator = '';
  switch (v.rule.kind) {
    case 'list':
      type = 'list';
      formulas = `<formula1>${escapeText(`"${v.rule.values.join(',')}"`)}</formula1>`;
      break;
    case 'date':
      type = 'date';
      operator = ' operator="between"';
      formulas = `<formula1>${isoToSerial(v.rule.min, date1904)}</formula1><formula2>${isoToSerial(v.rule.max, date1904)}</formula2>`;
      break;
    case 'decimal':
      type = 'decimal';
      operator = ' operator="between"';
      formulas = `<formula1>${v.rule.min}</formula1><formula2>${v.rule.max}</formula2>`;
      break;
  }
  const prompt = v.prompt ? ` showInputMessage="1" promptTitle="${escapeAttr(clip(v.prompt.title, 32))}" prompt="${escapeAttr(clip(v.prompt.message, 255))}"` : '';
  return (
    `<dataValidation type="${type}"${operator}${v.allowBlank ? ' allowBlank="1"' : ''} showErrorMessage="1" errorTitle="${escapeAttr(clip(v.error.title, 32))}" error="${escapeAttr(clip(v.error.message, 225))}"${prompt} sqref="${v.range.replace(/,/g, ' ')}">` +
    `${formulas}</dataValidation>`
  );
}

/** Sheet protection as Excel 2013+ writes it: SHA-512 over salt + UTF-16LE password, iterated. */
export async function protectionXml(password: string | undefined, prefix = ''): Promise<string> {
  const allow = ' sheet="1" objects="1" scenarios="1" formatColumns="0"';
  if (!password) return `<${prefix}sheetProtection${allow}/>`;
  const SPIN = 100_000;
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const pw = new Uint8Array(password.length * 2);
  for (let i = 0; i < password.length; i++) {
    pw[2 * i] = password.charCodeAt(i) & 0xff;
    pw[2 * i + 1] = password.charCodeAt(i) >> 8;
  }
  let hash = new Uint8Array(await crypto.subtle.digest('SHA-512', concat(salt, pw)));
  const buf = new Uint8Array(hash.length + 4);
  for (let i = 0; i < SPIN; i++) {
    buf.set(hash, 0);
    buf[64] = i & 0xff;
    buf[65] = (i >> 8) & 0xff;
    buf[66] = (i >> 16) & 0xff;
    buf[67] = (i >> 24) & 0xff;
    hash = new Uint8Array(await crypto.subtle.digest('SHA-512', buf));
  }
  return `<${prefix}sheetProtection algorithmName="SHA-512" hashValue="${base64(hash)}" saltValue="${base64(salt)}" spinCount="${SPIN}"${allow}/>`;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function base64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export interface WrittenSheet {
  readonly xml: string;
  readonly hasFormulas: boolean;
  readonly printArea?: string;
  readonly printTitles?: string;
}

/**
 * Writes a planned sheet's part at `part` with its tables and charts (new parts, new relationships),
 * returning the worksheet XML for the caller to store.
 */
export async function writeSheet(pkg: OoxmlPackage, part: string, plan: SheetPlan, ctx: WriteContext): Promise<WrittenSheet> {
  const { styles } = ctx;
  const columnFormat = new Map<number, string>();
  for (const c of plan.columns ?? []) if (c.numberFormat) columnFormat.set(c.col, c.numberFormat);
  const rows = blockCells(plan.blocks, columnFormat);
  const heights = new Map((plan.rowHeights ?? []).map((h) => [h.row, h.height]));

  // Tables: header cells become the column names (Excel requires them equal, unique and text).
  const tableXmls: string[] = [];
  for (const t of plan.tables ?? []) {
    const { start, end } = parseRange(t.range);
    const lastRow = Math.max(end.row, start.row + 1);
    const names: string[] = [];
    const seen = new Set<string>();
    for (let c = start.col; c <= end.col; c++) {
      let row = rows.get(start.row);
      if (!row) rows.set(start.row, (row = new Map()));
      const cell = row.get(c);
      let name = cell && cell.value !== null && typeof cell.value !== 'object' ? String(cell.value).trim() : '';
      if (name === '') name = `列${c - start.col + 1}`;
      let unique = name;
      for (let k = 2; seen.has(unique.toLowerCase()); k++) unique = `${name}${k}`;
      seen.add(unique.toLowerCase());
      if (!cell || cell.value !== unique) row.set(c, { ...(cell ?? {}), value: unique });
      names.push(unique);
    }
    let id = 1;
    while (ctx.tableIds.has(id)) id++;
    ctx.tableIds.add(id);
    const ref = `${columnLetter(start.col)}${start.row}:${columnLetter(end.col)}${lastRow}`;
    tableXmls.push(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="${NS_MAIN}" id="${id}" name="${escapeAttr(t.name)}" displayName="${escapeAttr(t.name)}" ref="${ref}" totalsRowShown="0">` +
        `<autoFilter ref="${ref}"/><tableColumns count="${names.length}">${names.map((n, i) => `<tableColumn id="${i + 1}" name="${escapeAttr(ooxmlEscape(n))}"/>`).join('')}</tableColumns>` +
        `<tableStyleInfo name="${escapeAttr(t.style ?? 'TableStyleMedium2')}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`,
    );
  }

  // sheetData, rows ascending, cells ascending.
  let hasFormulas = false;
  let maxCol = 1;
  const rowNos = [...new Set([...rows.keys(), ...heights.keys()])].sort((a, b) => a - b);
  const data: string[] = [];
  for (const r of rowNos) {
    const cells = rows.get(r);
    const cols = cells ? [...cells.keys()].sort((a, b) => a - b) : [];
    const body: string[] = [];
    for (const c of cols) {
      const spec = cells!.get(c)!;
      if (spec.value !== null && isFormula(spec.value)) hasFormulas = true;
      const xml = cellXml(colLetter(c) + r, spec, ctx, plan.name);
      if (xml) {
        body.push(xml);
        maxCol = Math.max(maxCol, c);
      }
    }
    const h = heights.get(r);
    if (body.length === 0 && h === undefined) continue;
    data.push(`<row r="${r}"${h !== undefined ? ` ht="${h}" customHeight="1"` : ''}>${body.join('')}</row>`);
  }
  const lastRow = rowNos.at(-1) ?? 1;

  const parts: string[] = [];
  const fit = plan.print && (plan.print.fitWidth > 0 || plan.print.fitHeight > 0);
  const sheetPr = `${plan.tabColor ? `<tabColor rgb="FF${plan.tabColor.replace('#', '').toUpperCase()}"/>` : ''}${fit ? '<pageSetUpPr fitToPage="1"/>' : ''}`;
  if (sheetPr) parts.push(`<sheetPr>${sheetPr}</sheetPr>`);
  parts.push(`<dimension ref="A1:${columnLetter(maxCol)}${lastRow}"/>`);
  if (plan.freeze && (plan.freeze.rows > 0 || plan.freeze.columns > 0)) {
    const { rows: fr, columns: fc } = plan.freeze;
    const pane = fr > 0 && fc > 0 ? 'bottomRight' : fr > 0 ? 'bottomLeft' : 'topRight';
    parts.push(
      `<sheetViews><sheetView workbookViewId="0"><pane${fc > 0 ? ` xSplit="${fc}"` : ''}${fr > 0 ? ` ySplit="${fr}"` : ''} topLeftCell="${columnLetter(fc + 1)}${fr + 1}" activePane="${pane}" state="frozen"/>` +
        `<selection pane="${pane}" activeCell="${columnLetter(fc + 1)}${fr + 1}" sqref="${columnLetter(fc + 1)}${fr + 1}"/></sheetView></sheetViews>`,
    );
  } else parts.push('<sheetViews><sheetView workbookViewId="0"/></sheetViews>');
  parts.push('<sheetFormatPr defaultRowHeight="15"/>');
  const cols = [...(plan.columns ?? [])].sort((a, b) => a.col - b.col);
  if (cols.length > 0) {
    parts.push(
      `<cols>${cols
        .map((c) => {
          const style = c.numberFormat ? styles.xf(undefined, c.numberFormat) : 0;
          return `<col min="${c.col}" max="${c.col}" width="${c.width ?? 9.140625}"${c.width !== undefined ? ' customWidth="1"' : ''}${c.hidden ? ' hidden="1"' : ''}${style ? ` style="${style}"` : ''}/>`;
        })
        .join('')}</cols>`,
    );
  }
  parts.push(data.length > 0 ? `<sheetData>${data.join('')}</sheetData>` : '<sheetData/>');
  if (plan.protect) parts.push(await protectionXml(plan.protect.password));
  if (plan.merges && plan.merges.length > 0) parts.push(`<mergeCells count="${plan.merges.length}">${plan.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`);
  (plan.conditionalFormats ?? []).forEach((cf, i) => {
    hasFormulas = true;
    parts.push(`<conditionalFormatting sqref="${cf.range}"><cfRule type="expression" dxfId="${styles.dxf(cf.style)}" priority="${i + 1}"><formula>${escapeText(cf.formula.replace(/^=/, ''))}</formula></cfRule></conditionalFormatting>`);
  });
  const validations = plan.validations ?? [];
  if (validations.length > 0) parts.push(`<dataValidations count="${validations.length}">${validations.map((v) => validationXml(v, ctx.date1904)).join('')}</dataValidations>`);
  if (plan.print?.centerHorizontally) parts.push('<printOptions horizontalCentered="1"/>');
  const m = { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, ...(plan.print?.margins ?? {}) };
  parts.push(`<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="0.3" footer="0.3"/>`);
  if (plan.print) {
    const p = plan.print;
    parts.push(`<pageSetup paperSize="9" orientation="${p.orientation}" fitToWidth="${p.fitWidth}" fitToHeight="${p.fitHeight}"/>`);
  }

  // Related parts: the drawing with the charts, then the tables.
  const charts = plan.charts ?? [];
  if (charts.length > 0) {
    const drawing = await chartParts(pkg, plan.name, charts);
    const id = await pkg.addRel(part, REL.drawing, drawing);
    parts.push(`<drawing r:id="${id}"/>`);
  }
  const tableIds: string[] = [];
  for (const xml of tableXmls) {
    const path = pkg.freeName((n) => `xl/tables/table${n}.xml`);
    pkg.set(path, xml);
    await pkg.setContentType(path, CT.table);
    tableIds.push(await pkg.addRel(part, REL.table, path));
  }
  if (tableIds.length > 0) parts.push(`<tableParts count="${tableIds.length}">${tableIds.map((id) => `<tablePart r:id="${id}"/>`).join('')}</tableParts>`);

  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_R}">${parts.join('')}</worksheet>`;
  return { xml, hasFormulas, printArea: plan.print?.area, printTitles: plan.print?.printTitles };
}
