/**
 * CSV exports read whole and within bounds (issue 19, part 4): any mix of line endings, UTF-8 / UTF-16 /
 * UTF-32 by their BOM, Excel's 16,384 columns and 32,767 characters a cell checked while scanning,
 * csv-parse's errors in our words with the line an editor shows, and a seeded fuzz.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { normalizeLabel, type CellValue } from '../../src/domain';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { csvParseRefusal, decodeText, ImportRefused, readExport } from '../../src/host/xlsx/import-read';
import { importExport } from '../../src/jobs/import';
import { ITEMS, LABELS } from '../helpers/grids';

const HEADER = ['客户名称', '调查日期', ...ITEMS, '意见与建议'];
const utf8 = (s: string) => new TextEncoder().encode(s);

type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

/** Text to bytes in each encoding, written out here from the code units / code points (TextEncoder only writes UTF-8). */
function encode(text: string, encoding: Encoding): Uint8Array {
  if (encoding === 'utf-8') return utf8(text);
  if (encoding === 'utf-8-bom') return concat([0xef, 0xbb, 0xbf], utf8(text));
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    const le = encoding === 'utf-16le';
    const out = new Uint8Array(2 + 2 * text.length);
    out.set(le ? [0xff, 0xfe] : [0xfe, 0xff]);
    for (let i = 0; i < text.length; i++) {
      const u = text.charCodeAt(i);
      out.set(le ? [u & 0xff, u >> 8] : [u >> 8, u & 0xff], 2 + 2 * i);
    }
    return out;
  }
  const le = encoding === 'utf-32le';
  const points = Array.from(text, (c) => c.codePointAt(0)!);
  const out = new Uint8Array(4 + 4 * points.length);
  out.set(le ? [0xff, 0xfe, 0, 0] : [0, 0, 0xfe, 0xff]);
  points.forEach((p, i) => {
    const b = [p >>> 24, (p >>> 16) & 0xff, (p >>> 8) & 0xff, p & 0xff];
    out.set(le ? b.reverse() : b, 4 + 4 * i);
  });
  return out;
}
const concat = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
};

async function refusal(bytes: Uint8Array, file = 'x.csv'): Promise<ImportRefused> {
  const e: unknown = await readExport(bytes, file).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ImportRefused);
  return e as ImportRefused;
}

describe('line endings (issue 19: "a CSV with mixed line endings → 1 of 5 responses imported")', () => {
  const rows = ['甲', '乙', '丙', '丁', '戊'].map((c, i) => [c, `2026-03-0${i + 1}`, ...ITEMS.map(() => LABELS[i]), `意见${i}`].join(','));
  const mixed = `${HEADER.join(',')}\r\n${rows[0]}\r${rows[1]}\n${rows[2]}\r\n${rows[3]}\r${rows[4]}\n`;

  it('reads every record of a file mixing CR LF, CR and LF, and imports all five responses', async () => {
    const { grid } = await readExport(utf8(mixed), 'mixed.csv');
    expect(grid).toHaveLength(6);
    expect(grid.map((r) => r[0])).toEqual(['客户名称', '甲', '乙', '丙', '丁', '戊']);
    expect(grid.every((r) => r.length === HEADER.length)).toBe(true);
    expect(grid[5][HEADER.length - 1]).toBe('意见4');
    const gw = XlsxGateway.empty();
    const result = await importExport(gw, { grid, fileName: 'mixed.csv' });
    expect(result.added).toBe(5);
    const data = await gw.readSheet('调查数据');
    expect(data.slice(1, 6).map((r) => r[0])).toEqual(['甲', '乙', '丙', '丁', '戊']);
  });

  it('keeps line breaks inside quoted fields exactly as written, whatever ends the records', async () => {
    const text = 'a,b\r\n"x\r\ny",1\r"p\rq",2\n"m\nn",3\r\n"",4\n\r\n\r"say ""hi""\n",5';
    const { grid } = await readExport(utf8(text), 'q.csv');
    expect(grid).toEqual([['a', 'b'], ['x\r\ny', '1'], ['p\rq', '2'], ['m\nn', '3'], ['', '4'], ['say "hi"\n', '5']]);
  });

  it('names the line an editor shows (CR LF, CR and LF each end one, inside quotes too)', async () => {
    // Line 2 holds a quoted field over lines 2–3 (CR LF inside); line 4 opens a quote never closed.
    const text = 'a,b\r\n"x\r\ny",1\r\n"open,2\r\nc,3\r\n';
    const e = await refusal(utf8(text));
    expect(e.code).toBe('import-csv-quote-not-closed');
    expect(e.zh).toBe('x.csv 第 4 行：引号未闭合（从这里开始的带引号字段直到文件末尾都没有结束的引号）');
    expect(e.en).toBe('x.csv line 4: a quote is not closed (the quoted field opened here runs to the end of the file)');
    const mixedText = 'a,b\r"x\ny",1\n"z"q,2';
    const bad = await refusal(utf8(mixedText));
    expect([bad.code, bad.zh]).toEqual(['import-csv-bad-closing-quote', 'x.csv 第 4 行第 1 列：结束的引号后应是逗号或换行；字段内的引号要写成两个（""）']);
    const opening = await refusal(utf8('a,b\n1,x"y"\n'));
    expect([opening.code, opening.en]).toEqual(['import-csv-bad-opening-quote', 'x.csv line 2, column 2: a quote in the middle of a field; a field holding quotes is quoted whole, each inner quote written twice ("")']);
  });
});

