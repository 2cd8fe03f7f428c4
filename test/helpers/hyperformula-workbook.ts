/**
 * The Excel side, recalculated: the stateful Office.js fake's workbook state (office-state.ts) fed to
 * HyperFormula — every sheet's values and formulas, structured references such as
 * `调查数据表[#All]` expanded to the table's range, the workbook names (`CSAT_TEMPLATE`, …) as named
 * expressions — with the CSAT.* custom functions bound to the engine the way Excel's runtime calls
 * them (hyperformula-csat.ts). HyperFormula is an independent evaluator of the native formulas the
 * add-in writes; `evaluatorFor` also serves as the fake's `evaluate` hook (formula cells read back).
 */
import { HyperFormula, type CellValue as HfValue } from 'hyperformula';
import { columnLetter } from '../../src/plan';
import { beginEvaluation, registerCsatFunctions } from './hyperformula-csat';
import type { SheetState, TableState, WorkbookState } from './office-state';

export type Evaluated = string | number | boolean;

export interface HfWorkbook {
  hf: HyperFormula;
  /** The value of a cell (1-based row and column); errors as their Excel text (`#VALUE!`). */
  value(sheet: string, row: number, col: number): Evaluated;
  /** Every formula cell of the state whose evaluation is an error, as `sheet!A1 #NAME? =…`. */
  errors(): string[];
  destroy(): void;
}

const quote = (name: string) => `'${name.replace(/'/g, "''")}'`;
const abs = (r: number, c: number) => `$${columnLetter(c)}$${r}`;

/** `Table[#All]`, `Table[#Data]`, `Table[#Headers]`, `Table[Column]` → the A1 range Excel resolves them to. */
export function expandStructured(formula: string, state: WorkbookState): string {
  if (!formula.includes('[')) return formula;
  const sheetOf = (t: TableState) => state.sheets.find((s) => s.id === t.sheetId)!;
  return formula.replace(/([\p{L}_\\][\p{L}\p{N}_.\\]*)\[([^\]]*)\]/gu, (whole, name: string, spec: string) => {
    const t = state.tables.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!t) return whole;
    const sheet = sheetOf(t);
    const { r1, c1, r2, c2 } = t.rect;
    const range = (a: number, b: number, x: number, y: number) => `${quote(sheet.name)}!${abs(a, b)}:${abs(x, y)}`;
    const first = t.hasHeaders ? r1 + 1 : r1;
    if (spec === '#All') return range(r1, c1, r2, c2);
    if (spec === '#Data' || spec === '') return range(first, c1, r2, c2);
    if (spec === '#Headers') return range(r1, c1, r1, c2);
    const col = headerIndex(sheet, t, spec);
    if (col === undefined) throw new Error(`hyperformula-workbook: table ${t.name} has no column "${spec}" (${formula})`);
    return range(first, col, r2, col);
  });
}

/**
 * Excel's formula text in HyperFormula's syntax. The one difference the add-in's formulas meet:
 * HyperFormula reads a number's exponent only with a lower-case `e` (`1e-9`), Excel writes `1E-9`.
 * String literals are left alone.
 */
export function hfSyntax(formula: string): string {
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/(?<![\p{L}_$\d.])(\d+(?:\.\d+)?)E([+-]?\d+)/gu, '$1e$2')))
    .join('');
}

function headerIndex(sheet: SheetState, t: TableState, header: string): number | undefined {
  for (let c = t.rect.c1; c <= t.rect.c2; c++) if (String(sheet.rows[t.rect.r1 - 1]?.[c - 1]?.v ?? '') === header) return c;
  return undefined;
}

/** One sheet as HyperFormula's raw content: numbers and booleans as they are, text kept text, formulas expanded. */
function sheetContent(sheet: SheetState, state: WorkbookState): (string | number | boolean | null)[][] {
  return sheet.rows.map((line) =>
    Array.from(line, (cell) => {
      if (!cell) return null;
      if (cell.f !== undefined) return hfSyntax(expandStructured(cell.f, state));
      if (cell.v === undefined || cell.v === '') return null;
      // A leading apostrophe keeps text as text (HyperFormula would read "12" or "2026-07-01" as numbers).
      return typeof cell.v === 'string' ? `'${cell.v}` : cell.v;
    }),
  );
}

function show(v: HfValue): Evaluated {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return v.value; // DetailedCellError: '#VALUE!', '#N/A', …
  return v;
}

/** Builds HyperFormula's workbook from the fake's state (sheet order and names kept). */
export function hyperformulaWorkbook(state: WorkbookState): HfWorkbook {
  registerCsatFunctions();
  const sheets: Record<string, (string | number | boolean | null)[][]> = {};
  for (const s of state.sheets) sheets[s.name] = sheetContent(s, state);
  const names = state.sheets.map((s) => s.name);
  const end = beginEvaluation(names);
  let hf: HyperFormula;
  try {
    const named = state.names.filter((n) => !n.name.startsWith('_xlnm.') && !n.formula.includes('#REF!')).map((n) => ({ name: n.name, expression: hfSyntax(expandStructured(n.formula, state)) }));
    hf = HyperFormula.buildFromSheets(sheets, { licenseKey: 'gpl-v3', useArrayArithmetic: true, smartRounding: false, maxRows: 1_048_576 }, named);
  } finally {
    end();
  }
  const id = (sheet: string) => {
    const x = hf.getSheetId(sheet);
    if (x === undefined) throw new Error(`hyperformula-workbook: no sheet "${sheet}"`);
    return x;
  };
  return {
    hf,
    value: (sheet, row, col) => show(hf.getCellValue({ sheet: id(sheet), row: row - 1, col: col - 1 })),
    errors: () => {
      const out: string[] = [];
      for (const s of state.sheets) {
        s.rows.forEach((line, i) =>
          line.forEach((cell, j) => {
            if (cell?.f === undefined) return;
            const v = hf.getCellValue({ sheet: id(s.name), row: i, col: j });
            if (v !== null && typeof v === 'object') out.push(`${s.name}!${columnLetter(j + 1)}${i + 1} ${v.value} ${v.message ?? ''} ${cell.f.slice(0, 120)}`);
          }),
        );
      }
      return out;
    },
    destroy: () => hf.destroy(),
  };
}

/**
 * An `evaluate` hook for the fake: a formula cell reads back HyperFormula's value, the workbook
 * rebuilt only when the state changed since the last read (the fake's revision counter).
 */
export function evaluatorFor(): (state: WorkbookState, sheet: string, row: number, col: number, revision: number) => Evaluated {
  let built: { state: WorkbookState; revision: number; wb: HfWorkbook } | undefined;
  return (state, sheet, row, col, revision) => {
    if (!built || built.state !== state || built.revision !== revision) {
      built?.wb.destroy();
      built = { state, revision, wb: hyperformulaWorkbook(state) };
    }
    return built.wb.value(sheet, row, col);
  };
}
