/**
 * The workbook part (xl/workbook.xml or wherever the package puts it): its sheets, defined names and
 * date system, read from any producer's file; and the few edits a job makes — add a sheet, set a
 * name, ask for a full recalculation, drop the calculation chain — each a splice of that element.
 */
import { XlsxError } from './errors';
import { CT, REL, relTypeIs, type OoxmlPackage } from './package';
import { attrLocal, child, children, escapeAttr, escapeText, insertionPoint, parseXml, qname, splice, type XmlElement } from './xml';

export interface SheetEntry {
  readonly name: string;
  readonly sheetId: number;
  readonly rid: string;
  /** The sheet's part, resolved through the workbook's relationships. */
  readonly part: string;
  readonly kind: 'worksheet' | 'chartsheet' | 'other';
  readonly state: 'visible' | 'hidden' | 'veryHidden';
}

export interface DefinedName {
  readonly name: string;
  readonly value: string;
  readonly localSheetId?: number;
}

export interface WorkbookModel {
  readonly path: string;
  readonly sheets: readonly SheetEntry[];
  readonly names: readonly DefinedName[];
  readonly date1904: boolean;
  readonly sharedStrings?: string;
  readonly styles?: string;
}

/** CT_Workbook's children in schema order. */
const WORKBOOK_ORDER = [
  'fileVersion', 'fileSharing', 'workbookPr', 'workbookProtection', 'bookViews', 'sheets', 'functionGroups', 'externalReferences',
  'definedNames', 'calcPr', 'oleSize', 'customWorkbookViews', 'pivotCaches', 'smartTagPr', 'smartTagTypes', 'webPublishing',
  'fileRecoveryPr', 'webPublishObjects', 'extLst',
];

const truthy = (v: string | undefined) => v === '1' || v === 'true';

export async function readWorkbook(pkg: OoxmlPackage): Promise<WorkbookModel> {
  const path = await pkg.workbookPath();
  const root = parseXml(await pkg.text(path), path);
  const rels = await pkg.rels(path);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheetsEl = child(root, 'sheets');
  const sheets: SheetEntry[] = [];
  for (const s of sheetsEl ? children(sheetsEl, 'sheet') : []) {
    const rid = attrLocal(s, 'id') ?? '';
    const rel = byId.get(rid);
    if (!rel) continue;
    const kind = relTypeIs(rel.type, REL.worksheet) ? 'worksheet' : rel.type.endsWith('/chartsheet') ? 'chartsheet' : 'other';
    const state = s.attrs.state === 'hidden' || s.attrs.state === 'veryHidden' ? s.attrs.state : 'visible';
    sheets.push({ name: s.attrs.name ?? '', sheetId: Number(s.attrs.sheetId ?? 0), rid, part: pkg.resolve(rel.target) ?? rel.target, kind, state });
  }
  const namesEl = child(root, 'definedNames');
  const names = (namesEl ? children(namesEl, 'definedName') : []).map((d) => {
    const local = d.attrs.localSheetId;
    return local === undefined ? { name: d.attrs.name ?? '', value: d.text.trim() } : { name: d.attrs.name ?? '', value: d.text.trim(), localSheetId: Number(local) };
  });
  const pr = child(root, 'workbookPr');
  const relOf = (type: string) => {
    const r = rels.find((x) => relTypeIs(x.type, type) && !x.external);
    return r ? pkg.resolve(r.target) : undefined;
  };
  return { path, sheets, names, date1904: truthy(pr?.attrs.date1904), sharedStrings: relOf(REL.sharedStrings), styles: relOf(REL.styles) };
}

/** The sheet a name such as `'调查数据'!$A$1` points at, or undefined. */
export function sheetOfRef(ref: string): string | undefined {
  const m = /^(?:'((?:[^']|'')+)'|([^!'"]+))!/.exec(ref.trim().replace(/^=/, ''));
  return m ? (m[1] ?? m[2]).replace(/''/g, "'") : undefined;
}

async function editWorkbook(pkg: OoxmlPackage, path: string, edit: (xml: string, root: XmlElement) => string): Promise<void> {
  const xml = await pkg.text(path);
  pkg.set(path, edit(xml, parseXml(xml, path)));
}

/** Opens a self-closing element as `<x ...></x>` so children can go in, returning the new text. */
function ensureContainer(xml: string, root: XmlElement, local: string): string {
  const el = child(root, local);
  if (el && !el.selfClosing) return xml;
  if (el) {
    const open = xml.slice(el.start, el.openEnd).replace(/\s*\/>$/, '>');
    return splice(xml, [{ from: el.start, to: el.end, text: `${open}</${el.name}>` }]);
  }
  const at = insertionPoint(root, local, WORKBOOK_ORDER);
  const name = qname(root.prefix, local);
  return splice(xml, [{ from: at, to: at, text: `<${name}></${name}>` }]);
}

