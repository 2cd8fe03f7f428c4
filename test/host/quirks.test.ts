/**
 * Legal OOXML written another way (test/corpus/quirks, made by scripts/corpus/make_quirks.py): a
 * prefixed SpreadsheetML namespace, comments / CDATA / processing instructions / single quotes in the
 * XML, shared and array formulas over CSAT functions, LibreOffice 4's content types, <sheet> entries
 * that lead nowhere, ISO 29500 Strict, .xlsm and .xltx, a structure-locked workbook (with and without a
 * password), and the user's own document properties. Every file holds 调查数据 with the same 30
 * responses and the add-in's owner mark, so every job works on it.
 *
 * For every file and every job that writes a workbook, the output is checked by readers that are not
 * ours — validate-xlsx, and scripts/corpus/quirk_facts.py (openpyxl + lxml, run once per file over all
 * its outputs) — against test/corpus/quirks/expected.json, which the generator wrote from its own data:
 *  a) no validator problem the input did not have;
 *  b) every part the job does not own carried byte for byte; every <sheet> with its own sheetId and r:id;
 *  c) the user's defined names (Print_Area / Print_Titles with their localSheetId) and document
 *     properties unchanged;
 *  d) the responses openpyxl reads from the output score as the Python oracle and as `csat score`;
 *  e) what each quirk needs (frozen shared formulas, positions counting broken <sheet> entries, content
 *     types, Strict kept or refused, the macro part and the workbook kind, the locked structure).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { scoreCommand } from '../../src/cli/score';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { generateActions } from '../../src/jobs/actions';
import { prepareArchive } from '../../src/jobs/archive';
import { generateCommReport, generateCommSheets } from '../../src/jobs/communication';
import { importExport } from '../../src/jobs/import';
import { generateReport } from '../../src/jobs/report';
import { validateXlsx } from '../helpers/validate-xlsx';

interface Scores {
  items: Record<string, number | null>;
  overall: number | null;
}
interface DefinedName {
  name: string;
  localSheetId: number | null;
  value: string;
}
interface UserSheet {
  sheet: string;
  items: Record<string, string>;
  B: Record<string, number>;
  C: Record<string, { formula: string; value: number }>;
  E: { E2: number; E3: number; formula: string };
  F2: { formula: string; value: number };
}
interface FileFacts {
  quirks: string[];
  sheets: string[];
  worksheets: string[];
  userParts: string[];
  definedNames: DefinedName[];
  core: Record<string, string>;
  custom: Record<string, { type: string; value: string }>;
  kind: { type: 'xlsx' | 'xlsm' | 'xltx'; extension: string; strict: boolean; lockStructure: boolean; password: boolean; workbookContentType: string };
  validatorProblems: string[] | null;
  cells: { sheet: string; ref: string; value: string | number | null }[];
  userSheet?: UserSheet;
}
interface Expected {
  responseRows: number;
  table: { name: string; ref: string };
  ownerMark: string;
  scores: Scores;
  importExport: { format: string; grid: string[][]; customers: string[] };
  afterImport: Scores;
  files: Record<string, FileFacts>;
}

/** What scripts/corpus/quirk_facts.py states about a file. */
interface PySheet {
  name: string;
  sheetId: string;
  rid: string | null;
  part: string | null;
  kind: string | null;
  related?: Record<string, string[]>;
  relsPart?: string | null;
  hasCsatFormula?: boolean;
}
interface RawCell {
  t: string | null;
  f: { t: string | null; ref: string | null; si: string | null; text: string } | null;
  v: string | null;
}
interface PyFacts {
  error?: string;
  openpyxlError?: string;
  parts: string[];
  contentTypes: { defaults: Record<string, string>; overrides: Record<string, string>; types: Record<string, string | null> };
  namespaces: string[];
  relationshipTypes: string[];
  transitional: string[];
  workbook: {
    part: string;
    namespace: string;
    conformance: string | null;
    protection: Record<string, string> | null;
    contentType: string | null;
    relTypes: string[];
    sheets: PySheet[];
    definedNames: DefinedName[];
  } | null;
  core: Record<string, string> | null;
  custom: Record<string, { type: string | null; value: string | null }> | null;
  responses?: Scores & { header: string[]; rows: number; customers: unknown[]; invalid: unknown[] };
  userSheet?: { cells: Record<string, RawCell>; orphanShared: string[]; openpyxl?: Record<string, { value: unknown; formula: unknown }> };
}
interface EngineScore {
  overall: number | null;
  items: Record<string, number | null>;
}

