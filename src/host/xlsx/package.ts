/**
 * The OPC package of a workbook (a zip of parts), held as the zip it came in: a part is inflated only
 * when a job reads it, and a part nobody edits is written back with the very compressed bytes it had
 * (zip.ts, our own container code over fflate's deflate). Sizes are claims: every inflate counts what
 * it produces and stops at the limit, whatever the zip's directory says.
 *
 * One budget per input (limits.ts), enforced while streaming: each part has a size limit (small for
 * the bookkeeping parts parsed whole — content types, relationships, the workbook, styles, tables,
 * document properties — large for sheets and shared strings) and a ratio limit on the compressed
 * bytes actually consumed; all parts together have one size limit, each part counted once at the
 * furthest any read of it went (the pane reads a sheet again after every render), and so do the cells
 * read from all sheets. Part names are case-insensitive (OPC): two entries that differ only in case are
 * refused at open, so a name never resolves to one of two candidates.
 */
import { XlsxError } from './errors';
import {
  BOOKKEEPING_PART_BYTES,
  limitText,
  MAX_INFLATE_RATIO,
  MAX_PACKAGE_CELLS,
  MAX_SHARED_STRINGS,
  MAX_SHEET_CELLS,
  MAX_ZIP_ENTRIES,
  PACKAGE_LIMIT_BYTES,
  PART_LIMIT_BYTES,
  RATIO_FLOOR_BYTES,
  TEXT_PART_LIMIT_CHARS,
} from './limits';
import { NS, relTypeIs } from './ns';
import { attrNs, children, escapeAttr, parseXml, qualify, XmlEdits, type XmlElement } from './xml';
import { ZipFormatError, ZipLimitError, ZipReader, ZipWriter, type InflateLimits, type ZipEntry } from './zip';

const MB = 1024 * 1024;

export { PART_LIMIT_BYTES } from './limits';

export const REL = {
  officeDocument: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument',
  worksheet: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
  sharedStrings: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings',
  styles: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles',
  theme: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme',
  calcChain: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain',
  table: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/table',
  drawing: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing',
  chart: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart',
  comments: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments',
  vmlDrawing: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing',
  printerSettings: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/printerSettings',
  coreProperties: 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
  extendedProperties: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties',
  customProperties: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties',
} as const;

export { relTypeIs };

export const CT = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  table: 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml',
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
  customProperties: 'application/vnd.openxmlformats-officedocument.custom-properties+xml',
} as const;

export interface Relationship {
  readonly id: string;
  readonly type: string;
  /** The target part's path in the package (no leading slash), or the URL of an external target. */
  readonly target: string;
  /** The Target attribute as written. */
  readonly rawTarget: string;
  readonly external: boolean;
}

/** The `_rels` part of a part: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`; '' (the package) → `_rels/.rels`. */
export function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** Resolves a relationship target against its source part (absolute `/xl/...` or relative `../x`). */
export function resolveTarget(source: string, target: string): string {
  const raw = decodeURIComponentSafe(target.split('#')[0]);
  const base = raw.startsWith('/') ? [] : source.split('/').slice(0, -1);
  for (const seg of raw.replace(/^\/+/, '').split('/')) {
    if (seg === '..') base.pop();
    else if (seg !== '.' && seg !== '') base.push(seg);
  }
  return base.join('/');
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** A relative Target from `source`'s folder to `part` (as Excel writes them). */
export function relativeTarget(source: string, part: string): string {
  const from = source.split('/').slice(0, -1);
  const to = part.split('/');
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => '..'), ...to.slice(i)].join('/');
}

export type Bytes = Uint8Array | ArrayBuffer;

function isCfb(b: Uint8Array): boolean {
  return b.length >= 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0 && b[4] === 0xa1 && b[5] === 0xb1 && b[6] === 0x1a && b[7] === 0xe1;
}

/** An encrypted OOXML file is a compound file with an `EncryptionInfo` stream (name in UTF-16LE). */
function hasEncryptionInfo(b: Uint8Array): boolean {
  const needle = 'EncryptionInfo';
  outer: for (let i = 0; i + needle.length * 2 <= Math.min(b.length, 1 << 20); i++) {
    for (let k = 0; k < needle.length; k++) if (b[i + 2 * k] !== needle.charCodeAt(k) || b[i + 2 * k + 1] !== 0) continue outer;
    return true;
  }
  return false;
}

