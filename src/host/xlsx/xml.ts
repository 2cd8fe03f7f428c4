/**
 * XML for the package editor: escaping (XML's and OOXML's own `_xHHHH_`), a small element tree with
 * source offsets for the package's small parts (so an edit splices text and leaves every other byte
 * as it was), and splicing. Parsing is saxes (strict, no DTD processing); a DOCTYPE is refused
 * outright — OOXML parts never carry one, and entity expansion is how XML bombs work.
 */
import { SaxesParser } from 'saxes';
import { XlsxError } from './errors';

export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

/**
 * OOXML string escaping (ECMA-376 Part 1, §22.4.2.4 ST_Xstring): characters XML 1.0 cannot carry
 * are written `_xHHHH_`, and a literal `_xHHHH_` in the text has its underscore escaped as `_x005F_`
 * so a reader does not turn it into a character.
 */
export function ooxmlEscape(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

export function ooxmlUnescape(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>_\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** Text of a string cell: escaped for XML, with xml:space kept when spaces at either end matter. */
export function textElement(tag: string, s: string): string {
  const body = NEEDS_ESCAPE.test(s) ? escapeText(ooxmlEscape(s)) : s;
  const c0 = s.charCodeAt(0);
  const cn = s.charCodeAt(s.length - 1);
  const space = c0 <= 32 || cn <= 32 || c0 === 0x3000 || cn === 0x3000 || /^\s|\s$/.test(s);
  return space ? `<${tag} xml:space="preserve">${body}</${tag}>` : `<${tag}>${body}</${tag}>`;
}

export interface XmlElement {
  /** Qualified name as written, e.g. `x:sheet`. */
  readonly name: string;
  /** Name without its prefix. */
  readonly local: string;
  /** Prefix as written (`''` for none). */
  readonly prefix: string;
  /** Attributes by qualified name, decoded. */
  readonly attrs: Readonly<Record<string, string>>;
  /** Offset of `<` of the start tag. */
  readonly start: number;
  /** Offset just after the start tag's `>`. */
  readonly openEnd: number;
  /** Offset of `<` of the end tag (equals `end` for a self-closing element). */
  closeStart: number;
  /** Offset just after the element. */
  end: number;
  readonly selfClosing: boolean;
  readonly children: XmlElement[];
  /** Character data directly inside the element (decoded). */
  text: string;
}

function localOf(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** Refuses what no OOXML part contains and what XML attacks need. */
export function onDoctype(part: string): never {
  throw new XlsxError('doctype', { part });
}

/** Parses a (small) part into an element tree with offsets into `text`. */
export function parseXml(text: string, part: string): XmlElement {
  const parser = new SaxesParser({ position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let pendingStart = 0;
  parser.on('doctype', () => onDoctype(part));
  parser.on('opentagstart', () => {
    pendingStart = text.lastIndexOf('<', parser.position - 1);
  });
  parser.on('opentag', (tag) => {
    const el: XmlElement = {
      name: tag.name,
      local: localOf(tag.name),
      prefix: tag.name.includes(':') ? tag.name.slice(0, tag.name.indexOf(':')) : '',
      attrs: tag.attributes as Record<string, string>,
      start: pendingStart,
      openEnd: parser.position,
      closeStart: parser.position,
      end: parser.position,
      selfClosing: tag.isSelfClosing,
      children: [],
      text: '',
    };
    if (stack.length > 0) stack[stack.length - 1].children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('closetag', (tag) => {
    const el = stack.pop()!;
    if (!tag.isSelfClosing) {
      el.end = parser.position;
      el.closeStart = text.lastIndexOf('<', parser.position - 1);
    }
  });
  parser.on('text', (t) => {
    if (stack.length > 0) stack[stack.length - 1].text += t;
  });
  parser.on('cdata', (t) => {
    if (stack.length > 0) stack[stack.length - 1].text += t;
  });
  try {
    parser.write(text).close();
  } catch (e) {
    if (e instanceof XlsxError) throw e;
    throw new XlsxError('bad-xml', { part, detail: (e as Error).message.split('\n')[0] });
  }
  if (!root) throw new XlsxError('bad-xml', { part, detail: 'no root element' });
  return root;
}

export function child(el: XmlElement, local: string): XmlElement | undefined {
  return el.children.find((c) => c.local === local);
}

export function children(el: XmlElement, local: string): XmlElement[] {
  return el.children.filter((c) => c.local === local);
}

/** The attribute by local name (ignoring its prefix), e.g. `id` finds `r:id`. */
export function attrLocal(el: XmlElement, local: string): string | undefined {
  for (const [k, v] of Object.entries(el.attrs)) if (localOf(k) === local && !k.startsWith('xmlns')) return v;
  return undefined;
}

/** The qualified name to write for a new element beside `sibling`'s prefix. */
export function qname(prefix: string, local: string): string {
  return prefix ? `${prefix}:${local}` : local;
}

export interface Splice {
  readonly from: number;
  readonly to: number;
  readonly text: string;
}

/** Applies non-overlapping edits to `source`; edits at one offset keep their given order. */
export function splice(source: string, edits: readonly Splice[]): string {
  const sorted = edits.map((e, i) => ({ ...e, i })).sort((a, b) => a.from - b.from || a.to - b.to || a.i - b.i);
  const out: string[] = [];
  let at = 0;
  for (const e of sorted) {
    if (e.from < at) throw new Error('overlapping XML edits');
    out.push(source.slice(at, e.from), e.text);
    at = e.to;
  }
  out.push(source.slice(at));
  return out.join('');
}

/**
 * Where a new child goes in an element whose children follow a schema sequence: before the first
 * existing child that comes after it in `order` (else before the end tag). For a self-closing parent
 * the caller must first open it.
 */
export function insertionPoint(parent: XmlElement, local: string, order: readonly string[]): number {
  const rank = order.indexOf(local);
  for (const c of parent.children) {
    // Children the order does not know (mc:AlternateContent, a producer's extension) stay put.
    if (order.indexOf(c.local) > rank) return c.start;
  }
  return parent.closeStart;
}
