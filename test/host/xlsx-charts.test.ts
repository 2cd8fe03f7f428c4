/**
 * The package editor's charts: the report's 四分图 is a DrawingML `c:scatterChart` — one series per
 * item whose name (its label) is read from the item's cell and whose x and y are the r and
 * satisfaction cells, plus the two split lines — and the workbook passes the schema validator.
 */
import JSZip from 'jszip';
import { TABLE_4_1 } from '../../src/domain';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { generateReport } from '../../src/jobs/report';
import { generateSurveyWorkbook } from '../../src/jobs/survey';
import { sampleResponses } from '../../src/sample/sample-data';
import { expectValidXlsx } from '../helpers/validate-xlsx';
import { cellOf, reopen } from '../helpers/xlsx';

describe('scatter chart in the .xlsx package', () => {
  let xml = '';
  let back: XlsxGateway;
  let placed = 0;
  beforeAll(async () => {
    const gw = XlsxGateway.empty();
    await generateSurveyWorkbook(gw, { responses: sampleResponses(TABLE_4_1).rows });
    const gw2 = await reopen(gw);
    const done = await generateReport(gw2, { version: 'test', period: '2026Q3' });
    placed = done.analysis.drivers.items.filter((d) => d.quadrant !== null).length;
    const bytes = await gw2.save();
    expectValidXlsx(bytes, 'report with a scatter chart');
    back = await XlsxGateway.open(bytes);
    const zip = await JSZip.loadAsync(bytes);
    const parts = await Promise.all(Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f)).map((f) => zip.file(f)!.async('string')));
    xml = parts.find((p) => p.includes('<c:scatterChart>'))!;
  });

  it('writes one c:scatterChart with a series per placed item and the two split lines', () => {
    expect(xml).toBeDefined();
    expect(placed).toBeGreaterThanOrEqual(10);
    expect(xml.match(/<c:ser>/g)).toHaveLength(placed + 2);
    expect(xml.match(/<c:showSerName val="1"\/>/g)).toHaveLength(placed);
    // The legend keeps the split lines only.
    expect(xml.match(/<c:legendEntry>/g)).toHaveLength(placed);
    expect(xml).toContain('<c:scatterStyle val="lineMarker"/>');
    expect(xml.match(/<c:valAx>/g)).toHaveLength(2);
  });

  it('reads each point\'s label, x and y from the report\'s cells', async () => {
    const sers = [...xml.matchAll(/<c:ser>(.*?)<\/c:ser>/g)].map((m) => m[1]).filter((s) => s.includes('showSerName'));
    for (const s of sers) {
      const name = /<c:tx><c:strRef><c:f>'分析报告-2026Q3'!\$([A-Z]+)\$(\d+)<\/c:f>.*?<c:v>([^<]+)<\/c:v>/.exec(s)!;
      const x = /<c:xVal><c:numRef><c:f>'分析报告-2026Q3'!\$([A-Z]+)\$(\d+)<\/c:f>.*?<c:v>([^<]+)<\/c:v>/.exec(s)!;
      const y = /<c:yVal><c:numRef><c:f>'分析报告-2026Q3'!\$([A-Z]+)\$(\d+)<\/c:f>.*?<c:v>([^<]+)<\/c:v>/.exec(s)!;
      expect([name[2], x[2], y[2]]).toEqual([name[2], name[2], name[2]]);
      expect(await cellOf(back, '分析报告-2026Q3', `${name[1]}${name[2]}`)).toBe(name[3]);
      expect(await cellOf(back, '分析报告-2026Q3', `${x[1]}${x[2]}`)).toBe(Number(x[3]));
      expect(await cellOf(back, '分析报告-2026Q3', `${y[1]}${y[2]}`)).toBe(Number(y[3]));
    }
  });
});
