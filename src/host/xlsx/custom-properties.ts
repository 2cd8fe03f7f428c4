/**
 * Document properties: the core ones (title, subject, keywords, category, modified) edited in place
 * in docProps/core.xml, and custom ones (docProps/custom.xml) merged by name — the user's own
 * properties stay, ours are replaced or added. Parts are created, with their relationship and
 * content type, when the package has none.
 */
import { CT, REL, relTypeIs, type OoxmlPackage } from './package';
import { child, escapeAttr, escapeText, parseXml, splice, type Splice } from './xml';

const FMTID = '{D5CDD505-2E9C-101B-9397-08002B2CF9AE}';
const NS_CUSTOM = 'http://schemas.openxmlformats.org/officeDocument/2006/custom-properties';
const NS_VT = 'http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes';
const NS_CP = 'http://schemas.openxmlformats.org/package/2006/metadata/core-properties';
const NS_DC = 'http://purl.org/dc/elements/1.1/';
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

export async function setCoreProperties(pkg: OoxmlPackage, props: CoreProperties, now: Date): Promise<void> {
  let path = await partOf(pkg, REL.coreProperties);
  if (!path) {
    path = 'docProps/core.xml';
    pkg.set(path, `${XML}<cp:coreProperties xmlns:cp="${NS_CP}" xmlns:dc="${NS_DC}" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"></cp:coreProperties>`);
    await pkg.setContentType(path, CT_CORE);
    await pkg.addRel('', REL.coreProperties, path);
  }
  const xml = await pkg.text(path);
  const root = parseXml(xml, path);
  const prefixOf = (ns: string, fallback: string) => Object.entries(root.attrs).find(([k, v]) => k.startsWith('xmlns:') && v === ns)?.[0].slice(6) ?? fallback;
  const decls: string[] = [];
  const need = (ns: string, fallback: string) => {
    const p = prefixOf(ns, '');
    if (p) return p;
    decls.push(` xmlns:${fallback}="${ns}"`);
    return fallback;
  };
  const dc = need(NS_DC, 'dc');
  const cp = need(NS_CP, 'cp');
  const wanted: [string, string | undefined][] = [
    [`${dc}:title`, props.title],
    [`${dc}:subject`, props.subject],
    [`${cp}:keywords`, props.keywords],
    [`${cp}:category`, props.category],
  ];
  const edits: Splice[] = [];
  let appended = '';
  for (const [name, value] of wanted) {
    if (value === undefined) continue;
    const el = root.children.find((c) => c.name === name);
    const text = `<${name}>${escapeText(value)}</${name}>`;
    if (el) edits.push({ from: el.start, to: el.end, text });
    else appended += text;
  }
  const modified = root.children.find((c) => c.local === 'modified');
  if (modified && !modified.selfClosing) edits.push({ from: modified.openEnd, to: modified.closeStart, text: `${now.toISOString().slice(0, 19)}Z` });
  if (decls.length > 0) edits.push({ from: root.openEnd - 1, to: root.openEnd - 1, text: decls.join('') });
  if (root.selfClosing) {
    edits.push({ from: root.openEnd - 2, to: root.openEnd, text: `>${appended}</${root.name}>` });
  } else if (appended) edits.push({ from: root.closeStart, to: root.closeStart, text: appended });
  if (edits.length > 0) pkg.set(path, splice(xml, edits));
}

export async function setCustomProperties(pkg: OoxmlPackage, props: Readonly<Record<string, string>>): Promise<void> {
  const entries = Object.entries(props);
  if (entries.length === 0) return;
  let path = await partOf(pkg, REL.customProperties);
  if (!path) {
    path = 'docProps/custom.xml';
    pkg.set(path, `${XML}<Properties xmlns="${NS_CUSTOM}" xmlns:vt="${NS_VT}"></Properties>`);
    await pkg.setContentType(path, CT.customProperties);
    await pkg.addRel('', REL.customProperties, path);
  }
  const xml = await pkg.text(path);
  const root = parseXml(xml, path);
  const vt = Object.entries(root.attrs).find(([k, v]) => k.startsWith('xmlns:') && v === NS_VT)?.[0].slice(6);
  const vtDecl = vt ? '' : ` xmlns:vt="${NS_VT}"`;
  const v = vt ?? 'vt';
  const tag = root.prefix ? `${root.prefix}:property` : 'property';
  let pid = Math.max(1, ...root.children.map((c) => Number(c.attrs.pid ?? 0)));
  const edits: Splice[] = [];
  let appended = '';
  for (const [name, value] of entries) {
    const old = root.children.find((c) => c.local === 'property' && c.attrs.name === name);
    const element = (id: number) => `<${tag} fmtid="${FMTID}" pid="${id}" name="${escapeAttr(name)}"><${v}:lpwstr${vtDecl}>${escapeText(value)}</${v}:lpwstr></${tag}>`;
    if (old) edits.push({ from: old.start, to: old.end, text: element(Number(old.attrs.pid)) });
    else appended += element(++pid);
  }
  if (root.selfClosing) edits.push({ from: root.openEnd - 2, to: root.openEnd, text: `>${appended}</${root.name}>` });
  else if (appended) edits.push({ from: root.closeStart, to: root.closeStart, text: appended });
  pkg.set(path, splice(xml, edits));
}

/** The custom properties of a package (text values), for reading back what was written. */
export async function readCustomProperties(pkg: OoxmlPackage): Promise<Record<string, string>> {
  const path = await partOf(pkg, REL.customProperties);
  const out: Record<string, string> = {};
  if (!path) return out;
  const root = parseXml(await pkg.text(path), path);
  for (const p of root.children.filter((c) => c.local === 'property')) {
    const value = p.children[0];
    if (p.attrs.name && value) out[p.attrs.name] = value.text;
  }
  return out;
}

export { child };
