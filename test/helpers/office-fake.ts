/**
 * A recording fake of the Office.js Excel API: every property set and method call made on its proxy
 * objects is queued as it would be in Office.js, and each context.sync() sends the queue as one
 * "request" whose JSON bytes are measured. It keeps just enough workbook state (sheets with their
 * tables, charts and values; workbook names) to answer the loads our adapter makes. For the state
 * Excel would hold, and Excel's refusals, see the stateful fake (office-excel.ts).
 */
import type { CellValue } from '../../src/domain';
import { parseRange } from '../../src/plan';

export interface FakeSheet {
  name: string;
  tables?: string[];
  charts?: string[];
  values?: CellValue[][];
}

export interface FakeName {
  name: string;
  formula: string;
}

export interface Op {
  kind: 'set' | 'call' | 'load';
  path: string;
  value?: unknown;
}

export interface FakeRequest {
  ops: Op[];
  /** UTF-8 bytes of the request's JSON. */
  bytes: number;
  /** UTF-8 bytes of the values it loaded back. */
  responseBytes: number;
}

type Meta =
  | { kind: 'sheet'; sheet: FakeSheet }
  | { kind: 'range'; sheet: FakeSheet; address: string }
  | { kind: 'used'; sheet: FakeSheet }
  | { kind: 'name'; name: FakeName }
  | { kind: 'item'; name: string }
  | { kind: 'collection'; of: 'tables' | 'charts'; sheet: FakeSheet }
  | { kind: 'none' };

export class OfficeFake {
  readonly requests: FakeRequest[] = [];
  private pending: Op[] = [];
  private responseBytes = 0;
  runs = 0;

  constructor(
    public sheets: FakeSheet[] = [],
    public names: FakeName[] = [],
  ) {}

  get syncs(): number {
    return this.requests.length;
  }

  /** Every op sent so far. */
  ops(): Op[] {
    return this.requests.flatMap((r) => r.ops);
  }

