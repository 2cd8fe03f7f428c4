/**
 * WorkbookPlan → Excel through Office.js, in one Excel.run per user action. Everything is queued and
 * sent in a small constant number of context.sync() calls: (1) learn which sheets and names exist
 * and whether the workbook's structure is protected (Review → Protect Workbook: Excel then refuses to
 * add, delete or rename a sheet, so a plan that adds one stops there with a clear error, before
 * anything is written; a plan that only writes into sheets that exist goes on), (2) learn the
 * protection of the sheets that exist, the tables and charts of those to refresh and what an update
 * will change, (3) only when a sheet to edit is protected: lift its protection, in a
 * request of its own, so that a protection Excel will not lift (a password) stops the action with a
 * clear error before anything is written, (4) all writes. Blocks are written whole (range.values /
 * range.formulas per block), never cell by cell. The one thing that can add a sync is size: a
 * request may not exceed ~4 MB (Excel on the web refuses 5 MB), so a block larger than that goes out
 * in row chunks, each flush carrying at most the budget.
 * Every write is recorded in a journal before it is queued (journal.ts), so that the session running
 * the user's action can take the action back when it fails. New sheets are written first and the
 * edits of sheets that exist already last, after a flush if they would not fit the request: they go
 * in the last request — unless they are themselves larger than one request (journal.ts says what
 * that means for undo). A sheet whose protection was lifted is protected again with its options.
 */
import {
  columnLetter,
  isDate,
  isFormula,
  isOwnCoreProperty,
  OWNER_PREFIX,
  parseCell,
  rangeOf,
  sheetRef,
  type CellBlock,
  type ChartSpec,
  type PlanValue,
  type RenderProgress,
  type SheetPlan,
  type WorkbookPlan,
} from '../../plan';
import { CsatError, problem } from '../../domain';
import { addScatterChart } from './charts';
import { Journal, PROTECTION_OPTIONS, type ProtectionOptions, type UndoStep } from './journal';
import { jsonBytes, REQUEST_BUDGET_BYTES } from './request-size';
import { tableResizeSupported } from './requirements';
import { applyConditionalStyle, applyStyle, snapshotStyle } from './styles';
import { officeValue, textForExcel, type OfficeCell } from './values';

export interface RenderOptions {
  /** Bytes one request may carry (default: just under 4 MB). */
  budget?: number;
  onProgress?: (p: RenderProgress) => void;
  /** Where the writes are recorded so that the action can be taken back (default: a journal of this render only). */
  journal?: Journal;
}

export interface RenderStats {
  syncs: number;
  /** Estimated payload bytes of each write request. */
  requestBytes: number[];
}

/** Points per character of column width (Excel's default font). */
const POINTS_PER_CHAR = 6.0;
/** Rows a column number format reaches below the last written row (for rows typed later). */
const COLUMN_FORMAT_SPARE_ROWS = 2000;

/** Queues writes and flushes them before a request would exceed the budget. */
class Batch {
  pending = 0;
  readonly stats: RenderStats = { syncs: 0, requestBytes: [] };

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly budget: number,
  ) {}

  async sync(): Promise<void> {
    await this.context.sync();
    this.stats.syncs++;
  }

  /** Starts the write phase: calculation waits until the next sync. */
  begin(): void {
    this.context.application.suspendApiCalculationUntilNextSync();
  }

  /** Call before queueing `bytes` more; flushes first if they would not fit. */
  async reserve(bytes: number): Promise<void> {
    if (this.pending > 0 && this.pending + bytes > this.budget) await this.flush();
    this.pending += bytes;
  }

  async flush(): Promise<void> {
    this.stats.requestBytes.push(this.pending);
    this.pending = 0;
    await this.sync();
    this.begin();
  }

  async finish(): Promise<RenderStats> {
    this.stats.requestBytes.push(this.pending);
    await this.sync();
    return this.stats;
  }
}

/** Rows of a block (and of its number formats) in chunks whose JSON stays inside one request. */
function* rowChunks(values: readonly (readonly unknown[])[], formats: readonly (readonly string[])[] | undefined, limit: number): Generator<[number, number, number]> {
  let start = 0;
  let bytes = 0;
  for (let r = 0; r < values.length; r++) {
    const rowBytes = jsonBytes(values[r]) + (formats ? jsonBytes(formats[r]) : 0) + 1;
    if (r > start && bytes + rowBytes > limit) {
      yield [start, r, bytes];
      start = r;
      bytes = 0;
    }
    bytes += rowBytes;
  }
  if (values.length > start) yield [start, values.length, bytes];
}

