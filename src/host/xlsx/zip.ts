/**
 * The package editor's own ZIP container (PKWARE APPNOTE 6.3, the subset an .xlsx needs): a reader
 * that indexes an archive from its central directory and inflates one entry at a time under a size
 * limit, and a writer that either deflates new entries or copies existing ones byte for byte.
 * DEFLATE itself comes from fflate; everything about the container is here. Runs in Node and in
 * the browser (no Node modules, no Buffer).
 *
 * Decisions:
 * - Names: tried as strict UTF-8 first (whether or not flag bit 11 says so — a valid UTF-8 name is
 *   what every modern writer means), else decoded as CP437, the APPNOTE's default.
 * - Zip64: read (the end-of-directory locator and record, and the 0x0001 extra field of a central
 *   record); never written — finish() refuses an archive that would need it.
 * - Data descriptors: sizes and CRC are always taken from the central directory, so entries written
 *   with flag bit 3 (sizes after the data) read like any other; the writer never uses them.
 * - Only methods 0 (stored) and 8 (deflate) are inflated; encrypted entries are refused.
 * - One archive, one reading: open() refuses what different tools would read differently — a local
 *   header whose name is not the directory's (compared as bytes), two entries of one name, entries
 *   whose data overlap — and more entries than `maxEntries`, counted before the directory is walked.
 * - Sizes and ratios are claims: inflating counts what it produces, and the ratio is output over the
 *   compressed bytes actually consumed so far (a stream padded with junk after its last block does
 *   not earn a higher allowance), whatever the directory declares.
 * - An entry read whole is CRC-checked; a read its caller stopped early is a prefix, never a whole.
 */
import { Inflate, deflateSync } from 'fflate';
import { MAX_ZIP_ENTRIES } from './limits';

export type ZipProblem =
  | 'not-zip'
  | 'truncated'
  | 'encrypted'
  | 'unsupported'
  | 'too-many-entries'
  /** A local header names another entry than the directory does. */
  | 'name-mismatch'
  /** Two entries of one name. */
  | 'duplicate-name'
  /** Two entries' data share bytes. */
  | 'overlap'
  /** An entry read whole does not match its CRC-32. */
  | 'crc';

/** The bytes are not a ZIP archive we can read, or an entry's data is damaged. */
export class ZipFormatError extends Error {
  constructor(
    readonly problem: ZipProblem,
    readonly detail?: string,
    /** The entries concerned (name-mismatch: the directory's name, then the local header's). */
    readonly entries: readonly string[] = [],
    /** too-many-entries: how many the archive declares or holds. */
    readonly count?: number,
  ) {
    super(`ZIP archive unreadable: ${problem}${detail ? ` (${detail})` : ''}`);
    this.name = 'ZipFormatError';
  }
}

/** An entry would inflate to more than the caller's limit, or more than the ratio allows. */
export class ZipLimitError extends Error {
  constructor(
    readonly entry: string,
    readonly limit: number,
    readonly kind: 'size' | 'ratio' = 'size',
    /** Bytes produced when the limit was reached. */
    readonly produced = 0,
  ) {
    super(kind === 'size' ? `ZIP entry '${entry}' inflates to more than ${limit} bytes` : `ZIP entry '${entry}' inflates more than ${limit} times the compressed bytes consumed`);
    this.name = 'ZipLimitError';
  }
}

/** What inflate() holds an entry to. */
export interface InflateLimits {
  /** Most bytes the entry may produce (checked against the declared size first, then as bytes come). */
  readonly bytes: number;
  /** Most bytes produced per compressed byte consumed so far, checked once output passes `ratioFloor`. */
  readonly ratio?: number;
  readonly ratioFloor?: number;
  /** Told the size of every piece as it is produced (output past the declared size too); may throw to stop. */
  readonly onProduced?: (bytes: number) => void;
}

