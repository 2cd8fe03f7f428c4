/**
 * A stateful fake of the Office.js Excel API, as strict as Excel: calls queue as in Office.js, and
 * each `context.sync()` sends them as one request (JSON bytes measured) which is then applied in
 * order to the workbook state (office-state.ts) — sheets, cells, formats, merges, tables,
 * validations, conditional formats, charts, page layout, protection (options and password: a sheet
 * protected with a password is lifted only with it), the workbook's structure protection, names,
 * properties — and
 * refused as Excel refuses it, with Excel's error codes: an array whose shape is not the range's,
 * a bad or duplicate sheet / table / defined name, overlapping tables, a list validation source
 * over 255 characters, a request or response over 5 MB, an edit of a protected sheet, a sheet added,
 * deleted, renamed, moved, hidden or shown (or its tab coloured) while the workbook's structure is
 * protected, a member
 * above the host's API set, or one above the manifest's ExcelApi version not guarded by
 * `Office.context.requirements.isSetSupported`. Like Excel, a failing request keeps what it applied
 * before the failing operation (no rollback). Reading a property that was not loaded and synced
 * throws PropertyNotLoaded. Formula cells read back their value from `evaluate` (HyperFormula by
 * default, hyperformula-workbook.ts, with the CSAT.* functions bound to the engine).
 *
 * Runs, syncs, requests and ops are counted for tests; `failAt` injects a failure at a sync.
 */
import { columnLetter } from '../../src/plan';
import { addFormat, cellAt, clearCells, uniformFormat, writeCells } from './office-cells';
import { evaluatorFor } from './hyperformula-workbook';
import { MEMBER_API } from './office-api';
import {
  checkDefinedName,
  checkSheetName,
  cloneState,
  emptySheet,
  FakeOfficeError,
  overlaps,
  parseRect,
  rectAddress,
  sheetOfFormula,
  type ChartState,
  type Rect,
  type SeriesState,
  type SheetState,
  type TableState,
  type WorkbookState,
} from './office-state';

export { FakeOfficeError } from './office-state';

const MB5 = 5 * 1024 * 1024;

export interface Op {
  kind: 'set' | 'call' | 'load';
  path: string;
  value?: unknown;
}

export interface FakeRequest {
  ops: Op[];
  bytes: number;
  responseBytes: number;
}

/** A failure injected at the `sync`-th sync (0-based, counted over the fake's life): before Excel applies it, or after half its operations. */
export interface InjectedFailure {
  sync: number;
  mode?: 'before' | 'midway';
}

/** A formula cell's value when read back; `revision` changes whenever the state may have changed. */
export type Evaluate = (state: WorkbookState, sheet: string, row: number, col: number, revision: number) => string | number | boolean;

interface Queued extends Op {
  apply: () => void;
}

type NodeKind =
  | 'workbook' | 'application' | 'sheets' | 'sheet' | 'range' | 'used' | 'format' | 'font' | 'fill' | 'borders' | 'border' | 'cfs' | 'cf' | 'cfcustom'
  | 'cfrule' | 'cfformat' | 'cffont' | 'cffill' | 'dv' | 'tables' | 'table' | 'charts' | 'chart' | 'charttitle' | 'legend' | 'serieslist' | 'series'
  | 'seriesformat' | 'seriesline' | 'datalabels' | 'seriesfill' | 'axes' | 'axis' | 'axistitle' | 'freeze' | 'layout' | 'protection' | 'workbookProtection' | 'names' | 'name' | 'props' | 'custom' | 'customitem';

interface Node {
  kind: NodeKind;
  path: string;
  /** The state object (or range) this node stands for, resolved when a request is applied. */
  resolve: () => unknown;
  /** Prefix of format keys (`font.`, `borders.EdgeTop.`) or of chart props (`title.`, `axes.valueAxis.`). */
  prefix?: string;
  loaded: Record<string, unknown>;
  /** Navigation properties return the same object every time, as in Office.js. */
  kids: Map<string, unknown>;
  proxy?: unknown;
}

interface RangeTarget {
  sheet: SheetState;
  rect: Rect;
}

/** What Office.js reports for a format property never set (Excel's defaults). */
const FORMAT_DEFAULTS: Record<string, unknown> = { 'fill.color': '#FFFFFF', bold: false, italic: false, size: 11, color: '#000000', horizontalAlignment: 'General', verticalAlignment: 'Bottom', wrapText: false, style: 'None' };

const CHART_TYPES = new Set([
  'Line', 'LineMarkers', 'BarClustered', 'BarStacked', 'BarStacked100', 'ColumnClustered', 'ColumnStacked', 'ColumnStacked100', 'Pie', 'Area', 'Doughnut',
  'XYScatter', 'XYScatterLines', 'XYScatterLinesNoMarkers', 'XYScatterSmooth', 'XYScatterSmoothNoMarkers',
]);

/** Series properties kept as they are set (all ExcelApi 1.7). */
const SERIES_PROPS = ['markerStyle', 'markerSize', 'markerBackgroundColor', 'markerForegroundColor', 'hasDataLabels'];

/** What Excel reports as a sheet's protection options when an option was not given (every one off). */
const PROTECTION_DEFAULTS = {
  allowAutoFilter: false,
  allowDeleteColumns: false,
  allowDeleteRows: false,
  allowEditObjects: false,
  allowEditScenarios: false,
  allowFormatCells: false,
  allowFormatColumns: false,
  allowFormatRows: false,
  allowInsertColumns: false,
  allowInsertHyperlinks: false,
  allowInsertRows: false,
  allowPivotTables: false,
  allowSort: false,
} as const;