interface BlockCells {
  cells: OfficeCell[][];
  formulas: boolean;
  formats: string[][] | undefined;
}

function blockCells(block: CellBlock): BlockCells {
  const formulas = block.values.some((row) => row.some(isFormula));
  const cells = block.values.map((row) => row.map((v: PlanValue) => (formulas && typeof v === 'string' ? textForExcel(v) : officeValue(v))));
  let formats: string[][] | undefined;
  if (typeof block.numberFormat === 'string') {
    const f = block.numberFormat;
    formats = block.values.map((row) => row.map(() => f));
  } else if (block.numberFormat) {
    formats = block.numberFormat.map((row) => [...row]);
  } else if (block.values.some((row) => row.some(isDate))) {
    formats = block.values.map((row) => row.map((v) => (isDate(v) ? 'yyyy-mm-dd' : 'General')));
  }
  return { cells, formulas, formats };
}

/** The cells of each block, converted once (sized before they are written). */
class Cells {
  private readonly cache = new Map<CellBlock, BlockCells>();

  of(block: CellBlock): BlockCells {
    let c = this.cache.get(block);
    if (!c) this.cache.set(block, (c = blockCells(block)));
    return c;
  }
}

/** Bytes the writes of a sheet's blocks and column formats carry (as writeBlock and writeColumnFormats send them). */
function sheetBytes(sheet: SheetPlan, cells: Cells): number {
  let bytes = 0;
  let lastRow = 1;
  for (const block of sheet.blocks) {
    if (block.values.length === 0) continue;
    const { cells: rows, formats } = cells.of(block);
    rows.forEach((row, r) => (bytes += jsonBytes(row) + (formats ? jsonBytes(formats[r]) : 0) + 1));
    lastRow = Math.max(lastRow, parseCell(block.at).row + block.values.length - 1);
  }
  if (sheet.update) return bytes;
  for (const c of sheet.columns ?? []) if (c.numberFormat) bytes += (lastRow + COLUMN_FORMAT_SPARE_ROWS - 1) * (jsonBytes([c.numberFormat]) + 1);
  return bytes;
}

async function writeBlock(ws: Excel.Worksheet, block: CellBlock, batch: Batch, budget: number, all: Cells): Promise<number> {
  if (block.values.length === 0) return 0;
  const tl = parseCell(block.at);
  const width = Math.max(...block.values.map((r) => r.length));
  const { cells, formulas, formats } = all.of(block);
  for (const [from, to, bytes] of rowChunks(cells, formats, budget / 2)) {
    await batch.reserve(bytes);
    const range = ws.getRange(rangeOf({ row: tl.row + from, col: tl.col }, to - from, width));
    const rows = cells.slice(from, to);
    if (formulas) range.formulas = rows;
    else range.values = rows;
    if (formats) range.numberFormat = formats.slice(from, to);
  }
  if (block.style) applyStyle(ws.getRange(rangeOf(tl, block.values.length, width)), block.style);
  return tl.row + block.values.length - 1;
}

async function writeColumnFormats(ws: Excel.Worksheet, sheet: SheetPlan, lastRow: number, batch: Batch, budget: number): Promise<void> {
  for (const c of sheet.columns ?? []) {
    if (!c.numberFormat) continue;
    const rows = lastRow + COLUMN_FORMAT_SPARE_ROWS - 1;
    const formats = Array.from({ length: rows }, () => [c.numberFormat as string]);
    for (const [from, to, bytes] of rowChunks(formats, undefined, budget / 2)) {
      await batch.reserve(bytes);
      ws.getRange(rangeOf({ row: 2 + from, col: c.col }, to - from, 1)).numberFormat = formats.slice(from, to);
    }
  }
}

function clearSheet(ws: Excel.Worksheet, tables: Excel.TableCollection, charts: Excel.ChartCollection): void {
  for (const t of tables.items) t.delete();
  for (const ch of charts.items) ch.delete();
  const all = ws.getRange();
  all.conditionalFormats.clearAll();
  all.dataValidation.clear();
  all.unmerge();
  all.clear('All');
}