describe('encodings', () => {
  const text = `${HEADER.slice(0, 4).join(',')}\r\n甲单位,2026-03-05,满意,"很好\n😀"\r\n`;
  const grid = [HEADER.slice(0, 4), ['甲单位', '2026-03-05', '满意', '很好\n😀']];

  it.each<[Encoding, string]>([
    ['utf-8', 'utf-8'],
    ['utf-8-bom', 'utf-8'],
    ['utf-16le', 'utf-16le'],
    ['utf-16be', 'utf-16be'],
    ['utf-32le', 'utf-32le'],
    ['utf-32be', 'utf-32be'],
  ])('reads %s', async (encoding, name) => {
    expect(await readExport(encode(text, encoding), 'e.csv')).toEqual({ grid, encoding: name });
  });

  it('removes exactly one byte-order mark: a second is data, refused as the start of a joined file', async () => {
    expect(decodeText(encode('\ufeffa', 'utf-16le')).text).toBe('\ufeffa');
    expect(decodeText(encode('\ufeffa', 'utf-8-bom')).text).toBe('\ufeffa');
    const joined = `${HEADER.join(',')}\n甲,2026-03-05\n\ufeff${HEADER.join(',')}\n乙,2026-03-06\n`;
    const e = await refusal(encode(joined, 'utf-8-bom'), 'joined.csv');
    expect(e.zh).toBe('joined.csv 第 3 行以字节顺序标记（BOM）开头：多半是两个 CSV 文件拼接在了一起；请分别导入');
  });

  it.each<[string, Uint8Array, string]>([
    ['a lone surrogate in UTF-16LE', concat(encode('a,b\nc,', 'utf-16le'), [0x00, 0xd8, 0x41, 0x00]), 'x.csv 开头的字节顺序标记（BOM）标明是 UTF-16LE，但第 2 行不是有效的 UTF-16LE；请重新导出'],
    ['a UTF-16BE file cut mid-unit', encode('a,b\r\nc,d\re', 'utf-16be').subarray(0, -1), 'x.csv 开头的字节顺序标记（BOM）标明是 UTF-16BE，但第 3 行不是有效的 UTF-16BE；请重新导出'],
    ['a code point over U+10FFFF in UTF-32LE', concat(encode('a,b\r\n', 'utf-32le'), [0, 0, 0x11, 0]), 'x.csv 开头的字节顺序标记（BOM）标明是 UTF-32LE，但第 2 行不是有效的 UTF-32LE；请重新导出'],
    ['a surrogate code point in UTF-32BE', concat(encode('a\n\nb', 'utf-32be'), [0, 0, 0xdc, 0]), 'x.csv 开头的字节顺序标记（BOM）标明是 UTF-32BE，但第 3 行不是有效的 UTF-32BE；请重新导出'],
    ['UTF-16 without its BOM (NULs in "UTF-8")', encode('a,b\nc,d', 'utf-16le').subarray(2), 'x.csv 第 1 行含有空字符（NUL），文本中不会有：多半是不带 BOM 的 UTF-16 文件或不是文本文件；请在 Excel 中另存为"CSV UTF-8"后再导入'],
  ])('refuses %s, naming the line', async (_name, bytes, zh) => {
    expect((await refusal(bytes)).zh).toBe(zh);
  });

  it('names the line of a mixed UTF-8/GBK file by CR and CR LF line ends too', async () => {
    const gbkLine = Uint8Array.from([0xbf, 0xcd, 0xbb, 0xa7, 0x2c, 0x31]); // 客户,1 in GBK
    const bytes = concat(utf8('客户满意度调查,a\r甲单位乙单位,b\r\n'), gbkLine);
    expect((await refusal(bytes)).zh).toMatch(/^x\.csv 混用了两种编码：第 1 行是 UTF-8，第 3 行不是/);
  });
});

