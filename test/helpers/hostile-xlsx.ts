/**
 * Hostile workbooks, built small: the rows of issue 19's table (XFD-wide rows, a huge cell, a padded
 * deflate stream, a zip of 400,000 entries, a giant [Content_Types].xml, zip entries whose names
 * disagree or repeat) as the tests and the bench need them, each from a real survey workbook. Large
 * parts are never held whole: they are deflated as independent segments (a sync flush ends each one
 * byte-aligned and not final, so segments concatenate into one stream), and a repeated block is
 * deflated once and its compressed bytes repeated — a gigabyte of XML costs a megabyte to build.
 */
import { randomBytes } from 'node:crypto';
import { constants, deflateRawSync } from 'node:zlib';
import { TABLE_4_1, type CellValue } from '../../src/domain';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { readWorkbook } from '../../src/host/xlsx/workbook';
import { crc32, ZipReader, ZipWriter } from '../../src/host/xlsx/zip';
import { generateSurveyWorkbook } from '../../src/jobs/survey';
import { sampleResponses } from '../../src/sample/sample-data';

const enc = new TextEncoder();
const MiB = 1024 * 1024;
/** The final, empty block (fixed Huffman, end of block) that closes a stream of segments. */
const FINAL_BLOCK = new Uint8Array([0x03, 0x00]);
/** Where a marker text goes in the survey's responses, to be replaced by something large. */
export const MARKER = '@@HOSTILE@@';

/** `data` deflated from a fresh state, ending byte-aligned and not final: segments concatenate. */
export function segment(data: Uint8Array | string): Uint8Array {
  return new Uint8Array(deflateRawSync(typeof data === 'string' ? enc.encode(data) : data, { finishFlush: constants.Z_SYNC_FLUSH, level: 9 }));
}

/** A part's content as a deflate stream: its compressed bytes, size and CRC-32. */
export interface Streamed {
  readonly compressed: Uint8Array;
  readonly size: number;
  readonly crc: number;
}

/** `prefix`, then `block` `times` times, then `suffix`, deflated without ever holding the whole text. */
export function repeated(prefix: string, block: string, times: number, suffix: string): Streamed {
  const [p, b, s] = [prefix, block, suffix].map((t) => enc.encode(t));
  const bz = segment(b);
  const parts = [segment(p), ...Array.from({ length: times }, () => bz), segment(s), FINAL_BLOCK];
  let crc = crc32(p);
  for (let i = 0; i < times; i++) crc = crc32(b, crc);
  crc = crc32(s, crc);
  return { compressed: concat(parts), size: p.length + b.length * times + s.length, crc };
}

/**
 * `size` characters of text that compress like real text rather than like a bomb (about 70×): a
 * random 4 KiB run of `alphabet` repeated.
 */
export function noisy(size: number, alphabet = 'abcdefghijklmnopqrstuvwxyz'): string {
  const pattern = Array.from(randomBytes(4096), (b) => alphabet[b % alphabet.length]).join('');
  return pattern.repeat(Math.ceil(size / pattern.length)).slice(0, size);
}

