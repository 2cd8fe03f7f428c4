/**
 * Every owned sheet of the demo prints like a record (issue 11, item 17): no print area wider than a
 * page can take, no fixed-height row too short for its text. Checked over the WorkbookPlans the
 * builders produce for `csat demo` (recorded at the gateway), so a layout change in any builder is caught.
 *
 * Page width in Excel's character units (Calibri 11 at 100%): A4 is 8.27 × 11.69 in; with the 0.5 in
 * side margins the sheets use, portrait leaves 7.27 in ≈ 90 characters and landscape 10.69 in ≈ 135
 * (one character ≈ 0.08 in: 7 px at 96 dpi plus padding). With fitToWidth = 1 Excel scales the
 * sheet to the page: a 225-character area prints at 135 / 225 = 60%, the smallest scale at which 11-pt
 * text (≈ 6.6 pt printed) is still readable — so an area may be at most 90 / 0.6 = 150 characters
 * portrait and 135 / 0.6 = 225 landscape.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoCommand } from '../../src/cli/demo';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { isDate, isFormula, parseCell, parseRange, STYLES, type PlanValue, type SheetPlan, type WorkbookPlan } from '../../src/plan';
import { expectValidXlsx } from '../helpers/validate-xlsx';

const PAGE_CHARS = { portrait: 90, landscape: 135 } as const;
const MIN_SCALE = 0.6;
const DEFAULT_WIDTH = 8.43;
const DEFAULT_HEIGHT = 15;
/** Points a line of 11-pt text needs at the least (the builders allow 16). */
const LINE_POINTS = 14.5;

/** East Asian wide characters take two width units. */
const wide = (ch: string) => /[\u1100-\u115F\u2E80-\u303E\u3040-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(ch);
const textUnits = (s: string) => [...s].reduce((n, ch) => n + (wide(ch) ? 2 : 1), 0);
const linesIn = (s: string, width: number) => s.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(textUnits(line) / width)), 0);

function colWidth(sheet: SheetPlan, col: number): number {
  const c = sheet.columns?.find((x) => x.col === col);
  return c?.hidden ? 0 : (c?.width ?? DEFAULT_WIDTH);
}

function widthOf(sheet: SheetPlan, c1: number, c2: number): number {
  let w = 0;
  for (let c = c1; c <= c2; c++) w += colWidth(sheet, c);
  return w;
}

/** The areas a sheet prints: its print area(s), or everything it writes (cells, merges, charts). */
function printAreas(sheet: SheetPlan): { c1: number; c2: number }[] {
  if (sheet.print?.area) {
    return sheet.print.area.split(',').map((a) => {
      const cols = /^([A-Z]+):([A-Z]+)$/.exec(a.trim());
      if (cols) return { c1: parseCell(`${cols[1]}1`).col, c2: parseCell(`${cols[2]}1`).col };
      const { start, end } = parseRange(a.trim());
      return { c1: start.col, c2: end.col };
    });
  }
  let right = 1;
  for (const b of sheet.blocks) right = Math.max(right, parseCell(b.at).col + Math.max(0, ...b.values.map((r) => r.length)) - 1);
  for (const m of sheet.merges ?? []) right = Math.max(right, parseRange(m).end.col);
  for (const ch of sheet.charts ?? []) right = Math.max(right, parseCell(ch.to).col);
  return [{ c1: 1, c2: right }];
}

function text(v: PlanValue): string {
  if (v === null) return '';
  if (isFormula(v)) return v.result === undefined ? '' : String(v.result);
  if (isDate(v)) return v.date;
  return typeof v === 'number' ? String(Number(v.toFixed(4))) : String(v);
}

let plans: WorkbookPlan[] = [];
let dir = '';

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'csat-print-'));
  const render = XlsxGateway.prototype.render;
  const spy = jest.spyOn(XlsxGateway.prototype, 'render').mockImplementation(function (this: XlsxGateway, plan, onProgress) {
    plans.push(plan);
    return render.call(this, plan, onProgress);
  });
  try {
    await demoCommand({ out: path.join(dir, 'demo.xlsx'), force: false }, { locale: 'zh-CN', out: () => undefined, warn: () => undefined });
  } finally {
    spy.mockRestore();
  }
  expectValidXlsx(path.join(dir, 'demo.xlsx'));
  expectValidXlsx(path.join(dir, 'demo-archive.xlsx'));
}, 120_000);

