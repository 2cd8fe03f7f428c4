/**
 * The workbook part (xl/workbook.xml or wherever the package puts it): its sheets, defined names,
 * date system, structure protection and conformance, read from any producer's file; and the few
 * edits a job makes — add a sheet, set our names, ask for a full recalculation, drop the calculation
 * chain — each a splice of that element (xml.ts), in the prefix the part binds to each namespace.
 */
import { XlsxError } from './errors';
import { isMain, isRelNs, isStrictUri, NS, STRICT_NS } from './ns';
import { CT, REL, relTypeIs, type OoxmlPackage } from './package';
import { attrNs, child, children, escapeAttr, escapeText, insertInOrder, parseXml, qualify, XmlEdits, type XmlElement } from './xml';

export interface SheetEntry {
  readonly name: string;
  readonly sheetId: number;
  readonly rid: string;
  /** The sheet's part, resolved through the workbook's relationships. */
  readonly part: string;
  readonly kind: 'worksheet' | 'chartsheet' | 'other';
  readonly state: 'visible' | 'hidden' | 'veryHidden';
  /**
   * The sheet's position in the workbook's own `<sheets>` list, entries whose relationship does not
   * resolve included: what `localSheetId` counts.
   */
  readonly index: number;
}

export interface DefinedName {
  readonly name: string;
  readonly value: string;
  readonly localSheetId?: number;
}

/** What the package is: the workbook part's content type decides what a file of it may be called. */
export type WorkbookKind = 'xlsx' | 'xlsm' | 'xltx' | 'xltm';

export const WORKBOOK_CT: Record<WorkbookKind, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  xltx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml',
  xlsm: 'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
  xltm: 'application/vnd.ms-excel.template.macroEnabled.main+xml',
};

export interface WorkbookModel {
  readonly path: string;
  /** Sheets whose relationship resolves, in tab order. */
  readonly sheets: readonly SheetEntry[];
  /** How many `<sheet>` entries the workbook lists (resolvable or not). */
  readonly sheetEntries: number;
  /** The largest sheetId of any entry, resolvable or not (a new sheet takes one above it). */
  readonly maxSheetId: number;
  /** The `r:id` of every entry, resolvable or not (a new relationship must not take one of them). */
  readonly entryIds: readonly string[];
  readonly names: readonly DefinedName[];
  readonly date1904: boolean;
  readonly sharedStrings?: string;
  readonly styles?: string;
  /** ISO/IEC 29500 Strict (purl.oclc.org namespaces). */
  readonly strict: boolean;
  /** `<workbookProtection lockStructure="1">`: sheets may not be added, removed or renamed. */
  readonly lockedStructure: boolean;
  readonly kind: WorkbookKind;
}

/** CT_Workbook's children in schema order. */
const WORKBOOK_ORDER = [
  'fileVersion', 'fileSharing', 'workbookPr', 'workbookProtection', 'bookViews', 'sheets', 'functionGroups', 'externalReferences',
  'definedNames', 'calcPr', 'oleSize', 'customWorkbookViews', 'pivotCaches', 'smartTagPr', 'smartTagTypes', 'webPublishing',
  'fileRecoveryPr', 'webPublishObjects', 'extLst',
];

const truthy = (v: string | undefined) => v === '1' || v === 'true';

/** The workbook element's children of the SpreadsheetML namespace (either conformance class). */
function mainChild(root: XmlElement, local: string): XmlElement | undefined {
  return root.children.find((c) => c.local === local && isMain(c.uri));
}

function mainChildren(el: XmlElement, local: string): XmlElement[] {
  return el.children.filter((c) => c.local === local && isMain(c.uri));
}

/** `r:id` in whichever prefix and class the file uses. */
function relId(el: XmlElement): string {
  return el.attributes.find((a) => a.local === 'id' && isRelNs(a.uri))?.value ?? '';
}

