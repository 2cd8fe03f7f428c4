/**
 * The OPC package of a workbook (a zip of parts), held as the zip it came in: a part is inflated only
 * when a job reads it, and a part nobody edits is written back with the very bytes it had (JSZip
 * reuses an entry's compressed data when the entry is unchanged). Sizes are claims: every inflate
 * counts what it produces and stops at the limit, whatever the zip's directory says.
 */
import JSZip from 'jszip';
import { XlsxError } from './errors';
import { attrLocal, parseXml, escapeAttr, splice, type XmlElement } from './xml';

const MB = 1024 * 1024;

/** How much one part may inflate to: generous for real sheets, a wall for bombs. */
export const PART_LIMIT_BYTES = 1024 * MB;
/** A part held whole as a string (an edited sheet, a shared-strings table) stays under V8's string limit. */
export const TEXT_PART_LIMIT_BYTES = 400 * MB;
/** Inflating more than this many times the compressed size is a bomb, not a spreadsheet. */
const MAX_RATIO = 250;
/** Below this, any ratio is fine (tiny parts of repeated markup compress very well). */
const RATIO_FLOOR_BYTES = 16 * MB;

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

/** Strict (ISO 29500) files name the same relationships under another root; both are read. */
export function relTypeIs(type: string, wanted: string): boolean {
  return type === wanted || type === wanted.replace('http://schemas.openxmlformats.org/officeDocument/2006/relationships/', 'http://purl.oclc.org/ooxml/officeDocument/relationships/');
}

export const CT = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  table: 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml',
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
  customProperties: 'application/vnd.openxmlformats-officedocument.custom-properties+xml',
} as const;

const NS_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

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

/** JSZip's streaming read (public since 3.x, missing from its typings). */
interface StreamHelper {
  on(event: 'data', cb: (chunk: Uint8Array) => void): StreamHelper;
  on(event: 'error', cb: (e: Error) => void): StreamHelper;
  on(event: 'end', cb: () => void): StreamHelper;
  resume(): StreamHelper;
  pause(): StreamHelper;
}
interface Streamable {
  internalStream(type: 'uint8array'): StreamHelper;
}

interface ZipEntryInternals {
  _data?: { uncompressedSize?: number; compressedSize?: number };
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

export class OoxmlPackage {
  /** Texts of parts read or written in this session (edits happen here; `save` writes them). */
  private readonly texts = new Map<string, string>();
  private readonly dirty = new Set<string>();
  private readonly removed = new Set<string>();
  /** Lower-cased part name → name as stored (part names are case-insensitive in OPC). */
  private readonly names = new Map<string, string>();
  /** Parts this session wrote as bytes: ours, so not held to the ratio limit of untrusted input. */
  private readonly ours = new Set<string>();

  private constructor(private readonly zip: JSZip) {
    zip.forEach((path, file) => {
      if (!file.dir) this.names.set(path.toLowerCase(), path);
    });
  }

  static async open(data: Bytes): Promise<OoxmlPackage> {
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    if (isCfb(bytes)) throw new XlsxError(hasEncryptionInfo(bytes) ? 'encrypted' : 'legacy-xls');
    if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new XlsxError('not-zip');
    let zip: JSZip;
    try {
      zip = await JSZip.loadAsync(bytes, { checkCRC32: false });
    } catch {
      throw new XlsxError('truncated');
    }
    const pkg = new OoxmlPackage(zip);
    // The directory's claims are checked before anything is inflated; inflating checks again.
    for (const [, name] of pkg.names) {
      const data = (zip.file(name) as unknown as ZipEntryInternals)._data;
      const size = data?.uncompressedSize ?? 0;
      if (size > pkg.limitOf(name)) throw new XlsxError('too-large', { part: name, limitMb: Math.round(pkg.limitOf(name) / MB) });
    }
    if (!pkg.has('[Content_Types].xml')) throw new XlsxError('missing-part', { part: '[Content_Types].xml' });
    return pkg;
  }

  /** A package from parts given as text (a new workbook starts from a blank one). */
  static fromParts(parts: Readonly<Record<string, string>>): OoxmlPackage {
    const zip = new JSZip();
    for (const [path, text] of Object.entries(parts)) zip.file(path, text, { createFolders: false });
    const pkg = new OoxmlPackage(zip);
    for (const [path, text] of Object.entries(parts)) pkg.texts.set(path, text);
    return pkg;
  }

  private limitOf(name: string): number {
    if (this.ours.has(name)) return PART_LIMIT_BYTES;
    const compressed = (this.zip.file(name) as unknown as ZipEntryInternals | null)?._data?.compressedSize ?? 0;
    return Math.min(PART_LIMIT_BYTES, Math.max(RATIO_FLOOR_BYTES, compressed * MAX_RATIO));
  }

