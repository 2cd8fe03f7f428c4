/**
 * The ExcelGateway over an .xlsx file — the CLI's and the standalone browser pane's workbook — as a
 * package editor: reads stream only the parts a job asks for; renders add or replace the owned
 * sheets' parts and edit workbook.xml, its relationships, content types, styles, names and document
 * properties minimally; every other part of the input leaves with the bytes it came with. Nothing
 * is written to disk here; `save()` returns the bytes of the new file.
 */
import { CsatError, problem, type CellValue, type Grid } from '../../domain';
import {
  columnLetter,
  isFormula,
  OWNER_PREFIX,
  parseCell,
  parseRange,
  sheetRef,
  type CellBlock,
  type ExcelGateway,
  type ExistingSheet,
  type RenderProgress,
  type SheetPlan,
  type WorkbookPlan,
} from '../../plan';
import { blankParts } from './blank';
import { setCoreProperties, setCustomProperties, readCustomProperties } from './custom-properties';
import { XlsxError } from './errors';
import { CT, REL, relTypeIs, type Bytes, OoxmlPackage } from './package';
import { readDateStyles, StylesEditor } from './styles';
import { readSharedStrings, readSheetGrid, type ReadContext } from './sheet-read';
import { parseTopLevel, patchCells, protectionOf, replaceFormulaCells, setTopLevel, type CellEdit, type RowEdits } from './sheet-patch';
import { cellXml, protectionXml, writeSheet } from './sheet-write';
import { addSheet, dropCalcChain, dropSheetLists, readWorkbook, requireSheet, setDefinedNames, setFullCalcOnLoad, sheetOfRef, WORKBOOK_CT, type DefinedName, type WorkbookKind, type WorkbookModel } from './workbook';
import { attrNs, child, children, escapeAttr, namer, parseXml, qualify, XmlEdits, type XmlElement } from './xml';

const STYLES_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';

/** Parts a sheet owns with it (replaced with the sheet when it is refreshed). */
const SHEET_OWNED = [REL.table, REL.drawing, REL.comments, REL.vmlDrawing, REL.printerSettings];

/**
 * Whether a formula (as stored in a file) calls one of our functions: `_xldudf_CSAT_X(` or `CSAT.X(`
 * as a function token — not `CSAT.` inside a string, a quoted sheet name (`'CSAT.2024'!A1`) or a
 * longer name (`MyCSAT.Rate`).
 */
export function callsCsatFunction(formula: string): boolean {
  const bare = formula.replace(/"(?:[^"]|"")*"/g, '""').replace(/'(?:[^']|'')*'/g, "''");
  return /(?<![A-Za-z0-9_.\\])(?:_xldudf_CSAT_|CSAT\.)[A-Z][A-Z0-9]*\(/.test(bare);
}

export class XlsxGateway implements ExcelGateway {
  private model?: WorkbookModel;
  private readCtx?: ReadContext;
  private readonly grids = new Map<string, Grid>();
  private readonly reading = new Map<string, Promise<Grid>>();
  /** Bumped by every render, so a read begun before it is not cached after it. */
  private generation = 0;
  /** Cells with formulas but no cached value, by sheet, as last read. */
  readonly uncalculated = new Map<string, string[]>();
  /** Merged ranges, by sheet, as last read. */
  private readonly merges = new Map<string, string[]>();

  constructor(readonly pkg: OoxmlPackage) {}

  /** A new, empty workbook (it gets its sheets from the plans rendered into it). */
  static empty(now = new Date()): XlsxGateway {
    return new XlsxGateway(OoxmlPackage.fromParts(blankParts(now)));
  }

  /** Opens a workbook file; a file that is not one fails here with an XlsxError saying why. */
  static async open(bytes: Bytes): Promise<XlsxGateway> {
    const gw = new XlsxGateway(await OoxmlPackage.open(bytes));
    await gw.workbook();
    return gw;
  }

  private async workbook(): Promise<WorkbookModel> {
    this.model ??= await readWorkbook(this.pkg);
    return this.model;
  }

  private async context(): Promise<ReadContext> {
    if (!this.readCtx) {
      const wb = await this.workbook();
      this.readCtx = { sharedStrings: await readSharedStrings(this.pkg, wb.sharedStrings), dateStyles: await readDateStyles(this.pkg, wb.styles), date1904: wb.date1904 };
    }
    return this.readCtx;
  }

