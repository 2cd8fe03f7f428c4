/** Questionnaire exports: formats, encodings, mapping, append-only import, text kept text, fuzz. */
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { AnswerReader, autoMapping, convertExport, detectFormat, exportLayout, TABLE_4_1, type CellValue } from '../../src/domain';
import { OfficeGateway } from '../../src/host/office/gateway';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { decodeText, ImportRefused, MAX_IMPORT_BYTES, readExport } from '../../src/host/xlsx/import-read';
import { importExport } from '../../src/jobs/import';
import { generateSurveyWorkbook } from '../../src/jobs/survey';
import { columnLetter } from '../../src/plan';
import { ExcelFake } from '../helpers/office-excel';
import { ITEMS } from '../helpers/grids';
import { cellOf, cellXmlAt, formulaAt, reopen, setCells } from '../helpers/xlsx';

const questions = ITEMS.map((n) => `您对"${n}"的评价`);
const WJX = ['序号', '提交答卷时间', '所用时间', '来源', '来源详情', '来自IP', '1、贵单位名称', ...questions.map((q, i) => `${i + 2}、${q}`), '16、意见与建议'];
const FORMS = ['ID', 'Start time', 'Completion time', 'Email', 'Name', '单位名称', ...questions];
const TENCENT = ['编号', '开始答题时间', '结束答题时间', '答题时长', '1.贵单位名称', ...questions.map((q, i) => `${i + 2}.${q}`)];
const answers = (l: string) => ITEMS.map(() => l);

function csv(rows: CellValue[][]): string {
  return rows.map((r) => r.map((v) => `"${String(v ?? '').replace(/"/g, '""')}"`).join(',')).join('\r\n');
}
const utf8 = (s: string) => new TextEncoder().encode(s);
/** GBK bytes typed in from the GBK code table (客 BFCD, 户 BBA7, 满 C2FA, 意 D2E2): TextEncoder only writes UTF-8. */
function gbk(s: string): Uint8Array {
  const known: Record<string, number[]> = { 客: [0xbf, 0xcd], 户: [0xbb, 0xa7], 满: [0xc2, 0xfa], 意: [0xd2, 0xe2] };
  const out: number[] = [];
  for (const ch of s) out.push(...(known[ch] ?? [ch.charCodeAt(0)]));
  return Uint8Array.from(out);
}

describe('formats', () => {
  it.each([
    ['问卷星', WJX, 'wjx'],
    ['Microsoft Forms', FORMS, 'forms'],
    ['Microsoft Forms (中文表头)', ['ID', '开始时间', '完成时间', '电子邮件', '姓名', ...questions], 'forms'],
    ['腾讯问卷', TENCENT, 'tencent'],
    ['plain CSV', ['客户名称', ...ITEMS], 'csv'],
  ])('recognises %s by its header row', (_name, header, format) => {
    expect(detectFormat(header)).toBe(format);
  });

  it('maps questions to items by name or alias, and the customer question by its wording', () => {
    const layout = exportLayout(WJX);
    const m = autoMapping(layout, TABLE_4_1);
    expect(layout.questions.map((q) => m.get(q.col))).toEqual(['客户名称', ...ITEMS, '意见与建议']);
    const aliases = exportLayout(['序号', '提交答卷时间', '所用时间', '1、服务热线是否畅通', '2、响应速度如何', '3、您喜欢我们的logo吗']);
    const m2 = autoMapping(aliases, TABLE_4_1);
    expect(aliases.questions.map((q) => m2.get(q.col))).toEqual(['热线畅通', '响应及时性', null]);
  });

  it('converts rows: 在线问卷, the date from the submit time, (跳过) as blank, a source key', () => {
    const grid: CellValue[][] = [WJX, [7, '2026/11/3 10:22:01', '120秒', '微信', '', '', '甲', ...answers('满意').slice(0, 13), '(跳过)', '好']];
    const layout = exportLayout(WJX);
    const { rows } = convertExport(grid, layout, autoMapping(layout, TABLE_4_1));
    expect(rows[0].values).toMatchObject({ 调查方式: '在线问卷', 调查日期: '2026-11-03', 客户名称: '甲', 专业技术: '满意', 培训: null, 意见与建议: '好' });
    expect(rows[0].key).toBe('问卷星#7 2026/11/3 10:22:01');
    const forms: CellValue[][] = [FORMS, [3, '3/5/26 10:00', '3/5/26 10:22', '', '', '乙', ...answers('一般')]];
    const fl = exportLayout(FORMS);
    expect(convertExport(forms, fl, autoMapping(fl, TABLE_4_1)).rows[0].values['调查日期']).toBe('2026-03-05');
  });
});