/**
 * The budget one package is read under: limits.ts's numbers, which every file gets (tests lower
 * them to reach a limit without building a gigabyte).
 */
export interface PackageBudget {
  /** Bytes all parts may inflate to together. */
  readonly packageBytes: number;
  /** Cells all sheets read may give together. */
  readonly packageCells: number;
  /** Cells one sheet read may give. */
  readonly sheetCells: number;
  /** Entries of the shared-strings table. */
  readonly sharedStrings: number;
}

export const DEFAULT_BUDGET: PackageBudget = Object.freeze({
  packageBytes: PACKAGE_LIMIT_BYTES,
  packageCells: MAX_PACKAGE_CELLS,
  sheetCells: MAX_SHEET_CELLS,
  sharedStrings: MAX_SHARED_STRINGS,
});

/** Relationship types whose targets are parsed whole (a DOM), so they get the bookkeeping limit. */
const BOOKKEEPING_RELS = ['officeDocument', 'styles', 'table', 'coreProperties', 'extendedProperties', 'customProperties'] as const;

/** An error thrown by a stream's consumer (a parser), carried through the inflater untouched. */
class ConsumerFailure {
  constructor(readonly error: unknown) {}
}

/** Where a part's current content is: the input zip's entry, or text / bytes written in this session. */
type Content = { kind: 'entry'; entry: ZipEntry } | { kind: 'text'; text: string } | { kind: 'bytes'; bytes: Uint8Array };

const CT_RELS = 'application/vnd.openxmlformats-package.relationships+xml';

export class OoxmlPackage {
  /** Every part by stored name, in the order it will be written (the input's first, then new ones). */
  private readonly parts = new Map<string, Content>();
  /** Lower-cased part name → name as stored (part names are case-insensitive in OPC). */
  private readonly names = new Map<string, string>();
  /** Texts of input parts already read (a part is inflated once). */
  private readonly cache = new Map<string, string>();
  /** Parts whose content this session set; every other part is written with its input bytes. */
  private readonly changed = new Set<string>();
  /** Parts this session created (each needs a content type when saved). */
  private readonly created = new Set<string>();
  /** Directory entries of the input, carried as they were. */
  private readonly folders: ZipEntry[] = [];
  /** Parts reached through a relationship whose target is parsed whole (BOOKKEEPING_RELS). */
  private readonly bookkeeping = new Set<string>();
  /** Bytes inflated from each input part, at the furthest any read of it went, and their sum. */
  private readonly inflated = new Map<string, number>();
  private inflatedTotal = 0;
  /** Cells read from each sheet part, at the most any read of it gave, and their sum. */
  private readonly cellsRead = new Map<string, number>();
  private cellsTotal = 0;

  private constructor(
    private readonly zip: ZipReader | undefined,
    readonly budget: PackageBudget = DEFAULT_BUDGET,
  ) {
    for (const entry of zip?.entries ?? []) {
      if (entry.isDirectory) this.folders.push(entry);
      else if (!this.names.has(entry.name.toLowerCase())) {
        this.parts.set(entry.name, { kind: 'entry', entry });
        this.names.set(entry.name.toLowerCase(), entry.name);
      }
    }
  }