describe("Excel's bounds, checked while scanning", () => {
  const row = (n: number, v = 'a') => Array.from({ length: n }, () => v).join(',');

  it('takes 16,384 columns and refuses 16,385 on any line, naming it', async () => {
    expect((await readExport(utf8(`${row(16_384)}\n${row(3)}`), 'w.csv')).grid[0]).toHaveLength(16_384);
    const header = await refusal(utf8(row(16_385)), 'w.csv');
    expect([header.code, header.zh, header.en]).toEqual([
      'import-csv-too-many-columns',
      'w.csv 第 1 行超过 16384 列（Excel 工作表的列数上限），不读取',
      "w.csv line 1 has more than 16384 columns (an Excel sheet's limit); not read",
    ]);
    expect((await refusal(utf8(`a,b\r"x\r\ny",1\n${row(16_385, '')}`), 'w.csv')).zh).toMatch(/^w\.csv 第 4 行超过 16384 列/);
  });

  it('takes 32,767 characters in a cell and refuses 32,768, naming the line and column where the field starts', async () => {
    const max = 'x'.repeat(32_767);
    expect((await readExport(utf8(`a,b\n1,${max}\n2,"${max.slice(3)}""\r\n"`), 'c.csv')).grid[2][1]).toHaveLength(32_767);
    const e = await refusal(utf8(`a,b\n1,2\n3,"\r\n${max}"`), 'c.csv');
    expect([e.code, e.zh]).toEqual(['import-csv-cell-too-long', 'c.csv 第 3 行第 2 列的文本超过 32767 个字符（Excel 单元格的上限），不读取']);
    expect((await refusal(utf8(`${max}x`), 'c.csv')).en).toBe("c.csv line 1, column 1: the text is over 32767 characters (an Excel cell's limit); not read");
  });

  it('counts the row limit in records, not lines: multi-line answers are all read, one record too many is refused', async () => {
    // 110,000 answers of two lines each: 220,001 lines (before, csv-parse's to_line stopped at line 200,002, silently).
    const long = await readExport(utf8(`a,b\n${'1,"x\r\ny"\n'.repeat(110_000)}`), 'long.csv');
    expect(long.grid).toHaveLength(110_001);
    expect(long.grid[110_000]).toEqual(['1', 'x\r\ny']);
    const e = await refusal(utf8(`a\n${'1\r'.repeat(200_001)}`), 'rows.csv');
    expect([e.code, e.zh]).toEqual(['import-too-many-rows', 'rows.csv 有 200001 行以上，超过导入上限 200000 行；请分批导出']);
  });

  it('refuses the 5-million-column header (10 MB) at column 16,385 with low memory, and the 24-million one (48 MB)', () => {
    // A child process, so its peak RSS is this read's alone (a coarse bound: no wall-clock assertion).
    // Before: 2.48 GB for 5 million columns; at 24 million, "Map maximum size exceeded".
    const root = path.join(__dirname, '..', '..');
    const run = (columns: number) => {
      const script = `
        const ts = require('typescript');
        const fs = require('fs');
        require.extensions['.ts'] = (m, file) => m._compile(ts.transpileModule(fs.readFileSync(file, 'utf8'), { fileName: file, compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2021, esModuleInterop: true } }).outputText, file);
        const { readExport } = require('./src/host/xlsx/import-read.ts');
        const bytes = new Uint8Array(${columns} * 2 - 1).fill(0x2c);
        for (let i = 0; i < bytes.length; i += 2) bytes[i] = 0x61;
        readExport(bytes, 'wide.csv').then(
          () => console.log(JSON.stringify({ read: true })),
          (e) => console.log(JSON.stringify({ code: e.code, zh: e.zh, bytes: bytes.length, maxRssMb: process.resourceUsage().maxRSS / 1024 })),
        );`;
      const r = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout) as { code: string; zh: string; bytes: number; maxRssMb: number };
    };
    const five = run(5_000_000);
    expect(five).toMatchObject({ code: 'import-csv-too-many-columns', zh: 'wide.csv 第 1 行超过 16384 列（Excel 工作表的列数上限），不读取', bytes: 9_999_999 });
    expect(five.maxRssMb).toBeLessThan(600);
    const twentyFour = run(24_000_000);
    expect(twentyFour.code).toBe('import-csv-too-many-columns');
    expect(twentyFour.maxRssMb).toBeLessThan(600);
  });
});