  async listSheets(): Promise<ExistingSheet[]> {
    const wb = await this.workbook();
    const marks = new Map<string, string>();
    for (const n of wb.names) {
      if (n.localSheetId !== undefined || !n.name.startsWith(OWNER_PREFIX)) continue;
      const sheet = sheetOfRef(n.value);
      if (sheet !== undefined && !marks.has(sheet)) marks.set(sheet, n.name.slice(OWNER_PREFIX.length));
    }
    return wb.sheets
      .filter((s) => s.kind === 'worksheet')
      .map((s) => {
        const owner = marks.get(s.name);
        return owner === undefined ? { name: s.name } : { name: s.name, owner };
      });
  }

  async readSheet(name: string): Promise<Grid> {
    const hit = this.grids.get(name);
    if (hit) return hit;
    // Callers that ask while a read is under way (the pane inspects while a job starts) share it.
    let pending = this.reading.get(name);
    if (!pending) {
      const generation = this.generation;
      pending = (async () => {
        const sheet = requireSheet(await this.workbook(), name);
        const { grid, uncalculated, merges } = await readSheetGrid(this.pkg, sheet.part, name, await this.context());
        // A render that landed meanwhile may have changed the sheet: then this read is not kept.
        if (generation !== this.generation) return grid;
        this.grids.set(name, grid);
        this.uncalculated.set(name, uncalculated);
        this.merges.set(name, merges);
        return grid;
      })().finally(() => this.reading.delete(name));
      this.reading.set(name, pending);
    }
    return pending;
  }

  async readRange(sheet: string, address: string): Promise<Grid> {
    const { start, end } = parseRange(address);
    const full = this.grids.get(sheet);
    let rows: Grid;
    if (full) rows = full.slice(start.row - 1, end.row).map((r) => r.slice(start.col - 1, end.col));
    else {
      // Only the rows asked for: the read stops after the last one (a header check never inflates a 100,000-row sheet).
      const entry = requireSheet(await this.workbook(), sheet);
      const { grid } = await readSheetGrid(this.pkg, entry.part, sheet, await this.context(), { lastRow: end.row, firstCol: start.col, lastCol: end.col });
      rows = grid.slice(start.row - 1, end.row);
    }
    const width = end.col - start.col + 1;
    const out: CellValue[][] = [];
    for (let r = 0; r <= end.row - start.row; r++) {
      const src = rows[r] ?? [];
      out.push(Array.from({ length: width }, (_, c) => src[c] ?? null));
    }
    return out;
  }

  /** A sheet's first `lastRow` rows, all columns (the read stops there). */
  async readRows(sheet: string, lastRow: number): Promise<Grid> {
    const entry = requireSheet(await this.workbook(), sheet);
    return (await readSheetGrid(this.pkg, entry.part, sheet, await this.context(), { lastRow })).grid;
  }

  async tableRanges(sheet: string): Promise<{ name: string; ref: string }[]> {
    const entry = requireSheet(await this.workbook(), sheet);
    const out: { name: string; ref: string }[] = [];
    for (const t of await this.tables(entry.part)) {
      const name = attrNs(t.root, 'name');
      const ref = attrNs(t.root, 'ref');
      if (name && ref) out.push({ name, ref });
    }
    return out;
  }

  /** The table parts of a sheet, parsed. */
  private async tables(sheetPart: string): Promise<{ path: string; xml: string; root: XmlElement }[]> {
    const out: { path: string; xml: string; root: XmlElement }[] = [];
    for (const r of await this.pkg.rels(sheetPart)) {
      if (r.external || !relTypeIs(r.type, REL.table) || !this.pkg.has(r.target)) continue;
      const xml = await this.pkg.text(r.target);
      const root = parseXml(xml, r.target);
      if (root.local === 'table') out.push({ path: r.target, xml, root });
    }
    return out;
  }

  mergedRanges(sheet: string): readonly string[] {
    return this.merges.get(sheet) ?? [];
  }

  uncalculatedCells(sheet: string): readonly string[] {
    return this.uncalculated.get(sheet) ?? [];
  }