export async function readWorkbook(pkg: OoxmlPackage): Promise<WorkbookModel> {
  const path = await pkg.workbookPath();
  const root = parseXml(await pkg.text(path), path);
  if (!isMain(root.uri) || root.local !== 'workbook') throw new XlsxError('bad-xml', { part: path, detail: `<${root.name}>` });
  const rels = await pkg.rels(path);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheetsEl = mainChild(root, 'sheets');
  const entries = sheetsEl ? mainChildren(sheetsEl, 'sheet') : [];
  const sheets: SheetEntry[] = [];
  entries.forEach((s, index) => {
    const rid = relId(s);
    const rel = byId.get(rid);
    if (!rel || rel.external) return;
    const kind = relTypeIs(rel.type, REL.worksheet) ? 'worksheet' : rel.type.endsWith('/chartsheet') ? 'chartsheet' : 'other';
    const st = attrNs(s, 'state');
    const state = st === 'hidden' || st === 'veryHidden' ? st : 'visible';
    sheets.push({ name: attrNs(s, 'name') ?? '', sheetId: Number(attrNs(s, 'sheetId') ?? 0), rid, part: pkg.resolve(rel.target) ?? rel.target, kind, state, index });
  });
  const namesEl = mainChild(root, 'definedNames');
  const names = (namesEl ? mainChildren(namesEl, 'definedName') : []).map((d) => {
    const local = attrNs(d, 'localSheetId');
    const name = attrNs(d, 'name') ?? '';
    return local === undefined ? { name, value: d.text.trim() } : { name, value: d.text.trim(), localSheetId: Number(local) };
  });
  const pr = mainChild(root, 'workbookPr');
  const protection = mainChild(root, 'workbookProtection');
  const relOf = (type: string) => {
    const r = rels.find((x) => relTypeIs(x.type, type) && !x.external);
    return r ? pkg.resolve(r.target) : undefined;
  };
  const type = await pkg.contentTypeOf(path);
  const kind = (Object.keys(WORKBOOK_CT) as WorkbookKind[]).find((k) => WORKBOOK_CT[k] === type) ?? 'xlsx';
  return {
    path,
    sheets,
    sheetEntries: entries.length,
    entryIds: entries.map(relId),
    maxSheetId: Math.max(0, ...entries.map((e) => Number(attrNs(e, 'sheetId') ?? 0)).filter(Number.isFinite)),
    names,
    date1904: truthy(pr ? attrNs(pr, 'date1904') : undefined),
    sharedStrings: relOf(REL.sharedStrings),
    styles: relOf(REL.styles),
    strict: isStrictUri(root.uri) || attrNs(root, 'conformance') === 'strict',
    lockedStructure: truthy(protection ? attrNs(protection, 'lockStructure') : undefined),
    kind,
  };
}

/** The sheet a name such as `'调查数据'!$A$1` points at, or undefined. */
export function sheetOfRef(ref: string): string | undefined {
  const m = /^(?:'((?:[^']|'')+)'|([^!'"]+))!/.exec(ref.trim().replace(/^=/, ''));
  return m ? (m[1] ?? m[2]).replace(/''/g, "'") : undefined;
}

async function editWorkbook(pkg: OoxmlPackage, path: string, edit: (edits: XmlEdits, root: XmlElement) => void): Promise<void> {
  const xml = await pkg.text(path);
  const edits = new XmlEdits(xml);
  edit(edits, parseXml(xml, path));
  if (edits.changed) pkg.set(path, edits.apply());
}

/** Adds a worksheet part as the last sheet; returns its entry. */
export async function addSheet(pkg: OoxmlPackage, model: WorkbookModel, name: string, part: string): Promise<SheetEntry> {
  // An entry whose r:id resolves to nothing must not come to point at our sheet.
  const rid = await pkg.addRel(model.path, REL.worksheet, part, new Set(model.entryIds));
  await pkg.setContentType(part, CT.worksheet);
  const sheetId = model.maxSheetId + 1;
  await editWorkbook(pkg, model.path, (edits, root) => {
    const sheet = qualify(root, root.uri, 'sheet');
    const r = qualify(root, NS.r, 'id', true);
    const el = `<${sheet.name}${r.decl} name="${escapeAttr(name)}" sheetId="${sheetId}" ${r.name}="${rid}"/>`;
    const sheets = mainChild(root, 'sheets');
    if (sheets) edits.append(sheets, el);
    else insertInOrder(edits, root, 'sheets', WORKBOOK_ORDER, `<${qualify(root, root.uri, 'sheets').name}>${el}</${qualify(root, root.uri, 'sheets').name}>`);
  });
  return { name, sheetId, rid, part, kind: 'worksheet', state: 'visible', index: model.sheetEntries };
}