describe("csv-parse's errors in our words", () => {
  const options = { record_delimiter: ['\r\n', '\n', '\r'], relax_column_count: true, skip_empty_lines: true };
  const csvParseError = (text: string, extra: Record<string, unknown> = {}): unknown => {
    try {
      parse(text, { ...options, ...extra });
    } catch (e) {
      return e;
    }
    throw new Error('csv-parse accepted it');
  };

  it.each<[string, string, Record<string, unknown>, string, string]>([
    ['CSV_QUOTE_NOT_CLOSED', 'a,b\n"c,d\ne,f', {}, 'f.csv 第 3 行：引号未闭合（从这里开始的带引号字段直到文件末尾都没有结束的引号）', 'f.csv line 3: a quote is not closed (the quoted field opened here runs to the end of the file)'],
    ['CSV_INVALID_CLOSING_QUOTE', 'a,b\n1,"c"d\n', {}, 'f.csv 第 2 行第 2 列：结束的引号后应是逗号或换行；字段内的引号要写成两个（""）', 'f.csv line 2, column 2: a closing quote must be followed by a comma or a line break; a quote inside a field is written twice ("")'],
    ['INVALID_OPENING_QUOTE', 'a,b\n1,2\n3,4"\n', {}, 'f.csv 第 3 行第 2 列：引号出现在字段中间；含引号的字段要整个放在引号里，字段内的引号写成两个（""）', 'f.csv line 3, column 2: a quote in the middle of a field; a field holding quotes is quoted whole, each inner quote written twice ("")'],
    ['CSV_MAX_RECORD_SIZE', 'a,b\n1,22222\n', { max_record_size: 3 }, 'f.csv 第 2 行不是有效的 CSV（CSV_MAX_RECORD_SIZE）', 'f.csv line 2 is not valid CSV (CSV_MAX_RECORD_SIZE)'],
    ['CSV_RECORD_INCONSISTENT_FIELDS_LENGTH', 'a,b\n1,2\n3\n', { relax_column_count: false }, 'f.csv 第 3 行不是有效的 CSV（CSV_RECORD_INCONSISTENT_FIELDS_LENGTH）', 'f.csv line 3 is not valid CSV (CSV_RECORD_INCONSISTENT_FIELDS_LENGTH)'],
  ])('%s, by its code, keeping its line', (code, text, extra, zh, en) => {
    const e = csvParseError(text, extra);
    expect((e as { code: string }).code).toBe(code);
    expect((e as Error).message).toMatch(/[A-Za-z]{5,}/); // csv-parse's own English …
    const ours = csvParseRefusal(e, 'f.csv')!;
    expect([ours.zh, ours.en]).toEqual([zh, en]); // … never reaches the user
  });

  it('passes on what is not a csv-parse error', () => {
    expect(csvParseRefusal(new RangeError('Invalid array length'), 'f.csv')).toBeUndefined();
  });
});

