/**
 * One normalised workbook state from both renderers, to compare cell by cell: the stateful Office.js
 * fake's state, and an .xlsx written by the package editor. Representation is normalised away:
 * formulas without `=`/`_xlfn.`, `General` = no format, number formats compared only where a cell
 * holds a value or formula (Excel keeps a column's format per cell, the file on the column), dates
 * in validations as serials, a custom function as `CSAT.OVERALL` (the file's `_xldudf_CSAT_OVERALL`), formats on text ignored, list sources as their items, chart types in Office.js names, sheet
 * references unquoted, the file's `_xlnm.` print names left to the print tests.
 */
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { readWorkbook } from '../../src/host/xlsx/workbook';
import { child, children, parseXml, type XmlElement } from '../../src/host/xlsx/xml';
import { cellAt } from './office-cells';
import { rectAddress, type WorkbookState } from './office-state';
import { sheetCharts, validationsIn } from './xlsx';

export interface NormalCell {
  v?: string | number | boolean;
  f?: string;
  nf?: string;
}

export interface NormalSheet {
  name: string;
  cells: Record<string, NormalCell>;
  merges: string[];
  validations: string[];
  tables: string[];
  charts: string[];
}

export interface NormalWorkbook {
  sheets: NormalSheet[];
  names: Record<string, string>;
}

const formula = (f: string) =>
  f
    .replace(/^=/, '')
    .replace(/_xlfn\.|_xlws\./g, '')
    .replace(/_xldudf_([A-Z0-9]+)_([A-Z0-9_]+)\(/g, '$1.$2(');
const ref = (r: string) => r.replace(/^=/, '').replace(/\$/g, '').replace(/'((?:[^']|'')+)'!/g, (_m, s: string) => `${s.replace(/''/g, "'")}!`);
const serial = (iso: string) => (Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) - Date.UTC(1899, 11, 30)) / 86_400_000;
const dateOrNumber = (x: unknown) => (typeof x === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(x) ? serial(x) : Number(x));

function a1(r: number, c: number): string {
  return rectAddress({ r1: r, c1: c, r2: r, c2: c });
}

function put(cells: Record<string, NormalCell>, at: string, cell: NormalCell): void {
  const out: NormalCell = {};
  if (cell.f !== undefined) out.f = formula(cell.f);
  else if (cell.v !== undefined && cell.v !== '') out.v = cell.v;
  else return;
  // A number format shows on numbers and formulas only (text keeps its text unless the format is `@`).
  if (cell.nf && cell.nf !== 'General' && (typeof out.v !== 'string' || cell.nf === '@')) out.nf = cell.nf;
  cells[at] = out;
}