/** `tabColor`: whether to colour the tab (not a refreshed tab's in a structure-locked workbook, see renderPlanInContext). */
function sheetSettings(ws: Excel.Worksheet, sheet: SheetPlan, tabColor: boolean): void {
  if (sheet.tabColor && tabColor) ws.tabColor = sheet.tabColor;
  const f = sheet.freeze;
  if (f && f.rows > 0 && f.columns > 0) ws.freezePanes.freezeAt(ws.getRange(rangeOf('A1', f.rows, f.columns)));
  else if (f && f.rows > 0) ws.freezePanes.freezeRows(f.rows);
  else if (f && f.columns > 0) ws.freezePanes.freezeColumns(f.columns);
  for (const c of sheet.columns ?? []) {
    const letter = columnLetter(c.col);
    const col = ws.getRange(`${letter}:${letter}`);
    if (c.width !== undefined) col.format.columnWidth = c.width * POINTS_PER_CHAR;
    if (c.hidden) col.columnHidden = true;
  }
}

function sheetStructure(ws: Excel.Worksheet, sheet: SheetPlan): void {
  for (const h of sheet.rowHeights ?? []) ws.getRange(`${h.row}:${h.row}`).format.rowHeight = h.height;
  for (const m of sheet.merges ?? []) ws.getRange(m).merge(false);
  for (const t of sheet.tables ?? []) {
    const table = ws.tables.add(t.range, true);
    table.name = t.name;
    table.style = t.style ?? 'TableStyleMedium2';
  }
  for (const c of sheet.charts ?? []) addChart(ws, c);
  for (const v of sheet.validations ?? []) {
    const dv = ws.getRange(v.range).dataValidation;
    dv.clear();
    const rule = v.rule;
    if (rule.kind === 'list') dv.rule = { list: { inCellDropDown: true, source: rule.values.join(',') } };
    else if (rule.kind === 'date') dv.rule = { date: { formula1: rule.min, formula2: rule.max, operator: 'Between' } };
    else dv.rule = { decimal: { formula1: rule.min, formula2: rule.max, operator: 'Between' } };
    dv.ignoreBlanks = v.allowBlank;
    dv.errorAlert = { showAlert: true, style: 'Stop', title: v.error.title, message: v.error.message };
    if (v.prompt) dv.prompt = { showPrompt: true, title: v.prompt.title, message: v.prompt.message };
  }
  for (const cf of sheet.conditionalFormats ?? []) {
    const format = ws.getRange(cf.range).conditionalFormats.add('Custom');
    format.custom.rule.formula = cf.formula;
    applyConditionalStyle(format.custom.format, cf.style);
  }
  if (sheet.print) {
    const p = sheet.print;
    const layout = ws.pageLayout;
    layout.orientation = p.orientation === 'portrait' ? 'Portrait' : 'Landscape';
    layout.paperSize = 'A4';
    layout.zoom = { horizontalFitToPages: p.fitWidth, verticalFitToPages: p.fitHeight };
    layout.centerHorizontally = p.centerHorizontally ?? false;
    if (p.margins) {
      layout.topMargin = p.margins.top * 72;
      layout.bottomMargin = p.margins.bottom * 72;
      layout.leftMargin = p.margins.left * 72;
      layout.rightMargin = p.margins.right * 72;
    }
    if (p.area) layout.setPrintArea(p.area);
    if (p.printTitles) layout.setPrintTitleRows(p.printTitles.split(':').map((r) => `$${r.replace(/\$/g, '')}`).join(':'));
  }
}

/**
 * Protects a written sheet as its plan says (journalled with the password, needed to lift it again)
 * or puts back the protection lifted to write it, with the options it had. A sheet that was
 * protected and not lifted (an archive run again: nothing to write) keeps its protection as it is.
 */
function protectAfter(ws: Excel.Worksheet, sheet: SheetPlan, prep: Existing | undefined, lifted: boolean, journal: Journal): void {
  if (prep?.protection.protected && !lifted) return;
  if (sheet.protect) {
    const password = sheet.protect.password;
    journal.record(password === undefined ? { kind: 'protection', sheet: sheet.name, protectedBefore: false } : { kind: 'protection', sheet: sheet.name, protectedBefore: false, password });
    ws.protection.protect(PROTECTION_OPTIONS, password);
  } else if (lifted && prep) ws.protection.protect(prep.protection.options);
}

