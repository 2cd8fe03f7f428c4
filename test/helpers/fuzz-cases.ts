/**
 * The package fuzzer's cases (issue 19, part 7), shared by test/host/fuzz-package.test.ts (which
 * asserts on each) and bench/package-bench.ts (which measures the worst one's peak memory): seeded
 * mutations of (a) the zip container's bytes of a small valid workbook — bytes flipped, set, inserted
 * or deleted, most of them in or near a header — and (b) the markup of one of its parts (a sheet,
 * mostly), re-zipped with a correct zip so the XML itself is what is damaged.
 */
import fc from 'fast-check';
import { CsatError, formatProblem } from '../../src/domain';
import { XlsxError } from '../../src/host/xlsx/errors';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { MAX_COLS, MAX_ROWS } from '../../src/host/xlsx/limits';
import { buildXlsx } from './xlsx-build';
import { entryText, replacePart } from './hostile-xlsx';

export const FUZZ_SEED = 20_260_119;
export const FUZZ_RUNS = 300;

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** A small workbook holding what a survey export holds: shared and inline strings, numbers, a date, a formula, a merge. */
export async function fuzzBase(): Promise<Uint8Array> {
  const header = ['客户名称', '调查日期', '专业技术', '日常', '软件', '硬件', '安全', '运维管理', '服务报告', '热线畅通', '态度', '响应及时性', '服务台回访', '行为规范', '备件供应', '培训'];
  const cols = (i: number) => String.fromCharCode(65 + i);
  const row = (r: number, values: (string | number)[]) =>
    `<row r="${r}">${values.map((v, i) => (typeof v === 'number' ? `<c r="${cols(i)}${r}"${i === 1 ? ' s="1"' : ''}><v>${v}</v></c>` : `<c r="${cols(i)}${r}" t="s"><v>${v}</v></c>`)).join('')}</row>`;
  const strings = [...header, '满意', '较满意', '一般', '甲公司', '乙公司'];
  const idx = (s: string) => strings.indexOf(s);
  const levels = ['满意', '较满意', '一般'];
  const rows = [row(1, header.map(idx))];
  for (let r = 2; r <= 6; r++) rows.push(row(r, [idx(r % 2 ? '甲公司' : '乙公司'), 46080 + r, ...header.slice(2).map((_, k) => idx(levels[(r + k) % 3]))]));
  rows.push('<row r="7"><c r="A7" t="inlineStr"><is><r><t>丙</t></r><r><t xml:space="preserve">公司 _x0041_</t></r></is></c><c r="B7"><f>B6+1</f><v>46087</v></c><c r="C7" t="str"><f>C6</f><v>满意</v></c></row>');
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}"><dimension ref="A1:P7"/><sheetData>${rows.join('')}</sheetData><mergeCells count="1"><mergeCell ref="A8:B9"/></mergeCells></worksheet>`;
  return buildXlsx({ sharedStrings: strings, sheets: { 调查数据: sheet, 备注: '<row r="1"><c r="A1" t="inlineStr"><is><t>说明</t></is></c><c r="B1" t="b"><v>1</v></c><c r="C1" t="e"><v>#N/A</v></c></row>' } });
}

// ------------------------------------------------------------------------------------ (a) container

/** A fraction in [0, 1), uniformly (fast-check's doubles favour 0 and the edges, which would pile every edit at the start). */
const fraction = fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1_000_000);

export interface ByteMutation {
  readonly op: 'flip' | 'set' | 'insert' | 'delete';
  /** Near a header (which one, as a fraction of their number, and how far into it), or anywhere (a fraction of the length). */
  readonly near: { readonly header: number; readonly offset: number } | { readonly anywhere: number };
  readonly byte: number;
  readonly length: number;
}

