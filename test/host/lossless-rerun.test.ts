/**
 * The quarterly workflow re-writes the same workbook every quarter: the Q4 report must leave the Q3
 * report — a §7 record kept three years — exactly as it was, charts included; the archive copy edits
 * only the cells it freezes; a refreshed sheet takes its old charts and tables with it, leaving no
 * orphan part behind.
 */
import JSZip from 'jszip';
import { TABLE_4_1 } from '../../src/domain';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { readWorkbook } from '../../src/host/xlsx/workbook';
import { prepareArchive } from '../../src/jobs/archive';
import { generateReport } from '../../src/jobs/report';
import { generateSurveyWorkbook } from '../../src/jobs/survey';
import { sampleResponses } from '../../src/sample/sample-data';
import { reopen } from '../helpers/xlsx';

async function parts(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, string>();
  for (const [name, f] of Object.entries(zip.files)) if (!f.dir) out.set(name, await f.async('string'));
  return out;
}

/** The parts reachable from a sheet: its part, its rels, their targets (drawing → charts) — recursively. */
async function sheetClosure(gw: XlsxGateway, sheet: string): Promise<string[]> {
  const wb = await readWorkbook(gw.pkg);
  const start = wb.sheets.find((s) => s.name === sheet)!.part;
  const seen = new Set<string>();
  const walk = async (p: string) => {
    if (seen.has(p) || !gw.pkg.has(p)) return;
    seen.add(p);
    for (const r of await gw.pkg.rels(p)) if (!r.external) await walk(r.target);
  };
  await walk(start);
  return [...seen];
}

async function surveyWithReports(): Promise<XlsxGateway> {
  const gw = XlsxGateway.empty();
  await generateSurveyWorkbook(gw, { template: 'builtin', year: 2026, responses: sampleResponses(TABLE_4_1).rows });
  await generateReport(gw, { version: 't', period: '2026Q3' });
  return reopen(gw);
}

describe('re-writing the same workbook', () => {
  test('the Q4 report leaves the Q3 report and its charts byte for byte', async () => {
    const gw = await surveyWithReports();
    const q3 = await sheetClosure(gw, '分析报告-2026Q3');
    expect(q3.filter((p) => /charts\/chart\d+\.xml$/.test(p)).length).toBeGreaterThan(0);
    const before = await parts(await gw.save());
    await generateReport(gw, { version: 't', period: '2026Q4' });
    const after = await parts(await (await reopen(gw)).save());
    for (const p of q3) expect({ part: p, same: after.get(p) === before.get(p) }).toEqual({ part: p, same: true });
  });

  test('re-running a quarter replaces its tab and the trend, leaving no orphan parts', async () => {
    const gw = await surveyWithReports();
    const count = (re: RegExp, m: Map<string, string>) => [...m.keys()].filter((k) => re.test(k)).length;
    const before = await parts(await gw.save());
    await generateReport(gw, { version: 't', period: '2026Q3' });
    const after = await parts(await (await reopen(gw)).save());
    expect(count(/^xl\/charts\/chart\d+\.xml$/, after)).toBe(count(/^xl\/charts\/chart\d+\.xml$/, before));
    expect(count(/^xl\/drawings\/drawing\d+\.xml$/, after)).toBe(count(/^xl\/drawings\/drawing\d+\.xml$/, before));
    expect(count(/^xl\/worksheets\/sheet\d+\.xml$/, after)).toBe(count(/^xl\/worksheets\/sheet\d+\.xml$/, before));
    // Every part is reachable from the package root.
    const back = await XlsxGateway.open(await gw.save());
    const reachable = new Set<string>();
    const walk = async (p: string) => {
      if (reachable.has(p)) return;
      reachable.add(p);
      for (const r of await back.pkg.rels(p)) if (!r.external && back.pkg.has(r.target)) await walk(r.target);
    };
    await walk('');
    const orphans = back.pkg.paths().filter((p) => !reachable.has(p) && !/_rels\/|\[Content_Types\]\.xml/.test(p));
    expect(orphans).toEqual([]);
  });

  test('the archive copy changes only the cells it freezes', async () => {
    const gw = await surveyWithReports();
    const wb = await readWorkbook(gw.pkg);
    const responses = wb.sheets.find((s) => s.name === '调查数据')!.part;
    const before = await gw.pkg.text(responses);
    const result = await prepareArchive(gw, { now: new Date('2026-11-28T00:00:00Z') });
    expect(result.frozen.length).toBeGreaterThan(0);
    const after = await (await reopen(gw)).pkg.text(responses);
    // Remove each frozen cell from both texts: what is left is identical.
    const strip = (xml: string) => result.frozen.reduce((x, at) => x.replace(new RegExp(`<c r="${at.split('!')[1]}"[^>]*?(/>|>[\\s\\S]*?</c>)`), ''), xml);
    expect(strip(after)).toBe(strip(before));
    expect(before).toMatch(/_xldudf_CSAT_OVERALL/);
    expect(after).not.toMatch(/_xldudf_CSAT_OVERALL/);
  });
});