  /** The workbook's sheet names in tab order (chart sheets included). */
  async sheetNames(): Promise<string[]> {
    return (await this.workbook()).sheets.map((s) => s.name);
  }

  /** What the package is (xlsx, xlsm, xltx, xltm): a file of it must carry the matching extension. */
  async kind(): Promise<WorkbookKind> {
    return (await this.workbook()).kind;
  }

  /**
   * What a render must refuse before it writes anything: a Strict package (we write Transitional
   * markup only), a structure-locked workbook when sheets would be added, a sheet protected with a
   * password that the plan must write into.
   */
  private async refuse(plan: WorkbookPlan, wb: WorkbookModel): Promise<void> {
    if (plan.sheets.length === 0 && !plan.properties) return;
    if (wb.strict) throw new XlsxError('strict');
    const adds = plan.sheets.some((sheet) => !wb.sheets.some((s) => s.name === sheet.name && s.kind === 'worksheet'));
    if (adds && wb.lockedStructure) throw new CsatError(problem('workbook-structure-locked'));
  }

  async render(plan: WorkbookPlan, onProgress?: (p: RenderProgress) => void): Promise<void> {
    let wb = await this.workbook();
    await this.refuse(plan, wb);
    // Protection is kept as Excel keeps it: a sheet the plan must write into that is protected with a
    // password is refused before anything is written (Excel cannot lift it without the password either);
    // a refreshed sheet keeps the protection it had.
    const kept = new Map<string, string>();
    for (const sheet of plan.sheets) {
      const existing = wb.sheets.find((s) => s.name === sheet.name && s.kind === 'worksheet');
      if (!existing || (sheet.update && sheet.blocks.length === 0)) continue;
      const protection = protectionOf(await this.pkg.text(existing.part), existing.part);
      if (!protection) continue;
      const root = parseXml(protection, existing.part);
      if (attrNs(root, 'password') !== undefined || attrNs(root, 'hashValue') !== undefined) throw new CsatError(problem('sheet-password-protected', { sheet: sheet.name }));
      if (!sheet.update) kept.set(sheet.name, protection);
    }
    this.generation++;
    for (const sheet of plan.sheets) this.reading.delete(sheet.name);
    let stylesPath = wb.styles;
    if (!stylesPath) {
      stylesPath = this.pkg.freeName((n) => (n === 1 ? 'xl/styles.xml' : `xl/styles${n}.xml`));
      this.pkg.set(stylesPath, blankParts(new Date())['xl/styles.xml']);
      await this.pkg.setContentType(stylesPath, STYLES_CT);
      await this.pkg.addRel(wb.path, REL.styles, stylesPath);
    }
    const styles = await StylesEditor.open(this.pkg, stylesPath);
    const tableIds = await this.tableIds();
    const ctx = { styles, date1904: wb.date1904, tableIds };
    const names: DefinedName[] = [];
    /** Sheets this render writes whole: names scoped to them, or pointing at them, are ours to replace. */
    const written = new Set<string>();
    let formulas = false;
    let added = false;
    const total = plan.sheets.length;
    for (const [i, sheet] of plan.sheets.entries()) {
      onProgress?.({ done: i / Math.max(1, total), stage: sheet.name });
      const existing = wb.sheets.find((s) => s.name === sheet.name && s.kind === 'worksheet');
      this.grids.delete(sheet.name);
      if (existing && sheet.update) {
        formulas = (await this.update(existing.part, sheet, ctx)) || formulas;
        continue;
      }
      written.add(sheet.name);
      let part: string;
      if (existing) {
        part = existing.part;
        await this.dropSheetParts(part);
      } else part = this.pkg.freeName((n) => `xl/worksheets/sheet${n}.xml`);
      const result = await writeSheet(this.pkg, part, sheet, ctx);
      const keep = kept.get(sheet.name);
      this.pkg.set(part, keep && !sheet.protect ? setTopLevel(result.xml, part, 'sheetProtection', () => keep) : result.xml);
      formulas = formulas || result.hasFormulas;
      if (!existing) {
        await addSheet(this.pkg, wb, sheet.name, part);
        wb = this.model = await readWorkbook(this.pkg);
        added = true;
      }
      // An empty owner writes an unmarked sheet (what a user's own sheet looks like to the add-in).
      if (sheet.owner) names.push({ name: OWNER_PREFIX + sheet.owner, value: sheetRef(sheet.name, '$A$1') });
      // localSheetId counts the workbook's own <sheets> list, entries that do not resolve included.
      const index = wb.sheets.find((s) => s.name === sheet.name)!.index;
      if (result.printArea) {
        // One or more areas (`A1:L80,R4:Z82`), or whole columns (`A:W`, for a table that grows): each prints from a new page.
        const areas = result.printArea.split(',').map((a) => {
          const cols = /^\$?([A-Z]{1,3}):\$?([A-Z]{1,3})$/.exec(a.trim());
          if (cols) return sheetRef(sheet.name, `$${cols[1]}:$${cols[2]}`);
          const { start, end } = parseRange(a.trim());
          return sheetRef(sheet.name, `$${columnLetter(start.col)}$${start.row}:$${columnLetter(end.col)}$${end.row}`);
        });
        names.push({ name: '_xlnm.Print_Area', localSheetId: index, value: areas.join(',') });
      }
      if (result.printTitles) {
        // Rows repeated on every printed page: `1:2` → `'Sheet'!$1:$2`.
        const [top, bottom = top] = result.printTitles.split(':').map((r) => Number(r.replace(/\$/g, '')));
        names.push({ name: '_xlnm.Print_Titles', localSheetId: index, value: sheetRef(sheet.name, `$${top}:$${bottom}`) });
      }
    }
    for (const n of plan.names ?? []) names.push({ name: n.name, value: n.ref });
    const owned = new Set([...written, ...(await this.listSheets()).filter((x) => x.owner !== undefined).map((x) => x.name)]);
    const byIndex = new Map(wb.sheets.map((x) => [x.index, x.name]));
    // A name there already is replaced only when it is ours: a marker, or scoped to / pointing at a sheet we own.
    const isOurs = (d: DefinedName) =>
      d.name.startsWith(OWNER_PREFIX) || (d.localSheetId !== undefined ? owned.has(byIndex.get(d.localSheetId) ?? '\u0000') : owned.has(sheetOfRef(d.value) ?? '\u0000'));
    await setDefinedNames(this.pkg, wb.path, names, isOurs);
    styles.save(this.pkg);
    if (plan.sheets.length > 0) await dropCalcChain(this.pkg, wb.path);
    if (added) await dropSheetLists(this.pkg);
    if (formulas) await setFullCalcOnLoad(this.pkg, wb.path);
    const props = plan.properties;
    if (props && (props.title || props.subject || props.keywords || props.category)) await setCoreProperties(this.pkg, props, new Date());
    if (props?.custom) await setCustomProperties(this.pkg, props.custom);
    this.model = await readWorkbook(this.pkg);
    this.readCtx = undefined;
    onProgress?.({ done: 1, stage: '' });
  }