/** Where the zip's headers start: local headers, directory records, the end record. */
function headerOffsets(zip: Uint8Array): number[] {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const out: number[] = [];
  for (let i = 0; i + 4 <= zip.length; i++) {
    const sig = v.getUint32(i, true);
    if (sig === 0x04034b50 || sig === 0x02014b50 || sig === 0x06054b50) out.push(i);
  }
  return out;
}

export const byteMutation: fc.Arbitrary<ByteMutation> = fc.record({
  op: fc.constantFrom('flip', 'set', 'insert', 'delete'),
  near: fc.oneof(
    { weight: 3, arbitrary: fc.record({ header: fraction, offset: fc.integer({ min: 0, max: 60 }) }) },
    { weight: 1, arbitrary: fc.record({ anywhere: fraction }) },
  ),
  byte: fc.integer({ min: 0, max: 255 }),
  length: fc.integer({ min: 1, max: 8 }),
});

export const zipCase = fc.array(byteMutation, { minLength: 1, maxLength: 4 });

/** The base bytes with the mutations applied in order. */
export function applyBytes(base: Uint8Array, mutations: readonly ByteMutation[]): Uint8Array {
  let bytes = base.slice();
  for (const m of mutations) {
    const headers = headerOffsets(bytes);
    const at = Math.min(bytes.length - 1, Math.max(0, 'anywhere' in m.near ? Math.floor(m.near.anywhere * bytes.length) : (headers[Math.floor(m.near.header * headers.length)] ?? 0) + m.near.offset));
    if (m.op === 'flip') bytes[at] ^= 1 << m.byte % 8;
    else if (m.op === 'set') bytes.fill(m.byte, at, at + m.length);
    else if (m.op === 'insert') {
      const next = new Uint8Array(bytes.length + m.length);
      next.set(bytes.subarray(0, at));
      next.fill(m.byte, at, at + m.length);
      next.set(bytes.subarray(at), at + m.length);
      bytes = next;
    } else bytes = new Uint8Array([...bytes.subarray(0, at), ...bytes.subarray(at + m.length)]);
  }
  return bytes;
}

// ---------------------------------------------------------------------------------------- (b) markup

/** Markup a damaged or hostile file holds: tags, references, limits' edges. */
const TOKENS = [
  '<', '>', '/>', '</c>', '</row>', '<row>', '<row r="0">', '<row r="1048577">', '<row r="2">', '<c r="XFD1">', '<c r="A0">', '<c r="XFE3">', '<c>', '<c t="s"><v>999</v></c>',
  '<c t="s"><v>-1</v></c>', '<c t="inlineStr"><is><t>', '</t></is>', '<v>', '</v>', '<f>', '<is>', '<t>', 't="s"', 't="b"', 't="e"', 't="d"', 't="inlineStr"', 's="1"', 's="99999"',
  'r="A1"', 'r=""', '&', '&amp;', '&#0;', '&#x1F600;', '&nosuch;', '"', "'", ']]>', '<![CDATA[x]]>', '<!--', '-->', '<?pi x?>', '<!DOCTYPE x>', '_x0041_', '_xD800_', '\u0000',
  '\uFFFF', '\uD800', '<sheetData>', '</sheetData>', '<mergeCell ref="A1:XFD1048576"/>', '<x:c xmlns:x="urn:x">', 'xmlns="urn:other"', '<si>', '</si>', '<sheet name="" sheetId="9" r:id="rId99"/>',
];

/** Attribute values and texts that keep the XML well-formed but test what it says. */
const VALUES = [
  '0', '-1', '1', '2', '7', '99', '1048576', '1048577', '4294967296', '1e308', '1e400', '-0', 'NaN', 'Infinity', '0x10', '', ' ', 'A1', 'a1', '$A$1', 'XFD1', 'XFE1', 'A0', 'A1048577', 'ZZZZ9',
  's', 'b', 'e', 'd', 'n', 'str', 'inlineStr', 'true', 'false', '#N/A', '2026-03-05T00:00:00Z', 'not a date', '_x0041_', '_xD800_', '满意', 'rId1', 'rId99', '../../../x.xml',
  '/xl/worksheets/sheet1.xml', 'http://example.com/x', 'x'.repeat(300),
];