/** An entry as the central directory describes it (zip64 values applied). */
export interface ZipEntry {
  readonly name: string; // decoded: UTF-8 if valid, else CP437
  readonly method: number; // 0 stored, 8 deflate; others are listed but not inflated
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly crc32: number;
  readonly encrypted: boolean; // flag bit 0
  readonly isDirectory: boolean; // the name ends with '/'
  readonly modTime: number; // DOS time and date, as stored
  readonly modDate: number;
}

const LOCAL_SIG = 0x04034b50;
const CENTRAL_SIG = 0x02014b50;
const EOCD_SIG = 0x06054b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const LOCAL_SIZE = 30;
const CENTRAL_SIZE = 46;
const EOCD_SIZE = 22;
const ZIP64_EOCD_SIZE = 56;
const ZIP64_LOCATOR_SIZE = 20;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;
const STORED = 0;
const DEFLATED = 8;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_UTF8 = 0x0800;

/** Inflate feeds fflate at most this much compressed input at a time … */
const MAX_SLICE = 16 * 1024;
/** … and at least this much (so a stream that produces nothing cannot make us crawl). */
const MIN_SLICE = 64;
/** Slices are sized for about this much output per push; onChunk never sees more at once. */
const TARGET_CHUNK = 256 * 1024;
/** DEFLATE's worst case: a 258-byte match costs at least 2 bits. */
const MAX_RATIO = 1032;

// ---------------------------------------------------------------------------------------- CRC-32

/**
 * Eight 256-entry tables: table 0 is the classic byte-at-a-time one; table t gives the CRC of a byte
 * followed by t zero bytes, so eight input bytes are folded in per step ("slicing by 8").
 */
const CRC_TABLES = (() => {
  const t = new Uint32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) for (let k = 256; k < 8 * 256; k += 256) t[k + n] = (t[k - 256 + n] >>> 8) ^ t[t[k - 256 + n] & 0xff];
  return t;
})();

