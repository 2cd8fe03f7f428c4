/**
 * The one XML layer of the package editor. Every part we edit — sheets that stay, tables, the
 * workbook, content types, relationships, styles, document properties — is tokenized by saxes (the
 * reader's parser: strict, namespace-aware, no DTD processing) with source offsets, and edited by
 * splicing at those offsets: every byte outside an edit stays as it was. Elements are matched by
 * namespace URI and local name, whatever prefix a producer chose; what we insert is written with the
 * prefix the part itself binds to that namespace. Comments, CDATA, processing instructions, entity
 * and character references, quote styles and whatever follows the root element are tokens saxes
 * reads for what they are, so they are carried untouched and never mistaken for markup.
 *
 * No regular expression reads XML in this folder (test/build/no-xml-regex.test.ts keeps it so).
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { XlsxError } from './errors';

export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
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

export interface XmlAttribute {
  /** Qualified name as written. */
  readonly name: string;
  readonly local: string;
  /** Namespace URI ('' for an unprefixed attribute). */
  readonly uri: string;
  /** Decoded value. */
  readonly value: string;
}

export interface XmlElement {
  /** Qualified name as written, e.g. `x:sheet`. */
  readonly name: string;
  /** Name without its prefix. */
  readonly local: string;
  /** Prefix as written (`''` for none). */
  readonly prefix: string;
  /** The element's namespace URI. */
  readonly uri: string;
  /** Attributes by qualified name as written, decoded. */
  readonly attrs: Readonly<Record<string, string>>;
  readonly attributes: readonly XmlAttribute[];
  /** Namespace bindings in scope: prefix → URI (`''` is the default namespace). */
  readonly scope: Readonly<Record<string, string>>;
  /** Offset of `<` of the start tag. */
  readonly start: number;
  /** Offset just after the start tag's `>`. */
  readonly openEnd: number;
  /** Offset of `<` of the end tag (equals `end` for a self-closing element). */
  closeStart: number;
  /** Offset just after the element. */
  end: number;
  readonly selfClosing: boolean;
  /** Child elements (only of elements the parse was asked to descend into). */
  readonly children: XmlElement[];
  /** Character data directly inside the element, decoded (only where children are kept). */
  text: string;
  readonly parent?: XmlElement;
  readonly depth: number;
}

/** Refuses what no OOXML part contains and what XML attacks need. */
export function onDoctype(part: string): never {
  throw new XlsxError('doctype', { part });
}

export interface ParseOptions {
  /**
   * Whether to keep the children of `el` (default: all). A large sheet keeps only the rows and cells
   * an edit needs; the rest is tokenized (so offsets stay exact) but costs no objects.
   */
  readonly descend?: (el: XmlElement) => boolean;
  /** Called for every element kept, at its end tag (offsets complete). */
  readonly onElement?: (el: XmlElement) => void;
}

const EMPTY_SCOPE: Readonly<Record<string, string>> = Object.freeze({ xml: 'http://www.w3.org/XML/1998/namespace' });

/** Parses a part into an element tree with offsets into `text`. */
export function parseXml(text: string, part: string, options: ParseOptions = {}): XmlElement {
  const parser = new SaxesParser({ position: true, xmlns: true });
  // Elements open at this point; `kept` says whether each one is in the tree.
  const stack: { el: XmlElement; keepChildren: boolean; kept: boolean }[] = [];
  let root: XmlElement | undefined;
  let pendingStart = 0;
  parser.on('doctype', () => onDoctype(part));
  parser.on('opentagstart', () => {
    pendingStart = text.lastIndexOf('<', parser.position - 1);
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const top = stack[stack.length - 1];
    const kept = !top || (top.kept && top.keepChildren);
    const parentScope = top ? top.el.scope : EMPTY_SCOPE;
    const scope = tag.ns && Object.keys(tag.ns).length > 0 ? { ...parentScope, ...tag.ns } : parentScope;
    const attributes: XmlAttribute[] = [];
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) {
      attributes.push({ name: a.name, local: a.local, uri: a.uri, value: a.value });
      attrs[a.name] = a.value;
    }
    const el: XmlElement = {
      name: tag.name,
      local: tag.local,
      prefix: tag.prefix,
      uri: tag.uri,
      attrs,
      attributes,
      scope,
      start: pendingStart,
      openEnd: parser.position,
      closeStart: parser.position,
      end: parser.position,
      selfClosing: tag.isSelfClosing,
      children: [],
      text: '',
      parent: top?.el,
      depth: stack.length,
    };
    if (!top) root = el;
    else if (kept) top.el.children.push(el);
    stack.push({ el, kept, keepChildren: kept && (options.descend ? options.descend(el) : true) });
  });
  parser.on('closetag', () => {
    const { el, kept } = stack.pop()!;
    if (!el.selfClosing) {
      el.end = parser.position;
      el.closeStart = text.lastIndexOf('<', parser.position - 1);
    }
    if (kept) options.onElement?.(el);
  });
  const onText = (t: string) => {
    const top = stack[stack.length - 1];
    if (top && top.kept && top.keepChildren) top.el.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  try {
    parser.write(text).close();
  } catch (e) {
    if (e instanceof XlsxError) throw e;
    // Where, not the parser's English words (the user reads zh-CN or en-US from our catalogue).
    throw new XlsxError('bad-xml', { part, detail: `${parser.line}:${parser.column}` });
  }
  if (!root) throw new XlsxError('bad-xml', { part, detail: '0:0' });
  return root;
}

