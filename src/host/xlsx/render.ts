/**
 * WorkbookPlan → ExcelJS workbook. Sheets of the plan are created, or (when the workbook already
 * has a sheet of that name, which the job has established is ours) replaced in place at the same tab
 * position. Each written sheet is marked as owned with a workbook name `CSAT_OWNED_<kind>` that
 * points at its A1 — the mark follows the sheet when a user renames it in Excel.
 */
import ExcelJS from 'exceljs';
import {
  isDate,
  isFormula,
  OWNER_PREFIX,
  parseCell,
  parseRange,
  sheetRef,
  type CellBlock,
  type PlanValue,
  type RenderProgress,
  type SheetPlan,
  type ValidationSpec,
  type WorkbookPlan,
} from '../../plan';
import { argb, xlsxDifferentialStyle, xlsxStyle } from './styles';

/**
 * In a file, Excel stores a JavaScript custom function call with the `_xldudf_` prefix and the
 * namespace dot as `_` (what Excel itself writes); a bare `CSAT.OVERALL(` would load as #NAME?.
 */
export function fileFormula(formula: string): string {
  return formula.replace(/^=/, '').replace(/\bCSAT\.([A-Z]+)\(/g, '_xldudf_CSAT_$1(');
}

/** Parts of ExcelJS's worksheet that work but are missing from its typings. */
interface WorksheetInternals {
  dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
  orderNo: number;
}
const internals = (ws: ExcelJS.Worksheet) => ws as unknown as WorksheetInternals;

function isoToDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function cellValue(v: PlanValue): ExcelJS.CellValue {
  if (v === null) return null;
  if (isFormula(v)) return { formula: fileFormula(v.formula), result: v.result } as ExcelJS.CellFormulaValue;
  if (isDate(v)) return isoToDate(v.date);
  return v;
}

function writeBlock(ws: ExcelJS.Worksheet, block: CellBlock): void {
  const tl = parseCell(block.at);
  const style = block.style ? xlsxStyle(block.style) : undefined;
  const uniformFormat = typeof block.numberFormat === 'string' ? block.numberFormat : undefined;
  const formats = typeof block.numberFormat === 'object' ? block.numberFormat : undefined;
  block.values.forEach((rowValues, r) => {
    const row = ws.getRow(tl.row + r);
    rowValues.forEach((v, c) => {
      const cell = row.getCell(tl.col + c);
      cell.value = cellValue(v);
      if (style) {
        if (style.font) cell.font = style.font;
        if (style.fill) cell.fill = style.fill;
        if (style.border) cell.border = style.border;
        if (style.alignment) cell.alignment = style.alignment;
      }
      const fmt = uniformFormat ?? formats?.[r]?.[c];
      if (fmt !== undefined) cell.numFmt = fmt;
      else if (isDate(v)) cell.numFmt = 'yyyy-mm-dd';
    });
  });
}

function validation(spec: ValidationSpec): ExcelJS.DataValidation {
  const common = {
    allowBlank: spec.allowBlank,
    showErrorMessage: true,
    errorStyle: 'error',
    errorTitle: spec.error.title,
    error: spec.error.message,
    showInputMessage: spec.prompt !== undefined,
    promptTitle: spec.prompt?.title,
    prompt: spec.prompt?.message,
  };
  switch (spec.rule.kind) {
    case 'list':
      return { ...common, type: 'list', formulae: [`"${spec.rule.values.join(',')}"`] };
    case 'date':
      return { ...common, type: 'date', operator: 'between', formulae: [isoToDate(spec.rule.min), isoToDate(spec.rule.max)] };
    case 'decimal':
      return { ...common, type: 'decimal', operator: 'between', formulae: [spec.rule.min, spec.rule.max] };
  }
}

function addTables(ws: ExcelJS.Worksheet, sheet: SheetPlan): void {
  for (const t of sheet.tables ?? []) {
    const { start, end } = parseRange(t.range);
    const header: string[] = [];
    for (let c = start.col; c <= end.col; c++) header.push(String(ws.getCell(start.row, c).value ?? `列${c}`));
    const rows: ExcelJS.CellValue[][] = [];
    for (let r = start.row + 1; r <= end.row; r++) {
      const row = ws.getRow(r);
      const values: ExcelJS.CellValue[] = [];
      for (let c = start.col; c <= end.col; c++) values.push(row.getCell(c).value);
      rows.push(values);
    }
    ws.addTable({
      name: t.name,
      ref: `${ws.getCell(start.row, start.col).address}`,
      headerRow: true,
      style: { theme: (t.style ?? 'TableStyleMedium2') as ExcelJS.TableStyleProperties['theme'], showRowStripes: true },
      columns: header.map((name) => ({ name, filterButton: true })),
      rows,
    });
  }
}

function writeSheet(ws: ExcelJS.Worksheet, sheet: SheetPlan): void {
  if (sheet.tabColor) ws.properties.tabColor = argb(sheet.tabColor);
  if (sheet.freeze) ws.views = [{ state: 'frozen', xSplit: sheet.freeze.columns, ySplit: sheet.freeze.rows }];
  for (const c of sheet.columns ?? []) {
    const col = ws.getColumn(c.col);
    if (c.width !== undefined) col.width = c.width;
    if (c.hidden) col.hidden = true;
    if (c.numberFormat) col.numFmt = c.numberFormat;
  }
  for (const block of sheet.blocks) writeBlock(ws, block);
  for (const h of sheet.rowHeights ?? []) ws.getRow(h.row).height = h.height;
  for (const m of sheet.merges ?? []) ws.mergeCells(m);
  addTables(ws, sheet);
  for (const v of sheet.validations ?? []) internals(ws).dataValidations.add(v.range, validation(v));
  for (const cf of sheet.conditionalFormats ?? []) {
    ws.addConditionalFormatting({
      ref: cf.range,
      rules: [{ type: 'expression', priority: 1, formulae: [cf.formula.replace(/^=/, '')], style: xlsxDifferentialStyle(cf.style) }],
    });
  }
  if (sheet.print) {
    const p = sheet.print;
    ws.pageSetup = {
      ...ws.pageSetup,
      paperSize: 9,
      orientation: p.orientation,
      fitToPage: true,
      fitToWidth: p.fitWidth,
      fitToHeight: p.fitHeight,
      horizontalCentered: p.centerHorizontally ?? false,
      printArea: p.area,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3, ...p.margins },
    };
  }
}

