/**
 * No answer lost or invented when reading a workbook file (issue 11, items 10–13): a typed 0 is the
 * score 0, not a blank; a formula saved without its value is reported, never guessed; a merged answer
 * counts once (in its top-left cell) and is warned about; future dates are flagged and do not choose
 * the default period.
 */
import { TABLE_4_1 } from '../../src/domain';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { generateReport } from '../../src/jobs/report';
import { scoreCommand } from '../../src/cli/score';
import { buildXlsx } from '../helpers/xlsx-build';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ITEMS = TABLE_4_1.items.map((i) => i.name);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'csat-integrity-'));

/** A 调查数据 sheet: header 客户名称, 调查日期 (B), the 14 items (C…P); rows given as cell XML. */
function sheet(rows: string, extra = ''): string {
  const head = ['客户名称', '调查日期', ...ITEMS].map((h, i) => `<c r="${String.fromCharCode(65 + i)}1" t="inlineStr"><is><t>${h}</t></is></c>`).join('');
  return `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">${head}</row>${rows}</sheetData>${extra}</worksheet>`;
}

/** One response row: customer, a date serial (style 1 = yyyy-mm-dd), then item cells by column letter. */
function row(r: number, serial: number, cells: Record<string, string>): string {
  const items = Object.entries(cells)
    .map(([col, xml]) => `<c r="${col}${r}"${xml}</c>`)
    .join('');
  return `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>客户${r}</t></is></c><c r="B${r}" s="1"><v>${serial}</v></c>${items}</row>`;
}

const label = (t: string) => ` t="inlineStr"><is><t>${t}</t></is>`;

async function score(bytes: Uint8Array) {
  const file = path.join(tmp, `f${Math.random().toString(36).slice(2)}.xlsx`);
  writeFileSync(file, bytes);
  const out: string[] = [];
  const warn: string[] = [];
  await scoreCommand({ file, policy: 'item', json: true }, { locale: 'zh-CN', out: (l) => out.push(l), warn: (l) => warn.push(l) });
  return { json: JSON.parse(out[0]) as { counts: Record<string, Record<string, number>>; respondents: number }, warn };
}

describe('reading answers from a file', () => {
  test('a typed 0 in a column of labels is the score 0 (不满意), an absent cell is blank', async () => {
    const bytes = await buildXlsx({ sheets: { 调查数据: sheet(row(2, 46086, { C: label('满意'), D: '><v>0</v>' }) + row(3, 46087, { C: label('较满意') })) } });
    const { json } = await score(bytes);
    expect(json.counts['日常']).toMatchObject({ 不满意: 1, 满意: 0 });
    expect(json.counts['专业技术']).toMatchObject({ 满意: 1, 较满意: 1 });
    expect(json.respondents).toBe(2);
  });

  test('a formula saved without its value is reported with its cell, not read as blank', async () => {
    const bytes = await buildXlsx({ sheets: { 调查数据: sheet(row(2, 46086, { C: label('满意') }) + row(3, 46087, { C: '><f>IF(1,"满意","")</f>' })) } });
    await expect(score(bytes)).rejects.toThrow(/公式未计算：调查数据!C3/);
    const gw = await XlsxGateway.open(bytes);
    await expect(generateReport(gw, { version: 't' })).rejects.toThrow(/调查数据!C3/);
  });

  test('a merged answer counts once, in its top-left cell, and the merge is named', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => row(i + 2, 46086 + i, i === 0 ? { C: label('很不满意'), D: label('满意') } : { D: label('满意') })).join('');
    const bytes = await buildXlsx({ sheets: { 调查数据: sheet(rows, '<mergeCells count="1"><mergeCell ref="C2:C11"/></mergeCells>') } });
    const { json, warn } = await score(bytes);
    expect(json.counts['专业技术']['很不满意']).toBe(1);
    expect(warn.join('\n')).toContain('调查数据!C2:C11');
    const gw = await XlsxGateway.open(bytes);
    const r = await generateReport(gw, { version: 't' });
    expect(r.notes.map((n) => n.zh).join('\n')).toContain('合并单元格：调查数据!C2:C11');
  });
});

describe('dates', () => {
  test('answers dated after today are flagged and do not take over the default period', async () => {
    // 2026-03-05 = 46086; 2030-01-01 = 47484.
    const rows = row(2, 46086, { C: label('满意') }) + row(3, 46087, { C: label('一般') }) + row(4, 47484, { C: label('满意') }) + row(5, 47484, { C: label('满意') });
    const gw = await XlsxGateway.open(await buildXlsx({ sheets: { 调查数据: sheet(rows) } }));
    const r = await generateReport(gw, { version: 't', now: new Date('2026-11-28T00:00:00Z') });
    expect(r.analysis.period).toBe('2026Q1');
    expect(r.analysis.future.map((f) => f.cell)).toEqual(['调查数据!B4', '调查数据!B5']);
    expect(r.notes.map((n) => n.zh).join('\n')).toContain('晚于今天（调查数据!B4 2030-01-01');
  });
});

describe('reading the right cells', () => {
  test('the live summary beside the responses table is not responses: no blanks from it, no column from its title', async () => {
    const { generateSurveyWorkbook } = await import('../../src/jobs/survey');
    const { loadSurveyData } = await import('../../src/jobs/survey-data');
    const gw = XlsxGateway.empty();
    const answers = ITEMS.map(() => '满意');
    const rows = [0, 1, 2].map((i) => ['客户甲', '', '', '', '2026-11-0' + (i + 1), '电话回访', ...answers, '']);
    await generateSurveyWorkbook(gw, { template: 'builtin', responses: rows.map((r) => r.map((v) => v)) });
    const data = await loadSurveyData(gw);
    expect(data.set.records).toHaveLength(3);
    expect(data.set.columns.some((c) => /汇总|总体满意度/.test(c))).toBe(false);
    const file = path.join(tmp, 'three.xlsx');
    writeFileSync(file, await gw.save());
    const out: string[] = [];
    await scoreCommand({ file, policy: 'item', json: false }, { locale: 'zh-CN', out: (l) => out.push(l), warn: () => undefined });
    const line = out.find((l) => l.trim().startsWith('专业技术'))!;
    // 项目 权重 满意度 满意 较满意 一般 不满意 很不满意 空 N/A
    expect(line.trim().split('\t').slice(3)).toEqual(['3', '0', '0', '0', '0', '0', '0']);
  });

  test('csat score refuses the add-in\'s own non-response sheets', async () => {
    const { generateSurveyWorkbook } = await import('../../src/jobs/survey');
    const gw = XlsxGateway.empty();
    await generateSurveyWorkbook(gw);
    const file = path.join(tmp, 'survey.xlsx');
    writeFileSync(file, await gw.save());
    await expect(scoreCommand({ file, sheet: '评分模板', policy: 'item', json: true }, { locale: 'zh-CN', out: () => undefined, warn: () => undefined })).rejects.toThrow(/不是调查数据/);
  });

  test('an export asking the template\'s own question maps to that item', async () => {
    const { importExport } = await import('../../src/jobs/import');
    const gw = XlsxGateway.empty();
    const r = await importExport(gw, { grid: [['客户名称', '调查日期', '服务人员的言行举止是否规范？', '专业技术'], ['甲', '2026-11-02', '满意', '满意']], preview: true });
    expect(r.mapping['服务人员的言行举止是否规范？']).toBe('行为规范');
  });
});