/** Members whose reads are loadable values, per node kind. */
const LOADABLE: Partial<Record<NodeKind, string[]>> = {
  sheet: ['name', 'id', 'visibility', 'position', 'tabColor'],
  range: ['values', 'formulas', 'numberFormat', 'address', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount'],
  used: ['values', 'formulas', 'numberFormat', 'address', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount'],
  format: ['wrapText', 'horizontalAlignment', 'verticalAlignment', 'columnWidth', 'rowHeight'],
  font: ['bold', 'italic', 'size', 'color'],
  fill: ['color'],
  border: ['style', 'color'],
  table: ['name', 'style'],
  chart: ['name'],
  protection: ['protected', 'options'],
  workbookProtection: ['protected'],
  name: ['name', 'formula', 'comment'],
  props: ['title', 'subject', 'keywords', 'category'],
  customitem: ['key', 'value'],
};

export interface FakeSheetSetup {
  name: string;
  values?: readonly (readonly unknown[])[];
  /** Table names (placed at A1:B2, A4:B5, …) or names with their range. */
  tables?: readonly (string | { name: string; address: string })[];
  charts?: readonly string[];
}

export interface ExcelFakeOptions {
  /** The manifest's declared ExcelApi minimum (members above it must be guarded). */
  manifest?: string;
  /** The highest ExcelApi version the simulated host supports. */
  host?: string;
  /** How formula cells read back: HyperFormula over the whole state by default; null reads them as 0. */
  evaluate?: Evaluate | null;
}

const version = (v: string) => v.split('.').map(Number).reduce((a, b) => a * 1000 + b, 0);

export class ExcelFake {
  readonly state: WorkbookState = { sheets: [], names: [], tables: [], charts: [], properties: {}, custom: new Map(), nextId: 1 };
  readonly requests: FakeRequest[] = [];
  runs = 0;
  failAt?: InjectedFailure;
  readonly manifest: string;
  readonly host: string;
  evaluate?: Evaluate;
  /** Bumped whenever the state may have changed (a sync, a direct set-up). */
  revision = 0;
  private pending: Queued[] = [];
  private responseBytes = 0;
  private guarded = 0;
  private nextSyncIndex = 0;

  constructor(options: ExcelFakeOptions = {}) {
    this.manifest = options.manifest ?? '1.9';
    this.host = options.host ?? '1.17';
    this.evaluate = options.evaluate === undefined ? evaluatorFor() : (options.evaluate ?? undefined);
  }

  /** A fake holding a copy of `state` (a workbook set up once, clicked on many times). */
  static from(state: WorkbookState, options: ExcelFakeOptions = {}): ExcelFake {
    const fake = new ExcelFake(options);
    Object.assign(fake.state, cloneState(state));
    fake.revision++;
    return fake;
  }

  get syncs(): number {
    return this.requests.length;
  }

  ops(): Op[] {
    return this.requests.flatMap((r) => r.ops);
  }

  /** A copy of the workbook state (to compare before and after a click). */
  snapshot(): WorkbookState {
    return cloneState(this.state);
  }

  // ---- direct set-up (not through the API): a workbook as the user left it ----

  addSheet(name: string, values: readonly (readonly unknown[])[] = []): SheetState {
    checkSheetName(this.state, name);
    this.revision++;
    const sheet = emptySheet(this.state.nextId++, name);
    this.state.sheets.push(sheet);
    if (values.length > 0) {
      const width = Math.max(1, ...values.map((r) => r.length));
      const grid = values.map((r) => Array.from({ length: width }, (_, i) => (r[i] === undefined || r[i] === null ? null : r[i])));
      writeCells(sheet, { r1: 1, c1: 1, r2: values.length, c2: width }, grid.map((r) => r.map((v) => (typeof v === 'string' && !v.startsWith("'") ? `'${v}` : v))), 'values', 'setup');
    }
    return sheet;
  }

  /** The user protected the workbook's structure (Review → Protect Workbook), with or without a password. */
  protectStructure(password?: string): void {
    this.revision++;
    this.state.protection = password === undefined ? {} : { password };
  }

  addName(name: string, formula: string): void {
    this.revision++;
    this.state.names.push({ name, formula });
  }

  /** A table the user (or an earlier version) left on a sheet. */
  addTable(sheet: string, name: string, address: string, style = 'TableStyleMedium2'): void {
    const s = this.state.sheets.find((x) => x.name === sheet)!;
    checkDefinedName(this.state, name);
    this.revision++;
    this.state.tables.push({ id: this.state.nextId++, name, sheetId: s.id, rect: parseRect(address), style, hasHeaders: true });
  }

  /** A chart already on a sheet (a column chart of `source`). */
  addChart(sheet: string, name: string, source = 'A1:A2'): void {
    const s = this.state.sheets.find((x) => x.name === sheet)!;
    this.revision++;
    this.state.charts.push({ id: this.state.nextId++, name, sheetId: s.id, type: 'ColumnClustered', series: [{ values: `${sheet}!${source}`, format: {} }], props: {} });
  }

  /** A workbook as the user left it: sheets (values, tables, charts) and workbook names. */
  static with(sheets: readonly FakeSheetSetup[], names: readonly { name: string; formula: string }[] = [], options: ExcelFakeOptions = {}): ExcelFake {
    const fake = new ExcelFake(options);
    for (const s of sheets) {
      fake.addSheet(s.name, s.values ?? []);
      (s.tables ?? []).forEach((t, i) => (typeof t === 'string' ? fake.addTable(s.name, t, `A${1 + i * 3}:B${2 + i * 3}`) : fake.addTable(s.name, t.name, t.address)));
      for (const c of s.charts ?? []) fake.addChart(s.name, c);
    }
    for (const n of names) fake.addName(n.name, n.formula);
    return fake;
  }

  readonly run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    this.runs++;
    this.guarded = 0;
    const g = globalThis as Record<string, unknown>;
    const hadOffice = 'Office' in g;
    const before = g.Office;
    g.Office = {
      context: {
        requirements: {
          isSetSupported: (set: string, v?: string) => {
            if (set !== 'ExcelApi') return false;
            const ok = version(v ?? '1.1') <= version(this.host);
            if (ok) this.guarded = Math.max(this.guarded, version(v ?? '1.1'));
            return ok;
          },
        },
      },
    };
    const context = {
      workbook: this.node('workbook', 'workbook', () => this.state),
      application: this.node('application', 'application', () => this.state),
      sync: () => this.sync(),
    };
    try {
      return await batch(context as unknown as Excel.RequestContext);
    } finally {
      this.pending = [];
      if (hadOffice) g.Office = before;
      else delete g.Office;
    }
  };

  private async sync(): Promise<void> {
    const index = this.nextSyncIndex++;
    const queued = this.pending;
    this.pending = [];
    const ops: Op[] = queued.map(({ kind, path, value }) => (value === undefined ? { kind, path } : { kind, path, value }));
    const bytes = Buffer.byteLength(JSON.stringify(ops), 'utf8');
    const request: FakeRequest = { ops, bytes, responseBytes: 0 };
    this.requests.push(request);
    this.responseBytes = 0;
    if (bytes > MB5) throw new FakeOfficeError('RequestPayloadSizeLimitExceeded', `request of ${bytes} bytes`);
    const fail = this.failAt && this.failAt.sync === index ? this.failAt : undefined;
    const upTo = fail ? (fail.mode === 'midway' ? Math.floor(queued.length / 2) : 0) : queued.length;
    for (let i = 0; i < upTo; i++) {
      if (queued[i].kind !== 'load') this.revision++;
      queued[i].apply();
    }
    if (fail) throw new FakeOfficeError('GeneralException', `injected failure at sync ${index}`);
    request.responseBytes = this.responseBytes;
    if (this.responseBytes > MB5) throw new FakeOfficeError('ResponsePayloadSizeLimitExceeded', `response of ${this.responseBytes} bytes`);
  }

  // ---- the proxy object model ----

  private node(kind: NodeKind, path: string, resolve: () => unknown, prefix?: string): unknown {
    const n: Node = { kind, path, resolve, prefix, loaded: {}, kids: new Map() };
    n.proxy = new Proxy(() => undefined, {
      get: (_t, prop) => (typeof prop === 'symbol' || prop === 'then' || prop === 'toJSON' ? undefined : this.get(n, prop)),
      set: (_t, prop, value) => {
        this.set(n, String(prop), value);
        return true;
      },
    });
    NODE_OF.set(n.proxy as object, n);
    return n.proxy;
  }

  private queue(kind: Op['kind'], path: string, value: unknown, apply: () => void, member?: string): void {
    const need = member ? MEMBER_API[member] : undefined;
    if (need) {
      if (version(need) > version(this.host)) {
        this.pending.push({ kind, path, value, apply: () => { throw new FakeOfficeError('ApiNotFound', `${member} needs ExcelApi ${need}; the host has ${this.host}`, member); } });
        return;
      }
      if (version(need) > version(this.manifest) && this.guarded < version(need)) {
        throw new FakeOfficeError('ApiNotFound', `${member} needs ExcelApi ${need}, above the manifest's ${this.manifest}, and was not guarded by isSetSupported`, member);
      }
    }
    this.pending.push({ kind, path, value, apply });
  }

  private where(n: Node, member: string): string {
    return `${n.kind}.${member}`;
  }

  private get(n: Node, prop: string): unknown {
    if (prop === 'load') return (spec?: string | string[]) => this.load(n, spec);
    if (prop === 'isNullObject') {
      if (!('isNullObject' in n.loaded)) throw new FakeOfficeError('PropertyNotLoaded', `isNullObject of ${n.path} is not loaded`);
      return n.loaded.isNullObject;
    }
    if (prop === 'items') {
      if (!('items' in n.loaded)) throw new FakeOfficeError('PropertyNotLoaded', `items of ${n.path} are not loaded`);
      return n.loaded.items;
    }
    if (n.kids.has(prop)) return n.kids.get(prop);
    const child = this.child(n, prop);
    if (child !== undefined) {
      n.kids.set(prop, child);
      return child;
    }
    const method = this.method(n, prop);
    if (method) return method;
    if (LOADABLE[n.kind]?.includes(prop)) {
      if (!(prop in n.loaded)) throw new FakeOfficeError('PropertyNotLoaded', `${prop} of ${n.path} is not loaded: call load() and sync() first`);
      return n.loaded[prop];
    }
    throw new Error(`office fake: ${n.kind}.${prop} is not modelled`);
  }

  private sheetOf(n: Node): SheetState {
    const s = n.resolve() as SheetState;
    if (!s || !this.state.sheets.includes(s)) throw new FakeOfficeError('ItemNotFound', `${n.path}: the sheet no longer exists`);
    return s;
  }

  private rangeOf(n: Node): RangeTarget {
    const x = n.resolve() as RangeTarget | SheetState | undefined;
    if (!x) throw new FakeOfficeError('ItemNotFound', `${n.path}: no such object`);
    return 'rows' in x ? { sheet: x, rect: parseRect(undefined) } : x;
  }

  private rangeNode(path: string, resolve: () => RangeTarget): unknown {
    return this.node('range', path, resolve);
  }

  private child(n: Node, prop: string): unknown {
    const p = `${n.path}.${prop}`;
    switch (n.kind) {
      case 'workbook':
        if (prop === 'worksheets') return this.node('sheets', p, n.resolve);
        if (prop === 'names') return this.node('names', p, n.resolve);
        if (prop === 'properties') return this.node('props', p, n.resolve);
        if (prop === 'protection') return this.node('workbookProtection', p, n.resolve);
        if (prop === 'application') return this.node('application', p, n.resolve);
        return undefined;
      case 'sheet':
        if (prop === 'tables') return this.node('tables', p, n.resolve);
        if (prop === 'charts') return this.node('charts', p, n.resolve);
        if (prop === 'freezePanes') return this.node('freeze', p, n.resolve);
        if (prop === 'pageLayout') return this.node('layout', p, n.resolve);
        if (prop === 'protection') return this.node('protection', p, n.resolve);
        return undefined;
      case 'range':
      case 'used':
        if (prop === 'format') return this.node('format', p, n.resolve, '');
        if (prop === 'conditionalFormats') return this.node('cfs', p, n.resolve);
        if (prop === 'dataValidation') return this.node('dv', p, n.resolve);
        return undefined;
      case 'format':
        if (prop === 'font') return this.node('font', p, n.resolve, 'font.');
        if (prop === 'fill') return this.node('fill', p, n.resolve, 'fill.');
        if (prop === 'borders') return this.node('borders', p, n.resolve);
        return undefined;
      case 'cf':
        return prop === 'custom' ? this.node('cfcustom', p, n.resolve) : undefined;
      case 'cfcustom':
        if (prop === 'rule') return this.node('cfrule', p, n.resolve);
        if (prop === 'format') return this.node('cfformat', p, n.resolve);
        return undefined;
      case 'cfformat':
        if (prop === 'fill') return this.node('cffill', p, n.resolve, 'fill.');
        if (prop === 'font') return this.node('cffont', p, n.resolve, 'font.');
        return undefined;
      case 'chart':
        if (prop === 'title') return this.node('charttitle', p, n.resolve, 'title.');
        if (prop === 'legend') return this.node('legend', p, n.resolve, 'legend.');
        if (prop === 'series') return this.node('serieslist', p, n.resolve);
        if (prop === 'axes') return this.node('axes', p, n.resolve);
        return undefined;
      case 'axes':
        if (prop === 'valueAxis' || prop === 'categoryAxis') return this.node('axis', p, n.resolve, `axes.${prop}.`);
        return undefined;
      case 'axis':
        return prop === 'title' ? this.node('axistitle', p, n.resolve, `${n.prefix}title.`) : undefined;
      case 'series':
        if (prop === 'dataLabels') return this.node('datalabels', p, n.resolve, 'dataLabels.');
        return prop === 'format' ? this.node('seriesformat', p, n.resolve) : undefined;
      case 'seriesformat':
        if (prop === 'line') return this.node('seriesline', p, n.resolve, 'line.');
        if (prop === 'fill') return this.node('seriesfill', p, n.resolve, 'fill.');
        return undefined;
      case 'props':
        return prop === 'custom' ? this.node('custom', p, n.resolve) : undefined;
      default:
        return undefined;
    }
  }

  private method(n: Node, prop: string): ((...args: unknown[]) => unknown) | undefined {
    const p = `${n.path}.${prop}`;
    const call = (apply: (args: unknown[]) => void, member = `${n.kind}.${prop}`) => (...args: unknown[]) => {
      this.queue('call', p, args.map((a) => (typeof a === 'function' ? '[object]' : a)), () => apply(args), member);
      return undefined;
    };
    const k = n.kind;
    if (k === 'application' && prop === 'suspendApiCalculationUntilNextSync') return call(() => undefined);
    if (k === 'sheets') {
      if (prop === 'getItem' || prop === 'getItemOrNullObject') {
        return (name: unknown) => {
          const at = `${p}(${JSON.stringify(name)})`;
          return this.node('sheet', at, () => {
            const s = this.state.sheets.find((x) => x.name.toLowerCase() === String(name).toLowerCase());
            if (!s) throw new FakeOfficeError('ItemNotFound', `no sheet "${String(name)}"`, 'WorksheetCollection.getItem');
            return s;
          });
        };
      }
      if (prop === 'getActiveWorksheet') return () => this.node('sheet', `${p}()`, () => this.state.sheets.find((s) => s.visibility === 'Visible'));
      if (prop === 'add') {
        return (name: unknown) => {
          const id = this.state.nextId++;
          this.queue('call', p, [name], () => {
            this.structureGuard('WorksheetCollection.add');
            checkSheetName(this.state, String(name));
            this.state.sheets.push(emptySheet(id, String(name)));
          });
          return this.node('sheet', `${p}(${JSON.stringify(name)})`, () => this.state.sheets.find((s) => s.id === id));
        };
      }
    }
    if (k === 'sheet') {
      if (prop === 'getRange') {
        return (address?: unknown) => {
          const rect = parseRect(address === undefined ? undefined : String(address));
          return this.rangeNode(`${p}(${address === undefined ? '' : JSON.stringify(address)})`, () => ({ sheet: this.sheetOf(n), rect }));
        };
      }
      if (prop === 'getUsedRangeOrNullObject' || prop === 'getUsedRange') {
        return (valuesOnly?: unknown) => this.node('used', `${p}(${valuesOnly === undefined ? '' : JSON.stringify(valuesOnly)})`, () => ({ sheet: this.sheetOf(n), rect: usedRect(this.sheetOf(n)) }));
      }
      if (prop === 'delete') {
        return call(() => {
          const s = this.sheetOf(n);
          this.structureGuard('Worksheet.delete');
          if (this.state.sheets.filter((x) => x !== s && x.visibility === 'Visible').length === 0) throw new FakeOfficeError('InvalidOperation', 'a workbook keeps at least one visible sheet', 'Worksheet.delete');
          this.deleteSheet(s);
        });
      }
      if (prop === 'activate') return call(() => this.sheetOf(n));
      // Worksheet.copy (ExcelApi 1.10) is not modelled: the renderer does not copy sheets.
      if (prop === 'copy') return undefined;
    }
    if (k === 'freeze') {
      const set = (rows: number, columns: number) => {
        const s = this.sheetOf(n);
        s.freeze = rows === 0 && columns === 0 ? undefined : { rows, columns };
      };
      if (prop === 'freezeRows') return call((a) => set(Number(a[0] ?? 1), 0), 'freezePanes.freezeRows');
      if (prop === 'freezeColumns') return call((a) => set(0, Number(a[0] ?? 1)), 'freezePanes.freezeColumns');
      if (prop === 'freezeAt') {
        return (range: unknown) => {
          const target = nodeOf(range);
          this.queue('call', p, [target?.path ?? range], () => {
            const { rect } = this.rangeOf(target!);
            set(rect.r2, rect.c2);
          }, 'freezePanes.freezeAt');
        };
      }
      if (prop === 'unfreeze') return call(() => set(0, 0), 'freezePanes.freezeRows');
    }
    if (k === 'range' || k === 'used') {
      if (prop === 'merge') {
        return call((a) => {
          const { sheet, rect } = this.editable(n, 'Range.merge');
          if (this.state.tables.some((t) => t.sheetId === sheet.id && overlaps(t.rect, rect))) throw new FakeOfficeError('InvalidOperation', `cannot merge ${rectAddress(rect)} inside a table`, 'Range.merge');
          const rects = a[0] ? Array.from({ length: rect.r2 - rect.r1 + 1 }, (_, i) => ({ r1: rect.r1 + i, c1: rect.c1, r2: rect.r1 + i, c2: rect.c2 })) : [rect];
          for (const r of rects) {
            sheet.merges = sheet.merges.filter((m) => !overlaps(m, r));
            if (r.r1 !== r.r2 || r.c1 !== r.c2) sheet.merges.push({ ...r });
          }
        }, 'Range.merge');
      }
      if (prop === 'unmerge') {
        return call(() => {
          const { sheet, rect } = this.editable(n, 'Range.unmerge');
          sheet.merges = sheet.merges.filter((m) => !overlaps(m, rect));
        }, 'Range.unmerge');
      }
      if (prop === 'clear') {
        return call((a) => {
          const { sheet, rect } = this.editable(n, 'Range.clear');
          const what = String(a[0] ?? 'All');
          if (what === 'All' || what === 'Contents') this.tablesHeaderCheck(sheet, rect, what);
          clearCells(sheet, rect, what === 'All' || what === 'Contents', what === 'All' || what === 'Formats');
        });
      }
      if (prop === 'select') return call(() => this.rangeOf(n));
      if (prop === 'getCell') return undefined;
    }
    if (k === 'cfs') {
      if (prop === 'clearAll') {
        return call(() => {
          const { sheet, rect } = this.editable(n, 'ConditionalFormatCollection.clearAll');
          sheet.conditionalFormats = sheet.conditionalFormats.filter((c) => !overlaps(c.rect, rect));
        }, 'conditionalFormats');
      }
      if (prop === 'add') {
        return (type: unknown) => {
          const id = this.state.nextId++;
          this.queue('call', p, [type], () => {
            const { sheet, rect } = this.editable(n, 'ConditionalFormatCollection.add');
            if (type !== 'Custom') throw new Error(`office fake: conditional format ${String(type)} is not modelled`);
            sheet.conditionalFormats.push({ rect: { ...rect }, type: 'Custom', format: { id } });
          }, 'conditionalFormats');
          return this.node('cf', `${p}(${JSON.stringify(type)})`, () => {
            for (const s of this.state.sheets) for (const c of s.conditionalFormats) if (c.format.id === id) return c;
            throw new FakeOfficeError('ItemNotFound', 'conditional format gone');
          });
        };
      }
    }
    if (k === 'dv' && prop === 'clear') {
      return call(() => {
        const { sheet, rect } = this.editable(n, 'DataValidation.clear');
        sheet.validations = sheet.validations.filter((v) => !overlaps(v.rect, rect));
      }, 'dataValidation');
    }
    if (k === 'borders' && prop === 'getItem') return (edge: unknown) => this.node('border', `${p}(${JSON.stringify(edge)})`, n.resolve, `borders.${String(edge)}.`);
    if (k === 'tables') return this.tableMethod(n, prop, p);
    if (k === 'table') {
      if (prop === 'delete') return call(() => (this.state.tables = this.state.tables.filter((t) => t !== this.tableOf(n))));
      if (prop === 'resize') {
        return call((a) => {
          const t = this.tableOf(n);
          const rect = parseRect(String(nodeOf(a[0])?.path ?? a[0]));
          if (rect.r1 !== t.rect.r1 || !overlaps(rect, t.rect)) throw new FakeOfficeError('InvalidArgument', `resize ${rectAddress(rect)}: the header row must stay where it is`, 'Table.resize');
          this.checkTableArea(this.state.sheets.find((s) => s.id === t.sheetId)!, rect, t);
          t.rect = rect;
        }, 'table.resize');
      }
      if (prop === 'getRange') return () => this.rangeNode(`${p}()`, () => { const t = this.tableOf(n); return { sheet: this.state.sheets.find((s) => s.id === t.sheetId)!, rect: t.rect }; });
    }
    if (k === 'charts') return this.chartsMethod(n, prop, p);
    if (k === 'chart') {
      if (prop === 'delete') return call(() => (this.state.charts = this.state.charts.filter((c) => c !== this.chartOf(n))));
      if (prop === 'setPosition') return call((a) => (this.chartOf(n).props.position = `${String(a[0])}:${String(a[1] ?? a[0])}`));
    }
    if (k === 'serieslist') {
      if (prop === 'getItemAt') {
        return (i: unknown) => this.node('series', `${p}(${JSON.stringify(i)})`, () => {
          const s = this.chartOf(n).series[Number(i)];
          if (!s) throw new FakeOfficeError('InvalidArgument', `no series ${String(i)}`, 'ChartSeriesCollection.getItemAt');
          return s;
        });
      }
      if (prop === 'add') {
        return (name: unknown) => {
          const holder: { s?: object } = {};
          this.queue('call', p, [name], () => {
            const s = { name: name === undefined ? undefined : String(name), format: {} };
            this.chartOf(n).series.push(s);
            holder.s = s;
          }, 'series.add');
          return this.node('series', `${p}(${JSON.stringify(name)})`, () => holder.s);
        };
      }
    }
    if (k === 'series') {
      const bind = (key: 'values' | 'xValues') => (range: unknown) => {
        const target = nodeOf(range);
        this.queue('call', p, [target?.path], () => {
          const { sheet, rect } = this.rangeOf(target!);
          (n.resolve() as { values?: string; xValues?: string })[key] = `${sheet.name}!${rectAddress(rect)}`;
        }, `series.${prop}`);
      };
      if (prop === 'setValues') return bind('values');
      if (prop === 'setXAxisValues') return bind('xValues');
    }
    if (k === 'fill' && prop === 'clear') return call(() => { const { sheet, rect } = this.editable(n, 'RangeFill.clear'); addFormat(sheet, rect, 'fill.color', undefined); }, 'format');
    if (k === 'seriesfill' && prop === 'setSolidColor') return call((a) => ((n.resolve() as { format: Record<string, unknown> }).format['fill.color'] = a[0]));
    if (k === 'layout') {
      if (prop === 'setPrintArea') return call((a) => (this.editable(n, 'PageLayout.setPrintArea').sheet.layout.printArea = String(nodeOf(a[0])?.path ?? a[0])), 'pageLayout');
      if (prop === 'setPrintTitleRows') return call((a) => (this.editable(n, 'PageLayout.setPrintTitleRows').sheet.layout.printTitleRows = String(a[0])), 'pageLayout.setPrintTitleRows');
    }
    if (k === 'protection') {
      if (prop === 'protect') {
        return call((a) => {
          const s = this.sheetOf(n);
          if (s.protection) throw new FakeOfficeError('AccessDenied', `"${s.name}" is protected already`, 'WorksheetProtection.protect');
          s.protection = { options: { ...PROTECTION_DEFAULTS, ...((a[0] as object | undefined) ?? {}) }, ...(a[1] !== undefined && a[1] !== null ? { password: String(a[1]) } : {}) };
        }, 'protection.protect');
      }
      if (prop === 'unprotect') {
        return call((a) => {
          const s = this.sheetOf(n);
          if (!s.protection) throw new FakeOfficeError('AccessDenied', `"${s.name}" is not protected`, 'WorksheetProtection.unprotect');
          if ((s.protection.password ?? undefined) !== (a[0] === undefined ? undefined : String(a[0]))) throw new FakeOfficeError('InvalidArgument', 'wrong password', 'WorksheetProtection.unprotect');
          s.protection = undefined;
        }, 'protection.unprotect');
      }
    }
    if (k === 'workbookProtection') {
      // "Fails if the workbook has been protected" (WorkbookProtection.protect); refused as a protected sheet's protect is.
      if (prop === 'protect') {
        return call((a) => {
          if (this.state.protection) throw new FakeOfficeError('AccessDenied', 'the workbook is protected already', 'WorkbookProtection.protect');
          this.state.protection = a[0] !== undefined && a[0] !== null ? { password: String(a[0]) } : {};
        });
      }
      // Lifting an unprotected workbook's protection is not documented to fail: nothing happens.
      if (prop === 'unprotect') {
        return call((a) => {
          if (!this.state.protection) return;
          if ((this.state.protection.password ?? undefined) !== (a[0] === undefined || a[0] === null ? undefined : String(a[0]))) throw new FakeOfficeError('InvalidArgument', 'wrong password', 'WorkbookProtection.unprotect');
          this.state.protection = undefined;
        });
      }
    }
    if (k === 'names') {
      if (prop === 'add') {
        return call((a) => {
          const name = String(a[0]);
          const target = nodeOf(a[1]);
          let formula: string;
          if (target) {
            const { sheet, rect } = this.rangeOf(target);
            formula = `='${sheet.name.replace(/'/g, "''")}'!${absolute(rect)}`;
          } else formula = String(a[1]);
          if (!formula.startsWith('=')) throw new FakeOfficeError('InvalidArgument', `reference ${formula}`, 'NamedItemCollection.add');
          checkDefinedName(this.state, name);
          this.state.names.push({ name, formula, ...(a[2] !== undefined ? { comment: String(a[2]) } : {}) });
        }, 'names.add');
      }
      if (prop === 'getItem' || prop === 'getItemOrNullObject') {
        return (name: unknown) =>
          this.node('name', `${p}(${JSON.stringify(name)})`, () => {
            const found = this.state.names.find((x) => x.name.toLowerCase() === String(name).toLowerCase());
            if (!found) throw new FakeOfficeError('ItemNotFound', `no name "${String(name)}"`, 'NamedItemCollection.getItem');
            return found;
          });
      }
    }
    if (k === 'name' && prop === 'delete') return call(() => { const item = n.resolve(); this.state.names = this.state.names.filter((x) => x !== item); }, 'name.delete');
    if (k === 'custom') {
      if (prop === 'add') {
        return call((a) => {
          const key = String(a[0]);
          if (key.length === 0 || key.length > 255) throw new FakeOfficeError('InvalidArgument', `custom property key "${key}"`, 'CustomPropertyCollection.add');
          this.state.custom.set(key, String(a[1]));
        }, 'properties');
      }
      if (prop === 'getItemOrNullObject') {
        return (key: unknown) => this.node('customitem', `${p}(${JSON.stringify(key)})`, () => ({ key: String(key) }));
      }
    }
    if (k === 'customitem' && prop === 'delete') return call(() => this.state.custom.delete((n.resolve() as { key: string }).key), 'properties');
    return undefined;
  }

  private tableMethod(n: Node, prop: string, p: string): ((...args: unknown[]) => unknown) | undefined {
    if (prop === 'getItem') {
      return (name: unknown) => this.node('table', `${p}(${JSON.stringify(name)})`, () => {
        const t = this.state.tables.find((x) => x.name.toLowerCase() === String(name).toLowerCase());
        if (!t) throw new FakeOfficeError('ItemNotFound', `no table "${String(name)}"`, 'TableCollection.getItem');
        return t;
      });
    }
    if (prop === 'add') {
      return (address: unknown, hasHeaders: unknown) => {
        const id = this.state.nextId++;
        this.queue('call', p, [nodeOf(address)?.path ?? address, hasHeaders], () => {
          const sheet = this.sheetOf(n);
          this.guard(sheet, 'TableCollection.add');
          const rect = parseRect(String(address));
          this.checkTableArea(sheet, rect);
          let k = 1;
          while (this.state.tables.some((t) => t.name === `Table${k}`) || this.state.names.some((x) => x.name === `Table${k}`)) k++;
          this.state.tables.push({ id, name: `Table${k}`, sheetId: sheet.id, rect, style: 'TableStyleMedium2', hasHeaders: Boolean(hasHeaders) });
        });
        return this.node('table', `${p}(${JSON.stringify(address)})`, () => this.state.tables.find((t) => t.id === id));
      };
    }
    return undefined;
  }

  private chartsMethod(n: Node, prop: string, p: string): ((...args: unknown[]) => unknown) | undefined {
    if (prop === 'getItem') {
      return (name: unknown) => this.node('chart', `${p}(${JSON.stringify(name)})`, () => {
        const sheet = this.sheetOf(n);
        const c = this.state.charts.find((x) => x.sheetId === sheet.id && x.name === String(name));
        if (!c) throw new FakeOfficeError('ItemNotFound', `no chart "${String(name)}"`, 'ChartCollection.getItem');
        return c;
      });
    }
    if (prop === 'add') {
      return (type: unknown, source: unknown, seriesBy: unknown) => {
        const id = this.state.nextId++;
        const target = nodeOf(source);
        this.queue('call', p, [type, target?.path ?? source, seriesBy], () => {
          const sheet = this.sheetOf(n);
          this.guard(sheet, 'ChartCollection.add');
          if (!CHART_TYPES.has(String(type))) throw new FakeOfficeError('InvalidArgument', `chart type ${String(type)}`, 'ChartCollection.add');
          const { sheet: from, rect } = this.rangeOf(target!);
          const cols = rect.c2 - rect.c1 + 1;
          if (cols !== 1 && seriesBy !== 'Rows') throw new Error('office fake: multi-column chart sources are not modelled');
          let k = 1;
          while (this.state.charts.some((c) => c.sheetId === sheet.id && c.name === `图表 ${k}`)) k++;
          this.state.charts.push({ id, name: `图表 ${k}`, sheetId: sheet.id, type: String(type), series: [{ values: `${from.name}!${rectAddress(rect)}`, format: {} }], props: {} });
        });
        return this.node('chart', `${p}(${JSON.stringify(type)})`, () => this.state.charts.find((c) => c.id === id));
      };
    }
    return undefined;
  }

  private tableOf(n: Node): TableState {
    const t = n.resolve() as TableState;
    if (!t || !this.state.tables.includes(t)) throw new FakeOfficeError('ItemNotFound', `${n.path}: no such table`);
    this.guard(this.state.sheets.find((s) => s.id === t.sheetId)!, 'Table');
    return t;
  }

  private chartOf(n: Node): ChartState {
    const c = n.resolve() as ChartState;
    if (!c || !this.state.charts.includes(c)) throw new FakeOfficeError('ItemNotFound', `${n.path}: no such chart`);
    this.guard(this.state.sheets.find((s) => s.id === c.sheetId)!, 'Chart');
    return c;
  }

  /**
   * Changes of the workbook's structure (a sheet added, deleted, renamed, moved, hidden or shown) are
   * refused while it is protected, as Excel refuses them. Excel's documented codes say AccessDenied
   * ("You cannot perform the requested operation"), the code it gives edits of a protected sheet (the
   * code Excel gives here is not documented). A tab's colour is refused too, conservatively: it is set
   * on the tab, and Office.js does not say whether Excel allows it with the structure locked, so a
   * renderer that recolours a tab it refreshes in such a workbook is caught.
   */
  private structureGuard(where: string): void {
    if (this.state.protection) throw new FakeOfficeError('AccessDenied', "the workbook's structure is protected", where);
  }

  /** Edits of a protected sheet are refused, as Excel refuses them. */
  private guard(sheet: SheetState, where: string): void {
    if (sheet.protection) throw new FakeOfficeError('AccessDenied', `"${sheet.name}" is protected`, where);
  }

  private editable(n: Node, where: string): RangeTarget {
    const t = this.rangeOf(n);
    if (!this.state.sheets.includes(t.sheet)) throw new FakeOfficeError('ItemNotFound', `${n.path}: the sheet no longer exists`, where);
    this.guard(t.sheet, where);
    return t;
  }

  private tablesHeaderCheck(_sheet: SheetState, _rect: Rect, _what: string): void {
    // Excel keeps a table's header cells non-empty; clearing them renames the columns. Not modelled.
  }

  private checkTableArea(sheet: SheetState, rect: Rect, self?: TableState): void {
    for (const t of this.state.tables) {
      if (t !== self && t.sheetId === sheet.id && overlaps(t.rect, rect)) throw new FakeOfficeError('InvalidArgument', `a table cannot overlap table ${t.name} (${rectAddress(t.rect)})`, 'TableCollection.add');
    }
    if (sheet.merges.some((m) => overlaps(m, rect))) throw new FakeOfficeError('InvalidOperation', `a table cannot contain merged cells (${rectAddress(rect)})`, 'TableCollection.add');
  }

  private deleteSheet(s: SheetState): void {
    this.state.sheets = this.state.sheets.filter((x) => x !== s);
    this.state.tables = this.state.tables.filter((t) => t.sheetId !== s.id);
    this.state.charts = this.state.charts.filter((c) => c.sheetId !== s.id);
    for (const name of this.state.names) {
      if (sheetOfFormula(name.formula)?.toLowerCase() === s.name.toLowerCase()) name.formula = name.formula.replace(/^=?(?:'(?:[^']|'')+'|[^!'=]+)!/, '=#REF!');
    }
  }

  private set(n: Node, prop: string, value: unknown): void {
    const p = `${n.path}.${prop}`;
    const set = (apply: () => void, member = `${n.kind}.${prop}`) => this.queue('set', p, value, apply, member);
    switch (n.kind) {
      case 'sheet':
        if (prop === 'name') {
          return set(() => {
            const s = this.sheetOf(n);
            this.structureGuard('Worksheet.name');
            checkSheetName(this.state, String(value), s);
            for (const name of this.state.names) if (sheetOfFormula(name.formula) === s.name) name.formula = name.formula.replace(/^=?(?:'(?:[^']|'')+'|[^!'=]+)!/, `='${String(value).replace(/'/g, "''")}'!`);
            s.name = String(value);
          });
        }
        if (prop === 'visibility') {
          return set(() => {
            const s = this.sheetOf(n);
            this.structureGuard('Worksheet.visibility');
            if (value !== 'Visible' && this.state.sheets.filter((x) => x !== s && x.visibility === 'Visible').length === 0) throw new FakeOfficeError('InvalidOperation', 'a workbook keeps at least one visible sheet', 'Worksheet.visibility');
            s.visibility = value as SheetState['visibility'];
          }, 'sheet.visibility');
        }
        if (prop === 'tabColor') {
          return set(() => {
            const s = this.sheetOf(n);
            this.structureGuard('Worksheet.tabColor');
            s.tabColor = String(value);
          }, 'sheet.tabColor');
        }
        if (prop === 'position') {
          return set(() => {
            const s = this.sheetOf(n);
            this.structureGuard('Worksheet.position');
            const rest = this.state.sheets.filter((x) => x !== s);
            rest.splice(Math.max(0, Math.min(rest.length, Number(value))), 0, s);
            this.state.sheets = rest;
          });
        }
        break;
      case 'range':
      case 'used':
        if (prop === 'values' || prop === 'formulas' || prop === 'numberFormat') {
          return set(() => {
            const { sheet, rect } = this.editable(n, `Range.${prop}`);
            writeCells(sheet, rect, value, prop, `Range.${prop} ${sheet.name}!${rectAddress(rect)}`);
          }, 'range.values');
        }
        if (prop === 'columnHidden') {
          return set(() => {
            const { sheet, rect } = this.editable(n, 'Range.columnHidden');
            for (let c = rect.c1; c <= rect.c2; c++) if (value) sheet.hiddenColumns.add(c);
            else sheet.hiddenColumns.delete(c);
          }, 'range.columnHidden');
        }
        break;
      case 'format':
        if (prop === 'columnWidth') {
          return set(() => {
            const { sheet, rect } = this.editable(n, 'RangeFormat.columnWidth');
            for (let c = rect.c1; c <= rect.c2; c++) sheet.columnWidths.set(c, Number(value));
          }, 'format.columnWidth');
        }
        if (prop === 'rowHeight') {
          return set(() => {
            const { sheet, rect } = this.editable(n, 'RangeFormat.rowHeight');
            for (let r = rect.r1; r <= rect.r2; r++) sheet.rowHeights.set(r, Number(value));
          }, 'format.rowHeight');
        }
        if (['horizontalAlignment', 'verticalAlignment', 'wrapText'].includes(prop)) return this.formatSet(n, prop, value, p);
        break;
      case 'font':
      case 'fill':
      case 'border':
        if (LOADABLE[n.kind]!.includes(prop)) return this.formatSet(n, prop, value, p);
        break;
      case 'cfrule':
        if (prop === 'formula') return set(() => ((n.resolve() as { formula?: string }).formula = String(value)), 'conditionalFormats');
        break;
      case 'cffill':
      case 'cffont':
        return set(() => ((n.resolve() as { format: Record<string, unknown> }).format[`${n.prefix}${prop}`] = value), 'conditionalFormats');
      case 'dv':
        if (['rule', 'ignoreBlanks', 'errorAlert', 'prompt'].includes(prop)) {
          return set(() => {
            const { sheet, rect } = this.editable(n, `DataValidation.${prop}`);
            if (prop === 'rule') checkRule(value);
            let v = sheet.validations.find((x) => x.rect.r1 === rect.r1 && x.rect.c1 === rect.c1 && x.rect.r2 === rect.r2 && x.rect.c2 === rect.c2);
            if (!v) {
              if (sheet.validations.some((x) => overlaps(x.rect, rect))) throw new FakeOfficeError('InvalidOperation', `${rectAddress(rect)} has another validation: clear it first`, 'DataValidation');
              v = { rect: { ...rect } };
              sheet.validations.push(v);
            }
            (v as unknown as Record<string, unknown>)[prop] = structuredClone(value);
          }, 'dataValidation');
        }
        break;
      case 'table':
        if (prop === 'name') return set(() => { const t = this.tableOf(n); checkDefinedName(this.state, String(value), t); t.name = String(value); });
        if (prop === 'style') return set(() => (this.tableOf(n).style = String(value)));
        break;
      case 'charttitle':
      case 'legend':
      case 'axis':
      case 'axistitle':
        return set(() => (this.chartOf(n).props[`${n.prefix}${prop}`] = value), n.kind === 'axis' ? `axis.${prop}` : undefined);
      case 'series':
        if (prop === 'name') return set(() => ((n.resolve() as { name?: string }).name = String(value)));
        if (prop === 'chartType') {
          return set(() => {
            if (!CHART_TYPES.has(String(value))) throw new FakeOfficeError('InvalidArgument', `chart type ${String(value)}`, 'ChartSeries.chartType');
            (n.resolve() as SeriesState).format.chartType = value;
          }, 'series.chartType');
        }
        if (SERIES_PROPS.includes(prop)) return set(() => ((n.resolve() as SeriesState).format[prop] = value), `series.${prop}`);
        break;
      case 'datalabels':
        if (['showSeriesName', 'showValue', 'showCategoryName', 'showLegendKey', 'position'].includes(prop)) return set(() => ((n.resolve() as SeriesState).format[`${n.prefix}${prop}`] = value), 'series.dataLabels');
        break;
      case 'seriesline':
        return set(() => ((n.resolve() as { format: Record<string, unknown> }).format[`line.${prop}`] = value));
      case 'layout':
        return set(() => (this.editable(n, `PageLayout.${prop}`).sheet.layout[prop] = structuredClone(value)), 'pageLayout');
      case 'props':
        if (LOADABLE.props!.includes(prop)) return set(() => (this.state.properties[prop] = String(value)), 'properties');
        break;
      default:
        break;
    }
    throw new Error(`office fake: setting ${n.kind}.${prop} is not modelled`);
  }

  private formatSet(n: Node, prop: string, value: unknown, p: string): void {
    this.queue('set', p, value, () => {
      const { sheet, rect } = this.editable(n, `RangeFormat.${prop}`);
      addFormat(sheet, rect, `${n.prefix ?? ''}${prop}`, value);
    }, 'format');
  }

  private load(n: Node, spec?: string | string[] | Record<string, unknown>): unknown {
    const text = Array.isArray(spec) ? spec.join(',') : typeof spec === 'string' ? spec : '';
    const props = text.split(',').map((s) => s.trim()).filter(Boolean);
    // A loaded property above the host's or manifest's API set is refused like a set or call (e.g. NamedItem.formula, 1.7).
    const member = props.map((x) => `${n.kind}.${x.replace(/^items\//, '')}`).filter((m) => MEMBER_API[m]).sort((a, b) => version(MEMBER_API[b]) - version(MEMBER_API[a]))[0];
    this.queue('load', `${n.path}.load`, text || undefined, () => this.applyLoad(n, props), member);
    return n.proxy;
  }

  private respond(value: unknown): unknown {
    this.responseBytes += Buffer.byteLength(JSON.stringify(value ?? null), 'utf8');
    return value;
  }

  private applyLoad(n: Node, props: string[]): void {
    const items = (list: { node: unknown; loaded: Record<string, unknown> }[]) => {
      n.loaded.items = list.map((x) => x.node);
    };
    const itemProps = props.filter((p) => p.startsWith('items/')).map((p) => p.slice(6));
    const withItems = (kind: NodeKind, path: (x: never) => string, objects: unknown[], read: (x: never, prop: string) => unknown) => {
      items(
        objects.map((o) => {
          const node = this.node(kind, path(o as never), () => o);
          const inner = nodeOf(node)!;
          for (const p of itemProps) inner.loaded[p] = this.respond(read(o as never, p));
          return { node, loaded: inner.loaded };
        }),
      );
    };
    switch (n.kind) {
      case 'sheets':
        return withItems('sheet', (s: SheetState) => `${n.path}.getItem(${JSON.stringify(s.name)})`, this.state.sheets, (s: SheetState, p) => this.sheetProp(s, p));
      case 'names':
        return withItems('name', (x: { name: string }) => `${n.path}.getItem(${JSON.stringify(x.name)})`, this.state.names, (x: Record<string, unknown>, p) => x[p] ?? null);
      case 'tables': {
        const sheet = this.sheetOf(n);
        return withItems('table', (t: TableState) => `${n.path}.getItem(${JSON.stringify(t.name)})`, this.state.tables.filter((t) => t.sheetId === sheet.id), (t: Record<string, unknown>, p) => t[p]);
      }
      case 'charts': {
        const sheet = this.sheetOf(n);
        return withItems('chart', (c: ChartState) => `${n.path}.getItem(${JSON.stringify(c.name)})`, this.state.charts.filter((c) => c.sheetId === sheet.id), (c: Record<string, unknown>, p) => c[p]);
      }
      case 'custom':
        return withItems('customitem', (x: { key: string }) => `${n.path}.getItem(${JSON.stringify(x.key)})`, [...this.state.custom].map(([key, value]) => ({ key, value })), (x: Record<string, unknown>, p) => x[p]);
      default:
        break;
    }
    if (n.kind === 'customitem') {
      const key = (n.resolve() as { key: string }).key;
      n.loaded.isNullObject = !this.state.custom.has(key);
      for (const p of props.length > 0 ? props : ['key', 'value']) n.loaded[p] = this.respond(p === 'key' ? key : (this.state.custom.get(key) ?? null));
      return;
    }
    if (n.kind === 'used') {
      const { sheet, rect } = this.rangeOf(n);
      n.loaded.isNullObject = rect.r2 === 0;
      if (rect.r2 === 0) return;
      for (const p of props) n.loaded[p] = this.respond(this.rangeProp(sheet, rect, p));
      return;
    }
    const wanted = props.length > 0 ? props : (LOADABLE[n.kind] ?? []);
    for (const p of wanted) {
      if (!LOADABLE[n.kind]?.includes(p)) throw new Error(`office fake: loading ${n.kind}.${p} is not modelled`);
      n.loaded[p] = this.respond(this.readProp(n, p));
    }
  }

  private sheetProp(s: SheetState, p: string): unknown {
    if (p === 'position') return this.state.sheets.indexOf(s);
    if (p === 'id') return `{${s.id}}`;
    return (s as unknown as Record<string, unknown>)[p] ?? null;
  }

  private readProp(n: Node, p: string): unknown {
    switch (n.kind) {
      case 'sheet':
        return this.sheetProp(this.sheetOf(n), p);
      case 'range': {
        const { sheet, rect } = this.rangeOf(n);
        if (!this.state.sheets.includes(sheet)) throw new FakeOfficeError('ItemNotFound', `${n.path}: the sheet no longer exists`);
        return this.rangeProp(sheet, rect, p);
      }
      case 'format':
      case 'font':
      case 'fill':
      case 'border': {
        const { sheet, rect } = this.rangeOf(n);
        if (p === 'columnWidth') return sheet.columnWidths.get(rect.c1) ?? 48;
        if (p === 'rowHeight') return sheet.rowHeights.get(rect.r1) ?? 15;
        const v = uniformFormat(sheet, rect, `${n.prefix ?? ''}${p}`);
        return v === undefined ? (FORMAT_DEFAULTS[`${n.prefix ?? ''}${p}`] ?? FORMAT_DEFAULTS[p] ?? null) : v;
      }
      case 'protection': {
        const s = this.sheetOf(n);
        return p === 'options' ? { ...(s.protection?.options ?? PROTECTION_DEFAULTS) } : Boolean(s.protection);
      }
      case 'workbookProtection':
        return Boolean(this.state.protection);
      case 'props':
        return this.state.properties[p] ?? '';
      case 'table':
        return (this.tableOf(n) as unknown as Record<string, unknown>)[p];
      case 'name':
        return (n.resolve() as Record<string, unknown>)[p] ?? null;
      default:
        return (n.resolve() as Record<string, unknown>)[p];
    }
  }

  private rangeProp(sheet: SheetState, rect: Rect, p: string): unknown {
    if (p === 'address') return `${sheet.name}!${rectAddress(rect)}`;
    if (p === 'rowIndex') return rect.r1 - 1;
    if (p === 'columnIndex') return rect.c1 - 1;
    if (p === 'rowCount') return rect.r2 - rect.r1 + 1;
    if (p === 'columnCount') return rect.c2 - rect.c1 + 1;
    if ((rect.r2 - rect.r1 + 1) * (rect.c2 - rect.c1 + 1) > 5_000_000) throw new FakeOfficeError('ResponsePayloadSizeLimitExceeded', `${p} of ${rectAddress(rect)}`);
    const out: unknown[][] = [];
    for (let r = rect.r1; r <= rect.r2; r++) {
      const row: unknown[] = [];
      for (let c = rect.c1; c <= rect.c2; c++) {
        const cell = cellAt(sheet, r, c);
        if (p === 'numberFormat') row.push(cell?.nf ?? 'General');
        else if (p === 'formulas') row.push(cell?.f ?? cell?.v ?? '');
        else if (cell?.f !== undefined) row.push(this.evaluate ? this.evaluate(this.state, sheet.name, r, c, this.revision) : 0);
        else row.push(cell?.v ?? '');
      }
      out.push(row);
    }
    return out;
  }
}