  static async open(data: Bytes, budget: Partial<PackageBudget> = {}): Promise<OoxmlPackage> {
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    if (isCfb(bytes)) throw new XlsxError(hasEncryptionInfo(bytes) ? 'encrypted' : 'legacy-xls');
    if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new XlsxError('not-zip');
    let zip: ZipReader;
    try {
      zip = ZipReader.open(bytes, { maxEntries: MAX_ZIP_ENTRIES });
    } catch (e) {
      // It starts as a zip does, so a missing directory means the file was cut short.
      if (e instanceof ZipFormatError && e.problem === 'not-zip') throw new XlsxError('truncated');
      throw zipError(e);
    }
    // Part names are case-insensitive (OPC): two entries one name apart only in case are one part twice.
    const lower = new Map<string, string>();
    for (const entry of zip.entries) {
      const key = entry.name.toLowerCase();
      const first = lower.get(key);
      if (first !== undefined) throw new XlsxError('zip-case-duplicate', { part: first, other: entry.name });
      lower.set(key, entry.name);
    }
    const pkg = new OoxmlPackage(zip, { ...DEFAULT_BUDGET, ...budget });
    // The directory's claims are checked before anything is inflated; inflating checks again.
    for (const [name, content] of pkg.parts) {
      if (content.kind !== 'entry') continue;
      const limit = pkg.limitOf(name).bytes;
      if (content.entry.uncompressedSize > limit) throw new XlsxError('too-large', { part: name, limitMb: Math.round(limit / MB) });
    }
    if (!pkg.has('[Content_Types].xml')) throw new XlsxError('missing-part', { part: '[Content_Types].xml' });
    return pkg;
  }

  /** A package from parts given as text (a new workbook starts from a blank one). */
  static fromParts(parts: Readonly<Record<string, string>>): OoxmlPackage {
    const pkg = new OoxmlPackage(undefined);
    for (const [path, text] of Object.entries(parts)) pkg.put(path, { kind: 'text', text });
    return pkg;
  }

  private put(name: string, content: Content): void {
    if (!this.parts.has(name)) this.created.add(name);
    this.parts.set(name, content);
    this.names.set(name.toLowerCase(), name);
    this.changed.add(name);
    this.cache.delete(name);
  }

  /** Whether a part is one of those parsed whole (content types, relationships, and BOOKKEEPING_RELS targets). */
  private isBookkeeping(name: string): boolean {
    return name === '[Content_Types].xml' || name.toLowerCase().endsWith('.rels') || this.bookkeeping.has(name);
  }

  /**
   * What inflating a part is held to: its size limit (also checked against the declared size, and
   * against the declared compressed size times the ratio, before inflating), the ratio on the bytes
   * actually consumed, and the package's total.
   */
  private limitOf(name: string): Required<InflateLimits> {
    const content = this.parts.get(name);
    const cap = this.isBookkeeping(name) ? BOOKKEEPING_PART_BYTES : PART_LIMIT_BYTES;
    const bytes = content?.kind === 'entry' ? Math.min(cap, Math.max(RATIO_FLOOR_BYTES, content.entry.compressedSize * MAX_INFLATE_RATIO)) : cap;
    let read = 0;
    return {
      bytes,
      ratio: MAX_INFLATE_RATIO,
      ratioFloor: RATIO_FLOOR_BYTES,
      onProduced: (n) => {
        read += n;
        const before = this.inflated.get(name) ?? 0;
        if (read <= before) return;
        this.inflated.set(name, read);
        this.inflatedTotal += read - before;
        if (this.inflatedTotal > this.budget.packageBytes) throw new XlsxError('package-too-large', { part: name, limitMb: Math.round(this.budget.packageBytes / MB) });
      },
    };
  }

  /**
   * Counts the cells a read of `part` (the sheet `sheet`) put in its grid against the package's
   * total; a part read again counts once, at the most any read of it gave.
   */
  chargeCells(part: string, sheet: string, cells: number): void {
    const before = this.cellsRead.get(part) ?? 0;
    if (cells <= before) return;
    this.cellsRead.set(part, cells);
    this.cellsTotal += cells - before;
    if (this.cellsTotal > this.budget.packageCells) throw new XlsxError('too-many-cells-total', { sheet, limit: limitText(this.budget.packageCells) });
  }

  /** The stored name of a part, found ignoring case. */
  resolve(path: string): string | undefined {
    const p = path.replace(/^\/+/, '');
    return this.parts.has(p) ? p : this.names.get(p.toLowerCase());
  }

  has(path: string): boolean {
    return this.resolve(path) !== undefined;
  }

  paths(): string[] {
    return [...this.parts.keys()];
  }