  readonly run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    this.runs++;
    const context = {
      workbook: this.node('workbook', { kind: 'none' }),
      application: this.node('application', { kind: 'none' }),
      sync: async () => {
        const bytes = Buffer.byteLength(JSON.stringify(this.pending), 'utf8');
        this.requests.push({ ops: this.pending, bytes, responseBytes: this.responseBytes });
        this.pending = [];
        this.responseBytes = 0;
      },
    };
    return batch(context as unknown as Excel.RequestContext);
  };

  private sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  private rangeValues(sheet: FakeSheet, address: string): CellValue[][] {
    const { start, end } = parseRange(address);
    const out: CellValue[][] = [];
    for (let r = start.row; r <= end.row; r++) {
      const row = sheet.values?.[r - 1] ?? [];
      const cells: CellValue[] = [];
      for (let c = start.col; c <= end.col; c++) cells.push(row[c - 1] ?? '');
      out.push(cells);
    }
    this.responseBytes += Buffer.byteLength(JSON.stringify(out), 'utf8');
    return out;
  }

  private property(path: string, meta: Meta, prop: string): unknown {
    if (prop === 'load') {
      return (props?: unknown) => {
        this.pending.push({ kind: 'load', path, value: props });
        return this.node(path, meta);
      };
    }
    if (prop === 'items') {
      if (path.endsWith('worksheets')) return this.sheets.map((s) => this.node(`${path}.getItem(${JSON.stringify(s.name)})`, { kind: 'sheet', sheet: s }));
      if (path.endsWith('names')) return this.names.map((n) => this.node(`${path}.getItem(${JSON.stringify(n.name)})`, { kind: 'name', name: n }));
      if (meta.kind === 'collection') {
        return (meta.sheet[meta.of] ?? []).map((n) => this.node(`${path}.getItem(${JSON.stringify(n)})`, { kind: 'item', name: n }));
      }
    }
    // Loads the renderer makes to be able to undo (the stateful fake, office-excel.ts, models them for real).
    if (prop === 'items' && path.endsWith('.custom')) return [];
    if (prop === 'protected') return false;
    if (prop === 'comment') return null;
    if (prop === 'address') return meta.kind === 'range' ? `${meta.sheet.name}!${meta.address}` : 'Sheet!A1';
    if (prop === 'numberFormat' && meta.kind === 'range') return this.rangeValues(meta.sheet, meta.address).map((r) => r.map(() => 'General'));
    if (prop === 'isNullObject') return meta.kind === 'used' ? !meta.sheet.values || meta.sheet.values.length === 0 : false;
    if (prop === 'name') {
      if (meta.kind === 'sheet') return meta.sheet.name;
      if (meta.kind === 'name') return meta.name.name;
      if (meta.kind === 'item') return meta.name;
    }
    if (prop === 'formula' && meta.kind === 'name') return meta.name.formula;
    if (meta.kind === 'used') {
      const v = meta.sheet.values ?? [];
      if (prop === 'rowIndex' || prop === 'columnIndex') return 0;
      if (prop === 'rowCount') return v.length;
      if (prop === 'columnCount') return Math.max(0, ...v.map((r) => r.length));
    }
    if (prop === 'values' && meta.kind === 'range') return this.rangeValues(meta.sheet, meta.address);
    if ((prop === 'tables' || prop === 'charts') && meta.kind === 'sheet') return this.node(`${path}.${prop}`, { kind: 'collection', of: prop, sheet: meta.sheet });
    return this.node(`${path}.${prop}`, meta);
  }

  private call(path: string, meta: Meta, args: unknown[]): unknown {
    this.pending.push({ kind: 'call', path, value: args });
    const method = path.slice(path.lastIndexOf('.') + 1);
    const at = `${path}(${args.map((a) => JSON.stringify(a)).join(',')})`;
    if (path.endsWith('worksheets.add')) {
      const sheet: FakeSheet = { name: String(args[0]) };
      this.sheets.push(sheet);
      return this.node(at, { kind: 'sheet', sheet });
    }
    if (path.endsWith('worksheets.getItem')) {
      const sheet = this.sheet(String(args[0]));
      if (!sheet) throw new Error(`ItemNotFound: sheet ${String(args[0])}`);
      return this.node(at, { kind: 'sheet', sheet });
    }
    if (method === 'getRange' && meta.kind === 'sheet') return this.node(at, { kind: 'range', sheet: meta.sheet, address: String(args[0] ?? 'A1:XFD1048576') });
    if (method === 'getUsedRangeOrNullObject' && meta.kind === 'sheet') return this.node(at, { kind: 'used', sheet: meta.sheet });
    if (path.endsWith('names.add')) {
      this.names.push({ name: String(args[0]), formula: String(args[1]) });
      return this.node(at, { kind: 'none' });
    }
    if (path.endsWith('names.getItem')) {
      const name = this.names.find((n) => n.name === args[0]);
      return this.node(at, name ? { kind: 'name', name } : { kind: 'none' });
    }
    if (method === 'delete' && meta.kind === 'name') this.names = this.names.filter((n) => n !== meta.name);
    if (method === 'add' && meta.kind === 'collection') meta.sheet[meta.of] = [...(meta.sheet[meta.of] ?? []), `${meta.of}${(meta.sheet[meta.of]?.length ?? 0) + 1}`];
    return this.node(at, meta);
  }

  private node(path: string, meta: Meta): unknown {
    const handler: ProxyHandler<() => void> = {
      get: (_t, prop) => (typeof prop === 'symbol' || prop === 'then' ? undefined : this.property(path, meta, prop)),
      set: (_t, prop, value) => {
        this.pending.push({ kind: 'set', path: `${path}.${String(prop)}`, value });
        return true;
      },
      apply: (_t, _this, args) => this.call(path, meta, args),
    };
    return new Proxy(() => undefined, handler);
  }
}