/** Adds a worksheet part as the last sheet; returns its entry. */
export async function addSheet(pkg: OoxmlPackage, model: WorkbookModel, name: string, part: string): Promise<SheetEntry> {
  const rid = await pkg.addRel(model.path, REL.worksheet, part);
  await pkg.setContentType(part, CT.worksheet);
  const sheetId = Math.max(0, ...model.sheets.map((s) => s.sheetId)) + 1;
  await editWorkbook(pkg, model.path, (xml, root) => {
    const opened = ensureContainer(xml, root, 'sheets');
    const again = parseXml(opened, model.path);
    const sheets = child(again, 'sheets')!;
    const rPrefix = relPrefix(again);
    const el = `<${qname(again.prefix, 'sheet')} name="${escapeAttr(name)}" sheetId="${sheetId}" ${rPrefix.decl}${rPrefix.prefix}:id="${rid}"/>`;
    return splice(opened, [{ from: sheets.closeStart, to: sheets.closeStart, text: el }]);
  });
  return { name, sheetId, rid, part, kind: 'worksheet', state: 'visible' };
}

const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The prefix the workbook binds to the relationships namespace (declaring `r` when it binds none). */
function relPrefix(root: XmlElement): { prefix: string; decl: string } {
  for (const [k, v] of Object.entries(root.attrs)) if (k.startsWith('xmlns:') && (v === NS_R || v === 'http://purl.oclc.org/ooxml/officeDocument/relationships')) return { prefix: k.slice(6), decl: '' };
  return { prefix: 'r', decl: `xmlns:r="${NS_R}" ` };
}

/**
 * Defines `name` (workbook scope, or a sheet's when `localSheetId` is given), replacing any
 * definition of the same name and scope; other names are left exactly as they are.
 */
export async function setDefinedNames(pkg: OoxmlPackage, path: string, items: readonly DefinedName[]): Promise<void> {
  if (items.length === 0) return;
  await editWorkbook(pkg, path, (xml, root) => {
    const opened = ensureContainer(xml, root, 'definedNames');
    const again = parseXml(opened, path);
    const container = child(again, 'definedNames')!;
    const key = (n: string, local: number | undefined) => `${n.toLowerCase()}|${local ?? ''}`;
    const wanted = new Map(items.map((i) => [key(i.name, i.localSheetId), i]));
    const edits = children(container, 'definedName')
      .filter((d) => wanted.has(key(d.attrs.name ?? '', d.attrs.localSheetId === undefined ? undefined : Number(d.attrs.localSheetId))))
      .map((d) => ({ from: d.start, to: d.end, text: '' }));
    const tag = qname(again.prefix, 'definedName');
    const added = items
      .map((i) => `<${tag} name="${escapeAttr(i.name)}"${i.localSheetId === undefined ? '' : ` localSheetId="${i.localSheetId}"`}>${escapeText(i.value)}</${tag}>`)
      .join('');
    return splice(opened, [...edits, { from: container.closeStart, to: container.closeStart, text: added }]);
  });
}

/** Asks Excel (and LibreOffice, WPS) to recalculate every formula on opening. */
export async function setFullCalcOnLoad(pkg: OoxmlPackage, path: string): Promise<void> {
  await editWorkbook(pkg, path, (xml, root) => {
    const calc = child(root, 'calcPr');
    if (calc) {
      if (calc.attrs.fullCalcOnLoad === '1' || calc.attrs.fullCalcOnLoad === 'true') return xml;
      const open = xml.slice(calc.start, calc.openEnd).replace(/\s+fullCalcOnLoad="[^"]*"/, '');
      const tagEnd = open.endsWith('/>') ? open.length - 2 : open.length - 1;
      return splice(xml, [{ from: calc.start, to: calc.openEnd, text: `${open.slice(0, tagEnd).trimEnd()} fullCalcOnLoad="1"${open.slice(tagEnd)}` }]);
    }
    const at = insertionPoint(root, 'calcPr', WORKBOOK_ORDER);
    return splice(xml, [{ from: at, to: at, text: `<${qname(root.prefix, 'calcPr')} fullCalcOnLoad="1"/>` }]);
  });
}

/** Drops the calculation chain (Excel rebuilds it); a stale chain is what makes Excel "repair" a file. */
export async function dropCalcChain(pkg: OoxmlPackage, path: string): Promise<void> {
  const rels = await pkg.rels(path);
  const chain = rels.filter((r) => relTypeIs(r.type, REL.calcChain));
  if (chain.length === 0) return;
  for (const r of chain) pkg.remove(r.target);
  await pkg.removeRels(path, new Set(chain.map((r) => r.id)));
  await pkg.removeContentTypes(chain.map((r) => r.target));
}

export function requireSheet(model: WorkbookModel, name: string): SheetEntry {
  const s = model.sheets.find((x) => x.name === name);
  if (!s || s.kind !== 'worksheet') throw new XlsxError('no-sheet', { sheet: name });
  return s;
}