const CHART_TYPES = { line: 'Line', bar: 'BarClustered', barStacked100: 'BarStacked100', column: 'ColumnClustered' } as const;

/** A native chart whose series point at the sheet's cells (ExcelApi 1.7 series, 1.8 axis formats). */
function addChart(ws: Excel.Worksheet, spec: ChartSpec): void {
  if (spec.kind === 'scatter') return addScatterChart(ws, spec);
  const chart = ws.charts.add(CHART_TYPES[spec.kind], ws.getRange(spec.series[0].values), 'Columns');
  chart.title.text = spec.title;
  chart.setPosition(spec.from, spec.to);
  chart.legend.position = 'Bottom';
  const categories = ws.getRange(spec.categories);
  spec.series.forEach((s, i) => {
    const series = i === 0 ? chart.series.getItemAt(0) : chart.series.add(s.name);
    if (i === 0) series.name = s.name;
    else series.setValues(ws.getRange(s.values));
    series.setXAxisValues(categories);
    if (s.color && spec.kind === 'line') series.format.line.color = s.color;
    else if (s.color) series.format.fill.setSolidColor(s.color);
  });
  const va = chart.axes.valueAxis;
  if (spec.valueAxis?.format) va.numberFormat = spec.valueAxis.format;
  if (spec.valueAxis?.title) va.title.text = spec.valueAxis.title;
  if (spec.valueAxis?.min !== undefined) va.minimum = spec.valueAxis.min;
  if (spec.valueAxis?.max !== undefined) va.maximum = spec.valueAxis.max;
  if (spec.reverseCategories) chart.axes.categoryAxis.reversePlotOrder = true;
}

function setName(wb: Excel.Workbook, existing: Map<string, NameBefore>, journal: Journal, name: string, ref: string, comment?: string): void {
  const before = existing.get(name);
  journal.record({ kind: 'name', name, before });
  if (before) wb.names.getItem(name).delete();
  wb.names.add(name, `=${ref}`, comment);
  existing.set(name, { formula: `=${ref}`, comment });
}

interface NameBefore {
  formula: string;
  comment?: string;
}

/** Bytes of one loaded number-format cell in a response (a generous estimate). */
const FORMAT_CELL_BYTES = 16;

/** What a sheet that exists already holds, learnt before writing (to refresh it, or to undo an update). */
interface Existing {
  readonly protection: Excel.WorksheetProtection;
  readonly tables?: Excel.TableCollection;
  readonly charts?: Excel.ChartCollection;
  /** Undo steps known once the loads are synced. */
  readonly undo: (() => UndoStep)[];
}

/**
 * Queues loads of what an update of an existing sheet will change — its tables' extents, and the
 * number formats and style of the cells its blocks cover (in row chunks that keep each response
 * inside the budget) — so the session can undo it.
 */
async function prepareUpdate(ws: Excel.Worksheet, sheet: SheetPlan, prep: Existing, batch: Batch, budget: number): Promise<void> {
  if (tableResizeSupported()) {
    for (const t of sheet.tables ?? []) {
      const range = ws.tables.getItem(t.name).getRange();
      range.load('address');
      prep.undo.push(() => ({ kind: 'table', sheet: sheet.name, table: t.name, address: range.address.slice(range.address.lastIndexOf('!') + 1) }));
    }
  }
  for (const block of sheet.blocks) {
    if (block.values.length === 0) continue;
    const tl = parseCell(block.at);
    const width = Math.max(...block.values.map((r) => r.length));
    const perChunk = Math.max(1, Math.floor(budget / (width * FORMAT_CELL_BYTES)));
    for (let from = 0; from < block.values.length; from += perChunk) {
      const rows = Math.min(perChunk, block.values.length - from);
      await batch.reserve(rows * width * FORMAT_CELL_BYTES);
      const address = rangeOf({ row: tl.row + from, col: tl.col }, rows, width);
      const range = ws.getRange(address);
      range.load('numberFormat');
      const style = block.style ? snapshotStyle(range, block.style) : undefined;
      const name = block.style;
      prep.undo.push(() => ({ kind: 'rows', sheet: sheet.name, address, numberFormat: range.numberFormat as string[][], style: style && name ? { name, before: style() } : undefined }));
    }
  }
}