/** CRC-32 (ISO-HDLC, as in ZIP and zlib); pass a previous result as `seed` to continue it. */
export function crc32(data: Uint8Array, seed = 0): number {
  const t = CRC_TABLES;
  let c = ~seed;
  let i = 0;
  for (const end8 = data.length - (data.length % 8); i < end8; i += 8) {
    const a = c ^ (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24));
    c =
      t[1792 + (a & 0xff)] ^ t[1536 + ((a >>> 8) & 0xff)] ^ t[1280 + ((a >>> 16) & 0xff)] ^ t[1024 + (a >>> 24)] ^
      t[768 + data[i + 4]] ^ t[512 + data[i + 5]] ^ t[256 + data[i + 6]] ^ t[data[i + 7]];
  }
  for (; i < data.length; i++) c = t[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

// ----------------------------------------------------------------------------------------- names

/** Made on first use: a module that creates one at load time breaks hosts without TextDecoder at load (jsdom). */
let utf8Strict: { decode(input: Uint8Array): string } | undefined;
/** CP437's upper half (the lower half is ASCII, as every ZIP tool reads it). */
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

function decodeName(raw: Uint8Array): string {
  try {
    return (utf8Strict ??= new TextDecoder('utf-8', { fatal: true })).decode(raw);
  } catch {
    // Legacy names only (rare, and at most 65535 bytes): a per-character map is fine here.
    return Array.from(raw, (b) => (b < 0x80 ? String.fromCharCode(b) : CP437_HIGH[b - 0x80])).join('');
  }
}

// ---------------------------------------------------------------------------------------- reader

const u64 = (view: DataView, at: number) => view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32;

/** The end-of-central-directory record: the last one whose comment ends the file, else the last that fits. */
function findEocd(bytes: Uint8Array, view: DataView): number {
  const lowest = Math.max(0, bytes.length - EOCD_SIZE - MAX16);
  let fallback = -1;
  for (let i = bytes.length - EOCD_SIZE; i >= lowest; i--) {
    i = bytes.lastIndexOf(0x50, i); // 'P', found natively rather than byte by byte
    if (i < lowest) break;
    if (view.getUint32(i, true) !== EOCD_SIG) continue;
    const end = i + EOCD_SIZE + view.getUint16(i + 20, true);
    if (end === bytes.length) return i;
    if (end < bytes.length && fallback < 0) fallback = i;
  }
  return fallback;
}

/**
 * A turn of the event loop without the clamping of nested `setTimeout(0)` (browsers wait ≥ 4 ms
 * after five levels): `setImmediate` in Node, a MessageChannel message in a page.
 */
function nextTurn(): Promise<void> {
  const g = globalThis as unknown as { setImmediate?: (cb: () => void) => unknown; MessageChannel?: new () => { port1: { onmessage: (() => void) | null; close(): void }; port2: { postMessage(m: unknown): void; close(): void } } };
  if (g.setImmediate) return new Promise((resolve) => void g.setImmediate!(resolve));
  if (g.MessageChannel) {
    const channel = new g.MessageChannel();
    return new Promise((resolve) => {
      channel.port1.onmessage = () => {
        channel.port1.close();
        channel.port2.close();
        resolve();
      };
      channel.port2.postMessage(0);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * One archive, one reading: every local header must exist and carry the directory's name byte for
 * byte (an archive whose directory and local headers disagree reads differently in different tools),
 * no name may appear twice, and no two entries' bytes — local header to end of data — may overlap
 * each other or the directory (overlapping entries are how a small archive claims many large ones).
 */
function checkConsistency(bytes: Uint8Array, view: DataView, entries: readonly ZipEntry[], offsets: readonly number[], names: readonly Uint8Array[], cdOffset: number): void {
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.name)) throw new ZipFormatError('duplicate-name', e.name, [e.name]);
    seen.add(e.name);
  }
  const spans: { start: number; end: number; name: string }[] = [];
  entries.forEach((e, i) => {
    const at = offsets[i];
    if (view.getUint32(at, true) !== LOCAL_SIG) throw new ZipFormatError('truncated', `${e.name}: no local header`);
    const nameLength = view.getUint16(at + 26, true);
    const nameStart = at + LOCAL_SIZE;
    if (nameStart + nameLength > bytes.length) throw new ZipFormatError('truncated', `${e.name}: local header outside the data`);
    const local = bytes.subarray(nameStart, nameStart + nameLength);
    const central = names[i];
    if (local.length !== central.length || local.some((b, k) => b !== central[k])) throw new ZipFormatError('name-mismatch', e.name, [e.name, decodeName(local)]);
    const end = nameStart + nameLength + view.getUint16(at + 28, true) + e.compressedSize;
    if (end > bytes.length) throw new ZipFormatError('truncated', `${e.name}: data outside the archive`);
    spans.push({ start: at, end, name: e.name });
  });
  spans.sort((a, b) => a.start - b.start);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i].start < spans[i - 1].end) throw new ZipFormatError('overlap', `${spans[i - 1].name} / ${spans[i].name}`, [spans[i - 1].name, spans[i].name]);
  }
  const last = spans[spans.length - 1];
  if (last && last.end > cdOffset) throw new ZipFormatError('truncated', `${last.name}: data runs into the central directory`);
}

export class ZipReader {
  /** Where each entry's local header starts (kept off the public entry objects). */
  private readonly offsets = new WeakMap<ZipEntry, number>();
  private readonly view: DataView;

  private constructor(
    private readonly bytes: Uint8Array,
    readonly entries: readonly ZipEntry[],
    offsets: readonly number[],
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    entries.forEach((e, i) => this.offsets.set(e, offsets[i]));
  }