  /**
   * Streams a part's text to `onText`, chunk by chunk; `onText` returns `false` to stop early.
   * Inflating stops with a clear error at the part's size limit.
   */
  async stream(path: string, onText: (text: string) => boolean | void): Promise<void> {
    const name = this.resolve(path);
    if (name === undefined) throw new XlsxError('missing-part', { part: path });
    const content = this.parts.get(name)!;
    if (content.kind === 'text') {
      onText(content.text);
      return;
    }
    const held = this.cache.get(name);
    if (held !== undefined) {
      onText(held);
      return;
    }
    if (content.kind === 'bytes') {
      onText(decoderFor(content.bytes).decode(content.bytes));
      return;
    }
    const limit = this.limitOf(name);
    let decoder: Decoder | undefined;
    let stopped = false;
    try {
      await this.zip!.inflateAsync(content.entry, limit, (chunk) => {
        decoder ??= decoderFor(chunk);
        let more: boolean | void;
        try {
          more = onText(decoder.decode(chunk, { stream: true }));
        } catch (e) {
          throw new ConsumerFailure(e);
        }
        if (more === false) {
          stopped = true;
          return false;
        }
      });
    } catch (e) {
      if (e instanceof ConsumerFailure) throw e.error;
      throw inflateError(e, name);
    }
    if (!stopped) {
      const rest = decoder?.decode();
      if (rest) onText(rest);
    }
  }

  /** A part's whole text (small parts, or a sheet the job edits). */
  async text(path: string): Promise<string> {
    const name = this.resolve(path);
    if (name === undefined) throw new XlsxError('missing-part', { part: path });
    const content = this.parts.get(name)!;
    if (content.kind === 'text') return content.text;
    const hit = this.cache.get(name);
    if (hit !== undefined) return hit;
    const limit = Math.min(this.limitOf(name).bytes, TEXT_PART_LIMIT_CHARS);
    const chunks: string[] = [];
    let size = 0;
    await this.stream(name, (t) => {
      size += t.length;
      if (size > limit) throw new XlsxError('too-large', { part: name, limitMb: Math.round(limit / MB) });
      chunks.push(t);
    });
    const text = chunks.join('');
    if (content.kind === 'entry') this.cache.set(name, text);
    return text;
  }

  async textIfPresent(path: string): Promise<string | undefined> {
    return this.has(path) ? this.text(path) : undefined;
  }

  /** The bytes of a part (for comparing what was carried). */
  async bytes(path: string): Promise<Uint8Array> {
    const name = this.resolve(path);
    if (name === undefined) throw new XlsxError('missing-part', { part: path });
    const content = this.parts.get(name)!;
    if (content.kind === 'text') return new TextEncoder().encode(content.text);
    if (content.kind === 'bytes') return content.bytes;
    const chunks: Uint8Array[] = [];
    try {
      this.zip!.inflate(content.entry, this.limitOf(name), (c) => void chunks.push(c));
    } catch (e) {
      throw inflateError(e, name);
    }
    return concat(chunks);
  }

  set(path: string, text: string): void {
    this.put(this.resolve(path) ?? path, { kind: 'text', text });
  }

  /**
   * Sets a large part from text pieces, encoding as they come: the part is held as UTF-8 bytes,
   * never as one string (a 200,000-row sheet would be half a gigabyte of UTF-16).
   */
  setPieces(path: string, write: (emit: (piece: string) => void) => void): void {
    const encoder = new TextEncoder();
    const chunks: Uint8Array[] = [];
    let batch: string[] = [];
    let size = 0;
    const flush = () => {
      if (batch.length === 0) return;
      chunks.push(encoder.encode(batch.join('')));
      batch = [];
      size = 0;
    };
    write((piece) => {
      batch.push(piece);
      size += piece.length;
      if (size > 1 << 20) flush();
    });
    flush();
    this.put(this.resolve(path) ?? path, { kind: 'bytes', bytes: concat(chunks.splice(0)) });
  }

  /** Removes a part and its own relationships part. */
  remove(path: string): void {
    for (const p of [path, relsPathOf(path)]) {
      const name = this.resolve(p);
      if (name === undefined) continue;
      this.parts.delete(name);
      this.names.delete(name.toLowerCase());
      this.cache.delete(name);
      this.changed.delete(name);
      this.created.delete(name);
    }
  }

