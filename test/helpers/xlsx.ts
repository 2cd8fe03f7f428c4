/**
 * Test helpers over the package-editor gateway: edit cells as a user would, add a user's own sheet,
 * read cells and a sheet's XML back, reopen a saved workbook (validating it first); and read what a
 * file says beyond cell values — a cell's formula, data validations, sheet settings (panes, page
 * setup, protection), document properties, a sheet's charts — from the parts themselves.
 */
import type { CellValue } from '../../src/domain';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { readWorkbook } from '../../src/host/xlsx/workbook';
import { parseCell, parseRange, type PlanValue } from '../../src/plan';
import { expectValidXlsx } from './validate-xlsx';

/**
 * Writes cells (`{ G2: '满意' }`) into an existing sheet, as a user typing them would; nothing else
 * changes (a table header typed over renames its column, as in Excel — the gateway does that).
 */
export async function setCells(gw: XlsxGateway, sheet: string, cells: Record<string, PlanValue>): Promise<void> {
  const blocks = Object.entries(cells).map(([at, v]) => ({ at, values: [[v]] }));
  await gw.render({ sheets: [{ name: sheet, owner: '', update: true, blocks }] });
}

/** Adds a sheet the add-in does not own (no owner mark), with values from A1. */
export async function addUserSheet(gw: XlsxGateway, name: string, rows: readonly (readonly PlanValue[])[]): Promise<void> {
  await gw.render({ sheets: [{ name, owner: '', blocks: rows.length > 0 ? [{ at: 'A1', values: rows }] : [] }] });
}

/** One cell's value as the gateway reads it. */
export async function cellOf(gw: XlsxGateway, sheet: string, a1: string): Promise<CellValue> {
  return (await gw.readRange(sheet, `${a1}:${a1}`))[0][0];
}

/** Saves, checks the file is valid OOXML, and opens it again. */
export async function reopen(gw: XlsxGateway, label?: string): Promise<XlsxGateway> {
  const bytes = await gw.save();
  expectValidXlsx(bytes, label);
  return XlsxGateway.open(bytes);
}

/** The XML of a sheet's part, by sheet name. */
export async function sheetXml(gw: XlsxGateway, sheet: string): Promise<string> {
  const wb = await readWorkbook(gw.pkg);
  const entry = wb.sheets.find((s) => s.name === sheet);
  if (!entry) throw new Error(`no sheet ${sheet}`);
  return gw.pkg.text(entry.part);
}

/** The sheet names in tab order. */
export async function sheetNames(gw: XlsxGateway): Promise<string[]> {
  return gw.sheetNames();
}

/** XML-unescapes an attribute value or text node (the five entities and numeric references). */
function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#\d+);/g, (_m, e: string) =>
    e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'amp' ? '&' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))),
  );
}