const root = path.join(__dirname, '..', '..');
const dir = path.join(root, 'test', 'corpus', 'quirks');
const FACTS = path.join(root, 'scripts', 'corpus', 'quirk_facts.py');
const PYTHON = '/usr/bin/python3'; // Debian's, with python3-openpyxl and python3-lxml (not the pyenv one)
const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected;
const files = Object.keys(expected.files);
const S_MAIN = 'http://purl.oclc.org/ooxml/spreadsheetml/main';
const TOL = 1e-9;
const USER_PROPS = ['title', 'subject', 'keywords', 'category', 'creator', 'description'];

/** Parts a job may edit in place (workbook-level bookkeeping), as in corpus.test.ts. */
const WORKBOOK_LEVEL = /^(\[Content_Types\]\.xml|_rels\/\.rels|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/styles\.xml|xl\/calcChain\.xml|docProps\/(core|app|custom)\.xml)$/i;

interface Job {
  name: string;
  slug: string;
  /** Adds sheets of its own (refused when the workbook's structure is locked). */
  addsSheets: boolean;
  run: (gw: XlsxGateway) => Promise<unknown>;
}
const JOBS: Job[] = [
  {
    name: 'import --into',
    slug: 'import',
    addsSheets: false, // 调查数据 carries the owner mark: the answers are appended to it
    run: (gw) => importExport(gw, { grid: expected.importExport.grid, format: 'wjx', fileName: 'wjx.xlsx' }),
  },
  { name: 'report', slug: 'report', addsSheets: true, run: (gw) => generateReport(gw, { version: 'test', period: '2026Q3' }) },
  { name: 'actions', slug: 'actions', addsSheets: true, run: (gw) => generateActions(gw, { period: '2026Q3' }) },
  {
    name: 'comm-plan --into, comm-report',
    slug: 'comm',
    addsSheets: true,
    run: async (gw) => {
      await generateCommSheets(gw);
      return generateCommReport(gw, { version: 'test', year: 2026, today: '2026-11-28' });
    },
  },
  { name: 'archive', slug: 'archive', addsSheets: true, run: (gw) => prepareArchive(gw, { now: new Date('2026-11-28T00:00:00Z') }) },
];

async function parts(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, Uint8Array>();
  for (const [name, file] of Object.entries(zip.files)) if (!file.dir) out.set(name, await file.async('uint8array'));
  return out;
}

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
const problemsOf = (bytes: Uint8Array) => validateXlsx(bytes).problems.map((p) => p.replace(/^[^:]*: /, ''));
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** XlsxGateway.kind ('xlsx' | 'xlsm' | 'xltx' | 'xltm'), a property or a method: the CLI refuses an .xlsx name for an .xlsm. */
async function kindOf(gw: XlsxGateway): Promise<unknown> {
  const kind = (gw as unknown as { kind?: unknown }).kind;
  return typeof kind === 'function' ? await (kind as () => unknown).call(gw) : await kind;
}

/** `csat score --json --policy item` on a file. */
async function engineScore(file: string): Promise<EngineScore> {
  const lines: string[] = [];
  await scoreCommand({ file, policy: 'item', json: true }, { locale: 'zh-CN', out: (l) => lines.push(l), warn: () => undefined });
  return JSON.parse(lines.join('\n')) as EngineScore;
}

/** Differences between two score sets beyond TOL, as readable lines (empty when they agree). */
function scoreDiff(label: string, got: Scores | EngineScore | undefined, want: Scores): string[] {
  if (!got) return [`${label}: no scores`];
  const out: string[] = [];
  const off = (a: number | null | undefined, b: number | null) => (a === null || a === undefined || b === null ? a !== b : Math.abs(a - b) > TOL);
  if (off(got.overall, want.overall)) out.push(`${label} overall ${got.overall} ≠ ${want.overall}`);
  for (const [item, v] of Object.entries(want.items)) if (off(got.items[item], v)) out.push(`${label} ${item} ${got.items[item]} ≠ ${v}`);
  return out;
}

