/**
 * The styles part: which cell formats are dates (for reading), and the cell formats our sheets need
 * (for writing). New fonts, fills, borders, number formats, cell formats and differential formats
 * are appended after the workbook's own — never renumbering one — and reused when an identical one
 * is already there (a report re-run on its own output adds nothing).
 */
import { STYLES, type StyleName, type StyleSpec } from '../../plan';
import type { OoxmlPackage } from './package';
import { attrNs, child, children, escapeAttr, insertInOrder, namer, parseXml, XmlEdits, type XmlElement } from './xml';

/** Built-in number formats that show dates or times (ECMA-376 Part 1, §18.8.30, and the CJK ids). */
const BUILTIN_DATE_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

const BUILTIN_FORMATS: Record<string, number> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10, '0.00E+00': 11, '@': 49 };

/** Whether a format code shows a date or time: a y/m/d/h/s token outside quotes, escapes and brackets. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/General/gi, '');
  // Only the first section decides (positive numbers); text sections (with @) are not dates.
  const first = bare.split(';')[0];
  return /[ymdhs]/i.test(first) && !/@/.test(first);
}

/** For reading: which cell format (the `s` of a cell) shows a date. */
export async function readDateStyles(pkg: OoxmlPackage, path: string | undefined): Promise<boolean[]> {
  if (!path || !pkg.has(path)) return [];
  const root = parseXml(await pkg.text(path), path);
  const custom = new Map<number, string>();
  const numFmts = child(root, 'numFmts', root.uri);
  for (const f of numFmts ? children(numFmts, 'numFmt', root.uri) : []) custom.set(Number(attrNs(f, 'numFmtId')), attrNs(f, 'formatCode') ?? '');
  const xfs = child(root, 'cellXfs', root.uri);
  return (xfs ? children(xfs, 'xf', root.uri) : []).map((xf) => {
    const id = Number(attrNs(xf, 'numFmtId') ?? 0);
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(code) : BUILTIN_DATE_IDS.has(id);
  });
}

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;
const BORDER_COLOR = argb('#A19F9D');

interface Collection {
  readonly local: string;
  /** Elements already in the part, as text, for reuse. */
  readonly existing: string[];
  readonly added: string[];
}

/** CT_Stylesheet's children in schema order. */
const STYLESHEET_ORDER = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];

export class StylesEditor {
  private readonly collections = new Map<string, Collection>();
  private readonly numFmtIds = new Map<string, number>();
  private readonly addedNumFmts: string[] = [];
  private nextNumFmt = 164;
  private readonly cache = new Map<string, number>();
  /** The workbook's default font (size, and the name/family/charset/scheme elements), so our cells match the user's typeface. */
  private readonly baseSize: string;
  private readonly baseFont: string;
  /** Qualified names in the part's own prefix for the SpreadsheetML namespace (`x:font` where it binds `x`). */
  private readonly q: (local: string) => string;

  private constructor(
    private readonly path: string,
    private readonly source: string,
    private readonly root: XmlElement,
  ) {
    const ns = root.uri;
    this.q = namer(root, ns);
    const item: Record<string, string> = { fonts: 'font', fills: 'fill', borders: 'border', cellXfs: 'xf', dxfs: 'dxf' };
    for (const [local, childName] of Object.entries(item)) {
      const el = child(root, local, ns);
      this.collections.set(local, { local, existing: el ? children(el, childName, ns).map((c) => source.slice(c.start, c.end)) : [], added: [] });
    }
    const numFmts = child(root, 'numFmts', ns);
    for (const f of numFmts ? children(numFmts, 'numFmt', ns) : []) {
      const id = Number(attrNs(f, 'numFmtId'));
      const code = attrNs(f, 'formatCode') ?? '';
      if (!this.numFmtIds.has(code)) this.numFmtIds.set(code, id);
      this.nextNumFmt = Math.max(this.nextNumFmt, id + 1);
    }
    const fonts = child(root, 'fonts', ns);
    const font0 = fonts ? child(fonts, 'font', ns) : undefined;
    const keep = font0 ? font0.children.filter((c) => c.uri === ns && ['name', 'family', 'charset', 'scheme'].includes(c.local)) : [];
    this.baseSize = (font0 && child(font0, 'sz', ns) ? attrNs(child(font0, 'sz', ns)!, 'val') : undefined) ?? '11';
    this.baseFont = keep.map((c) => `<${this.q(c.local)} val="${escapeAttr(attrNs(c, 'val') ?? '')}"/>`).join('');
  }

  static async open(pkg: OoxmlPackage, path: string): Promise<StylesEditor> {
    const text = await pkg.text(path);
    return new StylesEditor(path, text, parseXml(text, path));
  }

  private index(local: string, xml: string): number {
    const c = this.collections.get(local)!;
    const at = c.existing.indexOf(xml);
    if (at >= 0) return at;
    const added = c.added.indexOf(xml);
    if (added >= 0) return c.existing.length + added;
    c.added.push(xml);
    return c.existing.length + c.added.length - 1;
  }

  numFmtId(code: string): number {
    if (code in BUILTIN_FORMATS) return BUILTIN_FORMATS[code];
    let id = this.numFmtIds.get(code);
    if (id === undefined) {
      id = this.nextNumFmt++;
      this.numFmtIds.set(code, id);
      this.addedNumFmts.push(`<${this.q('numFmt')} numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`);
    }
    return id;
  }