describe('reading exports', () => {
  it('decodes UTF-8, UTF-8 with BOM and GBK/GB18030', () => {
    expect(decodeText(utf8('客户满意')).text).toBe('客户满意');
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('客户')])).text).toBe('客户');
    expect(decodeText(gbk('客户满意'))).toEqual({ text: '客户满意', encoding: 'gb18030' });
  });

  it('reads a CSV and an .xlsx export', async () => {
    expect((await readExport(utf8(csv([TENCENT, [1, 'a', '2026-03-05 10:00:00', '3', '甲', ...answers('满意')]])), 't.csv')).grid[1][4]).toBe('甲');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(FORMS);
    ws.addRow([1, new Date(Date.UTC(2026, 2, 5, 10)), new Date(Date.UTC(2026, 2, 5, 10, 20)), 'a@b.c', '张', '甲', ...answers('较满意')]);
    const grid = (await readExport(new Uint8Array(await wb.xlsx.writeBuffer()), 'forms.xlsx')).grid;
    expect(grid[1][2]).toBe('2026-03-05 10:20:00');
  });

  it.each([
    ['an .xls', 'old.xls', new Uint8Array(10), /旧版 \.xls/],
    ['an unknown extension', 'x.pdf', new Uint8Array(10), /无法识别 x\.pdf 的格式/],
    ['a broken .xlsx', 'bad.xlsx', utf8('not a zip'), /bad\.xlsx 不是 \.xlsx 工作簿/],
    ['a file over the size limit', 'big.csv', new Uint8Array(MAX_IMPORT_BYTES + 1), /超过导入上限 50 MB/],
  ])('refuses %s before reading it whole, with a message', async (_n, name, bytes, message) => {
    await expect(readExport(bytes, name)).rejects.toThrow(ImportRefused);
    await expect(readExport(bytes, name)).rejects.toThrow(message);
  });
});

async function surveyed(): Promise<XlsxGateway> {
  const gw = XlsxGateway.empty();
  await generateSurveyWorkbook(gw);
  const row = ['手工录入', '政府机关', '项目', '现场走访', { date: '2026-10-10' }, '王敏', ...answers('一般'), '手写的意见', ''];
  await setCells(gw, '调查数据', Object.fromEntries(row.map((v, i) => [`${columnLetter(i + 1)}2`, v])));
  return reopen(gw);
}

describe('importing', () => {
  const grid: CellValue[][] = [WJX, [1, '2026/11/3 10:22:01', '1', '', '', '', '甲', ...answers('满意'), '=HYPERLINK("http://evil","点我")'], [2, '2026/11/4 09:00:00', '1', '', '', '', '乙', ...answers('较满意'), '+cmd|calc']];

  it('appends below the existing rows, skips what was imported before, changes nothing else', async () => {
    const gw = await surveyed();
    const before = await gw.readSheet('调查数据');
    const first = await importExport(gw, { grid });
    expect([first.added, first.skipped]).toEqual([2, 0]);
    const after = await gw.readSheet('调查数据');
    expect(after.slice(0, 2)).toEqual(before.slice(0, 2));
    expect(after[2].slice(0, 6)).toEqual(['甲', null, null, '在线问卷', '2026-11-03', null]);
    expect(after[2][21]).toBe('问卷星#1 2026/11/3 10:22:01');
    const again = await importExport(gw, { grid });
    expect([again.added, again.skipped]).toEqual([0, 2]);
    expect(await gw.readSheet('调查数据')).toEqual(after);
    expect(await (await reopen(gw, 'after import')).readSheet('调查数据')).toEqual(after);
  });

  it('writes formula-looking text as text, never as a formula (file and Excel)', async () => {
    const gw = await surveyed();
    await importExport(gw, { grid });
    const back = await reopen(gw);
    expect(await formulaAt(back, '调查数据', 'U3')).toBeUndefined();
    expect(await cellXmlAt(back, '调查数据', 'U3')).toMatch(/^<c\b[^>]*\st="(inlineStr|s)"/); // a text cell
    expect(await cellOf(back, '调查数据', 'U3')).toBe('=HYPERLINK("http://evil","点我")');
    expect(await cellOf(back, '调查数据', 'U4')).toBe('+cmd|calc');
    // In Excel the same rows go out escaped.
    const data = await back.readSheet('调查数据');
    const fake = ExcelFake.with([{ name: '调查数据', values: data.slice(0, 2).map((r) => [...r]), tables: [{ name: '调查数据表', address: `A1:${columnLetter(data[0].length)}2` }] }], [{ name: 'CSAT_OWNED_responses', formula: "='调查数据'!$A$1" }]);
    await importExport(new OfficeGateway(fake.run), { grid });
    const written = JSON.stringify(fake.ops().filter((o) => o.path.endsWith('.values')).map((o) => o.value));
    expect(written).toContain(`"'=HYPERLINK(\\"http://evil\\",\\"点我\\")"`);
    expect(written).toContain(`"'+cmd|calc"`);
    // … and Excel holds text, no formula.
    const cells = fake.state.sheets[0].rows.flat();
    expect(cells.map((c) => c?.v)).toEqual(expect.arrayContaining(['=HYPERLINK("http://evil","点我")', '+cmd|calc']));
    expect(cells.some((c) => c?.f !== undefined)).toBe(false);
  });

  it('survives random and hostile exports: no crash, a clear error at worst, existing rows unchanged', async () => {
    const gw = await surveyed();
    const before = await gw.readSheet('调查数据');
    const hostile = fc.oneof(fc.string(), fc.constantFrom('=1+1', '@SUM(A1)', '-2+3', '\u0000', '"";', '\r\n', '满意', '(跳过)', '2026/13/45', ''.padEnd(300, '满')));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(hostile, { maxLength: 30 }), { maxLength: 8 }), async (rows) => {
        const text = csv([WJX, ...rows]);
        const parsed = await readExport(utf8(text), 'fuzz.csv').catch((e: unknown) => {
          expect(e).toBeInstanceOf(ImportRefused);
          return undefined;
        });
        if (!parsed) return;
        const r = await importExport(gw, { grid: parsed.grid, preview: true });
        expect(r.added).toBe(0);
      }),
      { numRuns: 60 },
    );
    expect(await gw.readSheet('调查数据')).toEqual(before);
  });
});