  /**
   * Indexes an archive from its central directory (the bytes are kept, not copied), checking that
   * the container tells one story: each local header names its entry as the directory does, no two
   * entries share a name or data bytes, and there are at most `maxEntries` entries.
   */
  static open(bytes: Uint8Array, options: { maxEntries?: number } = {}): ZipReader {
    const maxEntries = options.maxEntries ?? MAX_ZIP_ENTRIES;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const eocd = findEocd(bytes, view);
    if (eocd < 0) throw new ZipFormatError('not-zip', 'no end of central directory');
    let count = view.getUint16(eocd + 10, true);
    let cdSize = view.getUint32(eocd + 12, true);
    let cdOffset = view.getUint32(eocd + 16, true);

    // Zip64: a locator just before the EOCD points at the record holding the 64-bit values.
    const locator = eocd - ZIP64_LOCATOR_SIZE;
    if (locator >= 0 && view.getUint32(locator, true) === ZIP64_LOCATOR_SIG) {
      const record = u64(view, locator + 8);
      if (record + ZIP64_EOCD_SIZE > locator) throw new ZipFormatError('truncated', 'zip64 end of central directory');
      if (view.getUint32(record, true) !== ZIP64_EOCD_SIG) throw new ZipFormatError('not-zip', 'zip64 end of central directory');
      count = u64(view, record + 32);
      cdSize = u64(view, record + 40);
      cdOffset = u64(view, record + 48);
    }
    if (count > maxEntries) throw new ZipFormatError('too-many-entries', `${count} > ${maxEntries}`, [], count);
    if (cdOffset + cdSize > bytes.length) throw new ZipFormatError('truncated', 'central directory outside the data');

    const entries: ZipEntry[] = [];
    const offsets: number[] = [];
    const names: Uint8Array[] = []; // each entry's name as the directory stores it
    const end = cdOffset + cdSize;
    for (let p = cdOffset; p < end; ) {
      if (p + CENTRAL_SIZE > end || view.getUint32(p, true) !== CENTRAL_SIG) {
        if (entries.length >= count) break; // trailing bytes after the declared entries (e.g. a signature record)
        throw new ZipFormatError('truncated', `central directory record ${entries.length}`);
      }
      // The end record's count may have wrapped (a writer without zip64): the directory's records are what counts.
      if (entries.length >= maxEntries) throw new ZipFormatError('too-many-entries', `> ${maxEntries}`);
      const flags = view.getUint16(p + 8, true);
      const nameLength = view.getUint16(p + 28, true);
      const extraLength = view.getUint16(p + 30, true);
      const next = p + CENTRAL_SIZE + nameLength + extraLength + view.getUint16(p + 32, true);
      if (next > end) throw new ZipFormatError('truncated', `central directory record ${entries.length}`);
      const name = decodeName(bytes.subarray(p + CENTRAL_SIZE, p + CENTRAL_SIZE + nameLength));
      let uncompressedSize = view.getUint32(p + 24, true);
      let compressedSize = view.getUint32(p + 20, true);
      let offset = view.getUint32(p + 42, true);

      // Zip64 extra field (id 1): the 64-bit values of exactly those fields saturated at 0xFFFFFFFF, in this order.
      if (uncompressedSize === MAX32 || compressedSize === MAX32 || offset === MAX32) {
        let q = p + CENTRAL_SIZE + nameLength;
        const extraEnd = q + extraLength;
        while (q + 4 <= extraEnd && view.getUint16(q, true) !== 1) q += 4 + view.getUint16(q + 2, true);
        if (q + 4 > extraEnd) throw new ZipFormatError('truncated', `${name}: zip64 extra field missing`);
        const fieldEnd = Math.min(extraEnd, q + 4 + view.getUint16(q + 2, true));
        q += 4;
        const take = () => {
          if (q + 8 > fieldEnd) throw new ZipFormatError('truncated', `${name}: zip64 extra field too short`);
          q += 8;
          return u64(view, q - 8);
        };
        if (uncompressedSize === MAX32) uncompressedSize = take();
        if (compressedSize === MAX32) compressedSize = take();
        if (offset === MAX32) offset = take();
      }
      if (offset + LOCAL_SIZE > bytes.length) throw new ZipFormatError('truncated', `${name}: local header outside the data`);

      entries.push({
        name,
        method: view.getUint16(p + 10, true),
        compressedSize,
        uncompressedSize,
        crc32: view.getUint32(p + 16, true),
        encrypted: (flags & FLAG_ENCRYPTED) !== 0,
        isDirectory: name.endsWith('/'),
        modTime: view.getUint16(p + 12, true),
        modDate: view.getUint16(p + 14, true),
      });
      offsets.push(offset);
      names.push(bytes.subarray(p + CENTRAL_SIZE, p + CENTRAL_SIZE + nameLength));
      p = next;
    }
    checkConsistency(bytes, view, entries, offsets, names, cdOffset);
    return new ZipReader(bytes, entries, offsets);
  }