/** The first child of `el` with this local name (in `uri` when given). */
export function child(el: XmlElement, local: string, uri?: string): XmlElement | undefined {
  return el.children.find((c) => c.local === local && (uri === undefined || c.uri === uri));
}

export function children(el: XmlElement, local: string, uri?: string): XmlElement[] {
  return el.children.filter((c) => c.local === local && (uri === undefined || c.uri === uri));
}

/** An attribute by local name and namespace (`''`, the default, for unprefixed attributes). */
export function attrNs(el: XmlElement, local: string, uri = ''): string | undefined {
  for (const a of el.attributes) if (a.local === local && a.uri === uri) return a.value;
  return undefined;
}

/** The attribute by local name, in any namespace, e.g. `id` finds `r:id` (xmlns declarations excluded). */
export function attrLocal(el: XmlElement, local: string): string | undefined {
  for (const a of el.attributes) if (a.local === local && a.uri !== XMLNS_URI && a.name !== 'xmlns') return a.value;
  return undefined;
}

const XMLNS_URI = 'http://www.w3.org/2000/xmlns/';

/**
 * How to write an element or attribute of namespace `uri` inside `el`: the prefix the part binds to
 * it (none when it is the default namespace of an element), or a declaration to add.
 */
export function qualify(el: XmlElement, uri: string, local: string, forAttribute = false): { name: string; decl: string } {
  if (!forAttribute && el.scope[''] === uri) return { name: local, decl: '' };
  for (const [prefix, bound] of Object.entries(el.scope)) if (prefix !== '' && bound === uri) return { name: `${prefix}:${local}`, decl: '' };
  // Not bound: declare a prefix no one uses in this scope.
  let p = 'ns';
  for (let n = 1; p in el.scope; n++) p = `ns${n}`;
  return { name: `${p}:${local}`, decl: ` xmlns:${p}="${escapeAttr(uri)}"` };
}

/** A function that gives the qualified name of an element of `uri` written as a child of `el`. */
export function namer(el: XmlElement, uri: string): (local: string) => string {
  const q = qualify(el, uri, 'x');
  if (q.decl) throw new Error(`namespace ${uri} is not bound in <${el.name}>`);
  const prefix = q.name === 'x' ? '' : q.name.slice(0, -1);
  return (local) => prefix + local;
}

/** Where an attribute is in a start tag: the whole `name="value"` and the value between its quotes. */
export interface AttributeSpan {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly valueStart: number;
  readonly valueEnd: number;
  readonly quote: '"' | "'";
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/**
 * The attributes of an element's start tag with their offsets. The tag was accepted by saxes, so it
 * is well-formed: names, `=`, and a value in single or double quotes (values hold no `<`).
 */
export function attributeSpans(source: string, el: XmlElement): AttributeSpan[] {
  const out: AttributeSpan[] = [];
  let i = el.start + 1 + el.name.length;
  const stop = el.openEnd - 1;
  while (i < stop) {
    const c = source.charCodeAt(i);
    if (isSpace(c) || c === 0x2f /* / */) {
      i++;
      continue;
    }
    const nameStart = i;
    while (i < stop && source.charCodeAt(i) !== 0x3d /* = */ && !isSpace(source.charCodeAt(i))) i++;
    const name = source.slice(nameStart, i);
    while (source.charCodeAt(i) !== 0x3d) i++;
    i++;
    while (isSpace(source.charCodeAt(i))) i++;
    const quote = source[i] as '"' | "'";
    const valueStart = i + 1;
    const valueEnd = source.indexOf(quote, valueStart);
    out.push({ name, start: nameStart, end: valueEnd + 1, valueStart, valueEnd, quote });
    i = valueEnd + 1;
  }
  return out;
}

export interface Splice {
  readonly from: number;
  readonly to: number;
  readonly text: string;
}

/** Applies non-overlapping edits to `source`; edits at one offset keep their given order. */
export function splice(source: string, edits: readonly Splice[]): string {
  const out: string[] = [];
  spliceTo(source, edits, (piece) => out.push(piece));
  return out.join('');
}

/** `splice`, emitting the result piece by piece (a large sheet is never joined into one string twice). */
export function spliceTo(source: string, edits: readonly Splice[], emit: (piece: string) => void): void {
  const sorted = edits.map((e, i) => ({ ...e, i })).sort((a, b) => a.from - b.from || a.to - b.to || a.i - b.i);
  let at = 0;
  for (const e of sorted) {
    if (e.from < at) throw new Error('overlapping XML edits');
    if (e.from > at) emit(source.slice(at, e.from));
    if (e.text) emit(e.text);
    at = e.to;
  }
  if (at < source.length) emit(source.slice(at));
}

/**
 * Edits of one part, collected as splices and applied once. Every method takes elements of a tree
 * parsed from the same source.
 */
export class XmlEdits {
  readonly edits: Splice[] = [];
  /** Self-closing elements opened so far: their new end tag goes where children are appended. */
  private readonly opened = new Map<XmlElement, number>();