  private font(spec: StyleSpec): number {
    const q = this.q;
    const xml = `<${q('font')}>${spec.bold ? `<${q('b')}/>` : ''}${spec.italic ? `<${q('i')}/>` : ''}<${q('sz')} val="${spec.size ?? this.baseSize}"/>${spec.color ? `<${q('color')} rgb="${argb(spec.color)}"/>` : ''}${this.baseFont}</${q('font')}>`;
    return this.index('fonts', xml);
  }

  private fill(spec: StyleSpec): number {
    if (!spec.fill) return 0;
    const q = this.q;
    return this.index('fills', `<${q('fill')}><${q('patternFill')} patternType="solid"><${q('fgColor')} rgb="${argb(spec.fill)}"/><${q('bgColor')} indexed="64"/></${q('patternFill')}></${q('fill')}>`);
  }

  private border(spec: StyleSpec): number {
    const q = this.q;
    if (spec.border) {
      const side = (s: string) => `<${q(s)} style="thin"><${q('color')} rgb="${BORDER_COLOR}"/></${q(s)}>`;
      return this.index('borders', `<${q('border')}>${side('left')}${side('right')}${side('top')}${side('bottom')}<${q('diagonal')}/></${q('border')}>`);
    }
    if (spec.underline) {
      return this.index('borders', `<${q('border')}><${q('left')}/><${q('right')}/><${q('top')}/><${q('bottom')} style="thin"><${q('color')} rgb="${argb('#323130')}"/></${q('bottom')}><${q('diagonal')}/></${q('border')}>`);
    }
    return 0;
  }

  /** The cell format (`s`) for a named style and a number format; 0 for neither. */
  xf(style: StyleName | undefined, numFmt: string | undefined): number {
    if (style === undefined && (numFmt === undefined || numFmt === 'General')) return 0;
    const key = `${style ?? ''}|${numFmt ?? ''}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const q = this.q;
    const spec: StyleSpec = style ? STYLES[style] : {};
    const fmt = numFmt === undefined ? 0 : this.numFmtId(numFmt);
    const font = style ? this.font(spec) : 0;
    const fill = this.fill(spec);
    const border = this.border(spec);
    const vertical = spec.vertical === 'middle' ? 'center' : spec.vertical;
    const align = spec.horizontal || vertical || spec.wrap ? `<${q('alignment')}${spec.horizontal ? ` horizontal="${spec.horizontal}"` : ''}${vertical ? ` vertical="${vertical}"` : ''}${spec.wrap ? ' wrapText="1"' : ''}/>` : '';
    const applies = `${fmt ? ' applyNumberFormat="1"' : ''}${font ? ' applyFont="1"' : ''}${fill ? ' applyFill="1"' : ''}${border ? ' applyBorder="1"' : ''}${align ? ' applyAlignment="1"' : ''}`;
    const xml = `<${q('xf')} numFmtId="${fmt}" fontId="${font}" fillId="${fill}" borderId="${border}" xfId="0"${applies}${align ? `>${align}</${q('xf')}>` : '/>'}`;
    const id = this.index('cellXfs', xml);
    this.cache.set(key, id);
    return id;
  }

  /** A differential format (conditional formatting) for a named style. */
  dxf(style: StyleName): number {
    const q = this.q;
    const spec: StyleSpec = STYLES[style];
    const font = spec.color || spec.bold ? `<${q('font')}>${spec.bold ? `<${q('b')}/>` : ''}${spec.color ? `<${q('color')} rgb="${argb(spec.color)}"/>` : ''}</${q('font')}>` : '';
    const fill = spec.fill ? `<${q('fill')}><${q('patternFill')} patternType="solid"><${q('bgColor')} rgb="${argb(spec.fill)}"/></${q('patternFill')}></${q('fill')}>` : '';
    return this.index('dxfs', `<${q('dxf')}>${font}${fill}</${q('dxf')}>`);
  }

  get changed(): boolean {
    return this.addedNumFmts.length > 0 || [...this.collections.values()].some((c) => c.added.length > 0);
  }

  /** Writes the appended formats into the part, each collection's count updated. */
  save(pkg: OoxmlPackage): void {
    if (!this.changed) return;
    const ns = this.root.uri;
    const edits = new XmlEdits(this.source);
    const append = (local: string, itemLocal: string, items: string[]) => {
      if (items.length === 0) return;
      const el = child(this.root, local, ns);
      const body = items.join('');
      if (el) {
        edits.setAttr(el, 'count', String(children(el, itemLocal, ns).length + items.length));
        edits.append(el, body);
      } else insertInOrder(edits, this.root, local, STYLESHEET_ORDER, `<${this.q(local)} count="${items.length}">${body}</${this.q(local)}>`);
    };
    append('numFmts', 'numFmt', this.addedNumFmts);
    const item: Record<string, string> = { fonts: 'font', fills: 'fill', borders: 'border', cellXfs: 'xf', dxfs: 'dxf' };
    for (const local of ['fonts', 'fills', 'borders', 'cellXfs', 'dxfs']) append(local, item[local], this.collections.get(local)!.added);
    pkg.set(this.path, edits.apply());
  }
}