  /** The entry's compressed bytes: a view into the archive, found through its local header. */
  raw(entry: ZipEntry): Uint8Array {
    const at = this.offsets.get(entry);
    if (at === undefined) throw new Error(`ZIP entry '${entry.name}' is not from this archive`);
    if (this.view.getUint32(at, true) !== LOCAL_SIG) throw new ZipFormatError('truncated', `${entry.name}: no local header`);
    // The local name and extra field may differ in length from the central ones (zip64, timestamps).
    const start = at + LOCAL_SIZE + this.view.getUint16(at + 26, true) + this.view.getUint16(at + 28, true);
    const end = start + entry.compressedSize;
    if (end > this.bytes.length) throw new ZipFormatError('truncated', `${entry.name}: data outside the archive`);
    return this.bytes.subarray(start, end);
  }

  /**
   * Streams an entry's content to onChunk (chunks of at most 256 KiB; a stored entry's chunks are
   * views into the archive, so copy before modifying). onChunk returning false stops early, without
   * error, and the count so far is returned. Throws:
   * - ZipLimitError (kind 'size') when the entry declares more than `limit` bytes (before inflating
   *   anything), or as soon as its output passes `limit`, whatever it declared; (kind 'ratio') as soon
   *   as its output, past `ratioFloor`, is more than `ratio` times the compressed bytes consumed so far;
   * - ZipFormatError('encrypted') / ('unsupported') for encrypted entries / methods other than 0 and 8;
   * - ZipFormatError('truncated', …) for damaged deflate data and for output of another size than
   *   declared; ZipFormatError('crc') for a CRC mismatch of an entry read whole (a read stopped early
   *   is not checked: it is a prefix, and its caller knows). Output beyond the declared size is never
   *   handed on (a caller may size buffers by it); it is only counted, to tell a bomb (the limit)
   *   from damage. `limit` as a number is `{ bytes: limit }`.
   * Compressed input goes to fflate in slices of at most 16 KiB, smaller when the data compresses
   * well or little output remains allowed, so one push cannot produce much more than is allowed.
   */
  inflate(entry: ZipEntry, limit: number | InflateLimits, onChunk: (chunk: Uint8Array) => boolean | void): number {
    const steps = this.steps(entry, typeof limit === 'number' ? { bytes: limit } : limit, onChunk);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /** inflate(), giving the event loop a turn about every 10 ms (a long part does not freeze a pane). */
  async inflateAsync(entry: ZipEntry, limit: number | InflateLimits, onChunk: (chunk: Uint8Array) => boolean | void): Promise<number> {
    const steps = this.steps(entry, typeof limit === 'number' ? { bytes: limit } : limit, onChunk);
    for (let since = Date.now(); ; ) {
      const step = steps.next();
      if (step.done) return step.value;
      if (Date.now() - since >= 10) {
        await nextTurn();
        since = Date.now();
      }
    }
  }

  /** The work of inflate(), pausing after each slice; its value is the number of bytes produced. */
  private *steps(entry: ZipEntry, limits: InflateLimits, onChunk: (chunk: Uint8Array) => boolean | void): Generator<void, number> {
    if (entry.encrypted) throw new ZipFormatError('encrypted', entry.name);
    if (entry.method !== STORED && entry.method !== DEFLATED) throw new ZipFormatError('unsupported', `${entry.name}: method ${entry.method}`);
    const limit = limits.bytes;
    if (entry.uncompressedSize > limit) throw new ZipLimitError(entry.name, limit);
    const data = this.raw(entry);
    const declared = entry.uncompressedSize;
    const maxRatio = limits.ratio ?? Infinity;
    const ratioFloor = limits.ratioFloor ?? 0;
    let total = 0; // bytes produced
    let consumed = 0; // compressed bytes handed to the inflater so far
    let crc = 0;
    let lying = false; // output passed the declared size: from then on counted up to the limit, not handed on

    /** Hands output on in pieces; false when the caller asked to stop. */
    const deliver = (out: Uint8Array): boolean => {
      for (let at = 0; at < out.length; at += TARGET_CHUNK) {
        const piece = out.subarray(at, at + TARGET_CHUNK);
        total += piece.length;
        if (total > limit) throw new ZipLimitError(entry.name, limit, 'size', total);
        if (total > ratioFloor && total > consumed * maxRatio) throw new ZipLimitError(entry.name, maxRatio, 'ratio', total);
        limits.onProduced?.(piece.length);
        lying ||= total > declared;
        if (lying) continue;
        crc = crc32(piece, crc);
        if (onChunk(piece) === false) return false;
      }
      return true;
    };

    if (entry.method === STORED) {
      for (let at = 0; at < data.length; at += TARGET_CHUNK) {
        consumed = Math.min(data.length, at + TARGET_CHUNK);
        if (!deliver(data.subarray(at, at + TARGET_CHUNK))) return total;
        yield;
      }
    } else {
      const produced: Uint8Array[] = []; // fflate hands over one array per push
      const inflater = new Inflate((chunk) => void produced.push(chunk));
      let ratio = MAX_RATIO; // assume the worst until a push shows otherwise
      for (let pos = 0; pos < data.length; ) {
        const room = Math.ceil(Math.max(0, (lying ? limit : declared) - total) / MAX_RATIO); // slice for the output still allowed
        const size = Math.min(MAX_SLICE, Math.max(MIN_SLICE, Math.min(Math.floor(TARGET_CHUNK / ratio), room)));
        const slice = data.subarray(pos, pos + size);
        pos += slice.length;
        consumed = pos;
        try {
          inflater.push(slice, pos >= data.length);
        } catch (e) {
          throw new ZipFormatError('truncated', `${entry.name}: ${e instanceof Error ? e.message : String(e)}`);
        }
        const output = produced.pop() ?? new Uint8Array(0);
        ratio = Math.max(1, output.length / slice.length);
        if (!deliver(output)) return total;
        yield;
      }
    }
    if (total !== declared) throw new ZipFormatError('truncated', `${entry.name}: ${total} bytes, ${declared} declared`);
    if (crc !== entry.crc32) throw new ZipFormatError('crc', 'crc', [entry.name]);
    return total;
  }
}

// ---------------------------------------------------------------------------------------- writer

type RawEntry = Pick<ZipEntry, 'name' | 'method' | 'crc32' | 'compressedSize' | 'uncompressedSize' | 'modTime' | 'modDate'>;

/** 1980-01-01 00:00 in DOS format. */
const DEFAULT_DATE = (1 << 5) | 1;
const DEFAULT_TIME = 0;
const VERSION = 20; // 2.0: deflate, directories

/** Builds an archive in memory: local headers and data in order, then the central directory. */
export class ZipWriter {
  private readonly parts: Uint8Array[] = [];
  private readonly central: Uint8Array[] = [];
  private readonly names = new Set<string>();
  private offset = 0;
  private largest = 0;