  /** The stored name of a part, found ignoring case. */
  resolve(path: string): string | undefined {
    const p = path.replace(/^\/+/, '');
    const name = this.texts.has(p) ? p : this.names.get(p.toLowerCase());
    return name === undefined || this.removed.has(name) ? undefined : name;
  }

  has(path: string): boolean {
    return this.resolve(path) !== undefined;
  }

  paths(): string[] {
    const all = new Set([...this.names.values(), ...this.texts.keys()]);
    return [...all].filter((p) => !this.removed.has(p));
  }

  /**
   * Streams a part's text to `onText`, chunk by chunk; `onText` returns `false` to stop early.
   * Inflating stops with a clear error at the part's size limit.
   */
  async stream(path: string, onText: (text: string) => boolean | void): Promise<void> {
    const name = this.resolve(path);
    if (name === undefined) throw new XlsxError('missing-part', { part: path });
    const held = this.texts.get(name);
    if (held !== undefined) {
      onText(held);
      return;
    }
    const limit = this.limitOf(name);
    await new Promise<void>((resolve, reject) => {
      let decoder: { decode(input?: Uint8Array, options?: { stream?: boolean }): string } | undefined;
      let total = 0;
      let done = false;
      const finish = (err?: unknown) => {
        if (done) return;
        done = true;
        helper.pause();
        if (err) reject(err);
        else resolve();
      };
      const helper = (this.zip.file(name) as unknown as Streamable).internalStream('uint8array');
      helper
        .on('data', (chunk: Uint8Array) => {
          if (done) return;
          total += chunk.length;
          if (total > limit) {
            finish(new XlsxError('too-large', { part: name, limitMb: Math.round(limit / MB) }));
            return;
          }
          try {
            if (!decoder) decoder = new TextDecoder(chunk[0] === 0xff && chunk[1] === 0xfe ? 'utf-16le' : chunk[0] === 0xfe && chunk[1] === 0xff ? 'utf-16be' : 'utf-8');
            if (onText(decoder.decode(chunk, { stream: true })) === false) finish();
          } catch (e) {
            finish(e);
          }
        })
        .on('error', (e: Error) => finish(e instanceof XlsxError ? e : new XlsxError('truncated', { detail: e.message })))
        .on('end', () => {
          if (done) return;
          try {
            const rest = decoder?.decode();
            if (rest) onText(rest);
            finish();
          } catch (e) {
            finish(e);
          }
        })
        .resume();
    });
  }

  /** A part's whole text (small parts, or a sheet the job edits). */
  async text(path: string): Promise<string> {
    const name = this.resolve(path);
    if (name === undefined) throw new XlsxError('missing-part', { part: path });
    const held = this.texts.get(name);
    if (held !== undefined) return held;
    const limit = Math.min(this.limitOf(name), TEXT_PART_LIMIT_BYTES);
    const chunks: string[] = [];
    let size = 0;
    await this.stream(name, (t) => {
      size += t.length;
      if (size > limit) throw new XlsxError('too-large', { part: name, limitMb: Math.round(limit / MB) });
      chunks.push(t);
    });
    const text = chunks.join('');
    this.texts.set(name, text);
    return text;
  }

  async textIfPresent(path: string): Promise<string | undefined> {
    return this.has(path) ? this.text(path) : undefined;
  }

  /** The raw bytes of a part (for comparing what was carried). */
  async bytes(path: string): Promise<Uint8Array> {
    const name = this.resolve(path);
    if (name === undefined) throw new XlsxError('missing-part', { part: path });
    const held = this.texts.get(name);
    if (held !== undefined && this.dirty.has(name)) return new TextEncoder().encode(held);
    return this.zip.file(name)!.async('uint8array');
  }

  set(path: string, text: string): void {
    const name = this.resolve(path) ?? path;
    this.removed.delete(name);
    this.texts.set(name, text);
    this.dirty.add(name);
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
    let total = 0;
    for (const c of chunks) total += c.length;
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const c of chunks.splice(0)) {
      bytes.set(c, at);
      at += c.length;
    }
    const name = this.resolve(path) ?? path;
    this.removed.delete(name);
    this.texts.delete(name);
    this.dirty.delete(name);
    this.names.set(name.toLowerCase(), name);
    this.ours.add(name);
    this.zip.file(name, bytes, { createFolders: false });
  }