export interface MarkupEdit {
  /**
   * Raw: delete, duplicate, insert or replace characters (most break the XML). Well-formed: set the
   * n-th attribute value or text to one of VALUES, or duplicate / drop the n-th element (c, row, si,
   * sheet, Relationship, Override, mergeCell, xf, v, t).
   */
  readonly op: 'delete' | 'duplicate' | 'insert' | 'replace' | 'attr' | 'text' | 'dup-element' | 'drop-element';
  /** Where, as a fraction of the text's length (raw edits), or which one (the others). */
  readonly at: number;
  readonly length: number;
  readonly token: number;
}

export const markupEdit: fc.Arbitrary<MarkupEdit> = fc.record({
  op: fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom('delete', 'duplicate', 'insert', 'replace') },
    { weight: 3, arbitrary: fc.constantFrom('attr', 'attr', 'text', 'text', 'dup-element', 'drop-element') },
  ),
  at: fraction,
  length: fc.integer({ min: 1, max: 40 }),
  token: fc.nat({ max: 1000 }),
});

const ELEMENTS = ['c', 'row', 'si', 'sheet', 'Relationship', 'Override', 'mergeCell', 'xf', 'v', 't'];

/** [start, end) of the n-th element named `name` (never nested in itself in these parts). */
function element(s: string, name: string, n: number): [number, number] | undefined {
  const starts: number[] = [];
  for (let i = s.indexOf(`<${name}`); i >= 0; i = s.indexOf(`<${name}`, i + 1)) if (/[\s/>]/.test(s[i + name.length + 1] ?? '')) starts.push(i);
  if (starts.length === 0) return undefined;
  const start = starts[n % starts.length];
  const open = s.indexOf('>', start);
  if (open < 0) return undefined;
  if (s[open - 1] === '/') return [start, open + 1];
  const close = s.indexOf(`</${name}>`, open);
  return close < 0 ? undefined : [start, close + name.length + 3];
}

/** The parts whose markup is mutated: the responses sheet mostly, the others that every read goes through. */
export const MARKUP_PARTS = ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/sharedStrings.xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml', 'xl/styles.xml'];

export const markupCase = fc.record({ part: fc.nat({ max: MARKUP_PARTS.length - 1 }), edits: fc.array(markupEdit, { minLength: 1, maxLength: 3 }) });

export function applyMarkup(text: string, edits: readonly MarkupEdit[]): string {
  let s = text;
  for (const e of edits) {
    const at = Math.floor(e.at * s.length);
    const token = TOKENS[e.token % TOKENS.length];
    const value = VALUES[e.token % VALUES.length];
    if (e.op === 'delete') s = s.slice(0, at) + s.slice(at + e.length);
    else if (e.op === 'duplicate') s = s.slice(0, at + e.length) + s.slice(at, at + e.length) + s.slice(at + e.length);
    else if (e.op === 'insert') s = s.slice(0, at) + token + s.slice(at);
    else if (e.op === 'replace') s = s.slice(0, at) + token + s.slice(at + e.length);
    else if (e.op === 'attr' || e.op === 'text') {
      // The n-th attribute value ("…") or text (>…<), n from the position.
      const spans: [number, number][] = [];
      // Texts with something in them (not the whitespace between tags), past the XML declaration.
      const re = e.op === 'attr' ? /="([^"]*)"/g : />([^<\s][^<]*)</g;
      const skip = e.op === 'attr' ? 2 : 1;
      re.lastIndex = s.startsWith('<?xml') ? s.indexOf('?>') : 0;
      for (let m = re.exec(s); m; m = re.exec(s)) spans.push([m.index + skip, m.index + skip + m[1].length]);
      if (spans.length === 0) continue;
      const [from, to] = spans[Math.floor(e.at * spans.length)];
      s = s.slice(0, from) + value.replace(e.op === 'attr' ? /[<&"]/g : /[<&]/g, '') + s.slice(to);
    } else {
      const span = element(s, ELEMENTS[e.length % ELEMENTS.length], Math.floor(e.at * 1000));
      if (!span) continue;
      s = e.op === 'dup-element' ? s.slice(0, span[1]) + s.slice(span[0], span[1]) + s.slice(span[1]) : s.slice(0, span[0]) + s.slice(span[1]);
    }
  }
  return s;
}

