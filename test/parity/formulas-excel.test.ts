/**
 * Formulas evaluated on the Excel side (issue 13, item 4): the stateful Office.js fake's final
 * workbook — after 生成调查表, 生成分析报告, 纠正预防措施, 客户沟通 and 归档准备, each one Excel.run —
 * is recalculated by HyperFormula (hyperformula-workbook.ts: structured references expanded,
 * workbook names defined, CSAT.* bound to the engine as Excel's runtime calls them). Every native
 * formula the add-in wrote must give the figure the engine reports, to 1e-12: the live summary in
 * 调查数据 (overall, and per item answered and satisfaction), the report's COUNTIFS cross-check
 * (overall, and per item), and after archiving the native overall beside the CSAT.OVERALL a file
 * copy freezes. Engine figures come from the engine's own results (scoreResponses over the cells
 * Excel holds, the report job's analysis), never from the cells; a broken formula must fail.
 */
import { scoreResponses, TABLE_4_1, type Analysis, type Grid } from '../../src/domain';
import { generateActions } from '../../src/jobs/actions';
import { prepareArchive, type ArchiveResult } from '../../src/jobs/archive';
import { generateCommReport, generateCommSheets } from '../../src/jobs/communication';
import { generateReport, type ReportJobResult } from '../../src/jobs/report';
import { generateSurveyWorkbook } from '../../src/jobs/survey';
import { RESPONSES_TABLE_NAME } from '../../src/plan';
import { sampleResponses } from '../../src/sample/sample-data';
import { hyperformulaWorkbook, type Evaluated, type HfWorkbook } from '../helpers/hyperformula-workbook';
import { cellAt } from '../helpers/office-cells';
import { cloneState, emptySheet, rectAddress, type SheetState, type WorkbookState } from '../helpers/office-state';
import { both, NOW, type Both, type Job } from './both';

const TOL = 1e-12;
const { rows } = sampleResponses(TABLE_4_1);
const survey: Job = (gw) => generateSurveyWorkbook(gw, { template: 'builtin', responses: rows, year: 2026 });
const report: Job = (gw) => generateReport(gw, { version: 'parity', now: NOW, period: '2026Q3' });
const archive: Job = (gw) => prepareArchive(gw, { now: NOW });
const actions: Job = (gw) => generateActions(gw, { period: '2026Q3' });
const comm: Job = async (gw) => {
  await generateCommSheets(gw);
  return generateCommReport(gw, { version: 'parity', now: NOW, year: 2026 });
};

interface Check {
  cell: string;
  what: string;
  expected: number | string;
  got: Evaluated;
}

const a1 = (sheet: string, r: number, c: number) => `${sheet}!${rectAddress({ r1: r, c1: c, r2: r, c2: c })}`;