  /** A part name not yet used: `xl/charts/chart{n}.xml` with the smallest free n ≥ 1. */
  freeName(pattern: (n: number) => string): string {
    for (let n = 1; ; n++) if (!this.has(pattern(n))) return pattern(n);
  }

  /** The relationships of a part ('' for the package), targets resolved to part paths. */
  async rels(source: string): Promise<Relationship[]> {
    const xml = await this.textIfPresent(relsPathOf(source));
    if (xml === undefined) return [];
    const root = parseXml(xml, relsPathOf(source));
    return children(root, 'Relationship', NS.rels).map((c) => {
      const external = attrNs(c, 'TargetMode') === 'External';
      const rawTarget = attrNs(c, 'Target') ?? '';
      const rel = { id: attrNs(c, 'Id') ?? '', type: attrNs(c, 'Type') ?? '', rawTarget, external, target: external ? rawTarget : resolveTarget(source, rawTarget) };
      if (!external && BOOKKEEPING_RELS.some((t) => relTypeIs(rel.type, REL[t]))) {
        const part = this.resolve(rel.target);
        if (part !== undefined) this.bookkeeping.add(part);
      }
      return rel;
    });
  }

  /** Adds a relationship from `source` to `target` (a part path); returns its new id (never one in `avoid`). */
  async addRel(source: string, type: string, target: string, avoid: ReadonlySet<string> = new Set()): Promise<string> {
    const path = relsPathOf(source);
    const xml = (await this.textIfPresent(path)) ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.rels}"></Relationships>`;
    const root = parseXml(xml, path);
    const used = new Set([...root.children.map((c) => attrNs(c, 'Id')), ...avoid]);
    let n = used.size + 1;
    while (used.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const { name, decl } = qualify(root, NS.rels, 'Relationship');
    this.set(path, new XmlEdits(xml).append(root, `<${name}${decl} Id="${id}" Type="${escapeAttr(type)}" Target="${escapeAttr(relativeTarget(source, target))}"/>`).apply());
    return id;
  }

  /** Removes relationships of `source` by id. */
  async removeRels(source: string, ids: ReadonlySet<string>): Promise<void> {
    const path = relsPathOf(source);
    const xml = await this.textIfPresent(path);
    if (xml === undefined) return;
    const root = parseXml(xml, path);
    const edits = new XmlEdits(xml);
    for (const c of children(root, 'Relationship', NS.rels)) if (ids.has(attrNs(c, 'Id') ?? '')) edits.remove(c);
    if (edits.changed) this.set(path, edits.apply());
  }

  private async contentTypes(): Promise<{ xml: string; root: XmlElement }> {
    const xml = await this.text('[Content_Types].xml');
    return { xml, root: parseXml(xml, '[Content_Types].xml') };
  }

  async contentTypeOf(path: string): Promise<string | undefined> {
    const { root } = await this.contentTypes();
    const part = `/${path}`.toLowerCase();
    const override = children(root, 'Override', NS.contentTypes).find((c) => (attrNs(c, 'PartName') ?? '').toLowerCase() === part);
    if (override) return attrNs(override, 'ContentType');
    const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
    const byDefault = children(root, 'Default', NS.contentTypes).find((c) => (attrNs(c, 'Extension') ?? '').toLowerCase() === ext);
    return byDefault ? attrNs(byDefault, 'ContentType') : undefined;
  }

  /** Sets a part's content type (an Override), replacing one already there. */
  async setContentType(path: string, type: string): Promise<void> {
    const { xml, root } = await this.contentTypes();
    const part = `/${path}`;
    const old = children(root, 'Override', NS.contentTypes).find((c) => (attrNs(c, 'PartName') ?? '').toLowerCase() === part.toLowerCase());
    const edits = new XmlEdits(xml);
    if (old) edits.setAttr(old, 'ContentType', type);
    else {
      const { name, decl } = qualify(root, NS.contentTypes, 'Override');
      edits.append(root, `<${name}${decl} PartName="${escapeAttr(part)}" ContentType="${escapeAttr(type)}"/>`);
    }
    this.set('[Content_Types].xml', edits.apply());
  }