describe('the answer parser under hostile text', () => {
  it('never throws and never calls a non-label a level', () => {
    const reader = new AnswerReader(TABLE_4_1);
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.double(), fc.boolean(), fc.constant(null)), fc.nat(13), (v, item) => {
        const a = reader.read(v as CellValue, item);
        if (a.kind === 'level' && typeof v === 'string') {
          const plain = v.replace(/[\s\u200b]/g, '');
          expect(TABLE_4_1.levels.some((l) => l.label === plain) || /^[+-]?[\d.]+(e[+-]?\d+)?%?$/i.test(plain)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('no answer lost or invented on import (issue 11, items 8–9)', () => {
  const csv = (rows: string[][]) => rows.map((r) => r.join(',')).join('\n');
  const header = ['客户名称', '调查日期', ...ITEMS];

  it('keys a plain CSV row by its content: a second team\'s export with the same dates is imported, a true repeat is skipped and its rows shown', async () => {
    const gw = XlsxGateway.empty();
    const teamA = [header, ['甲', '2026-11-02', ...ITEMS.map(() => '满意')], ['乙', '2026-11-02', ...ITEMS.map(() => '一般')]];
    const teamB = [header, ['丙', '2026-11-02', ...ITEMS.map(() => '较满意')], ['丁', '2026-11-02', ...ITEMS.map(() => '不满意')]];
    const a = await importExport(gw, { grid: (await readExport(utf8(csv(teamA)), 'a.csv')).grid, fileName: 'a.csv' });
    expect(a.added).toBe(2);
    const b = await importExport(gw, { grid: (await readExport(utf8(csv(teamB)), 'b.csv')).grid, fileName: 'b.csv' });
    expect(b.added).toBe(2);
    const again = await importExport(gw, { grid: (await readExport(utf8(csv(teamA)), 'a.csv')).grid, fileName: 'a.csv' });
    expect(again.added).toBe(0);
    expect(again.duplicateRows).toEqual([2, 3]);
    expect(again.notes[0].zh).toContain('导出文件第 2、3 行');
    await reopen(gw);
  });

  it('refuses an import that maps no item, or holds no answer, and leaves the workbook able to take the real one', async () => {
    const gw = XlsxGateway.empty();
    const noItems = [['姓名', '日期', '感想'], ['甲', '2026-11-02', '好']];
    await expect(importExport(gw, { grid: noItems, fileName: 'x.csv' })).rejects.toThrow(/没有一个对应到评分项目/);
    const empty = [header, ['甲', '2026-11-02', ...ITEMS.map(() => '')]];
    await expect(importExport(gw, { grid: empty, fileName: 'y.csv' })).rejects.toThrow(/没有任何有效的满意度答案/);
    const real = [header, ['甲', '2026-11-02', ...ITEMS.map(() => '满意')]];
    expect((await importExport(gw, { grid: real, fileName: 'z.csv' })).added).toBe(1);
  });

  it('refuses a CSV mixing UTF-8 and GBK lines, naming the lines', async () => {
    const bytes = Uint8Array.from([...utf8(`${header.join(',')}\n甲单位,2026-11-02,${ITEMS.map(() => '满意').join(',')}\n`), ...gbk('乙单位,2026-11-03,满意')]);
    await expect(readExport(bytes, 'mixed.csv')).rejects.toThrow(/mixed\.csv 混用了两种编码：第 1 行是 UTF-8，第 3 行不是/);
    expect((await readExport(gbk(`${header.join(',')}\n乙单位,2026-11-03,满意`), 'gbk.csv')).encoding).toBe('gb18030');
  });
});