  /** Table ids in use anywhere in the workbook (a new table takes a free one). */
  private async tableIds(): Promise<Set<number>> {
    const ids = new Set<number>();
    for (const s of (await this.workbook()).sheets) {
      for (const t of await this.tables(s.part)) {
        const id = attrNs(t.root, 'id');
        if (id !== undefined) ids.add(Number(id));
      }
    }
    return ids;
  }

  /** Removes what a refreshed sheet owned: its tables, drawing with its charts, notes, printer settings. */
  private async dropSheetParts(part: string): Promise<void> {
    const gone: string[] = [];
    for (const r of await this.pkg.rels(part)) {
      if (r.external || !SHEET_OWNED.some((t) => relTypeIs(r.type, t))) continue;
      if (relTypeIs(r.type, REL.drawing)) {
        for (const d of await this.pkg.rels(r.target)) {
          if (d.external || !relTypeIs(d.type, REL.chart)) continue;
          for (const c of await this.pkg.rels(d.target)) if (!c.external && /chartStyle|chartColorStyle/.test(c.type)) gone.push(c.target);
          gone.push(d.target);
        }
      }
      gone.push(r.target);
    }
    for (const p of gone) this.pkg.remove(p);
    this.pkg.remove(`${part.slice(0, part.lastIndexOf('/') + 1)}_rels/${part.slice(part.lastIndexOf('/') + 1)}.rels`);
    await this.pkg.removeContentTypes(gone);
  }