/** The sheet a defined name's value refers to (`'My Sheet'!$A$1`, `Sheet!$1:$1`). */
function sheetOfValue(value: string): string | undefined {
  const m = /^(?:'((?:[^']|'')+)'|([^!'"]+))!/.exec(value.trim());
  return m ? (m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]) : undefined;
}

const nameKey = (n: DefinedName) => `${n.name}@${n.localSheetId ?? 'workbook'}`;

interface Run {
  job: Job;
  output?: Uint8Array;
  error?: unknown;
  /** After a refused job: what the gateway saves (must be the input, part for part). */
  afterRefusal?: Uint8Array;
  py?: PyFacts;
  engine?: EngineScore | { error: string };
  problems?: string[];
}

describe.each(files)('%s', (file) => {
  const facts = expected.files[file];
  const strict = facts.kind.strict;
  const locked = facts.kind.lockStructure;
  let input: Uint8Array;
  let pristine: Uint8Array;
  let inputPy: PyFacts;
  let inputEngine: EngineScore | { error: string };
  let inputProblems: string[];
  let inputParts: Map<string, Uint8Array>;
  const runs = new Map<string, Run>();
  let tmp: string;

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'csat-quirks-'));
    pristine = new Uint8Array(readFileSync(path.join(dir, file)));
    input = new Uint8Array(pristine);
    inputParts = await parts(pristine);
    const ext = path.extname(file);
    const paths = new Map<string, string>([['input', path.join(tmp, `input${ext}`)]]);
    writeFileSync(paths.get('input')!, pristine);
    for (const job of JOBS) {
      const run: Run = { job };
      runs.set(job.slug, run);
      const gw = await XlsxGateway.open(input);
      try {
        await job.run(gw);
        run.output = await gw.save();
      } catch (e) {
        run.error = e;
        try {
          run.afterRefusal = await gw.save();
        } catch {
          // nothing to save: the check below reports it
        }
        continue;
      }
      const out = path.join(tmp, `${job.slug}${ext}`);
      writeFileSync(out, run.output);
      paths.set(job.slug, out);
    }
    // One python process for the input and every output of this file.
    const r = spawnSync(PYTHON, [FACTS, ...paths.values()], { encoding: 'utf8', env: process.env, maxBuffer: 256 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`quirk_facts.py failed (${r.status ?? r.signal}):\n${r.stderr}`);
    const py = JSON.parse(r.stdout) as Record<string, PyFacts>;
    inputPy = py[paths.get('input')!];
    inputProblems = problemsOf(pristine);
    inputEngine = await engineScore(paths.get('input')!).catch((e: unknown) => ({ error: message(e) }));
    for (const [slug, p] of paths) {
      if (slug === 'input') continue;
      const run = runs.get(slug)!;
      run.py = py[p];
      run.problems = problemsOf(run.output!);
      run.engine = await engineScore(p).catch((e: unknown) => ({ error: message(e) }));
    }
  }, 180_000);

  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  const outputOf = (run: Run): Uint8Array => {
    if (!run.output) throw new Error(`${run.job.name} failed: ${message(run.error)}`);
    return run.output;
  };
  const pyOf = (run: Run): PyFacts => {
    outputOf(run);
    if (!run.py || run.py.error) throw new Error(`quirk_facts.py could not read the output of ${run.job.name}: ${run.py?.error}`);
    return run.py;
  };
  /** A Strict input that a writing job refused, naming Strict: nothing was written, so nothing more to check. */
  const refusedStrict = (run: Run) => strict && !run.output && /Strict/.test(message(run.error));

  test('is what expected.json says (read by quirk_facts.py and validate-xlsx)', () => {
    expect(inputPy.error).toBeUndefined();
    const wb = inputPy.workbook!;
    expect(wb.sheets.map((s) => s.name)).toEqual(facts.sheets);
    expect(inputPy.parts).toEqual([...facts.userParts].sort());
    expect([...wb.definedNames].sort((a, b) => nameKey(a).localeCompare(nameKey(b)))).toEqual([...facts.definedNames].sort((a, b) => nameKey(a).localeCompare(nameKey(b))));
    for (const [k, v] of Object.entries(facts.core)) expect({ [k]: inputPy.core?.[k] }).toEqual({ [k]: v });
    expect(inputPy.custom ?? {}).toEqual(facts.custom);
    expect(wb.contentType).toBe(facts.kind.workbookContentType);
    expect(wb.conformance === 'strict').toBe(strict);
    expect(!!wb.protection && wb.protection.lockStructure === '1').toBe(locked);
    if (facts.validatorProblems) expect(inputProblems).toEqual(facts.validatorProblems);
  });

  test('XlsxGateway reads its sheets, its quirky cells and its kind', async () => {
    const gw = await XlsxGateway.open(new Uint8Array(pristine));
    expect((await gw.listSheets()).map((s) => s.name)).toEqual(facts.worksheets);
    for (const c of facts.cells) {
      const got = (await gw.readRange(c.sheet, `${c.ref}:${c.ref}`))[0]?.[0];
      expect({ at: `${c.sheet}!${c.ref}`, got: got ?? null }).toEqual({ at: `${c.sheet}!${c.ref}`, got: c.value });
    }
    const us = facts.userSheet;
    if (us) {
      const b = (await gw.readRange(us.sheet, 'B2:B15')).map((r) => r[0]);
      expect(b).toEqual(Object.values(us.B));
    }
    expect(await kindOf(gw)).toBe(facts.kind.type);
  });

  test('csat score and openpyxl score its responses as the oracle', () => {
    expect(inputPy.openpyxlError).toBeUndefined();
    expect(inputPy.responses?.rows).toBe(expected.responseRows);
    expect(inputPy.responses?.invalid).toEqual([]);
    expect(scoreDiff('openpyxl', inputPy.responses, expected.scores)).toEqual([]);
    if ('error' in inputEngine) throw new Error(`csat score failed: ${inputEngine.error}`);
    expect(scoreDiff('csat score', inputEngine, expected.scores)).toEqual([]);
  });

  describe.each(JOBS.map((j) => [j.name, j] as const))('%s', (_name, job) => {
    const run = () => runs.get(job.slug)!;

    test('leaves the input bytes unchanged', () => {
      expect(same(input, pristine)).toBe(true);
    });

    if (locked && job.addsSheets) {
      test('refuses (结构: the structure is locked) and changes nothing', async () => {
        const r = run();
        expect(r.output).toBeUndefined();
        expect(message(r.error)).toContain('结构');
        expect(r.afterRefusal).toBeDefined();
        const after = await parts(r.afterRefusal!);
        const changed = [...inputParts].filter(([n, b]) => !after.has(n) || !same(after.get(n)!, b)).map(([n]) => n);
        expect({ changed, added: [...after.keys()].filter((n) => !inputParts.has(n)) }).toEqual({ changed: [], added: [] });
      });
      return;
    }

    if (strict) {
      test('writes Strict throughout, or refuses naming Strict', () => {
        const r = run();
        if (!r.output) {
          expect(message(r.error)).toMatch(/Strict/);
          expect(same(input, pristine)).toBe(true);
          return;
        }
        const py = pyOf(r);
        expect(py.transitional).toEqual([]);
        expect(py.workbook?.conformance).toBe('strict');
        expect(py.workbook?.namespace).toBe(S_MAIN);
      });
    }

    test('a) adds no validator problem', () => {
      const r = run();
      if (refusedStrict(r)) return;
      outputOf(r);
      expect(r.problems!.filter((p) => !inputProblems.includes(p))).toEqual([]);
    });

    test('every part has a content type', () => {
      const r = run();
      if (refusedStrict(r)) return;
      const types = pyOf(r).contentTypes.types;
      expect(Object.keys(types).filter((n) => !types[n])).toEqual([]);
    });

    test('gives its sheets a sheetId and r:id no <sheet> entry has (broken entries included)', () => {
      const r = run();
      if (refusedStrict(r)) return;
      const sheets = pyOf(r).workbook!.sheets;
      const repeated = (values: string[]) => values.filter((v, i) => values.indexOf(v) !== i);
      expect({ sheetIds: repeated(sheets.map((s) => s.sheetId)), rIds: repeated(sheets.map((s) => s.rid ?? '').filter((v) => v !== '')) }).toEqual({ sheetIds: [], rIds: [] });
    });

    test('b) carries every part it does not own, byte for byte', async () => {
      const r = run();
      if (refusedStrict(r)) return;
      const after = await parts(outputOf(r));
      const owned = new Set<string>();
      const sheets = inputPy.workbook!.sheets;
      if (job.slug === 'import') {
        // It appends to 调查数据 and extends its table.
        const data = sheets.find((s) => s.name === '调查数据')!;
        for (const p of [data.part, data.relsPart, ...(data.related?.table ?? [])]) if (p) owned.add(p);
      }
      if (job.slug === 'archive') {
        // It freezes the CSAT formulas of every sheet that has some.
        for (const s of sheets) if (s.hasCsatFormula && s.part) owned.add(s.part);
      }
      const changed = [...inputParts].filter(([n, b]) => !WORKBOOK_LEVEL.test(n) && !owned.has(n) && (!after.has(n) || !same(after.get(n)!, b))).map(([n]) => n);
      expect(changed).toEqual([]);
      // Owned parts stay (edited, not dropped).
      expect([...owned].filter((n) => !after.has(n))).toEqual([]);
    });

    test("c) keeps the user's defined names and document properties", () => {
      const r = run();
      if (refusedStrict(r)) return;
      const py = pyOf(r);
      const wb = py.workbook!;
      // Sheets: the input's, in order (broken entries included), then the job's.
      expect(wb.sheets.slice(0, facts.sheets.length).map((s) => s.name)).toEqual(facts.sheets);
      const names = new Map(wb.definedNames.map((n) => [nameKey(n), n]));
      for (const n of facts.definedNames) {
        if (n.name.startsWith('CSAT_OWNED_')) expect(names.has(nameKey(n))).toBe(true);
        else expect(names.get(nameKey(n)) ?? { missing: nameKey(n) }).toEqual(n);
      }
      // Every sheet-scoped built-in name (Print_Area, Print_Titles…) sits on the sheet its value names,
      // its localSheetId counting every <sheet> entry, those that lead nowhere included.
      const misplaced = wb.definedNames
        .filter((n) => n.localSheetId !== null && n.name.startsWith('_xlnm.'))
        .filter((n) => wb.sheets[n.localSheetId!]?.name !== sheetOfValue(n.value))
        .map((n) => `${n.name}@${n.localSheetId} = ${n.value} (sheet ${n.localSheetId} is ${wb.sheets[n.localSheetId!]?.name})`);
      expect(misplaced).toEqual([]);
      for (const k of USER_PROPS) {
        const v = facts.core[k];
        if (v) expect({ [k]: py.core?.[k] }).toEqual({ [k]: v });
      }
      for (const [k, v] of Object.entries(facts.custom)) expect({ [k]: py.custom?.[k] }).toEqual({ [k]: v });
    });

    test('d) openpyxl reads the responses from the output and they score as the oracle and as csat score', () => {
      const r = run();
      if (refusedStrict(r)) return;
      const py = pyOf(r);
      expect(py.openpyxlError).toBeUndefined();
      const want = job.slug === 'import' ? expected.afterImport : expected.scores;
      const imported = job.slug === 'import' ? expected.importExport.customers : [];
      expect(py.responses?.rows).toBe(expected.responseRows + imported.length);
      // The imported rows are where openpyxl reads 调查数据, after the 30 responses.
      expect(py.responses?.customers.slice(expected.responseRows)).toEqual(imported);
      expect(py.responses?.invalid).toEqual([]);
      expect(scoreDiff('openpyxl', py.responses, want)).toEqual([]);
      if (!r.engine || 'error' in r.engine) throw new Error(`csat score failed on the output: ${r.engine && 'error' in r.engine ? r.engine.error : ''}`);
      expect(scoreDiff('csat score', r.engine, want)).toEqual([]);
    });

    if (facts.kind.type !== 'xlsx' || facts.kind.extension !== 'xlsx') {
      test(`keeps the workbook a .${facts.kind.type} (content type, macro part) and the gateway says so`, async () => {
        const r = run();
        const py = pyOf(r);
        expect(py.workbook?.contentType).toBe(facts.kind.workbookContentType);
        if (facts.kind.type === 'xlsm') {
          expect(py.workbook?.relTypes).toContain('vbaProject');
          const after = await parts(outputOf(r));
          expect(after.has('xl/vbaProject.bin') && same(after.get('xl/vbaProject.bin')!, inputParts.get('xl/vbaProject.bin')!)).toBe(true);
          expect(py.contentTypes.types['xl/vbaProject.bin']).toBe('application/vnd.ms-office.vbaProject');
        }
        expect(await kindOf(await XlsxGateway.open(outputOf(r)))).toBe(facts.kind.type);
      });
    }

    if (locked) {
      test('keeps the workbook protection as it was', () => {
        expect(pyOf(run()).workbook?.protection).toEqual(inputPy.workbook?.protection);
      });
    }

    if (file === 'empty-rid-sheets.xlsx') {
      test("names its own print areas by position counting the broken <sheet> entries; the user's stay", () => {
        const wb = pyOf(run()).workbook!;
        // The broken entries stay as they were: same r:id, and still leading nowhere (no new relationship took rId99).
        const broken = inputPy.workbook!.sheets.filter((s) => !s.part);
        expect(broken.map((b) => wb.sheets.find((s) => s.name === b.name)).map((s) => s && { name: s.name, rid: s.rid, kind: s.kind })).toEqual(
          broken.map((b) => ({ name: b.name, rid: b.rid, kind: null })),
        );
        const ours = wb.definedNames.filter((n) => /^_xlnm\.Print_(Area|Titles)$/.test(n.name) && sheetOfValue(n.value) !== '打印页');
        for (const n of ours) expect({ name: n.name, value: n.value, at: n.localSheetId }).toEqual({ name: n.name, value: n.value, at: wb.sheets.findIndex((s) => s.name === sheetOfValue(n.value)) });
        const user = wb.definedNames.filter((n) => sheetOfValue(n.value) === '打印页');
        expect(user.sort((a, b) => a.name.localeCompare(b.name))).toEqual(facts.definedNames.filter((n) => sheetOfValue(n.value) === '打印页').sort((a, b) => a.name.localeCompare(b.name)));
      });
    }

    const us = facts.userSheet;
    if (us && job.slug === 'archive') {
      test('freezes B2:B15 whole to their cached values; C2:C15, F2 stay formulas; E2:E3 frozen or kept whole', () => {
        const cells = pyOf(run()).userSheet!;
        const op = cells.openpyxl!;
        expect(cells.orphanShared).toEqual([]);
        for (const [ref, v] of Object.entries(us.B)) {
          const raw = cells.cells[ref];
          expect({ ref, f: raw?.f ?? null }).toEqual({ ref, f: null });
          expect({ ref, close: Math.abs(Number(raw?.v) - v) <= TOL, openpyxl: op[ref]?.value }).toEqual({ ref, close: true, openpyxl: v });
        }
        for (const [ref, c] of Object.entries(us.C)) expect({ ref, formula: op[ref]?.formula }).toEqual({ ref, formula: c.formula });
        expect(op.F2?.formula).toBe(us.F2.formula);
        const e2 = cells.cells.E2;
        const e3 = cells.cells.E3;
        const keptWhole = e2?.f?.t === 'array' && e2.f.ref === 'E2:E3' && e2.f.text === us.E.formula && !e3?.f;
        const frozenWhole = !e2?.f && !e3?.f && Math.abs(Number(e2?.v) - us.E.E2) <= TOL && Math.abs(Number(e3?.v) - us.E.E3) <= TOL;
        expect({ E2: e2, E3: e3, keptWhole, frozenWhole, either: keptWhole || frozenWhole }).toMatchObject({ either: true });
      });
    }
  });
});