/** The base with one part's markup mutated, in a correct zip. */
export function applyMarkupCase(base: Uint8Array, c: { part: number; edits: readonly MarkupEdit[] }): Uint8Array {
  const part = MARKUP_PARTS[c.part];
  return replacePart(base, part, applyMarkup(entryText(base, part), c.edits));
}

// ------------------------------------------------------------------------------------------ reading

/** Text that only a library or a bug would put in a message. */
const INTERNAL = [/Error:/, /undefined/, /Cannot read/, /\n\s*at /, /\bat .*\(.*:\d+:\d+\)/, /NaN/, /\[object /, /TypeError|RangeError|SyntaxError/];

/** Why a message is not one of ours, or undefined when it is. */
export function notOurs(message: string): string | undefined {
  if (message.trim() === '') return 'empty';
  const hit = INTERNAL.find((re) => re.test(message));
  return hit ? `matches ${hit}` : undefined;
}

export type Outcome = { readonly kind: 'read'; readonly sheets: number; readonly cells: number } | { readonly kind: 'refused'; readonly zh: string; readonly en: string; readonly problem: string };

/**
 * Reads the workbook as `csat score` does (open, list the sheets, read each) and checks the result:
 * a consistent grid, or one refusal from our catalogue. Anything else — another exception type, a
 * message with a library's or a stack's text, a grid that is not a grid — is thrown.
 */
export async function readChecked(bytes: Uint8Array): Promise<Outcome> {
  let gw: XlsxGateway;
  try {
    gw = await XlsxGateway.open(bytes);
    const sheets = await gw.listSheets();
    let cells = 0;
    for (const s of sheets) {
      if (typeof s.name !== 'string') throw new Error(`a sheet name that is not text: ${String(s.name)}`);
      const grid = await gw.readSheet(s.name);
      if (!Array.isArray(grid) || grid.length > MAX_ROWS) throw new Error(`sheet ${s.name}: not a grid`);
      for (const row of grid) {
        if (!Array.isArray(row) || row.length > MAX_COLS) throw new Error(`sheet ${s.name}: a row that is not a row`);
        for (const v of row) {
          if (v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') throw new Error(`sheet ${s.name}: a cell holding ${String(v)}`);
          if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`sheet ${s.name}: a number that is not finite`);
          cells++;
        }
      }
      if ((await gw.readSheet(s.name)) !== grid) throw new Error(`sheet ${s.name}: read twice, two grids`);
    }
    return { kind: 'read', sheets: sheets.length, cells };
  } catch (e) {
    if (e instanceof XlsxError) {
      const why = notOurs(e.zh) ?? notOurs(e.en);
      if (why) throw new Error(`XlsxError ${e.problem} ${why}: ${e.zh} / ${e.en}`);
      return { kind: 'refused', zh: e.zh, en: e.en, problem: e.problem };
    }
    if (e instanceof CsatError) {
      const zh = e.problems.map((p) => formatProblem(p, 'zh-CN')).join('\n');
      const en = e.problems.map((p) => formatProblem(p, 'en-US')).join('\n');
      const why = notOurs(zh) ?? notOurs(en);
      if (why) throw new Error(`CsatError ${why}: ${zh} / ${en}`);
      return { kind: 'refused', zh, en, problem: e.problems[0]?.code ?? '' };
    }
    throw e;
  }
}