  /** An update plan: the blocks written into the sheet as it is, its tables extended over them. */
  private async update(part: string, sheet: SheetPlan, ctx: { styles: StylesEditor; date1904: boolean }): Promise<boolean> {
    let xml = await this.pkg.text(part);
    let formulas = false;
    // Which block rows land on each sheet row; a row's cells are built only when the patch reaches it.
    const byRow = new Map<number, { block: CellBlock; r: number; col: number }[]>();
    for (const block of sheet.blocks) {
      const tl = parseCell(block.at);
      block.values.forEach((_, r) => {
        const list = byRow.get(tl.row + r);
        if (list) list.push({ block, r, col: tl.col });
        else byRow.set(tl.row + r, [{ block, r, col: tl.col }]);
      });
    }
    const edits: RowEdits = {
      rows: [...byRow.keys()].sort((a, b) => a - b),
      cells: (row) => {
        const out = new Map<number, CellEdit>();
        for (const { block, r, col } of byRow.get(row) ?? []) {
          block.values[r].forEach((value, c) => {
            if (value !== null && isFormula(value)) formulas = true;
            const numFmt = typeof block.numberFormat === 'string' ? block.numberFormat : block.numberFormat?.[r]?.[c];
            const spec = { value, style: block.style, numFmt };
            out.set(col + c, (ref, old, prefix) => cellXml(ref, spec, { ...ctx, prefix }, sheet.name, old?.style));
          });
        }
        return out;
      },
    };
    if (sheet.protect) {
      const root = parseTopLevel(xml, part);
      const element = await protectionXml(sheet.protect.password, namer(root, root.uri)(''));
      xml = setTopLevel(xml, part, 'sheetProtection', () => element);
    }
    const source = xml;
    this.pkg.setPieces(part, (emit) => patchCells(source, part, edits, sheet.name, emit));
    for (const t of sheet.tables ?? []) await this.extendTable(part, t.name, t.range, sheet.name);
    await this.syncTableHeaders(part, sheet.name, new Set(edits.rows));
    return formulas;
  }

