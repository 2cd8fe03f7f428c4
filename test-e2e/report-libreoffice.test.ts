/**
 * The report in LibreOffice: the native-formula cross-check recomputes to the reported overall, the
 * charts are read (they survive a LibreOffice re-save) and the workbook exports to PDF.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { expectValidXlsx } from '../test/helpers/validate-xlsx';
import { convert, csvNumber, hasLibreOffice, sheetsAsCsv } from './libreoffice';

const root = path.join(__dirname, '..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'csat-e2e-report-'));
const csat = (...args: string[]) => execFileSync(process.execPath, [path.join(root, 'bin/csat.js'), ...args], { encoding: 'utf8' });

beforeAll(() => {
  if (!hasLibreOffice()) throw new Error('LibreOffice (soffice) is required for the e2e tests: apt-get install libreoffice-calc');
});

describe('report tabs in LibreOffice', () => {
  const demo = path.join(tmp, 'demo.xlsx');
  const q3 = path.join(tmp, 'q3.xlsx');
  beforeAll(() => {
    csat('demo', '--out', demo);
    csat('report', demo, '--period', '2026Q3', '--by', '调查方式', '--out', q3);
    expectValidXlsx(demo);
    expectValidXlsx(q3);
  });

  it.each([
    ['2026Q4', 'demo'],
    ['2026Q3', 'q3'],
  ])('%s: the COUNTIFS cross-check recomputes to the reported overall', (period, file) => {
    const sheets = sheetsAsCsv(file === 'demo' ? demo : q3);
    const report = sheets.get(`分析报告-${period}`)!;
    const overallRow = report.find((r) => r[0] === '总体满意度')!;
    const reported = csvNumber(overallRow[1]);
    const native = csvNumber(overallRow[overallRow.indexOf('原生公式核对') + 1]);
    expect(Math.abs(native - reported)).toBeLessThan(1e-12);
    const agree = report.find((r) => r.includes('两者一致'))!;
    expect(agree[agree.indexOf('两者一致') + 1]).toBe('✓ 一致');
    expect(reported).toBeGreaterThan(0.8);
  });

  it('reads the native charts: they survive a LibreOffice re-save', async () => {
    const out = convert(demo, 'xlsx:Calc Office Open XML');
    const zip = await JSZip.loadAsync(readFileSync(path.join(out, readdirSync(out)[0])));
    const charts = Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f));
    expect(charts).toHaveLength(5);
    const xml = await Promise.all(charts.map((f) => zip.file(f)!.async('string')));
    expect(xml.join()).toContain('总体满意度趋势');
  });

  it('exports the workbook with its charts to PDF', () => {
    const out = convert(demo, 'pdf');
    const pdf = path.join(out, readdirSync(out)[0]);
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBeGreaterThanOrEqual(6);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('客户满意度分析报告（2026Q4）');
    expect(text).toContain('各项目满意度等级分布'); // a chart title, drawn by the chart renderer
  });
});