/**
 * Sets the names a render defines, each of them ours: a definition of the same name and scope is
 * replaced only when `isOurs` says the one there is ours too (a marker, or a name scoped to or
 * pointing at a sheet we own); a user's own name is never replaced or removed — ours is then left out.
 * Returns the names left out.
 */
export async function setDefinedNames(pkg: OoxmlPackage, path: string, items: readonly DefinedName[], isOurs: (existing: DefinedName) => boolean): Promise<DefinedName[]> {
  const skipped: DefinedName[] = [];
  if (items.length === 0) return skipped;
  await editWorkbook(pkg, path, (edits, root) => {
    const container = mainChild(root, 'definedNames');
    const key = (n: string, local: number | undefined) => `${n.toLowerCase()}|${local ?? ''}`;
    const existing = new Map<string, { el: XmlElement; name: DefinedName }>();
    for (const d of container ? mainChildren(container, 'definedName') : []) {
      const local = attrNs(d, 'localSheetId');
      const name: DefinedName = local === undefined ? { name: attrNs(d, 'name') ?? '', value: d.text.trim() } : { name: attrNs(d, 'name') ?? '', value: d.text.trim(), localSheetId: Number(local) };
      existing.set(key(name.name, name.localSheetId), { el: d, name });
    }
    const tag = qualify(root, root.uri, 'definedName').name;
    let added = '';
    for (const item of items) {
      const there = existing.get(key(item.name, item.localSheetId));
      if (there && !isOurs(there.name)) {
        skipped.push(item);
        continue;
      }
      const xml = `<${tag} name="${escapeAttr(item.name)}"${item.localSheetId === undefined ? '' : ` localSheetId="${item.localSheetId}"`}>${escapeText(item.value)}</${tag}>`;
      if (there) {
        edits.replaceElement(there.el, xml);
        existing.delete(key(item.name, item.localSheetId));
      } else added += xml;
    }
    if (!added) return;
    if (container) edits.append(container, added);
    else {
      const wrap = qualify(root, root.uri, 'definedNames').name;
      insertInOrder(edits, root, 'definedNames', WORKBOOK_ORDER, `<${wrap}>${added}</${wrap}>`);
    }
  });
  return skipped;
}

/** Asks Excel (and LibreOffice, WPS) to recalculate every formula on opening. */
export async function setFullCalcOnLoad(pkg: OoxmlPackage, path: string): Promise<void> {
  await editWorkbook(pkg, path, (edits, root) => {
    const calc = mainChild(root, 'calcPr');
    if (calc) {
      if (!truthy(attrNs(calc, 'fullCalcOnLoad'))) edits.setAttr(calc, 'fullCalcOnLoad', '1');
      return;
    }
    insertInOrder(edits, root, 'calcPr', WORKBOOK_ORDER, `<${qualify(root, root.uri, 'calcPr').name} fullCalcOnLoad="1"/>`);
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

/**
 * `docProps/app.xml` lists the sheets (TitlesOfParts, counted by HeadingPairs). When the sheets
 * change we leave both lists out rather than keep a stale one: they are optional, and Excel writes
 * them afresh on its next save. Every other property of the part stays as it was.
 */
export async function dropSheetLists(pkg: OoxmlPackage): Promise<void> {
  const rel = (await pkg.rels('')).find((r) => relTypeIs(r.type, REL.extendedProperties) && !r.external);
  const path = rel ? pkg.resolve(rel.target) : undefined;
  if (!path) return;
  const xml = await pkg.text(path);
  const root = parseXml(xml, path);
  const edits = new XmlEdits(xml);
  for (const c of root.children) {
    if ((c.uri === NS.extended || c.uri === STRICT_NS.extended) && (c.local === 'TitlesOfParts' || c.local === 'HeadingPairs')) edits.remove(c);
  }
  if (edits.changed) pkg.set(path, edits.apply());
}

export { child, children };