// Proxies are functions; the node behind each is found through this map, filled by `node()`.
const NODE_OF = new WeakMap<object, Node>();

function nodeOf(x: unknown): Node | undefined {
  return typeof x === 'function' ? NODE_OF.get(x) : undefined;
}


function absolute(r: Rect): string {
  const a = `$${columnLetter(r.c1)}$${r.r1}`;
  const b = `$${columnLetter(r.c2)}$${r.r2}`;
  return a === b ? a : `${a}:${b}`;
}

function usedRect(sheet: SheetState): Rect {
  let r2 = 0;
  let c2 = 0;
  let r1 = Infinity;
  let c1 = Infinity;
  sheet.rows.forEach((line, i) => {
    line.forEach((cell, j) => {
      if (!cell || (cell.f === undefined && (cell.v === undefined || cell.v === ''))) return;
      r1 = Math.min(r1, i + 1);
      c1 = Math.min(c1, j + 1);
      r2 = Math.max(r2, i + 1);
      c2 = Math.max(c2, j + 1);
    });
  });
  return r2 === 0 ? { r1: 0, c1: 0, r2: 0, c2: 0 } : { r1, c1, r2, c2 };
}

function checkRule(rule: unknown): void {
  const list = (rule as { list?: { source?: unknown } })?.list;
  if (list && typeof list.source === 'string' && !list.source.startsWith('=') && list.source.length > 255) {
    throw new FakeOfficeError('InvalidArgument', `a list validation's inline source is ${list.source.length} characters (Excel allows 255)`, 'DataValidation.rule');
  }
}