  async removeContentTypes(paths: readonly string[]): Promise<void> {
    const { xml, root } = await this.contentTypes();
    const drop = new Set(paths.map((p) => `/${p}`.toLowerCase()));
    const edits = new XmlEdits(xml);
    for (const c of children(root, 'Override', NS.contentTypes)) if (drop.has((attrNs(c, 'PartName') ?? '').toLowerCase())) edits.remove(c);
    if (edits.changed) this.set('[Content_Types].xml', edits.apply());
  }

  /** The workbook part, found through the package relationships (any producer's path). */
  async workbookPath(): Promise<string> {
    const rel = (await this.rels('')).find((r) => relTypeIs(r.type, REL.officeDocument));
    const path = rel ? this.resolve(rel.target) : this.resolve('xl/workbook.xml');
    if (!path) throw new XlsxError('missing-part', { part: rel?.target ?? 'xl/workbook.xml' });
    return path;
  }

  /**
   * Every part this session created has a content type: a relationships part an Override when no
   * Default covers `.rels` (LibreOffice 4–6 list every part by Override). Any other new part without
   * one is a bug of ours, not something to write.
   */
  private async typeNewParts(): Promise<void> {
    for (const name of this.created) {
      if (name === '[Content_Types].xml' || (await this.contentTypeOf(name)) !== undefined) continue;
      if (name.toLowerCase().endsWith('.rels')) await this.setContentType(name, CT_RELS);
      else throw new Error(`no content type for the new part ${name}`);
    }
  }

  /** Writes the package: changed parts from their content, every other part with its original compressed bytes. */
  async save(): Promise<Uint8Array> {
    await this.typeNewParts();
    const out = new ZipWriter();
    for (const folder of this.folders) out.addRaw(folder, this.zip!.raw(folder));
    const encoder = new TextEncoder();
    for (const [name, content] of this.parts) {
      if (content.kind === 'entry') out.addRaw(content.entry, this.zip!.raw(content.entry));
      else if (content.kind === 'text') out.add(name, encoder.encode(content.text));
      else out.add(name, content.bytes);
    }
    this.changed.clear();
    return out.finish();
  }
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  let total = 0;
  for (const c of chunks) total += c.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** XML parts are UTF-8 unless they start with a UTF-16 byte-order mark. */
/** A text decoder (typed structurally: the pane and the CLI get TextDecoder from different libs). */
interface Decoder {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}

function decoderFor(head: Uint8Array): Decoder {
  return new TextDecoder(head[0] === 0xff && head[1] === 0xfe ? 'utf-16le' : head[0] === 0xfe && head[1] === 0xff ? 'utf-16be' : 'utf-8');
}

/** A failure while inflating `part` as the user's one line. */
function inflateError(e: unknown, part: string): XlsxError {
  if (e instanceof ZipLimitError) {
    if (e.kind === 'ratio') return new XlsxError('inflate-ratio', { part, limit: limitText(e.limit), mb: Math.round(e.produced / MB) });
    return new XlsxError('too-large', { part, limitMb: Math.round(e.limit / MB) });
  }
  return zipError(e);
}

/** A zip-level failure as the user's one line. */
function zipError(e: unknown): XlsxError {
  if (e instanceof XlsxError) return e;
  if (e instanceof ZipFormatError) {
    const [part = '', other = ''] = e.entries;
    switch (e.problem) {
      case 'encrypted':
        return new XlsxError('encrypted');
      case 'not-zip':
        return new XlsxError('not-zip');
      case 'too-many-entries':
        return new XlsxError('too-many-entries', { count: e.count, limit: limitText(MAX_ZIP_ENTRIES) });
      case 'name-mismatch':
        return new XlsxError('zip-name-mismatch', { part, other });
      case 'duplicate-name':
        return new XlsxError('zip-duplicate', { part });
      case 'overlap':
        return new XlsxError('zip-overlap', { part, other });
      case 'crc':
        return new XlsxError('zip-crc', { part });
      default:
        return new XlsxError('truncated', e.detail ? { detail: e.detail } : {});
    }
  }
  return new XlsxError('truncated', { detail: e instanceof Error ? e.message : String(e) });
}
