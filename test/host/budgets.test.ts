/**
 * One budget per input (issue 19, parts 1 and 2): each row of the table that is about the
 * package reader, built here from a real survey workbook (test/helpers/hostile-xlsx.ts), read the
 * way `csat score` reads it. Every refusal is one XlsxError naming the part or cell and the limit;
 * memory is bounded coarsely (heap deltas), never timed. The bench (bench/package-bench.ts) runs the
 * same files through the CLI and reports time and peak memory.
 */
import type { CellValue } from '../../src/domain';
import { XlsxError } from '../../src/host/xlsx/errors';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { LIMITS, MAX_CELL_TEXT, MAX_COLS, MAX_PACKAGE_CELLS, MAX_SHARED_STRINGS, MAX_SHEET_CELLS, MAX_ZIP_ENTRIES, PACKAGE_LIMIT_BYTES, RATIO_FLOOR_BYTES } from '../../src/host/xlsx/limits';
import { OoxmlPackage } from '../../src/host/xlsx/package';
import { ZipLimitError, ZipReader } from '../../src/host/xlsx/zip';
import { loadSurveyData } from '../../src/jobs/survey-data';
import { buildXlsx } from '../helpers/xlsx-build';
import {
  bigCell,
  bigContentTypes,
  entryText,
  manyEntries,
  noisy,
  paddedDeflate,
  renameEntry,
  repeated,
  replacePart,
  surveyWorkbook,
  swapLocalNames,
  withEntry,
  xfdRows,
} from '../helpers/hostile-xlsx';

const MB = 1024 * 1024;
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const heap = () => process.memoryUsage().heapUsed;

/** The refusal reading `bytes` as score does (open, every sheet), or 'read' when it reads. */
async function refusal(bytes: Uint8Array): Promise<XlsxError | 'read'> {
  try {
    const gw = await XlsxGateway.open(bytes);
    for (const s of await gw.listSheets()) await gw.readSheet(s.name);
    return 'read';
  } catch (e) {
    if (e instanceof XlsxError) return e;
    throw new Error(`expected an XlsxError, got ${(e as Error).stack}`);
  }
}

async function refused(bytes: Uint8Array): Promise<XlsxError> {
  const r = await refusal(bytes);
  if (r === 'read') throw new Error('expected a refusal, but the file was read');
  return r;
}

/** The largest number of slots any row of the grid holds. */
const widest = (grid: readonly (readonly CellValue[])[]) => grid.reduce((m, r) => Math.max(m, r.length, Object.keys(r).length), 0);

describe('the limits table', () => {
  test("Excel's own numbers are Excel's", () => {
    expect(LIMITS.rows).toMatchObject({ value: 1_048_576, source: 'excel' });
    expect(LIMITS.columns).toMatchObject({ value: 16_384, source: 'excel' });
    expect(LIMITS.cellText).toMatchObject({ value: 32_767, source: 'excel' });
    expect(LIMITS.sheetName).toMatchObject({ value: 31, source: 'excel' });
  });

  test('every limit says what it bounds, in both languages', () => {
    for (const [key, limit] of Object.entries(LIMITS)) {
      expect({ key, ok: limit.value > 0 && limit.zh.length > 0 && limit.en.length > 0 }).toEqual({ key, ok: true });
    }
  });
});