/**
 * An independent reading of the same grammar (RFC 4180 with CR LF, LF and CR all ending records, empty lines
 * skipped), by regular expression rather than by a scan; `undefined` when the text is not valid CSV or is
 * over Excel's bounds (or holds NUL, or a record starts with a BOM) — then the reader must refuse.
 */
function reference(text: string): string[][] | undefined {
  if (text.includes('\u0000')) return undefined;
  const token = /"([^"]*(?:""[^"]*)*)"|[^",\r\n]*/y;
  const records: string[][] = [];
  let record: string[] = [];
  let pos = 0;
  let emptyLine = true;
  for (;;) {
    token.lastIndex = pos;
    const m = token.exec(text)!;
    const field = m[1] === undefined ? m[0] : m[1].replace(/""/g, '"');
    if (record.length === 0 && m[0].startsWith('\ufeff')) return undefined; // a record starting with a stray BOM
    if (m[1] !== undefined || m[0] !== '') emptyLine = false;
    if (field.length > 32_767) return undefined;
    record.push(field);
    pos = token.lastIndex;
    const end = /,|\r\n|\n|\r|$/y;
    end.lastIndex = pos;
    const sep = end.exec(text);
    if (!sep) return undefined;
    pos = end.lastIndex;
    if (record.length > 16_384) return undefined;
    if (sep[0] === ',') {
      emptyLine = false;
      continue;
    }
    if (!emptyLine) records.push(record);
    record = [];
    emptyLine = true;
    if (sep[0] === '') return records;
  }
}

const BOUND_CODES = ['import-csv-nul', 'import-csv-stray-bom', 'import-csv-too-many-columns', 'import-csv-cell-too-long'];
const BY_CSV_PARSE: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'import-csv-quote-not-closed',
  CSV_INVALID_CLOSING_QUOTE: 'import-csv-bad-closing-quote',
  INVALID_OPENING_QUOTE: 'import-csv-bad-opening-quote',
};
const CATALOGUE_CODES = [...BOUND_CODES, ...Object.values(BY_CSV_PARSE), 'import-bad-encoding', 'import-bad-utf8', 'import-mixed-encoding'];

/** What csv-parse says, alone, with our options. */
function csvParseCode(text: string): string | undefined {
  try {
    parse(text, { record_delimiter: ['\r\n', '\n', '\r'], relax_column_count: true, skip_empty_lines: true });
    return undefined;
  } catch (e) {
    return (e as { code: string }).code;
  }
}

describe('a seeded fuzz over CSV text (issue 19, part 7)', () => {
  const field = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...LABELS, '', '甲单位', '2026-03-05') },
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
    { weight: 3, arbitrary: fc.constantFrom('"', '""', 'a"b', ',', '\r\n', '\r', '\n', '\n\r', '\u0000', '\ufeff', '=1+1', ' ', '(跳过)') },
    { weight: 1, arbitrary: fc.constantFrom('x'.repeat(32_767), '满'.repeat(32_768), '"'.repeat(16_383), 'y'.repeat(40_000)) },
  );
  const cell = fc.record({ value: field, quoted: fc.boolean() });
  const record = fc.record({ cells: fc.array(cell, { maxLength: 18 }), end: fc.constantFrom('\r\n', '\n', '\r') });
  const mutation = fc.record({ at: fc.nat(), piece: fc.constantFrom('"', '\r', '\n', '\r\n', ',', '\u0000', '\ufeff', '""', ''), remove: fc.boolean() });
  const csvCase = fc.record({
    records: fc.array(record, { maxLength: 6 }),
    headerEnd: fc.constantFrom('\r\n', '\n', '\r'),
    lastEnd: fc.boolean(),
    mutations: fc.array(mutation, { maxLength: 3 }),
    encoding: fc.constantFrom<Encoding>('utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'utf-32le', 'utf-32be'),
  });

  type CsvCase = typeof csvCase extends fc.Arbitrary<infer T> ? T : never;
  /** No date column: every answered row is listed as undated, so the preview counts them. */
  const header = ['客户名称', ...ITEMS, '意见与建议'];

  function build(c: CsvCase): string {
    let text = header.join(',') + (c.records.length > 0 || c.lastEnd ? c.headerEnd : '');
    c.records.forEach((r, i) => {
      text += r.cells.map((x) => (x.quoted ? `"${x.value.replace(/"/g, '""')}"` : x.value)).join(',');
      if (i < c.records.length - 1 || c.lastEnd) text += r.end;
    });
    for (const m of c.mutations) {
      const points = Array.from(text); // by code point: a surrogate pair is never split
      const at = m.at % (points.length + 1);
      points.splice(at, m.remove ? 1 : 0, m.piece);
      text = points.join('');
    }
    return text;
  }

  it('reads exactly what an independent parser reads, or refuses with a catalogue message in both languages', async () => {
    let read = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(csvCase, async (c) => {
        const text = build(c);
        const bytes = encode(text, c.encoding);
        // Plain UTF-8 starting with U+FEFF is UTF-8 with a BOM; UTF-16LE starting with U+0000 begins as UTF-32LE's mark.
        const decoded = c.encoding === 'utf-8' ? text.replace(/^\ufeff/, '') : text;
        const ambiguous = c.encoding === 'utf-16le' && text.startsWith('\u0000');
        const expected = reference(decoded);
        const outcome = await readExport(bytes, 'fuzz.csv').then(
          (r) => r,
          (e: unknown) => e,
        );
        if (outcome instanceof Error) {
          refused++;
          expect(outcome).toBeInstanceOf(ImportRefused);
          const e = outcome as ImportRefused;
          expect(CATALOGUE_CODES).toContain(e.code);
          expect(e.zh.startsWith('fuzz.csv ')).toBe(true);
          expect(e.en.startsWith('fuzz.csv ')).toBe(true);
          // No csv-parse English in either language, none at all in Chinese (beyond names such as CSV, UTF-8, BOM, NUL, Excel).
          expect(e.zh.replace(/fuzz\.csv|CSV|UTF-(8|16|32)(LE|BE)?|BOM|NUL|Excel/g, '')).not.toMatch(/[A-Za-z]{2,}/);
          expect(e.en).not.toMatch(/Invalid (Opening|Closing) Quote|Quote Not Closed|the parsing is finished|at line \d/);
          if (!ambiguous) {
            expect(expected).toBeUndefined();
            // The refusal is csv-parse's own verdict, or one of the bounds csv-parse does not check.
            const theirs = csvParseCode(decoded);
            expect([...BOUND_CODES, ...(theirs ? [BY_CSV_PARSE[theirs]] : [])]).toContain(e.code);
          }
          return;
        }
        read++;
        const { grid } = outcome as { grid: string[][] };
        if (!ambiguous) expect(grid).toEqual(expected);
        // The import preview counts the same answer sheets: every data row with any value (no date column, so all undated).
        const preview = await importExport(XlsxGateway.empty(), { grid: grid as CellValue[][], preview: true, fileName: 'fuzz.csv' });
        const answered = grid.slice(1).filter((r) => r.some((v) => normalizeLabel(v) !== '')).length;
        if (preview.layout.timeCol === undefined) expect(preview.undated).toHaveLength(answered);
        expect(preview.added).toBe(0);
      }),
      { seed: 19, numRuns: 300 },
    );
    // Both sides of the property were exercised.
    expect(read).toBeGreaterThan(30);
    expect(refused).toBeGreaterThan(30);
  });
});