  /** Adds already-compressed bytes as they are: same method, CRC, sizes and DOS time/date. */
  addRaw(entry: RawEntry, compressed: Uint8Array): void {
    if ((entry as Partial<ZipEntry>).encrypted) throw new Error(`ZIP entry '${entry.name}' is encrypted; it cannot be copied without its header`);
    if (compressed.length !== entry.compressedSize) throw new Error(`ZIP entry '${entry.name}': ${compressed.length} bytes given, ${entry.compressedSize} declared`);
    if (this.names.has(entry.name)) throw new Error(`ZIP entry '${entry.name}' added twice`);
    const name = new TextEncoder().encode(entry.name);
    if (name.length > MAX16) throw new Error(`ZIP entry name too long: ${entry.name.slice(0, 64)}…`);
    this.names.add(entry.name);
    const flags = name.length !== entry.name.length ? FLAG_UTF8 : 0; // more bytes than UTF-16 units: not ASCII

    // Fields shared by both headers, from "version needed" to the extra-field length.
    const common = (h: DataView, at: number) => {
      h.setUint16(at, VERSION, true);
      h.setUint16(at + 2, flags, true);
      h.setUint16(at + 4, entry.method, true);
      h.setUint16(at + 6, entry.modTime, true);
      h.setUint16(at + 8, entry.modDate, true);
      h.setUint32(at + 10, entry.crc32 >>> 0, true);
      h.setUint32(at + 14, Math.min(entry.compressedSize, MAX32), true);
      h.setUint32(at + 18, Math.min(entry.uncompressedSize, MAX32), true);
      h.setUint16(at + 22, name.length, true);
      h.setUint16(at + 24, 0, true); // no extra field
    };
    const local = new Uint8Array(LOCAL_SIZE + name.length);
    const l = new DataView(local.buffer);
    l.setUint32(0, LOCAL_SIG, true);
    common(l, 4);
    local.set(name, LOCAL_SIZE);

    const record = new Uint8Array(CENTRAL_SIZE + name.length);
    const c = new DataView(record.buffer);
    c.setUint32(0, CENTRAL_SIG, true);
    c.setUint16(4, VERSION, true); // made by: MS-DOS attributes, APPNOTE 2.0
    common(c, 6);
    // comment length, disk number and internal attributes stay 0
    c.setUint32(38, entry.name.endsWith('/') ? 0x10 : 0, true); // DOS directory attribute
    c.setUint32(42, Math.min(this.offset, MAX32), true);
    record.set(name, CENTRAL_SIZE);

    this.largest = Math.max(this.largest, this.offset, entry.compressedSize, entry.uncompressedSize);
    this.parts.push(local, compressed);
    this.central.push(record);
    this.offset += local.length + compressed.length;
  }