  constructor(readonly source: string) {}

  replace(from: number, to: number, text: string): this {
    this.edits.push({ from, to, text });
    return this;
  }

  insert(at: number, text: string): this {
    return this.replace(at, at, text);
  }

  remove(el: XmlElement): this {
    return this.replace(el.start, el.end, '');
  }

  /** Replaces the element with `text`. */
  replaceElement(el: XmlElement, text: string): this {
    return this.replace(el.start, el.end, text);
  }

  /** Replaces what is between the element's tags (a self-closing element gets tags around it). */
  setContent(el: XmlElement, text: string): this {
    if (el.selfClosing) return this.replace(el.openEnd - 2, el.openEnd, `>${text}</${el.name}>`);
    return this.replace(el.openEnd, el.closeStart, text);
  }

  /** Appends `xml` as the last child of `el` (opening it when it is self-closing). */
  append(el: XmlElement, xml: string): this {
    if (!el.selfClosing) return this.insert(el.closeStart, xml);
    if (!this.opened.has(el)) {
      this.opened.set(el, this.edits.length);
      return this.replace(el.openEnd - 2, el.openEnd, `>${xml}</${el.name}>`);
    }
    // Opened by an earlier append: add into that edit.
    const k = this.opened.get(el)!;
    const prev = this.edits[k];
    const close = `</${el.name}>`;
    this.edits[k] = { ...prev, text: `${prev.text.slice(0, prev.text.length - close.length)}${xml}${close}` };
    return this;
  }

  /** Sets an attribute (by qualified name as it should be written), replacing its value when present. */
  setAttr(el: XmlElement, name: string, value: string): this {
    const span = attributeSpans(this.source, el).find((a) => a.name === name);
    const escaped = escapeAttr(value);
    if (span) return this.replace(span.valueStart, span.valueEnd, escaped);
    const at = el.selfClosing ? el.openEnd - 2 : el.openEnd - 1;
    return this.insert(at, ` ${name}="${escaped}"`);
  }

  /** Removes an attribute (by qualified name) when present. */
  removeAttr(el: XmlElement, name: string): this {
    const span = attributeSpans(this.source, el).find((a) => a.name === name);
    if (!span) return this;
    let from = span.start;
    while (from > el.start && isSpace(this.source.charCodeAt(from - 1))) from--;
    return this.replace(from, span.end, '');
  }

  /** Adds a namespace declaration to `el`'s start tag. */
  declare(el: XmlElement, decl: string): this {
    if (!decl) return this;
    return this.insert(el.selfClosing ? el.openEnd - 2 : el.openEnd - 1, decl);
  }

  get changed(): boolean {
    return this.edits.length > 0;
  }

  apply(): string {
    return this.edits.length === 0 ? this.source : splice(this.source, this.edits);
  }
}

/**
 * Where a new child goes in an element whose children follow a schema sequence: before the first
 * existing child that comes after it in `order` (else before the end tag). A self-closing parent
 * must be opened by the caller (`XmlEdits.append`).
 */
export function insertionPoint(parent: XmlElement, local: string, order: readonly string[]): number {
  const rank = order.indexOf(local);
  for (const c of parent.children) {
    // Children the order does not know (mc:AlternateContent, a producer's extension) stay put.
    if (order.indexOf(c.local) > rank) return c.start;
  }
  return parent.closeStart;
}

/** Inserts a child in schema order (the parent must not be self-closing unless it is empty). */
export function insertInOrder(edits: XmlEdits, parent: XmlElement, local: string, order: readonly string[], xml: string): void {
  if (parent.selfClosing) edits.append(parent, xml);
  else edits.insert(insertionPoint(parent, local, order), xml);
}