/** Whether a plan writes into its sheet (an update with nothing to add only sets protection). */
function writesInto(sheet: SheetPlan): boolean {
  return !sheet.update || sheet.blocks.length > 0 || (sheet.tables ?? []).length > 0;
}

/**
 * Whether the lift request was refused by Excel at an `unprotect` rather than lost (a host or network
 * failure): Excel names the failing member in `debugInfo.errorLocation`; where a host leaves it out,
 * a refusal code will do, as the request carried nothing but unprotects.
 */
function refusedUnprotect(e: unknown): boolean {
  const err = e as { code?: unknown; debugInfo?: { errorLocation?: unknown } } | undefined;
  const where = err?.debugInfo?.errorLocation;
  if (typeof where === 'string' && where !== '') return /unprotect/i.test(where);
  return err?.code === 'InvalidArgument' || err?.code === 'AccessDenied' || err?.code === 'InvalidOperation';
}

/**
 * Lifts the protection of the protected sheets the plan writes into, in a request of its own
 * (nothing else is queued in it): an unprotect Excel refuses — the sheet has a password, which
 * ExcelApi ≤ 1.9 cannot tell beforehand — becomes the catalogued error naming the sheet before
 * anything is written. Returns the sheets lifted.
 */
async function liftProtection(context: Excel.RequestContext, plan: WorkbookPlan, prepared: ReadonlyMap<string, Existing>, journal: Journal, batch: Batch): Promise<Set<string>> {
  const lifts = plan.sheets.filter((s) => prepared.get(s.name)?.protection.protected && writesInto(s)).map((s) => s.name);
  if (lifts.length === 0) return new Set();
  for (const sheet of lifts) {
    journal.record({ kind: 'protection', sheet, protectedBefore: true, options: prepared.get(sheet)!.protection.options as unknown as ProtectionOptions });
    context.workbook.worksheets.getItem(sheet).protection.unprotect();
  }
  try {
    await batch.sync();
  } catch (e) {
    if (!refusedUnprotect(e)) throw e;
    // The sheets lifted before the refusal are unprotected now (the session puts them back): the first still protected refused.
    const states = lifts.map((sheet) => {
      const p = context.workbook.worksheets.getItem(sheet).protection;
      p.load('protected');
      return { sheet, p };
    });
    let sheet = lifts[0];
    try {
      await context.sync();
      sheet = states.find((x) => x.p.protected)?.sheet ?? sheet;
    } catch {
      // The host went away: the first sheet is the best guess.
    }
    throw new CsatError(problem('sheet-password-protected', { sheet }));
  }
  return new Set(lifts);
}

/**
 * Renders a plan inside an Excel.run context; returns how many syncs and bytes it took. Every write
 * is recorded in `journal` first, so that a session can take the action back (journal.ts); new
 * sheets are written first, the edits of sheets that exist already last.
 */