  /** The header cells of a table's range, as text (blank → `列n`), made unique as Excel makes them. */
  private async headerNames(sheetName: string, ref: string, from: number, seen: Set<string>): Promise<string[]> {
    const { start, end } = parseRange(ref);
    const header = (await this.readRange(sheetName, `${columnLetter(start.col)}${start.row}:${columnLetter(end.col)}${start.row}`))[0];
    return header.slice(from).map((v, k) => {
      const base = v === null || v === undefined || String(v).trim() === '' ? `列${from + k + 1}` : String(v);
      let name = base;
      for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${base}${n}`;
      seen.add(name.toLowerCase());
      return name;
    });
  }

  /**
   * A table's column names must equal its header cells (Excel repairs the file otherwise): when a
   * header row was written, the names follow the cells, as they do when a user types a header in Excel.
   */
  private async syncTableHeaders(sheetPart: string, sheetName: string, rows: ReadonlySet<number>): Promise<void> {
    for (const t of await this.tables(sheetPart)) {
      const ref = attrNs(t.root, 'ref');
      if (!ref || !rows.has(parseRange(ref).start.row)) continue;
      this.grids.delete(sheetName);
      const cols = child(t.root, 'tableColumns', t.root.uri);
      const list = cols ? children(cols, 'tableColumn', t.root.uri) : [];
      const names = await this.headerNames(sheetName, ref, 0, new Set());
      const edits = new XmlEdits(t.xml);
      list.forEach((c, k) => {
        if (names[k] !== undefined && attrNs(c, 'name') !== names[k]) edits.setAttr(c, 'name', names[k]);
      });
      if (edits.changed) this.pkg.set(t.path, edits.apply());
    }
  }

  /** Sets a table's range (and columns, when it grew wider) — the table's other settings stay. */
  private async extendTable(sheetPart: string, name: string, range: string, sheetName: string): Promise<void> {
    for (const t of await this.tables(sheetPart)) {
      if (attrNs(t.root, 'name') !== name) continue;
      const { start, end } = parseRange(range);
      const ref = `${columnLetter(start.col)}${start.row}:${columnLetter(end.col)}${Math.max(end.row, start.row + 1)}`;
      const edits = new XmlEdits(t.xml);
      edits.setAttr(t.root, 'ref', ref);
      const filter = child(t.root, 'autoFilter', t.root.uri);
      if (filter) edits.setAttr(filter, 'ref', ref);
      const cols = child(t.root, 'tableColumns', t.root.uri);
      if (cols) {
        const list = children(cols, 'tableColumn', t.root.uri);
        const want = end.col - start.col + 1;
        if (want > list.length) {
          const seen = new Set(list.map((c) => (attrNs(c, 'name') ?? '').toLowerCase()));
          const names = await this.headerNames(sheetName, ref, list.length, seen);
          let next = Math.max(0, ...list.map((c) => Number(attrNs(c, 'id') ?? 0))) + 1;
          const tag = qualify(cols, t.root.uri, 'tableColumn').name;
          edits.setAttr(cols, 'count', String(want));
          edits.append(cols, names.map((n) => `<${tag} id="${next++}" name="${escapeAttr(n)}"/>`).join(''));
        }
      }
      this.pkg.set(t.path, edits.apply());
    }
  }

  /**
   * Replaces every CSAT.* formula by its value (for archive copies read where the add-in is not
   * installed), editing those cells only: the value `resolve` gives, else the value cached in the
   * file. Returns the cells frozen with their original formulas, and those left as they were (no value known).
   */
  async freezeCustomFunctions(resolve: (sheet: string, cell: string, formula: string) => number | string | boolean | undefined): Promise<{ frozen: string[]; formulas: string[]; left: string[] }> {
    const frozen: string[] = [];
    const formulas: string[] = [];
    const left: string[] = [];
    const wb = await this.workbook();
    if (wb.strict) throw new XlsxError('strict');
    const styles = await StylesEditor.open(this.pkg, wb.styles ?? 'xl/styles.xml');
    for (const s of wb.sheets.filter((x) => x.kind === 'worksheet')) {
      const xml = await this.pkg.text(s.part);
      // A quick look before tokenizing: most sheets hold no CSAT formula at all.
      if (!xml.includes('_xldudf_CSAT_') && !xml.includes('CSAT.')) continue;
      const next = replaceFormulaCells(xml, s.part, (cell) => {
        if (!callsCsatFunction(cell.formula)) return undefined;
        const formula = `=${cell.formula.replace(/_xldudf_CSAT_([A-Z]+)\(/g, 'CSAT.$1(')}`;
        const value = resolve(s.name, cell.ref, formula) ?? cell.cached;
        const at = `${s.name}!${cell.ref}`;
        if (value === undefined) {
          left.push(at);
          return undefined;
        }
        frozen.push(at);
        formulas.push(formula);
        return cellXml(cell.ref, { value }, { styles, date1904: wb.date1904, prefix: cell.prefix }, s.name, cell.style);
      });
      if (next !== xml) this.pkg.set(s.part, next);
      this.grids.delete(s.name);
    }
    if (frozen.length > 0) await dropCalcChain(this.pkg, wb.path);
    return { frozen, formulas, left };
  }

  /** The custom document properties of the workbook. */
  async customProperties(): Promise<Record<string, string>> {
    return readCustomProperties(this.pkg);
  }

  /**
   * The new file's bytes, as a package of kind `as` (default: the input's kind). A file's extension
   * must match its workbook content type or Excel will not open it, so a template saved as a workbook
   * (or the reverse) has the workbook part's content type changed; a macro-enabled workbook is never
   * saved under a name without macros (its VBA project would be dropped or refused).
   */
  async save(as?: WorkbookKind): Promise<Uint8Array> {
    const wb = await this.workbook();
    if (wb.sheets.length === 0) throw new XlsxError('empty-workbook');
    const target = as ?? wb.kind;
    const macros = (k: WorkbookKind) => k === 'xlsm' || k === 'xltm';
    if (macros(wb.kind) && !macros(target)) throw new XlsxError('macro-needs-xlsm', { detail: `.${target}` });
    if (target !== wb.kind) await this.pkg.setContentType(wb.path, WORKBOOK_CT[target]);
    return this.pkg.save();
  }
}

export { CT };