/** The attributes of a start tag, by local name, unescaped. */
function attrsOf(startTag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of startTag.matchAll(/\s(?:[\w.-]+:)?([\w.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]] = unescapeXml(m[2] ?? m[3]);
  return out;
}

/** A data validation as written in a sheet (`<dataValidation>`): its attributes, formulas and cells. */
export interface SheetValidation {
  readonly attrs: Record<string, string>;
  readonly type?: string;
  readonly sqref: string;
  readonly formula1?: string;
  readonly formula2?: string;
}

/** Every `<dataValidation>` of a sheet's XML (any prefix; `xm:sqref` children as Excel's x14 extension writes them). */
export function validationsIn(xml: string): SheetValidation[] {
  const out: SheetValidation[] = [];
  for (const m of xml.matchAll(/<((?:[\w.-]+:)?dataValidation)(\s[^>]*?)?(\/>|>([\s\S]*?)<\/\1>)/g)) {
    const attrs = attrsOf(m[2] ?? '');
    const body = m[4] ?? '';
    const text = (tag: string) => {
      const t = new RegExp(`<(?:[\\w.-]+:)?${tag}\\b[^>]*>([\\s\\S]*?)</(?:[\\w.-]+:)?${tag}>`).exec(body)?.[1];
      return t === undefined ? undefined : unescapeXml(t.replace(/<\/?(?:[\w.-]+:)?f>/g, '').trim());
    };
    out.push({ attrs, type: attrs.type, sqref: attrs.sqref ?? text('sqref') ?? '', formula1: text('formula1'), formula2: text('formula2') });
  }
  return out;
}

/** Whether a cell (`G2`) lies in an sqref (`G2:T1000 V2`). */
export function sqrefCovers(sqref: string, a1: string): boolean {
  const c = parseCell(a1);
  return sqref
    .split(/\s+/)
    .filter(Boolean)
    .some((r) => {
      const { start, end } = parseRange(r);
      return c.row >= start.row && c.row <= end.row && c.col >= start.col && c.col <= end.col;
    });
}

/** The data validation that applies to a cell of a sheet, or undefined. */
export async function validationAt(gw: XlsxGateway, sheet: string, a1: string): Promise<SheetValidation | undefined> {
  return validationsIn(await sheetXml(gw, sheet)).find((v) => sqrefCovers(v.sqref, a1));
}

/** A cell's XML element (`<c r="Y2" …>…</c>`) in a sheet, or undefined when the sheet has no such cell. */
export async function cellXmlAt(gw: XlsxGateway, sheet: string, a1: string): Promise<string | undefined> {
  const xml = await sheetXml(gw, sheet);
  const re = new RegExp(`<((?:[\\w.-]+:)?c)\\s[^>]*?\\br="${a1}"[^>]*?(?:/>|>[\\s\\S]*?</\\1>)`);
  return re.exec(xml)?.[0];
}

/** The formula of a cell as stored in the file (no leading `=`), or undefined when it holds none. */
export async function formulaAt(gw: XlsxGateway, sheet: string, a1: string): Promise<string | undefined> {
  const c = await cellXmlAt(gw, sheet, a1);
  const f = c && /<(?:[\w.-]+:)?f\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?f>/.exec(c);
  return f ? unescapeXml(f[1]) : undefined;
}

/** The attributes of a sheet's first top-level element of that local name (`pane`, `pageSetup`, `sheetProtection`…), or undefined. */
export async function sheetElement(gw: XlsxGateway, sheet: string, local: string): Promise<Record<string, string> | undefined> {
  const m = new RegExp(`<(?:[\\w.-]+:)?${local}(\\s[^>]*?)?/?>`).exec(await sheetXml(gw, sheet));
  return m ? attrsOf(m[1] ?? '') : undefined;
}

/** The core document properties (docProps/core.xml), by local name: title, subject, keywords, category, creator… */
export async function coreProperties(gw: XlsxGateway): Promise<Record<string, string>> {
  const rel = (await gw.pkg.rels('')).find((r) => r.type.endsWith('/metadata/core-properties'));
  if (!rel || !gw.pkg.has(rel.target)) return {};
  const xml = await gw.pkg.text(rel.target);
  const out: Record<string, string> = {};
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?([\w.-]+)(?:\s[^>]*)?>([^<]*)<\/(?:[\w.-]+:)?\1>/g)) out[m[1]] = unescapeXml(m[2]);
  return out;
}

/** The charts a sheet shows through its drawing: chart part path → the part's XML. */
export async function sheetCharts(gw: XlsxGateway, sheet: string): Promise<Map<string, string>> {
  const entry = (await readWorkbook(gw.pkg)).sheets.find((s) => s.name === sheet);
  if (!entry) throw new Error(`no sheet ${sheet}`);
  const out = new Map<string, string>();
  for (const d of await gw.pkg.rels(entry.part)) {
    if (d.external || !d.type.endsWith('/drawing')) continue;
    for (const c of await gw.pkg.rels(d.target)) if (!c.external && c.type.endsWith('/chart')) out.set(c.target, await gw.pkg.text(c.target));
  }
  return out;
}