describe('a row is as wide as its last value (an empty cell at XFD allocates nothing)', () => {
  test.each([13_000, 60_000])('%i rows holding one empty cell at XFD: the grid stays narrow, the survey reads as before', async (n) => {
    const bytes = await xfdRows(n);
    expect(bytes.length).toBeLessThan(600 * 1024);
    const before = heap();
    const gw = await XlsxGateway.open(bytes);
    const grid = await gw.readSheet('调查数据');
    expect(widest(grid)).toBeLessThanOrEqual(30);
    expect(heap() - before).toBeLessThan(200 * MB);
    const data = await loadSurveyData(gw);
    const { bytes: plain } = await surveyWorkbook();
    const reference = await loadSurveyData(await XlsxGateway.open(plain));
    expect(data.set.records.length).toBe(reference.set.records.length);
    expect(data.grid.length).toBe(reference.grid.length);
  });

  test('a value at XFD is placed at XFD', async () => {
    const gw = await XlsxGateway.open(await buildXlsx({ sheets: { S: '<row r="1"><c r="A1"><v>1</v></c><c r="XFD1" t="inlineStr"><is><t>远</t></is></c></row>' } }));
    const grid = await gw.readSheet('S');
    expect(grid[0][0]).toBe(1);
    expect(grid[0][MAX_COLS - 1]).toBe('远');
  });

  test('values at XFD in 13,000 rows: refused once the cells pass the limit, naming the sheet, the cell and the limit', async () => {
    const { lastRow } = await surveyWorkbook();
    const bytes = await xfdRows(13_000, { value: 'x' });
    const before = heap();
    const e = await refused(bytes);
    expect(heap() - before).toBeLessThan(300 * MB);
    expect(e.problem).toBe('too-many-cells');
    // The rows before the responses' end are narrow; each XFD row then holds 16,384 cells.
    const at = lastRow + Math.ceil(MAX_SHEET_CELLS / MAX_COLS);
    expect(e.zh).toMatch(new RegExp(`调查数据!XFD(${at - 1}|${at}|${at + 1})`));
    expect(e.zh).toContain('5,000,000');
    expect(e.en).toContain('5,000,000');
  });

  test('cells read from all sheets together are counted once per sheet, however often it is read', async () => {
    const pkg = await OoxmlPackage.open(await buildXlsx({ sheets: { S: '' } }));
    pkg.chargeCells('xl/worksheets/sheet1.xml', 'A', MAX_PACKAGE_CELLS / 2);
    pkg.chargeCells('xl/worksheets/sheet1.xml', 'A', MAX_PACKAGE_CELLS / 2); // read again: not counted twice
    pkg.chargeCells('xl/worksheets/sheet2.xml', 'B', MAX_PACKAGE_CELLS / 2);
    expect(() => pkg.chargeCells('xl/worksheets/sheet3.xml', 'C', 1)).toThrow(expect.objectContaining({ problem: 'too-many-cells-total' }));
  });
});

