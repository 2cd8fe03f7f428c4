/**
 * Document properties: the core ones (title, subject, keywords, category — only where the user left
 * them empty — and modified) edited in place in docProps/core.xml, and custom ones (docProps/custom.xml) merged by name — the user's own
 * properties stay, ours are replaced or added. Parts are created, with their relationship and
 * content type, when the package has none.
 */
import { isOwnCoreProperty } from '../../plan';
import { NS } from './ns';
import { CT, REL, relTypeIs, type OoxmlPackage } from './package';
import { attrNs, child, children, escapeAttr, escapeText, parseXml, qualify, XmlEdits } from './xml';

const FMTID = '{D5CDD505-2E9C-101B-9397-08002B2CF9AE}';
const NS_DCTERMS = 'http://purl.org/dc/terms/';
const CT_CORE = 'application/vnd.openxmlformats-package.core-properties+xml';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

async function partOf(pkg: OoxmlPackage, type: string): Promise<string | undefined> {
  const rel = (await pkg.rels('')).find((r) => relTypeIs(r.type, type) && !r.external);
  return rel ? pkg.resolve(rel.target) : undefined;
}

export interface CoreProperties {
  readonly title?: string;
  readonly subject?: string;
  readonly keywords?: string;
  readonly category?: string;
}

/**
 * Sets the core properties a job gives — only those empty or written by us before (isOwnCoreProperty):
 * a title, subject, keywords or category of the user's is a record of theirs and stays. `modified` is updated.
 */
export async function setCoreProperties(pkg: OoxmlPackage, props: CoreProperties, now: Date): Promise<void> {
  let path = await partOf(pkg, REL.coreProperties);
  if (!path) {
    path = 'docProps/core.xml';
    pkg.set(path, `${XML}<cp:coreProperties xmlns:cp="${NS.cp}" xmlns:dc="${NS.dc}" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"></cp:coreProperties>`);
    await pkg.setContentType(path, CT_CORE);
    await pkg.addRel('', REL.coreProperties, path);
  }
  const xml = await pkg.text(path);
  const root = parseXml(xml, path);
  const edits = new XmlEdits(xml);
  const wanted: [string, string, string | undefined][] = [
    [NS.dc, 'title', props.title],
    [NS.dc, 'subject', props.subject],
    [NS.cp, 'keywords', props.keywords],
    [NS.cp, 'category', props.category],
  ];
  let appended = '';
  const decls = new Map<string, string>();
  for (const [uri, local, value] of wanted) {
    if (value === undefined) continue;
    const el = child(root, local, uri);
    if (el && !isOwnCoreProperty(local as keyof CoreProperties, el.text)) continue;
    const q = qualify(root, uri, local);
    const name = q.decl ? `${local === 'title' || local === 'subject' ? 'dc' : 'cp'}:${local}` : q.name;
    if (q.decl) decls.set(uri, ` xmlns:${name.slice(0, name.indexOf(':'))}="${uri}"`);
    if (el) edits.setContent(el, escapeText(value));
    else appended += `<${name}>${escapeText(value)}</${name}>`;
  }
  const modified = child(root, 'modified', NS_DCTERMS);
  if (modified && !modified.selfClosing) edits.replace(modified.openEnd, modified.closeStart, `${now.toISOString().slice(0, 19)}Z`);
  for (const decl of decls.values()) edits.declare(root, decl);
  if (appended) edits.append(root, appended);
  if (edits.changed) pkg.set(path, edits.apply());
}

/** Adds or replaces custom properties by name; the user's other properties stay as they are. */
export async function setCustomProperties(pkg: OoxmlPackage, props: Readonly<Record<string, string>>): Promise<void> {
  const entries = Object.entries(props);
  if (entries.length === 0) return;
  let path = await partOf(pkg, REL.customProperties);
  if (!path) {
    path = 'docProps/custom.xml';
    pkg.set(path, `${XML}<Properties xmlns="${NS.custom}" xmlns:vt="${NS.vt}"></Properties>`);
    await pkg.setContentType(path, CT.customProperties);
    await pkg.addRel('', REL.customProperties, path);
  }
  const xml = await pkg.text(path);
  const root = parseXml(xml, path);
  const edits = new XmlEdits(xml);
  const vt = qualify(root, NS.vt, 'lpwstr');
  const tag = qualify(root, root.uri, 'property').name;
  const properties = children(root, 'property', root.uri);
  let pid = Math.max(1, ...properties.map((c) => Number(attrNs(c, 'pid') ?? 0)));
  let appended = '';
  for (const [name, value] of entries) {
    // Property names are case-insensitive (Excel keeps one of `Period` and `period`).
    const old = properties.find((c) => (attrNs(c, 'name') ?? '').toLowerCase() === name.toLowerCase());
    const element = (id: number) => `<${tag} fmtid="${FMTID}" pid="${id}" name="${escapeAttr(name)}"><${vt.name}${vt.decl}>${escapeText(value)}</${vt.name}></${tag}>`;
    if (old) edits.replaceElement(old, element(Number(attrNs(old, 'pid'))));
    else appended += element(++pid);
  }
  if (appended) edits.append(root, appended);
  pkg.set(path, edits.apply());
}

/** The custom properties of a package (text values), for reading back what was written. */
export async function readCustomProperties(pkg: OoxmlPackage): Promise<Record<string, string>> {
  const path = await partOf(pkg, REL.customProperties);
  const out: Record<string, string> = {};
  if (!path) return out;
  const root = parseXml(await pkg.text(path), path);
  for (const p of children(root, 'property', root.uri)) {
    const value = p.children[0];
    const name = attrNs(p, 'name');
    if (name && value) out[name] = value.text;
  }
  return out;
}

export { child };
