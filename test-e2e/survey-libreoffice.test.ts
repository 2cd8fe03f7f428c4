/**
 * Every survey workbook we write, opened by LibreOffice: it converts without error, recomputes the
 * native-formula overall to the engine's value, keeps the validations, and prints the form on one
 * A4 page.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scoreResponses, TABLE_4_1 } from '../src/domain';
import { XlsxGateway } from '../src/host/xlsx/gateway';
import { expectValidXlsx } from '../test/helpers/validate-xlsx';
import { validationAt } from '../test/helpers/xlsx';
import { convert, csvNumber, hasLibreOffice, sheetsAsCsv } from './libreoffice';

const root = path.join(__dirname, '..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'csat-e2e-'));
const csat = (...args: string[]) => execFileSync(process.execPath, [path.join(root, 'bin/csat.js'), ...args], { encoding: 'utf8' });

beforeAll(() => {
  if (!hasLibreOffice()) throw new Error('LibreOffice (soffice) is required for the e2e tests: apt-get install libreoffice-calc');
});

describe('survey workbooks in LibreOffice', () => {
  const demo = path.join(tmp, 'demo.xlsx');
  const survey = path.join(tmp, 'survey.xlsx');
  beforeAll(() => {
    csat('demo', '--out', demo);
    csat('survey', '--out', survey);
    expectValidXlsx(demo);
    expectValidXlsx(survey);
  });

  it('recomputes the native-formula overall and item scores to the engine\'s values', async () => {
    const sheets = sheetsAsCsv(demo);
    expect([...sheets.keys()].sort()).toEqual(
      ['评分模板', '调查数据', '客户满意度调查表', '调查方案', '纠正预防措施', '年度客户沟通计划', '客户沟通记录', '客户沟通分析-2026', '分析报告-2026Q4', '趋势'].sort(),
    );
    // LibreOffice opened every sheet we wrote and found content in each.
    for (const [name, rows] of sheets) expect([name, rows.length > 1]).toEqual([name, true]);
    const tracker = sheets.get('纠正预防措施')!;
    expect(tracker[0].slice(0, 13)).toEqual(['编号', '来源', '问题描述', '责任部门', '根本原因', '纠正措施', '预防措施', '责任人', '计划完成日期', '状态', '验证人', '验证日期', '验证结果']);
    expect(new Set(tracker.slice(1).map((r) => r[9]))).toEqual(new Set(['待分析', '整改中', '已完成', '已验证', '已关闭']));
    const data = sheets.get('调查数据')!;
    const label = (text: string) => data.find((r) => r.includes(text))!;
    const at = (row: string[], text: string) => row[row.indexOf(text) + 1];
    const gw = await XlsxGateway.open(readFileSync(demo));
    const engine = scoreResponses(await gw.readSheet('调查数据'), TABLE_4_1);
    const native = csvNumber(at(label('总体满意度（原生公式）'), '总体满意度（原生公式）'));
    expect(Math.abs(native - engine.overall!)).toBeLessThan(1e-12);
    // Without the add-in the CSAT cell is an error and the check says to trust the native formula.
    expect(at(label('两种算法核对'), '两种算法核对')).toMatch(/以原生公式为准/);
    for (const item of engine.items) {
      const row = data.find((r) => r.indexOf(item.name) > 20)!;
      const i = row.indexOf(item.name);
      expect(Number(row[i + 2])).toBe(item.answered);
      expect(Math.abs(csvNumber(row[i + 4]) - item.satisfaction!)).toBeLessThan(1e-12);
    }
    expect(at(label('结论'), '结论')).toBe(engine.overall! >= 0.9 ? '达标' : '未达标');
  });

  it('keeps the data validations through a LibreOffice re-save', async () => {
    const out = convert(survey, 'xlsx:Calc Office Open XML');
    const resaved = await XlsxGateway.open(readFileSync(path.join(out, readdirSync(out)[0])));
    const g2 = await validationAt(resaved, '调查数据', 'G2');
    expect(g2?.type).toBe('list');
    expect(String(g2?.formula1)).toContain('很不满意');
    expect((await validationAt(resaved, '调查数据', 'T1000'))?.type).toBe('list'); // LibreOffice trims validations ~1,000 rows past the used range
    expect((await validationAt(resaved, '调查数据', 'D2'))?.type).toBe('list');
    expect((await validationAt(resaved, '调查数据', 'E2'))?.type).toBe('date');
    expect((await validationAt(resaved, '评分模板', 'B5'))?.type).toBe('decimal');
    expect((await resaved.listSheets()).map((s) => s.owner)).toEqual(['template', 'responses', 'form', 'survey_plan']);
  });

  it('exports to PDF: 评分模板 one page, 调查数据 two landscape pages wide, the form one A4 portrait page, 调查方案 one page', () => {
    const out = convert(survey, 'pdf');
    const pdf = path.join(out, readdirSync(out)[0]);
    const info = execFileSync('pdfinfo', ['-f', '1', '-l', '10', pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+5/);
    expect(info).toMatch(/Page\s+2 size:\s+841(\.\d+)? x 595/);
    expect(info).toMatch(/Page\s+3 size:\s+841(\.\d+)? x 595/);
    expect(info).toMatch(/Page\s+4 size:\s+595(\.\d+)? x 841|Page\s+4 size:\s+595(\.\d+)? x 842/);
  });
});