afterAll(() => {
  plans = [];
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Each owned sheet as last laid out whole (update plans only append rows). */
function ownedSheets(): SheetPlan[] {
  const byName = new Map<string, SheetPlan>();
  for (const p of plans) for (const s of p.sheets) if (s.owner && !s.update) byName.set(s.name, s);
  return [...byName.values()];
}

describe('the demo prints like a record', () => {
  it('lays out every owned sheet', () => {
    const names = ownedSheets().map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['评分模板', '调查数据', '客户满意度调查表', '调查方案', '纠正预防措施', '分析报告-2026Q4', '趋势', '归档清单']));
  });

  it('no sheet prints wider than a page (at a readable scale when fitted to the page width)', () => {
    const problems: string[] = [];
    for (const s of ownedSheets()) {
      const orientation = s.print?.orientation ?? 'portrait';
      const page = PAGE_CHARS[orientation];
      for (const { c1, c2 } of printAreas(s)) {
        const width = widthOf(s, c1, c2);
        if ((s.print?.fitWidth ?? 0) >= 1) {
          // Fitted to N pages wide: N pages' worth of characters at 100%.
          const scale = Math.min(1, (page * s.print!.fitWidth) / width);
          if (scale < MIN_SCALE) problems.push(`${s.name}: ${width.toFixed(0)} characters print at ${(scale * 100).toFixed(0)}% on a ${orientation} page`);
        } else if (width > page) problems.push(`${s.name}: ${width.toFixed(0)} characters, wider than a ${orientation} page (${page}) and not fitted`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('no row of fixed height clips its text', () => {
    const problems: string[] = [];
    for (const s of ownedSheets()) {
      const heights = new Map((s.rowHeights ?? []).map((h) => [h.row, h.height]));
      const merges = (s.merges ?? []).map((m) => parseRange(m));
      for (const b of s.blocks) {
        // Text that does not wrap runs on one line (into empty neighbours); only wrapped text needs height.
        const wraps = b.style !== undefined && 'wrap' in STYLES[b.style];
        const at = parseCell(b.at);
        b.values.forEach((values, i) => {
          const row = at.row + i;
          if (!heights.has(row)) return;
          values.forEach((v, j) => {
            const t = text(v);
            if (t === '' || (!wraps && !t.includes('\n'))) return;
            const col = at.col + j;
            const m = merges.find((x) => x.start.row === row && x.start.col === col);
            const width = m ? widthOf(s, m.start.col, m.end.col) : colWidth(s, col);
            let height = 0;
            for (let r = row; r <= (m?.end.row ?? row); r++) height += heights.get(r) ?? DEFAULT_HEIGHT;
            const lines = linesIn(t, width);
            if (lines * LINE_POINTS > height) problems.push(`${s.name}!${String.fromCharCode(64 + Math.min(col, 26))}${row}: ${lines} lines of "${t.slice(0, 20)}…" in ${height} pt`);
          });
        });
      }
    }
    expect(problems).toEqual([]);
  });

  it('趋势 fits one landscape page with its chart inside the print area', () => {
    const trend = ownedSheets().find((s) => s.name === '趋势')!;
    expect(trend.print).toMatchObject({ orientation: 'landscape', fitWidth: 1, fitHeight: 1 });
    const area = parseRange(trend.print!.area!);
    for (const ch of trend.charts ?? []) {
      for (const c of [parseCell(ch.from), parseCell(ch.to)]) {
        expect(c.row).toBeGreaterThanOrEqual(area.start.row);
        expect(c.row).toBeLessThanOrEqual(area.end.row);
        expect(c.col).toBeGreaterThanOrEqual(area.start.col);
        expect(c.col).toBeLessThanOrEqual(area.end.col);
      }
    }
  });

  it('report values sit in cells of their own, not at the far edge of a page-wide merge', () => {
    const report = ownedSheets().find((s) => s.name === '分析报告-2026Q4')!;
    const merged = new Set((report.merges ?? []).map((m) => m.split(':')[0]));
    for (const label of ['有效样本', '回收率', '措施总数', '关闭率']) {
      const b = report.blocks.find((x) => x.values[0]?.[0] === label)!;
      const value = report.blocks.find((x) => x.at === `B${parseCell(b.at).row}`)!;
      expect(typeof value.values[0][0]).toBe('number');
      expect(merged.has(value.at)).toBe(false);
    }
  });

  it('tabular sheets repeat their header row on every printed page', () => {
    for (const name of ['调查数据', '纠正预防措施', '年度客户沟通计划', '客户沟通记录']) {
      expect(ownedSheets().find((s) => s.name === name)?.print?.printTitles).toBe('1:1');
    }
  });
});
