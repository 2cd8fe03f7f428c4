/**
 * The report in LibreOffice: the native-formula cross-check recomputes to the reported overall, the
 * 提升潜力 formulas recompute to the engine's potentials, the charts — the 四分图 scatter among them —
 * are read (they survive a LibreOffice re-save) and the workbook exports to PDF.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { analyze } from '../src/domain';
import { XlsxGateway } from '../src/host/xlsx/gateway';
import { loadSurveyData } from '../src/jobs/survey-data';
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

  it.each([
    ['2026Q4', 'demo'],
    ['2026Q3', 'q3'],
  ])('%s: the 提升潜力 formulas recompute to the engine\'s potentials (1e-9)', async (period, file) => {
    const sheets = sheetsAsCsv(file === 'demo' ? demo : q3);
    const report = sheets.get(`分析报告-${period}`)!;
    const head = report.findIndex((r) => r[0] === '排名' && r[1] === '项目' && r[6] === '提升潜力');
    expect(head).toBeGreaterThan(0);
    const engine = analyze((await loadSurveyData(await XlsxGateway.open(readFileSync(demo)))).set, { period }).potential;
    const rows = report.slice(head + 1, head + 1 + engine.items.length);
    expect(rows.map((r) => r[1])).toEqual(engine.items.map((x) => x.item));
    rows.forEach((r, k) => expect(Math.abs(csvNumber(r[6]) - engine.items[k].potential)).toBeLessThan(1e-9));
    expect(engine.items[0].potential).toBeGreaterThan(0);
  });

  it('reads the native charts: they survive a LibreOffice re-save, the 四分图 as a scatter', async () => {
    const out = convert(demo, 'xlsx:Calc Office Open XML');
    const zip = await JSZip.loadAsync(readFileSync(path.join(out, readdirSync(out)[0])));
    const charts = Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f));
    // The report's six (trend, items, levels, groups, 提升潜力, 四分图) and the 趋势 tab's one.
    expect(charts).toHaveLength(7);
    const xml = await Promise.all(charts.map((f) => zip.file(f)!.async('string')));
    expect(xml.join()).toContain('总体满意度趋势');
    const scatter = xml.find((x) => x.includes('scatterChart'))!;
    expect(scatter).toContain('四分图');
    // LibreOffice kept a series per item plus the two split lines, with their x values.
    expect((scatter.match(/<c:ser>/g) ?? []).length).toBeGreaterThanOrEqual(12);
    expect(scatter).toContain('<c:xVal>');
  });

  it('exports the workbook with its charts to PDF', () => {
    const out = convert(demo, 'pdf');
    const pdf = path.join(out, readdirSync(out)[0]);
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBeGreaterThanOrEqual(6);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('客户满意度分析报告（2026Q4）');
    expect(text).toContain('各项目满意度等级分布'); // a chart title, drawn by the chart renderer
    expect(text).toContain('四分图：推导重要性与满意度');
    expect(text).toContain('六、提升潜力');
  });
});