/** The owner mark of a sheet: the name `CSAT_OWNED_<kind>` → `'Sheet'!$A$1`. */
export function ownerMarks(wb: ExcelJS.Workbook): Map<string, string> {
  const marks = new Map<string, string>();
  for (const dn of wb.definedNames.model as { name: string; ranges: string[] }[]) {
    if (!dn.name.startsWith(OWNER_PREFIX) || dn.ranges.length === 0) continue;
    const m = /^(?:'((?:[^']|'')+)'|([^!]+))!/.exec(dn.ranges[0]);
    const sheet = m ? (m[1] ?? m[2]).replace(/''/g, "'") : undefined;
    if (sheet && wb.getWorksheet(sheet)) marks.set(sheet, dn.name.slice(OWNER_PREFIX.length));
  }
  return marks;
}

function setName(wb: ExcelJS.Workbook, name: string, ref: string): void {
  wb.definedNames.remove(ref, name);
  // Drop every location of the name first: a name has one meaning.
  const model = wb.definedNames.model as { name: string; ranges: string[] }[];
  for (const dn of model.filter((d) => d.name === name)) for (const r of dn.ranges) wb.definedNames.remove(r, name);
  wb.definedNames.add(ref, name);
}

export async function renderPlanToWorkbook(wb: ExcelJS.Workbook, plan: WorkbookPlan, onProgress?: (p: RenderProgress) => void): Promise<void> {
  const total = plan.sheets.length;
  for (const [i, sheet] of plan.sheets.entries()) {
    onProgress?.({ done: i / Math.max(1, total), stage: sheet.name });
    const old = wb.getWorksheet(sheet.name);
    if (old && sheet.update) {
      // Update plans only add their blocks (and extend their tables over them): the sheet's other
      // rows and settings stay as they are.
      for (const block of sheet.blocks) writeBlock(old, block);
      for (const t of sheet.tables ?? []) {
        const existing = (old as unknown as { getTable(name: string): unknown }).getTable(t.name);
        if (!existing) continue;
        (old as unknown as { removeTable(name: string): void }).removeTable(t.name);
        addTables(old, { ...sheet, tables: [t] });
      }
      if (sheet.protect) await old.protect(sheet.protect.password ?? '', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true });
      continue;
    }
    const orderNo = old ? internals(old).orderNo : undefined;
    if (old) wb.removeWorksheet(old.id);
    const ws = wb.addWorksheet(sheet.name);
    if (orderNo !== undefined) internals(ws).orderNo = orderNo;
    writeSheet(ws, sheet);
    if (sheet.protect) await ws.protect(sheet.protect.password ?? '', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true });
    setName(wb, OWNER_PREFIX + sheet.owner, sheetRef(sheet.name, '$A$1'));
  }
  for (const n of plan.names ?? []) setName(wb, n.name, n.ref);
  const props = plan.properties;
  if (props?.title) wb.title = props.title;
  if (props?.subject) wb.subject = props.subject;
  if (props?.keywords) wb.keywords = props.keywords;
  if (props?.category) wb.category = props.category;
  onProgress?.({ done: 1, stage: '' });
}