  /** Removes a part and its own relationships part. */
  remove(path: string): void {
    for (const p of [path, relsPathOf(path)]) {
      const name = this.resolve(p);
      if (name === undefined) continue;
      this.texts.delete(name);
      this.dirty.delete(name);
      this.removed.add(name);
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
    return root.children
      .filter((c) => c.local === 'Relationship')
      .map((c) => {
        const external = c.attrs.TargetMode === 'External';
        const rawTarget = c.attrs.Target ?? '';
        return { id: c.attrs.Id ?? '', type: c.attrs.Type ?? '', rawTarget, external, target: external ? rawTarget : resolveTarget(source, rawTarget) };
      });
  }

  /** Adds a relationship from `source` to `target` (a part path); returns its new id. */
  async addRel(source: string, type: string, target: string): Promise<string> {
    const path = relsPathOf(source);
    const xml = (await this.textIfPresent(path)) ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS_REL}"></Relationships>`;
    const root = parseXml(xml, path);
    const used = new Set(root.children.map((c) => c.attrs.Id));
    let n = used.size + 1;
    while (used.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const rel = `<Relationship Id="${id}" Type="${type}" Target="${escapeAttr(relativeTarget(source, target))}"/>`;
    this.set(path, insertChild(xml, root, rel));
    return id;
  }

  /** Removes relationships of `source` by id. */
  async removeRels(source: string, ids: ReadonlySet<string>): Promise<void> {
    const path = relsPathOf(source);
    const xml = await this.textIfPresent(path);
    if (xml === undefined) return;
    const root = parseXml(xml, path);
    const edits = root.children.filter((c) => ids.has(c.attrs.Id ?? '')).map((c) => ({ from: c.start, to: c.end, text: '' }));
    if (edits.length > 0) this.set(path, splice(xml, edits));
  }

  async contentTypeOf(path: string): Promise<string | undefined> {
    const root = parseXml(await this.text('[Content_Types].xml'), '[Content_Types].xml');
    const override = root.children.find((c) => c.local === 'Override' && (c.attrs.PartName ?? '').replace(/^\//, '').toLowerCase() === path.toLowerCase());
    if (override) return override.attrs.ContentType;
    const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
    return root.children.find((c) => c.local === 'Default' && (c.attrs.Extension ?? '').toLowerCase() === ext)?.attrs.ContentType;
  }

  /** Sets a part's content type (an Override), replacing one already there. */
  async setContentType(path: string, type: string): Promise<void> {
    const xml = await this.text('[Content_Types].xml');
    const root = parseXml(xml, '[Content_Types].xml');
    const part = `/${path}`;
    const old = root.children.find((c) => c.local === 'Override' && (c.attrs.PartName ?? '').toLowerCase() === part.toLowerCase());
    const el = `<Override PartName="${escapeAttr(part)}" ContentType="${type}"/>`;
    this.set('[Content_Types].xml', old ? splice(xml, [{ from: old.start, to: old.end, text: el }]) : insertChild(xml, root, el));
  }

  async removeContentTypes(paths: readonly string[]): Promise<void> {
    const xml = await this.text('[Content_Types].xml');
    const root = parseXml(xml, '[Content_Types].xml');
    const drop = new Set(paths.map((p) => `/${p}`.toLowerCase()));
    const edits = root.children.filter((c) => c.local === 'Override' && drop.has((c.attrs.PartName ?? '').toLowerCase())).map((c) => ({ from: c.start, to: c.end, text: '' }));
    if (edits.length > 0) this.set('[Content_Types].xml', splice(xml, edits));
  }

  /** The workbook part, found through the package relationships (any producer's path). */
  async workbookPath(): Promise<string> {
    const rel = (await this.rels('')).find((r) => relTypeIs(r.type, REL.officeDocument));
    const path = rel ? this.resolve(rel.target) : this.resolve('xl/workbook.xml');
    if (!path) throw new XlsxError('missing-part', { part: rel?.target ?? 'xl/workbook.xml' });
    return path;
  }

  /** Writes the package: edited parts from their text, every other part with its original bytes. */
  async save(): Promise<Uint8Array> {
    for (const name of this.removed) this.zip.remove(name);
    for (const name of this.dirty) this.zip.file(name, this.texts.get(name)!, { createFolders: false });
    this.dirty.clear();
    return this.zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  }
}

/** Inserts `xml` as the last child of `root` (opening a self-closing root). */
export function insertChild(source: string, root: XmlElement, xml: string): string {
  if (root.selfClosing) {
    const open = source.slice(root.start, root.openEnd).replace(/\s*\/>$/, '>');
    return splice(source, [{ from: root.start, to: root.end, text: `${open}${xml}</${root.name}>` }]);
  }
  return splice(source, [{ from: root.closeStart, to: root.closeStart, text: xml }]);
}

export { attrLocal };