export async function renderPlanInContext(context: Excel.RequestContext, plan: WorkbookPlan, options: RenderOptions = {}): Promise<RenderStats> {
  const budget = options.budget ?? REQUEST_BUDGET_BYTES;
  const journal = options.journal ?? new Journal();
  const batch = new Batch(context, budget);
  const wb = context.workbook;
  const sheets = wb.worksheets;
  const props = plan.properties;
  // Workbook.protection is ExcelApi 1.7, below the manifest's set: loaded with the sheets, no sync of its own.
  const structure = wb.protection;
  sheets.load('items/name');
  wb.names.load('items/name,items/formula,items/comment');
  structure.load('protected');
  if (props) wb.properties.load('title,subject,keywords,category');
  if (props?.custom) wb.properties.custom.load('items/key,items/value');
  await batch.sync();
  const existingSheets = new Set(sheets.items.map((s) => s.name));
  // A structure-locked workbook takes no new sheet (nor would an undo delete one): refuse before
  // anything is written. Only the sheets that exist are written into (refreshed in place, or appended to).
  const locked = structure.protected;
  if (locked && plan.sheets.some((s) => !existingSheets.has(s.name))) throw new CsatError(problem('workbook-structure-locked'));
  const existingNames = new Map<string, NameBefore>(wb.names.items.map((n) => [n.name, n.comment ? { formula: String(n.formula), comment: n.comment } : { formula: String(n.formula) }]));

  // Sheets that exist: their protection; for a refresh their tables and charts (removed with the
  // content); for an update what it will change (to undo it).
  const prepared = new Map<string, Existing>();
  for (const s of plan.sheets) {
    if (!existingSheets.has(s.name)) continue;
    const ws = sheets.getItem(s.name);
    const prep: Existing = { protection: ws.protection, tables: s.update ? undefined : ws.tables, charts: s.update ? undefined : ws.charts, undo: [] };
    prep.protection.load('protected,options');
    prep.tables?.load('items/name');
    prep.charts?.load('items/name');
    if (s.update) await prepareUpdate(ws, s, prep, batch, budget);
    prepared.set(s.name, prep);
  }
  if (prepared.size > 0) await batch.sync();
  batch.pending = 0;
  const lifted = await liftProtection(context, plan, prepared, journal, batch);
  for (const prep of prepared.values()) for (const step of prep.undo) journal.record(step());

  batch.begin();
  const cells = new Cells();
  const fresh = plan.sheets.filter((s) => !prepared.has(s.name));
  const edits = plan.sheets.filter((s) => prepared.has(s.name));
  const order = [...fresh, ...edits];
  for (const [i, sheet] of order.entries()) {
    options.onProgress?.({ done: i / order.length, stage: sheet.name });
    const prep = prepared.get(sheet.name);
    if (i === fresh.length && batch.pending > 0) {
      // The edits of existing sheets go in one request of their own when they would not fit this one.
      const bytes = edits.reduce((n, s) => n + sheetBytes(s, cells), 0);
      if (batch.pending + bytes > budget) await batch.flush();
    }
    if (sheet.update && prep) {
      // Update plans only add their blocks: the sheet's other rows and settings stay as they are.
      const ws = sheets.getItem(sheet.name);
      for (const block of sheet.blocks) await writeBlock(ws, block, batch, budget, cells);
      // Table.resize is ExcelApi 1.13; on older hosts the rows are still written (the native
      // formulas read whole columns) and only the table's own extent stays as it was.
      if (tableResizeSupported()) for (const t of sheet.tables ?? []) ws.tables.getItem(t.name).resize(t.range);
      protectAfter(ws, sheet, prep, lifted.has(sheet.name), journal);
      continue;
    }
    let ws: Excel.Worksheet;
    if (prep) {
      ws = sheets.getItem(sheet.name);
      clearSheet(ws, prep.tables!, prep.charts!);
    } else {
      journal.record({ kind: 'sheet', sheet: sheet.name });
      ws = sheets.add(sheet.name);
    }
    // A refreshed tab keeps the colour it has when the structure is locked (a change on the tab,
    // which Excel may refuse then; the tab got its colour when it was added).
    sheetSettings(ws, sheet, !prep || !locked);
    let lastRow = 1;
    for (const block of sheet.blocks) lastRow = Math.max(lastRow, await writeBlock(ws, block, batch, budget, cells));
    await writeColumnFormats(ws, sheet, lastRow, batch, budget);
    sheetStructure(ws, sheet);
    protectAfter(ws, sheet, prep, lifted.has(sheet.name), journal);
    setName(wb, existingNames, journal, OWNER_PREFIX + sheet.owner, sheetRef(sheet.name, '$A$1'), 'CSAT for Excel: owned sheet');
  }
  for (const n of plan.names ?? []) setName(wb, existingNames, journal, n.name, n.ref, n.comment);
  if (props) {
    const before: Record<string, string> = {};
    const doc = wb.properties as unknown as Record<string, string>;
    for (const key of ['title', 'subject', 'keywords', 'category'] as const) {
      // The user's own title, subject, keywords or category stay theirs.
      if (!props[key] || !isOwnCoreProperty(key, doc[key])) continue;
      before[key] = doc[key] ?? '';
      doc[key] = props[key];
    }
    const had = new Map((props.custom ? wb.properties.custom.items : []).map((c) => [c.key, String(c.value)]));
    const custom: Record<string, string | null> = {};
    for (const [key, value] of Object.entries(props.custom ?? {})) {
      custom[key] = had.get(key) ?? null;
      wb.properties.custom.add(key, value);
    }
    journal.record({ kind: 'properties', before, custom });
  }
  const stats = await batch.finish();
  options.onProgress?.({ done: 1, stage: '' });
  return stats;
}