function sheetOf(state: WorkbookState, name: string): SheetState {
  const s = state.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

/** The cell holding `label` (first in reading order from row `from`). */
function labelAt(sheet: SheetState, label: string, from = 1): { r: number; c: number } {
  for (let r = from; r <= sheet.rows.length; r++) for (let c = 1; c <= sheet.rows[r - 1].length; c++) if (cellAt(sheet, r, c)?.v === label) return { r, c };
  throw new Error(`no "${label}" on ${sheet.name}`);
}

function formulaCells(sheet: SheetState, r: number): number[] {
  return (sheet.rows[r - 1] ?? []).flatMap((cell, j) => (cell?.f !== undefined ? [j + 1] : []));
}

/** The engine's figures for the live summary: scoreResponses over 调查数据表's cells as Excel holds them. */
function engineLive(state: WorkbookState) {
  const t = state.tables.find((x) => x.name === RESPONSES_TABLE_NAME)!;
  const sheet = state.sheets.find((s) => s.id === t.sheetId)!;
  const grid: (string | number | boolean | null)[][] = [];
  for (let r = t.rect.r1; r <= t.rect.r2; r++) {
    const row = [];
    for (let c = t.rect.c1; c <= t.rect.c2; c++) row.push(cellAt(sheet, r, c)?.v ?? null);
    grid.push(row);
  }
  return scoreResponses(grid as Grid, TABLE_4_1);
}

/** Every native figure the add-in wrote, evaluated by HyperFormula, beside the engine's. */
function checks(state: WorkbookState, wb: HfWorkbook, analysis: Analysis): Check[] {
  const out: Check[] = [];
  const add = (sheet: SheetState, r: number, c: number, what: string, expected: number | string) => {
    if (cellAt(sheet, r, c)?.f === undefined) throw new Error(`${a1(sheet.name, r, c)} (${what}) is not a formula`);
    out.push({ cell: a1(sheet.name, r, c), what, expected, got: wb.value(sheet.name, r, c) });
  };
  // The live summary in 调查数据.
  const live = engineLive(state);
  const data = sheetOf(state, '调查数据');
  const csat = labelAt(data, '总体满意度（CSAT 函数）');
  add(data, csat.r, csat.c + 1, 'CSAT.OVERALL', live.overall!);
  const native = labelAt(data, '总体满意度（原生公式）');
  add(data, native.r, native.c + 1, 'native overall', live.overall!);
  const agree = labelAt(data, '两种算法核对');
  add(data, agree.r, agree.c + 1, 'agreement', '✓ 一致');
  for (const it of live.items) {
    const at = labelAt(data, it.name, 2); // row 1 is the table's header
    // 项目 | 权重 | 作答数 | 得分合计 | 满意度
    add(data, at.r, at.c + 2, `${it.name} answered`, it.answered);
    add(data, at.r, at.c + 4, `${it.name} satisfaction`, it.satisfaction ?? '');
  }
  // The report's COUNTIFS cross-check.
  const rep = sheetOf(state, `分析报告-${analysis.period}`);
  const check = labelAt(rep, '原生公式核对');
  add(rep, check.r, check.c + 1, 'COUNTIFS overall', analysis.overall!);
  add(rep, check.r + 1, check.c + 1, 'agreement', '✓ 一致');
  let itemRows = 0;
  for (let r = 1; r <= rep.rows.length; r++) {
    const cols = formulaCells(rep, r);
    if (cols.length !== 4 || !cellAt(rep, r, cols[0])!.f!.startsWith('=COUNTIFS(')) continue;
    const name = cellAt(rep, r, 3)?.v;
    const it = analysis.items.find((x) => x.name === name);
    if (!it) throw new Error(`report row ${r}: item "${String(name)}" is not in the analysis`);
    add(rep, r, cols[0], `${it.name} COUNTIFS answered`, it.answered);
    add(rep, r, cols[1], `${it.name} COUNTIFS satisfaction`, it.satisfaction ?? '');
    itemRows++;
  }
  if (itemRows !== analysis.items.length) throw new Error(`the report has ${itemRows} item rows with COUNTIFS, the analysis ${analysis.items.length} items`);
  return out;
}

function failures(list: Check[]): string[] {
  return list
    .filter((c) => (typeof c.expected === 'number' ? typeof c.got !== 'number' || !(Math.abs(c.got - c.expected) <= TOL) : c.got !== c.expected))
    .map((c) => `${c.cell} ${c.what}: HyperFormula ${JSON.stringify(c.got)} vs engine ${JSON.stringify(c.expected)}`);
}

describe('formulas evaluated on the Excel side (HyperFormula over the fake\'s final state)', () => {
  let r: Both;
  let wb: HfWorkbook;
  let analysis: Analysis;
  let list: Check[];

  beforeAll(async () => {
    r = await both(survey, report, actions, comm, archive);
    analysis = (r.results[1] as ReportJobResult).analysis;
    wb = hyperformulaWorkbook(r.fake.state);
    list = checks(r.fake.state, wb, analysis);
  });
  afterAll(() => wb.destroy());

  it('evaluates every formula cell of the workbook without an error', () => {
    const formulas = r.fake.state.sheets.reduce((n, s) => n + s.rows.flat().filter((c) => c?.f !== undefined).length, 0);
    expect(formulas).toBeGreaterThan(100);
    expect(wb.errors()).toEqual([]);
  });

  it('live summary, COUNTIFS cross-check and archive: every native figure is the engine\'s to 1e-12', () => {
    expect(list.length).toBe(3 + 2 * 14 + 2 + 2 * analysis.items.length);
    expect(failures(list)).toEqual([]);
    const overall = list.filter((c) => /overall|CSAT/.test(c.what)).map((c) => c.cell);
    expect(overall.slice(0, 2)).toEqual(['调查数据!Y2', '调查数据!Y3']);
    expect(overall[2]).toMatch(/^分析报告-2026Q3!E\d+$/); // beside the report's overall, wherever the sections put it
  });

  it('archive: the file copy\'s frozen CSAT.OVERALL is what the native formula evaluates to in Excel', async () => {
    const archived = r.results[4] as ArchiveResult;
    expect(archived.frozen).toEqual([]); // Excel keeps the CSAT formula live …
    const file = r.file.sheets.find((s) => s.name === '调查数据')!;
    const frozen = file.cells.Y2.v as number; // … the file copy freezes it to the engine's value
    const data = sheetOf(r.fake.state, '调查数据');
    const native = labelAt(data, '总体满意度（原生公式）');
    expect(cellAt(data, native.r, native.c + 1)?.f).toMatch(/^=IF\(SUM\(/);
    expect(Math.abs((wb.value('调查数据', native.r, native.c + 1) as number) - frozen)).toBeLessThanOrEqual(TOL);
    expect(Math.abs((wb.value('调查数据', native.r - 1, native.c + 1) as number) - frozen)).toBeLessThanOrEqual(TOL);
  });

  it('CSAT.* bound as Excel calls them: ITEM and RESPONDENTS against the native formulas, errors as Excel errors', () => {
    const state = cloneState(r.fake.state);
    const data = sheetOf(state, '调查数据');
    const at = labelAt(data, '软件', 2);
    const extra = emptySheet(999, '核对');
    extra.rows = [[
      { f: `=CSAT.ITEM(${RESPONSES_TABLE_NAME}[#All],"软件",CSAT_TEMPLATE)` },
      { f: `=CSAT.RESPONDENTS(${RESPONSES_TABLE_NAME}[#All])` },
      { f: `=CSAT.ITEM(${RESPONSES_TABLE_NAME}[#All],"不存在",CSAT_TEMPLATE)` },
      { f: `=CSAT.OVERALL(${RESPONSES_TABLE_NAME}[#All],CSAT_TEMPLATE,"strict")` },
      { f: "=CSAT.OVERALL('调查数据'!A1:A3)" },
    ]];
    state.sheets.push(extra);
    const own = hyperformulaWorkbook(state);
    try {
      expect(Math.abs((own.value('核对', 1, 1) as number) - (own.value('调查数据', at.r, at.c + 4) as number))).toBeLessThanOrEqual(TOL);
      expect(own.value('核对', 1, 2)).toBe(rows.length);
      expect(own.value('核对', 1, 3)).toBe('#VALUE!');
      expect(Math.abs((own.value('核对', 1, 4) as number) - engineLive(state).overall!)).toBeGreaterThan(1e-6); // strict differs from item
      expect(String(own.value('核对', 1, 5))).toMatch(/^#(VALUE!|N\/A)$/);
    } finally {
      own.destroy();
    }
  });

  // Negative controls: the same checks on a workbook whose formulas were broken must fail.
  it.each([
    ['a live-summary score range is a row off its levels', '调查数据', (f: string) => f.replace("'评分模板'!$B$6:$B$10", "'评分模板'!$B$7:$B$11")],
    ['a live-summary count reads the wrong item column', '调查数据', (f: string) => f.replace("COUNTIF('调查数据'!$G:$G,", "COUNTIF('调查数据'!$H:$H,")],
    ['a COUNTIFS level score changed (90 → 80)', `分析报告-2026Q3`, (f: string) => f.replace('+90*COUNTIFS', '+80*COUNTIFS')],
    ['the cross-check dropped its last item row', `分析报告-2026Q3`, (f: string) => f.replace(/SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)/g, (_m, a: string, x: string, b: string, y: string) => `SUM(${a}${x}:${b}${Number(y) - 1})`)],
  ])('fails when %s', (_label, sheetName, breakIt) => {
    const state = cloneState(r.fake.state);
    let broken = 0;
    for (const line of sheetOf(state, sheetName).rows) {
      for (const cell of line) {
        if (cell?.f === undefined) continue;
        const next = breakIt(cell.f);
        if (next !== cell.f) {
          cell.f = next;
          broken++;
        }
      }
    }
    expect(broken).toBeGreaterThan(0);
    const bad = hyperformulaWorkbook(state);
    try {
      expect(failures(checks(state, bad, analysis)).length).toBeGreaterThan(0);
    } finally {
      bad.destroy();
    }
  });
});