describe("text per cell: Excel's 32,767 characters, checked while the text streams in", () => {
  test('a 50 MB answer is refused naming its source cell, without holding it', async () => {
    const { bytes, cell } = await bigCell(50 * MB);
    expect(bytes.length).toBeLessThan(1024 * 1024);
    const before = heap();
    const e = await refused(bytes);
    expect(heap() - before).toBeLessThan(100 * MB);
    expect(e.problem).toBe('text-too-long');
    expect(e.zh).toContain(cell);
    expect(e.en).toContain(cell);
  });

  test('32,767 characters read; 32,768 are refused naming the cell (inline and escaped text alike)', async () => {
    const cell = (n: number, escaped = false) => `<row r="3"><c r="B3" t="inlineStr"><is><t>${escaped ? '_x0041_'.repeat(n) : 'y'.repeat(n)}</t></is></c></row>`;
    const gw = await XlsxGateway.open(await buildXlsx({ sheets: { 数据: cell(MAX_CELL_TEXT) } }));
    expect(((await gw.readSheet('数据'))[2][1] as string).length).toBe(MAX_CELL_TEXT);
    const escaped = await XlsxGateway.open(await buildXlsx({ sheets: { 数据: cell(MAX_CELL_TEXT, true) } }));
    expect((await escaped.readSheet('数据'))[2][1]).toBe('A'.repeat(MAX_CELL_TEXT));
    for (const over of [cell(MAX_CELL_TEXT + 1), cell(MAX_CELL_TEXT + 1, true)]) {
      const e = await refused(await buildXlsx({ sheets: { 数据: over } }));
      expect(e.problem).toBe('text-too-long');
      expect(e.zh).toContain('数据!B3');
    }
  });

  test('a cell without `r` is named by its place', async () => {
    const e = await refused(await buildXlsx({ sheets: { S: `<row r="7"><c><v>1</v></c><c t="inlineStr"><is><t>${'z'.repeat(MAX_CELL_TEXT + 1)}</t></is></c></row>` } }));
    expect(e.zh).toContain('S!B7');
  });

  test('a shared string over the limit is refused naming the table and the string; so is a 50 MB one, without holding it', async () => {
    const e = await refused(await buildXlsx({ sharedStrings: ['短', 'q'.repeat(MAX_CELL_TEXT + 1)], sheets: { S: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' } }));
    expect(e.problem).toBe('shared-string-too-long');
    expect(e.zh).toContain('xl/sharedStrings.xml');
    expect(e.zh).toContain('第 2 个');
    const base = await buildXlsx({ sharedStrings: ['a'], sheets: { S: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' } });
    const huge = repeated(`<sst xmlns="${MAIN}" count="1" uniqueCount="1"><si><t>`, noisy(MB), 50, '</t></si></sst>');
    const before = heap();
    const big = await refused(replacePart(base, 'xl/sharedStrings.xml', huge));
    expect(heap() - before).toBeLessThan(100 * MB);
    expect(big.problem).toBe('shared-string-too-long');
  });

  test('the shared-strings table holds at most its limit of entries (the budget lowered to reach it cheaply)', async () => {
    const base = await buildXlsx({ sharedStrings: ['a'], sheets: { S: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' } });
    // Empty strings, in a random mix of the two ways to write one (so the part compresses like markup, not like a bomb).
    const block = noisy(64 * 1024, 'ab').replace(/a/g, '<si/>').replace(/b/g, '<si></si>');
    const many = replacePart(base, 'xl/sharedStrings.xml', repeated(`<sst xmlns="${MAIN}">`, block, 2, '</sst>'));
    const perBlock = block.split('<si').length - 1;
    expect((await OoxmlPackage.open(many)).budget.sharedStrings).toBe(MAX_SHARED_STRINGS);
    const gw = new XlsxGateway(await OoxmlPackage.open(many, { sharedStrings: 2 * perBlock }));
    expect(await gw.readSheet('S')).toEqual([]); // A1 holds an empty string: a blank cell
    const low = new XlsxGateway(await OoxmlPackage.open(many, { sharedStrings: 2 * perBlock - 1 }));
    const e = await low.readSheet('S').catch((x: unknown) => x);
    expect(e).toMatchObject({ problem: 'too-many-shared-strings', params: { part: 'xl/sharedStrings.xml', limit: (2 * perBlock - 1).toLocaleString('en-US') } });
  });

  test('any other unbroken run the parser would hold (a 4 MB attribute, a 4 MB comment) is refused naming the part', async () => {
    for (const body of [`<row r="1" x="${'a'.repeat(4 * MB)}"><c r="A1"><v>1</v></c></row>`, `<!--${'c'.repeat(4 * MB)}--><row r="1"><c r="A1"><v>1</v></c></row>`]) {
      const e = await refused(await buildXlsx({ sheets: { S: body } }));
      expect(e.problem).toBe('xml-run-too-long');
      expect(e.zh).toContain('xl/worksheets/sheet1.xml');
    }
  });
});

describe('inflating: the ratio on bytes actually consumed, every part under its limit, all parts under one', () => {
  test('a deflate stream padded with junk does not lift the ratio limit: refused after the floor, naming the part', async () => {
    const bytes = await paddedDeflate(32);
    const { part } = await surveyWorkbook();
    const reader = ZipReader.open(bytes);
    const entry = reader.entries.find((e) => e.name === part)!;
    // Declared sizes look like a 240× part: a check on them passes.
    expect(entry.uncompressedSize / entry.compressedSize).toBeLessThan(250);
    let produced = 0;
    let caught: unknown;
    try {
      reader.inflate(entry, { bytes: 256 * MB, ratio: 250, ratioFloor: RATIO_FLOOR_BYTES }, (c) => void (produced += c.length));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ZipLimitError);
    expect(caught).toMatchObject({ kind: 'ratio', limit: 250 });
    expect(produced).toBeLessThan(RATIO_FLOOR_BYTES + MB);

    const e = await refused(bytes);
    expect(e.problem).toBe('inflate-ratio');
    expect(e.zh).toContain(part);
    expect(e.zh).toContain('250');
  });

  test('a 135 MB [Content_Types].xml is refused at open; declaring 1,000 bytes, after 16 MB', async () => {
    const honest = await bigContentTypes(135);
    expect(honest.length).toBeLessThan(12 * MB);
    const e = await refused(honest);
    expect(e.problem).toBe('too-large');
    expect(e.zh).toContain('[Content_Types].xml');
    expect(e.zh).toContain('16 MB');
    const before = heap();
    const lying = await refused(await bigContentTypes(135, 1_000));
    expect(heap() - before).toBeLessThan(200 * MB);
    expect(lying.problem).toBe('too-large');
    expect(lying.zh).toContain('[Content_Types].xml');
  });

  test('a bookkeeping part reached through a relationship (styles) holds to the small limit', async () => {
    const { bytes } = await surveyWorkbook();
    const styles = entryText(bytes, 'xl/styles.xml');
    const at = styles.lastIndexOf('</styleSheet>');
    const big = repeated(styles.slice(0, at), ' '.repeat(MB), 20, styles.slice(at));
    const e = await refused(replacePart(bytes, 'xl/styles.xml', big, { declaredSize: 1_000 }));
    expect(e.problem).toBe('too-large');
    expect(e.zh).toContain('xl/styles.xml');
  });

  test('all parts together: counted once each as they inflate, refused past the package limit naming the part it reached (the budget lowered to reach it cheaply)', async () => {
    // Three parts of 20 MiB each (a random 4 KiB pattern repeated: about 70× compressed, under the ratio), streamed as text.
    const sheet = repeated('', noisy(MB), 20, '');
    let bytes = await buildXlsx({ sheets: { A: '', B: '', C: '' } });
    for (const p of ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/worksheets/sheet3.xml']) bytes = replacePart(bytes, p, sheet, { declaredSize: 1_000 });
    expect((await OoxmlPackage.open(bytes)).budget.packageBytes).toBe(PACKAGE_LIMIT_BYTES);
    const pkg = await OoxmlPackage.open(bytes, { packageBytes: 50 * MB });
    // Counted as inflated, whatever the directory declares (1,000 bytes here): each read stops at the lie.
    const drain = (p: string) => pkg.stream(p, () => undefined).catch((e: unknown) => e);
    expect(await drain('xl/worksheets/sheet1.xml')).toMatchObject({ problem: 'truncated' });
    expect(await drain('xl/worksheets/sheet1.xml')).toMatchObject({ problem: 'truncated' }); // a second read of a part adds nothing
    expect(await drain('xl/worksheets/sheet2.xml')).toMatchObject({ problem: 'truncated' });
    expect(await drain('xl/worksheets/sheet3.xml')).toMatchObject({ problem: 'package-too-large', params: { part: 'xl/worksheets/sheet3.xml', limitMb: 50 } });
  });
});

describe('the zip container tells one story', () => {
  test('400,000 empty entries are refused at open, before anything is inflated', async () => {
    const bytes = await manyEntries(400_000);
    const e = await refused(bytes);
    expect(e.problem).toBe('too-many-entries');
    expect(e.zh).toContain(MAX_ZIP_ENTRIES.toLocaleString('en-US'));
    expect(e.en).toContain('10,000');
    // Under the limit, such a file opens.
    expect(await refusal(await manyEntries(5_000))).toBe('read');
  });

  test('central-directory and local-header names swapped: refused as damaged, naming both', async () => {
    const { bytes } = await surveyWorkbook();
    const e = await refused(swapLocalNames(bytes, 'xl/worksheets/sheet2.xml', 'xl/worksheets/sheet3.xml'));
    expect(e.problem).toBe('zip-name-mismatch');
    expect(e.zh).toMatch(/^文件已损坏：/);
    expect(e.en).toMatch(/^is damaged: /);
    expect(e.zh).toContain('xl/worksheets/sheet2.xml');
    expect(e.zh).toContain('xl/worksheets/sheet3.xml');
  });

  test('a duplicate entry name is refused naming it', async () => {
    const { bytes, part } = await surveyWorkbook();
    const twin = part.replace(/\d+\.xml$/, (m) => `${'9'.repeat(m.length - 4)}.xml`);
    const e = await refused(renameEntry(withEntry(bytes, twin, entryText(bytes, part).replace('客户名称', '客户姓名')), twin, part));
    expect(e.problem).toBe('zip-duplicate');
    expect(e.zh).toMatch(/^文件已损坏：/);
    expect(e.zh).toContain(part);
  });

  test('SHEET2.XML beside sheet2.xml is refused naming both (part names are case-insensitive)', async () => {
    const { bytes, part } = await surveyWorkbook();
    const e = await refused(withEntry(bytes, part.toUpperCase(), entryText(bytes, part)));
    expect(e.problem).toBe('zip-case-duplicate');
    expect(e.zh).toMatch(/^文件已损坏：/);
    expect(e.zh).toContain(part);
    expect(e.zh).toContain(part.toUpperCase());
  });

  test('a part read whole is CRC-checked; a read that stops early is a prefix, never taken for the whole', async () => {
    const { bytes, part } = await surveyWorkbook();
    const reader = ZipReader.open(bytes);
    const entry = reader.entries.find((x) => x.name === part)!;
    const xml = entryText(bytes, part);
    const damaged = replacePart(bytes, part, { ...repeated(xml, '', 0, ''), crc: entry.crc32 ^ 1 });
    const gw = await XlsxGateway.open(damaged);
    expect(await gw.readRange('调查数据', 'A1:C1')).toEqual([['客户名称', '客户分组', '项目名称']]);
    await expect(gw.readSheet('调查数据')).rejects.toMatchObject({ problem: 'zip-crc', params: { part } });
  });
});