  /** Deflates `data` (level 6 unless given; level 0 stores it, method 0) and adds it. */
  add(name: string, data: Uint8Array, options: { modTime?: number; modDate?: number; level?: number } = {}): void {
    const level = options.level ?? 6;
    if (!Number.isInteger(level) || level < 0 || level > 9) throw new RangeError(`ZIP deflate level ${level} is not 0–9`);
    const compressed = level === 0 ? data : deflateSync(data, { level: level as 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 });
    const entry = {
      name,
      method: level === 0 ? STORED : DEFLATED,
      crc32: crc32(data),
      compressedSize: compressed.length,
      uncompressedSize: data.length,
      modTime: options.modTime ?? DEFAULT_TIME,
      modDate: options.modDate ?? DEFAULT_DATE,
    };
    this.addRaw(entry, compressed);
  }

  /** The whole archive, in one new array. */
  finish(): Uint8Array {
    const cdSize = this.central.reduce((n, r) => n + r.length, 0);
    const count = this.central.length;
    if (count > MAX16) throw new Error(`ZIP archive of ${count} entries would need zip64 (more than 65535), which this writer does not produce`);
    if (this.largest >= MAX32 || this.offset >= MAX32 || cdSize >= MAX32)
      throw new Error('ZIP archive would need zip64 (a size or offset of 4 GiB or more), which this writer does not produce');

    const eocd = new Uint8Array(EOCD_SIZE);
    const e = new DataView(eocd.buffer);
    e.setUint32(0, EOCD_SIG, true);
    e.setUint16(8, count, true); // entries on this disk
    e.setUint16(10, count, true); // entries in all
    e.setUint32(12, cdSize, true);
    e.setUint32(16, this.offset, true);

    const out = new Uint8Array(this.offset + cdSize + EOCD_SIZE);
    let at = 0;
    for (const part of [...this.parts, ...this.central, eocd]) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }
}