export function normalFromFake(state: WorkbookState): NormalWorkbook {
  const sheets = state.sheets.map((s): NormalSheet => {
    const cells: Record<string, NormalCell> = {};
    s.rows.forEach((line, i) => line.forEach((_c, j) => {
      const c = cellAt(s, i + 1, j + 1);
      if (c) put(cells, a1(i + 1, j + 1), c);
    }));
    const validations = s.validations.map((v) => {
      const rule = v.rule as { list?: { source: string }; date?: { formula1: string; formula2: string }; decimal?: { formula1: number; formula2: number } };
      const what = rule.list ? `list:${rule.list.source}` : rule.date ? `date:${dateOrNumber(rule.date.formula1)}-${dateOrNumber(rule.date.formula2)}` : `decimal:${Number(rule.decimal!.formula1)}-${Number(rule.decimal!.formula2)}`;
      return `${rectAddress(v.rect)}|${what}|blank=${v.ignoreBlanks !== false}`;
    });
    const tables = state.tables.filter((t) => t.sheetId === s.id).map((t) => `${t.name}|${rectAddress(t.rect)}|${t.style}`);
    const charts = state.charts
      .filter((c) => c.sheetId === s.id)
      .map((c) => `${c.type}|${String(c.props['title.text'] ?? '')}|${c.series.map((x) => `${x.name ?? ''}=${ref(x.values ?? '')}@${ref(x.xValues ?? '')}`).join(';')}`);
    return { name: s.name, cells, merges: s.merges.map(rectAddress).sort(), validations: validations.sort(), tables: tables.sort(), charts };
  });
  const names = Object.fromEntries(state.names.filter((n) => !n.name.startsWith('_xlnm.')).map((n) => [n.name, ref(n.formula)]).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { sheets, names };
}

const BUILTIN_FORMATS: Record<number, string> = { 0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 14: 'm/d/yyyy', 49: '@' };

function texts(el: XmlElement | undefined): string {
  if (!el) return '';
  if (el.local === 't') return el.text;
  return el.children.map(texts).join('');
}

/** A chart as one line; `cellText` resolves a series name the file takes from a cell (Office.js sets the text itself). */
function chartOf(xml: string, cellText: (ref: string) => string): string {
  const root = parseXml(xml, 'chart');
  const chart = child(root, 'chart')!;
  const plot = child(chart, 'plotArea')!;
  const kind = plot.children.find((c) => /Chart$/.test(c.local))!;
  const dir = child(kind, 'barDir')?.attrs.val;
  const grouping = child(kind, 'grouping')?.attrs.val;
  const type =
    kind.local === 'lineChart'
      ? 'Line'
      : kind.local === 'scatterChart'
        ? 'XYScatter'
        : `${dir === 'col' ? 'Column' : 'Bar'}${grouping === 'percentStacked' ? 'Stacked100' : grouping === 'stacked' ? 'Stacked' : 'Clustered'}`;
  const title = texts(child(chart, 'title'));
  const f = (el: XmlElement | undefined) => {
    const stack = el ? [el] : [];
    while (stack.length > 0) {
      const e = stack.pop()!;
      if (e.local === 'f') return ref(e.text);
      stack.push(...e.children);
    }
    return '';
  };
  const series = children(kind, 'ser').map((s) => {
    const tx = child(s, 'tx');
    const strRef = tx ? child(tx, 'strRef') : undefined;
    const cached = strRef ? texts(strRef.children.find((c) => c.local === 'strCache')) : '';
    const name = !tx ? '' : (child(tx, 'v')?.text ?? (cached || (strRef ? cellText(f(strRef)) : '')));
    // A scatter's series hold y values in yVal and x values in xVal; other charts val and cat.
    return `${name}=${f(child(s, 'val') ?? child(s, 'yVal'))}@${f(child(s, 'cat') ?? child(s, 'xVal'))}`;
  });
  return `${type}|${title}|${series.join(';')}`;
}

export async function normalFromXlsx(gw: XlsxGateway): Promise<NormalWorkbook> {
  const pkg = gw.pkg;
  const wb = await readWorkbook(pkg);
  const shared: string[] = [];
  if (wb.sharedStrings && pkg.has(wb.sharedStrings)) for (const si of children(parseXml(await pkg.text(wb.sharedStrings), 'sst'), 'si')) shared.push(texts(si));
  const xfFormats: string[] = [];
  if (wb.styles && pkg.has(wb.styles)) {
    const root = parseXml(await pkg.text(wb.styles), 'styles');
    const custom = new Map<number, string>();
    const numFmts = child(root, 'numFmts');
    for (const f of numFmts ? children(numFmts, 'numFmt') : []) custom.set(Number(f.attrs.numFmtId), f.attrs.formatCode ?? '');
    const xfs = child(root, 'cellXfs');
    for (const xf of xfs ? children(xfs, 'xf') : []) {
      const id = Number(xf.attrs.numFmtId ?? 0);
      xfFormats.push(custom.get(id) ?? BUILTIN_FORMATS[id] ?? `#${id}`);
    }
  }
  const sheets: NormalSheet[] = [];
  for (const entry of wb.sheets.filter((s) => s.kind === 'worksheet')) {
    const xml = await pkg.text(entry.part);
    const root = parseXml(xml, entry.part);
    const cells: Record<string, NormalCell> = {};
    for (const row of children(child(root, 'sheetData') ?? root, 'row')) {
      for (const c of children(row, 'c')) {
        const t = c.attrs.t;
        const f = child(c, 'f');
        const v = child(c, 'v')?.text;
        const nf = xfFormats[Number(c.attrs.s ?? 0)];
        let value: string | number | boolean | undefined;
        if (t === 'inlineStr') value = texts(child(c, 'is'));
        else if (t === 's') value = shared[Number(v)];
        else if (t === 'b') value = v === '1';
        else if (t === 'str' || t === 'e') value = v;
        else if (v !== undefined) value = Number(v);
        put(cells, c.attrs.r, f ? { f: `=${f.text}`, nf } : { v: value, nf });
      }
    }
    const merges = children(child(root, 'mergeCells') ?? root, 'mergeCell').map((m) => m.attrs.ref).sort();
    const validations = validationsIn(xml).map((v) => {
      const what =
        v.type === 'list'
          ? `list:${(v.formula1 ?? '').replace(/^"|"$/g, '')}`
          : `${v.type}:${dateOrNumber(v.formula1)}-${dateOrNumber(v.formula2)}`;
      return `${v.sqref}|${what}|blank=${v.attrs.allowBlank === '1' || v.attrs.allowBlank === 'true'}`;
    });
    const tables: string[] = [];
    for (const rel of await pkg.rels(entry.part)) {
      if (rel.external || !rel.type.endsWith('/table')) continue;
      const t = parseXml(await pkg.text(rel.target), rel.target);
      tables.push(`${t.attrs.name}|${t.attrs.ref}|${child(t, 'tableStyleInfo')?.attrs.name ?? ''}`);
    }
    const cellText = (r: string) => {
      const at = r.slice(r.lastIndexOf('!') + 1);
      const v = r.slice(0, r.lastIndexOf('!')) === entry.name ? cells[at]?.v : undefined;
      return v === undefined ? r : String(v);
    };
    const charts = [...(await sheetCharts(gw, entry.name)).values()].map((xml) => chartOf(xml, cellText));
    sheets.push({ name: entry.name, cells, merges, validations: validations.sort(), tables: tables.sort(), charts });
  }
  const names = Object.fromEntries(wb.names.filter((n) => n.localSheetId === undefined && !n.name.startsWith('_xlnm.')).map((n) => [n.name, ref(n.value)]).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { sheets, names };
}

/** The first differences between two normalised workbooks, as readable lines (empty when they agree). */
export function diffNormal(excel: NormalWorkbook, file: NormalWorkbook, limit = 12): string[] {
  const out: string[] = [];
  const add = (s: string) => out.length < limit && out.push(s);
  const en = excel.sheets.map((s) => s.name);
  const fn = file.sheets.map((s) => s.name);
  if (en.join('|') !== fn.join('|')) add(`sheets: Excel [${en.join(', ')}] vs file [${fn.join(', ')}]`);
  for (const e of excel.sheets) {
    const f = file.sheets.find((s) => s.name === e.name);
    if (!f) continue;
    const keys = [...new Set([...Object.keys(e.cells), ...Object.keys(f.cells)])];
    for (const k of keys) {
      const a = JSON.stringify(e.cells[k] ?? null);
      const b = JSON.stringify(f.cells[k] ?? null);
      if (a !== b) add(`${e.name}!${k}: Excel ${a} vs file ${b}`);
    }
    for (const part of ['merges', 'validations', 'tables', 'charts'] as const) {
      const a = e[part];
      const b = f[part];
      if (JSON.stringify(a) !== JSON.stringify(b)) {
        add(`${e.name} ${part}: Excel only [${a.filter((x) => !b.includes(x)).join(' ; ')}] file only [${b.filter((x) => !a.includes(x)).join(' ; ')}]`);
      }
    }
  }
  for (const k of new Set([...Object.keys(excel.names), ...Object.keys(file.names)])) {
    if (excel.names[k] !== file.names[k]) add(`name ${k}: Excel ${excel.names[k]} vs file ${file.names[k]}`);
  }
  return out;
}