export function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The survey workbook with the sample responses (the last response's comment, column U, can be a marker). */
export async function surveyWorkbook(options: { marker?: boolean } = {}): Promise<{ bytes: Uint8Array; part: string; lastRow: number }> {
  const rows: CellValue[][] = sampleResponses(TABLE_4_1).rows.map((r) => [...r]);
  if (options.marker) rows[rows.length - 1][20] = MARKER;
  const gw = XlsxGateway.empty();
  await generateSurveyWorkbook(gw, { template: 'builtin', responses: rows });
  const wb = await readWorkbook(gw.pkg);
  return { bytes: await gw.save(), part: wb.sheets.find((s) => s.name === '调查数据')!.part, lastRow: rows.length + 1 };
}

/** The text of one entry. */
export function entryText(zip: Uint8Array, name: string): string {
  const reader = ZipReader.open(zip);
  const chunks: Uint8Array[] = [];
  reader.inflate(reader.entries.find((e) => e.name === name)!, 1 << 30, (c) => void chunks.push(c.slice()));
  return new TextDecoder().decode(concat(chunks));
}

/**
 * The archive with `part` replaced (method 8): by text, or by a prepared stream — with junk appended
 * after the stream's last block (the declared compressed size grows, the data does not), and the
 * uncompressed size declared as given.
 */
export function replacePart(zip: Uint8Array, part: string, content: string | Streamed, options: { junk?: number; declaredSize?: number } = {}): Uint8Array {
  const reader = ZipReader.open(zip);
  const w = new ZipWriter();
  for (const e of reader.entries) {
    if (e.name !== part) {
      w.addRaw(e, reader.raw(e));
      continue;
    }
    if (typeof content === 'string') {
      w.add(part, enc.encode(content));
      continue;
    }
    const data = options.junk ? concat([content.compressed, new Uint8Array(randomBytes(options.junk))]) : content.compressed;
    w.addRaw({ name: part, method: 8, crc32: content.crc, compressedSize: data.length, uncompressedSize: options.declaredSize ?? content.size, modTime: e.modTime, modDate: e.modDate }, data);
  }
  return w.finish();
}

/** Row `r` holding one empty cell at XFD (both ways producers write one: an empty value, an empty inline string). */
const xfdRow = (r: number) => (r % 2 ? `<row r="${r}"><c r="XFD${r}"><v></v></c></row>` : `<row r="${r}"><c r="XFD${r}" t="inlineStr"><is><t></t></is></c></row>`);

/** The survey with `n` rows after its responses, each holding one empty cell at XFD (or a value, with `value`). */
export async function xfdRows(n: number, options: { value?: string } = {}): Promise<Uint8Array> {
  const { bytes, part, lastRow } = await surveyWorkbook();
  const xml = entryText(bytes, part);
  const rows: string[] = [];
  for (let r = lastRow + 1; r <= lastRow + n; r++) rows.push(options.value === undefined ? xfdRow(r) : `<row r="${r}"><c r="XFD${r}" t="inlineStr"><is><t>${options.value}</t></is></c></row>`);
  const at = xml.lastIndexOf('</sheetData>');
  return replacePart(bytes, part, xml.slice(0, at) + rows.join('') + xml.slice(at));
}

/** The survey whose last response's comment (调查数据!U{lastRow}) is `chars` characters long. */
export async function bigCell(chars: number): Promise<{ bytes: Uint8Array; cell: string }> {
  const { bytes, part, lastRow } = await surveyWorkbook({ marker: true });
  const xml = entryText(bytes, part);
  const at = xml.indexOf(MARKER);
  const body = repeated(xml.slice(0, at), noisy(MiB), Math.ceil(chars / MiB), xml.slice(at + MARKER.length));
  return { bytes: replacePart(bytes, part, body), cell: `调查数据!U${lastRow}` };
}

/**
 * The survey whose responses sheet is followed by `mb` MiB of well-formed, empty-cell rows, its deflate
 * stream padded with junk so the declared compressed size is `1 / ratio` of the declared size
 * (the shape of a file that lifts a ratio check made on declared sizes).
 */
export async function paddedDeflate(mb: number, ratio = 240): Promise<Uint8Array> {
  const { bytes, part, lastRow } = await surveyWorkbook();
  const xml = entryText(bytes, part);
  const at = xml.lastIndexOf('</sheetData>');
  const r = lastRow + 1;
  const row = `<row r="${r}" spans="1:22"><c r="W${r}" s="0"/></row>`;
  const block = row.repeat(Math.ceil(MiB / row.length));
  const body = repeated(xml.slice(0, at), block, Math.ceil((mb * MiB) / block.length), xml.slice(at));
  const junk = Math.max(0, Math.ceil(body.size / ratio) - body.compressed.length);
  return replacePart(bytes, part, body, { junk });
}

/** The survey whose [Content_Types].xml is `mb` MiB (distinct Overrides: it compresses like real markup), or declares `declaredSize`. */
export async function bigContentTypes(mb: number, declaredSize?: number): Promise<Uint8Array> {
  const { bytes } = await surveyWorkbook();
  const xml = entryText(bytes, '[Content_Types].xml');
  const at = xml.lastIndexOf('</Types>');
  const overrides: string[] = [];
  for (let i = 0, size = 0; size < MiB; i++) {
    const o = `<Override PartName="/xl/extra/part${i}.xml" ContentType="application/vnd.example.part${i % 97}+xml"/>`;
    overrides.push(o);
    size += o.length;
  }
  const body = repeated(xml.slice(0, at), overrides.join(''), mb, xml.slice(at));
  return replacePart(bytes, '[Content_Types].xml', body, { declaredSize });
}

/**
 * The survey with `n` more (empty, stored) entries, written as a writer that knows no zip64 writes
 * them: the end record's 16-bit entry count wraps; the directory itself holds every record.
 */
export async function manyEntries(n: number): Promise<Uint8Array> {
  const { bytes } = await surveyWorkbook();
  const reader = ZipReader.open(bytes);
  // The workbook's own entries, then `n` empty stored ones (ASCII names, written byte by byte: fast).
  const count = reader.entries.length + n;
  const nameOf = (i: number) => (i < reader.entries.length ? reader.entries[i].name : `extra/${i}.bin`);
  const names = reader.entries.map((e) => enc.encode(e.name));
  const nameLength = (i: number) => (i < names.length ? names[i].length : nameOf(i).length);
  const meta = (i: number) => (i < names.length ? reader.entries[i] : { method: 0, crc32: 0, compressedSize: 0, uncompressedSize: 0 });
  let localSize = 0;
  let centralSize = 0;
  for (let i = 0; i < count; i++) {
    localSize += 30 + nameLength(i) + (i < names.length ? reader.entries[i].compressedSize : 0);
    centralSize += 46 + nameLength(i);
  }
  const out = new Uint8Array(localSize + centralSize + 22);
  const v = new DataView(out.buffer);
  const writeName = (i: number, at: number) => {
    if (i < names.length) out.set(names[i], at);
    else for (let k = 0, s = nameOf(i); k < s.length; k++) out[at + k] = s.charCodeAt(k);
  };
  const offsets = new Uint32Array(count);
  let p = 0;
  for (let i = 0; i < count; i++) {
    const e = meta(i);
    offsets[i] = p;
    v.setUint32(p, 0x04034b50, true);
    v.setUint16(p + 4, 20, true);
    v.setUint16(p + 8, e.method, true);
    v.setUint16(p + 12, 33, true);
    v.setUint32(p + 14, e.crc32 >>> 0, true);
    v.setUint32(p + 18, e.compressedSize, true);
    v.setUint32(p + 22, e.uncompressedSize, true);
    v.setUint16(p + 26, nameLength(i), true);
    writeName(i, p + 30);
    p += 30 + nameLength(i);
    if (i < names.length) {
      out.set(reader.raw(reader.entries[i]), p);
      p += e.compressedSize;
    }
  }
  const cd = p;
  for (let i = 0; i < count; i++) {
    const e = meta(i);
    v.setUint32(p, 0x02014b50, true);
    v.setUint16(p + 4, 20, true);
    v.setUint16(p + 6, 20, true);
    v.setUint16(p + 10, e.method, true);
    v.setUint16(p + 14, 33, true);
    v.setUint32(p + 16, e.crc32 >>> 0, true);
    v.setUint32(p + 20, e.compressedSize, true);
    v.setUint32(p + 24, e.uncompressedSize, true);
    v.setUint16(p + 28, nameLength(i), true);
    v.setUint32(p + 42, offsets[i], true);
    writeName(i, p + 46);
    p += 46 + nameLength(i);
  }
  v.setUint32(p, 0x06054b50, true);
  v.setUint16(p + 8, count & 0xffff, true);
  v.setUint16(p + 10, count & 0xffff, true);
  v.setUint32(p + 12, p - cd, true);
  v.setUint32(p + 16, cd, true);
  return out;
}

/** Every offset where a header with signature `sig` carries the name `name` (local: 0x04034b50, central: 0x02014b50). */
function headersNamed(zip: Uint8Array, name: string, sig: number): number[] {
  const n = enc.encode(name);
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const nameAt = sig === 0x04034b50 ? 30 : 46;
  const out: number[] = [];
  for (let i = 0; i + nameAt + n.length <= zip.length; i++) {
    if (v.getUint32(i, true) !== sig || v.getUint16(i + (sig === 0x04034b50 ? 26 : 28), true) !== n.length) continue;
    if (n.every((b, k) => zip[i + nameAt + k] === b)) out.push(i);
  }
  return out;
}

/** A copy with the local headers of two same-length entries trading names (the directory unchanged). */
export function swapLocalNames(zip: Uint8Array, a: string, b: string): Uint8Array {
  if (a.length !== b.length) throw new Error('names of one length only');
  const out = zip.slice();
  const [la] = headersNamed(zip, a, 0x04034b50);
  const [lb] = headersNamed(zip, b, 0x04034b50);
  out.set(enc.encode(b), la + 30);
  out.set(enc.encode(a), lb + 30);
  return out;
}

/** A copy with entry `from` renamed `to` (same length) in its local header and the directory. */
export function renameEntry(zip: Uint8Array, from: string, to: string): Uint8Array {
  if (from.length !== to.length) throw new Error('names of one length only');
  const out = zip.slice();
  for (const at of headersNamed(zip, from, 0x04034b50)) out.set(enc.encode(to), at + 30);
  for (const at of headersNamed(zip, from, 0x02014b50)) out.set(enc.encode(to), at + 46);
  return out;
}

/** The survey with a second copy of `part` under another name of the same length (then renamed by the caller). */
export function withEntry(zip: Uint8Array, name: string, text: string): Uint8Array {
  const reader = ZipReader.open(zip);
  const w = new ZipWriter();
  for (const e of reader.entries) w.addRaw(e, reader.raw(e));
  w.add(name, enc.encode(text));
  return w.finish();
}
