/**
 * The package reader on what producers write (each case's XML is in the test) and on hostile files:
 * every refusal is an XlsxError with a message a user can act on, never a library's internals.
 */
import JSZip from 'jszip';
import { XlsxError } from '../../src/host/xlsx/errors';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { buildXlsx } from '../helpers/xlsx-build';
import { cellOf, reopen, setCells } from '../helpers/xlsx';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

async function refusal(bytes: Uint8Array): Promise<XlsxError> {
  try {
    const gw = await XlsxGateway.open(bytes);
    for (const s of await gw.listSheets()) await gw.readSheet(s.name);
  } catch (e) {
    if (e instanceof XlsxError) return e;
    throw new Error(`expected an XlsxError, got ${(e as Error).stack}`);
  }
  throw new Error('expected a refusal');
}

describe('reading what producers write', () => {
  test('shared strings (rich text joined, phonetic runs left out), inline strings, numbers, booleans, errors, ISO dates', async () => {
    const sst =
      `<sst xmlns="${MAIN}" count="3" uniqueCount="3"><si><t>满意</t></si>` +
      '<si><r><rPr><b/></rPr><t>较</t></r><r><t xml:space="preserve">满意 </t></r></si>' +
      '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si></sst>';
    const bytes = await buildXlsx({
      sharedStrings: sst,
      sheets: {
        S: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="inlineStr"><is><r><t>一</t></r><r><t>般</t></r></is></c></row>' +
          '<row r="2"><c r="A2"><v>90</v></c><c r="B2" t="b"><v>1</v></c><c r="C2" t="e"><v>#N/A</v></c><c r="D2" t="d"><v>2026-03-05T00:00:00Z</v></c><c r="E2" t="str"><f>A1&amp;"!"</f><v>满意!</v></c></row>',
      },
    });
    const gw = await XlsxGateway.open(bytes);
    expect(await gw.readSheet('S')).toEqual([
      ['满意', '较满意 ', '東京', '一般'],
      [90, true, '#N/A', '2026-03-05', '满意!'],
    ]);
  });

  test('dates by cell format, in the 1900 system and the 1904 system', async () => {
    const body = '<row r="1"><c r="A1" s="1"><v>46086</v></c><c r="B1" s="2"><v>46086.5</v></c><c r="C1"><v>46086</v></c></row>';
    const y1900 = await XlsxGateway.open(await buildXlsx({ sheets: { S: body } }));
    expect(await y1900.readSheet('S')).toEqual([['2026-03-05', '2026-03-05 12:00:00', 46086]]);
    const y1904 = await XlsxGateway.open(await buildXlsx({ sheets: { S: '<row r="1"><c r="A1" s="1"><v>44624</v></c></row>' }, date1904: true }));
    expect(await y1904.readSheet('S')).toEqual([['2026-03-05']]);
  });

  test('shared formulas read by their cached values; a formula never calculated is reported, not guessed', async () => {
    const body =
      '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2</f><v>2</v></c></row>' +
      '<row r="2"><c r="A2"><v>2</v></c><c r="B2"><f t="shared" si="0"/><v>4</v></c></row>' +
      '<row r="3"><c r="A3"><v>3</v></c><c r="B3"><f t="shared" si="0"/></c></row>';
    const gw = await XlsxGateway.open(await buildXlsx({ sheets: { S: body } }));
    expect(await gw.readSheet('S')).toEqual([[1, 2], [2, 4], [3]]);
    expect(gw.uncalculated.get('S')).toEqual(['S!B3']);
  });

  test('prefixed SpreadsheetML, absolute part paths (openpyxl), rows and cells without r, _xHHHH_ escapes', async () => {
    const sheet =
      `<?xml version="1.0"?><x:worksheet xmlns:x="${MAIN}"><x:sheetData>` +
      '<x:row><x:c t="inlineStr"><x:is><x:t>a_x000D_b</x:t></x:is></x:c><x:c><x:v>2</x:v></x:c></x:row>' +
      '<x:row r="3"><x:c r="C3" t="inlineStr"><x:is><x:t>_x005F_x0041_</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>';
    const gw = await XlsxGateway.open(await buildXlsx({ sheets: { 数据: sheet }, absoluteTargets: true }));
    expect(await gw.readSheet('数据')).toEqual([['a\rb', 2], [], [null, null, '_x0041_']]);
  });

  test('a merged range is one value in its top-left cell (Excel holds it there only)', async () => {
    const sheet = `<worksheet xmlns="${MAIN}"><sheetData><row r="2"><c r="G2" t="inlineStr"><is><t>很不满意</t></is></c></row></sheetData><mergeCells count="1"><mergeCell ref="G2:G11"/></mergeCells></worksheet>`;
    const gw = await XlsxGateway.open(await buildXlsx({ sheets: { S: sheet } }));
    const grid = await gw.readSheet('S');
    expect(grid.flat().filter((v) => v === '很不满意')).toHaveLength(1);
  });

  test('readRange stops reading after its last row', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i + 1}</v></c></row>`).join('');
    const gw = await XlsxGateway.open(await buildXlsx({ sheets: { S: rows } }));
    expect(await gw.readRange('S', 'A2:B3')).toEqual([[2, null], [3, null]]);
  });
});

describe('hostile and broken files', () => {
  test('not a zip, empty, truncated', async () => {
    expect((await refusal(new TextEncoder().encode('客户名称,专业技术\n甲,满意\n'))).problem).toBe('not-zip');
    expect((await refusal(new Uint8Array(0))).problem).toBe('not-zip');
    const good = await buildXlsx({ sheets: { S: '<row r="1"><c r="A1"><v>1</v></c></row>' } });
    expect((await refusal(good.subarray(0, Math.floor(good.length / 2)))).problem).toBe('truncated');
  });

  test('an encrypted workbook and a legacy .xls are told apart (both are compound files)', async () => {
    const cfb = (withEncryption: boolean) => {
      const b = new Uint8Array(4096);
      b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
      const name = withEncryption ? 'EncryptionInfo' : 'Workbook';
      for (let i = 0; i < name.length; i++) b[1024 + 2 * i] = name.charCodeAt(i);
      return b;
    };
    const enc = await refusal(cfb(true));
    expect(enc.problem).toBe('encrypted');
    expect(enc.zh).toContain('文件已加密');
    expect((await refusal(cfb(false))).problem).toBe('legacy-xls');
  });

  test('a zip bomb is refused from its directory, before inflating', async () => {
    const zip = await JSZip.loadAsync(await buildXlsx({ sheets: { S: '' } }));
    zip.file('xl/worksheets/sheet1.xml', new Uint8Array(64 * 1024 * 1024));
    const e = await refusal(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
    expect(e.problem).toBe('too-large');
    expect(e.zh).toContain('压缩炸弹');
  });

  test('a zip bomb whose directory lies about its size is stopped while inflating', async () => {
    const zip = await JSZip.loadAsync(await buildXlsx({ sheets: { S: '' } }));
    // Forty megabytes of spaces: well-formed so far, so only the inflate limit can stop it.
    zip.file('xl/worksheets/sheet1.xml', new Uint8Array(40 * 1024 * 1024).fill(0x20));
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    // Rewrite the sheet's uncompressed size (local header and central directory) to 1,000 bytes.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const name = new TextEncoder().encode('xl/worksheets/sheet1.xml');
    const matches = (at: number) => name.every((b, i) => bytes[at + i] === b);
    for (let i = 0; i + 46 < bytes.length; i++) {
      const sig = view.getUint32(i, true);
      if (sig === 0x04034b50 && matches(i + 30)) view.setUint32(i + 22, 1000, true);
      if (sig === 0x02014b50 && matches(i + 46)) view.setUint32(i + 24, 1000, true);
    }
    expect((await refusal(bytes)).problem).toBe('too-large');
  });

  test('DOCTYPE and entities are refused, never expanded', async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>`;
    const e = await refusal(await buildXlsx({ sheets: { S: laughs } }));
    expect(e.problem).toBe('doctype');
    const external = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>`;
    expect((await refusal(await buildXlsx({ sheets: { S: external } }))).problem).toBe('doctype');
  });

  test('missing parts are named', async () => {
    const zip = await JSZip.loadAsync(await buildXlsx({ sheets: { S: '' } }));
    zip.remove('xl/workbook.xml');
    const e = await refusal(await zip.generateAsync({ type: 'uint8array' }));
    expect(e.problem).toBe('missing-part');
    expect(e.zh).toContain('xl/workbook.xml');
    const noTypes = await JSZip.loadAsync(await buildXlsx({ sheets: { S: '' } }));
    noTypes.remove('[Content_Types].xml');
    expect((await refusal(await noTypes.generateAsync({ type: 'uint8array' }))).problem).toBe('missing-part');
  });

  test('merges, dimensions and row numbers are claims, not allocations', async () => {
    const sheet = `<worksheet xmlns="${MAIN}"><dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row><row r="1048576"><c r="B1048576"><v>1</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A60:Z2000000"/></mergeCells></worksheet>`;
    const gw = await XlsxGateway.open(await buildXlsx({ sheets: { S: sheet } }));
    const before = process.memoryUsage().heapUsed;
    const grid = await gw.readSheet('S');
    expect(grid.length).toBe(1_048_576);
    expect(grid[1_048_575]).toEqual([null, 1]);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(200 * 1024 * 1024);
    const beyond = `<worksheet xmlns="${MAIN}"><sheetData><row r="2000000"><c r="A2000000"><v>1</v></c></row></sheetData></worksheet>`;
    expect((await refusal(await buildXlsx({ sheets: { S: beyond } }))).problem).toBe('bad-cell');
  });

  test('malformed sheet XML is refused in our words, naming where (no parser text)', async () => {
    const e = await refusal(await buildXlsx({ sheets: { S: '<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="B2"><v>&nosuch;</v></c></row>' } }));
    expect(e.problem).toBe('xml-malformed');
    expect(e.zh).toContain('S!B2');
    expect(e.en).toContain('near S!B2');
    expect(`${e.zh} ${e.en}`).not.toMatch(/entity|undefined/);
    const sst = await refusal(await buildXlsx({ sharedStrings: `<sst xmlns="${MAIN}"><si><t>a</t></si><si><t>b</si></sst>`, sheets: { S: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' } }));
    expect(sst.problem).toBe('xml-malformed');
    expect(sst.zh).toContain('第 2 个共享字符串');
  });

  test('a number no cell can hold (1e400, Infinity) is kept as the text it is, for the job to judge', async () => {
    const gw = await XlsxGateway.open(await buildXlsx({ sheets: { S: '<row r="1"><c r="A1"><v>1e400</v></c><c r="B1"><v>Infinity</v></c><c r="C1"><v>-0.5</v></c></row>' } }));
    expect(await gw.readSheet('S')).toEqual([['1e400', 'Infinity', -0.5]]);
  });

  test('cells written without `r` past column XFD are refused, named by place (R1C1)', async () => {
    const wide = await refusal(await buildXlsx({ sheets: { S: `<row r="3">${'<c><v>1</v></c>'.repeat(16_385)}</row>` } }));
    expect(wide.problem).toBe('bad-cell');
    expect(wide.zh).toContain('R3C16385');
  });

  test('a shared-string index out of range names the cell', async () => {
    const e = await refusal(await buildXlsx({ sharedStrings: ['a'], sheets: { S: '<row r="1"><c r="B1" t="s"><v>7</v></c></row>' } }));
    expect(e.problem).toBe('bad-string-index');
    expect(e.zh).toContain('S!B1');
  });
});

describe('writing strings as Excel reads them', () => {
  test('a literal _x0041_ stays literal, control characters survive, and text over 32,767 characters is refused naming the cell', async () => {
    const gw = await XlsxGateway.open(await buildXlsx({ sheets: { S: '<row r="1"><c r="A1"><v>1</v></c></row>' } }));
    await setCells(gw, 'S', { B1: '注意 _x0041_ 不是 A', C1: 'a\u0001b', D1: ' 前后空格 ' });
    const back = await reopen(gw);
    expect(await cellOf(back, 'S', 'B1')).toBe('注意 _x0041_ 不是 A');
    expect(await cellOf(back, 'S', 'C1')).toBe('a\u0001b');
    expect(await cellOf(back, 'S', 'D1')).toBe(' 前后空格 ');
    await expect(setCells(back, 'S', { E9: 'x'.repeat(32_768) })).rejects.toThrow(/S!E9/);
  });
});

describe('editing a sheet that stays', () => {
  test('writing over a table header renames the table column, so the file stays valid', async () => {
    const { generateSurveyWorkbook } = await import('../../src/jobs/survey');
    const gw = XlsxGateway.empty();
    await generateSurveyWorkbook(gw);
    await gw.render({ sheets: [{ name: '调查数据', owner: '', update: true, blocks: [{ at: 'T1', values: [['其他']] }] }] });
    const back = await reopen(gw);
    expect(await cellOf(back, '调查数据', 'T1')).toBe('其他');
  });
});
