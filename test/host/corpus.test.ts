/**
 * Workbooks we did not write (test/corpus: openpyxl, LibreOffice, XlsxWriter, excelize, an Excel-like
 * file with mc:AlternateContent and shared formulas): the reader returns what the producers were
 * given (test/corpus/expected.json, written from the generators' input, not by our reader), and every
 * job that writes a workbook derived from one carries each part it does not replace with identical
 * bytes — sheets, charts, pictures, notes, pivot tables and caches, extensions — keeps every sheet,
 * defined name and pivot cache, and adds no validator problem the input did not have.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { generateActions } from '../../src/jobs/actions';
import { prepareArchive } from '../../src/jobs/archive';
import { generateCommReport, generateCommSheets } from '../../src/jobs/communication';
import { importExport } from '../../src/jobs/import';
import { generateReport } from '../../src/jobs/report';
import { validateXlsx } from '../helpers/validate-xlsx';

interface Expected {
  responses: { rows: (string | number | null)[][]; headers: string[] };
  files: Record<
    string,
    {
      sheets: string[];
      responseRows: number;
      cells: { sheet: string; ref: string; kind: string; value: string | number | null }[];
      validatorProblems: string[];
      userParts: { path?: string; part?: string; kind?: string }[];
    }
  >;
}

const dir = path.join(__dirname, '..', 'corpus');
const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected;
const files = Object.keys(expected.files);
const bytesOf = (f: string) => new Uint8Array(readFileSync(path.join(dir, f)));

/** Parts a job may edit in place (workbook-level bookkeeping); everything else must be identical or absent only if replaced. */
const WORKBOOK_LEVEL = /^(\[Content_Types\]\.xml|_rels\/\.rels|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/styles\.xml|xl\/calcChain\.xml|docProps\/(core|app|custom)\.xml)$/i;

async function parts(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, Uint8Array>();
  for (const [name, file] of Object.entries(zip.files)) if (!file.dir) out.set(name, await file.async('uint8array'));
  return out;
}

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

function problemsOf(bytes: Uint8Array): string[] {
  return validateXlsx(bytes).problems.map((p) => p.replace(/^[^:]*: /, ''));
}

async function workbookFacts(bytes: Uint8Array) {
  const zip = await JSZip.loadAsync(bytes);
  const wb = await zip.file(/(^|\/)workbook\.xml$/)[0].async('string');
  const names = [...wb.matchAll(/<(?:\w+:)?definedName\b[^>]*name="([^"]+)"/g)].map((m) => m[1]);
  const caches = [...wb.matchAll(/<(?:\w+:)?pivotCache\b[^>]*cacheId="(\d+)"/g)].map((m) => m[1]);
  const sheets = [...wb.matchAll(/<(?:\w+:)?sheet\b[^>]*name="([^"]+)"/g)].map((m) => m[1]);
  return { names, caches, sheets };
}

describe.each(files)('%s', (file) => {
  const facts = expected.files[file];

  test('reads every sheet and the responses as the producer was given them', async () => {
    const gw = await XlsxGateway.open(bytesOf(file));
    expect((await gw.listSheets()).map((s) => s.name)).toEqual(facts.sheets);
    for (const c of facts.cells) {
      const got = (await gw.readRange(c.sheet, `${c.ref}:${c.ref}`))[0][0];
      expect({ at: `${c.sheet}!${c.ref}`, got: got ?? null }).toEqual({ at: `${c.sheet}!${c.ref}`, got: c.value });
    }
    const grid = await gw.readSheet('调查数据');
    const width = expected.responses.headers.length;
    const rows = grid.slice(1, 1 + facts.responseRows).map((r) => Array.from({ length: width }, (_, i) => r[i] ?? null));
    expect(rows).toEqual(expected.responses.rows.slice(0, facts.responseRows));
  });

  const jobs: [string, (gw: XlsxGateway) => Promise<unknown>][] = [
    ['report', (gw) => generateReport(gw, { version: 'test', period: '2026Q3' })],
    ['actions', (gw) => generateActions(gw, { period: '2026Q3' })],
    ['import --into', (gw) => importExport(gw, { grid: [['客户名称', '调查日期', '专业技术', '响应速度'], ['新客户', '2026-11-02', '满意', '一般']] })],
    [
      'comm-plan --into, comm-report',
      async (gw) => {
        await generateCommSheets(gw);
        return generateCommReport(gw, { version: 'test', year: 2026, today: '2026-11-28' });
      },
    ],
    ['archive', (gw) => prepareArchive(gw, { now: new Date('2026-11-28T00:00:00Z') })],
  ];

  test.each(jobs)('%s carries every part it does not own, byte for byte', async (_name, job) => {
    const input = bytesOf(file);
    const gw = await XlsxGateway.open(input);
    await job(gw);
    const output = await gw.save();
    const before = await parts(input);
    const after = await parts(output);
    const changed: string[] = [];
    for (const [name, bytes] of before) {
      if (WORKBOOK_LEVEL.test(name)) continue;
      const now = after.get(name);
      if (!now || !same(now, bytes)) changed.push(name);
    }
    expect(changed).toEqual([]);
    // Every user part the corpus lists is still there.
    for (const p of facts.userParts) {
      const part = p.path ?? p.part;
      if (part) expect(after.has(part)).toBe(true);
    }
    const a = await workbookFacts(input);
    const b = await workbookFacts(output);
    expect(b.sheets.slice(0, a.sheets.length)).toEqual(a.sheets);
    expect(b.caches).toEqual(a.caches);
    for (const n of a.names) expect(b.names).toContain(n);
    // No new validator problem (the input's own, if any, are the producer's).
    expect(problemsOf(output).filter((p) => !facts.validatorProblems.includes(p))).toEqual([]);
  });
});
