/**
 * 导入: an online questionnaire export appended to 调查数据 — mapping shown first, rows already
 * imported (same source and id / submit time) skipped and counted, nothing already in the sheet
 * changed, every value written as text or number exactly as exported (never as a formula).
 */
import {
  applySavedMapping,
  CsatError,
  problem,
  readerFor,
  autoMapping,
  detectFormat,
  exportLayout,
  formatName,
  ImportRefused,
  importRefusal,
  isBlank,
  normalizeLabel,
  savedMapping,
  convertExport,
  SURVEY_METHODS,
  TABLE_4_1,
  type ExportFormat,
  type ExportLayout,
  type Grid,
  type Target,
} from '../domain';
import { appendResponsesPlan, SOURCE_COLUMN, type ExcelGateway } from '../plan';
import { say } from './messages';
import { checkAborted, note, type JobNote } from './notes';
import { generateSurveyWorkbook } from './survey';
import { loadSurveyData } from './survey-data';

export interface ImportOptions {
  /** The parsed export (header row first). */
  grid: Grid;
  format?: ExportFormat | 'auto';
  /** A saved mapping: question text → item name, info column, or null to ignore. */
  mapping?: Readonly<Record<string, Target>>;
  /** Only work out the mapping and the counts; write nothing. */
  preview?: boolean;
  /** The export's file name, for messages. */
  fileName?: string;
  signal?: AbortSignal;
}

export interface ImportResult {
  format: ExportFormat;
  layout: ExportLayout;
  /** Question text → target, in column order (to show before anything is written, and to save). */
  mapping: Record<string, Target>;
  unmapped: string[];
  added: number;
  skipped: number;
  /** Export rows (1-based) skipped as already imported or repeated, shown before skipping. */
  duplicateRows: number[];
  undated: number[];
  notes: JobNote[];
}

export async function importExport(gateway: ExcelGateway, options: ImportOptions): Promise<ImportResult> {
  const format = !options.format || options.format === 'auto' ? detectFormat(options.grid[0] ?? []) : options.format;
  const layout = exportLayout(options.grid[0] ?? [], format);
  const notes: JobNote[] = [];
  let existing = await gateway.listSheets();
  if (!existing.some((s) => s.owner === 'responses') && !options.preview) {
    const created = await generateSurveyWorkbook(gateway, { signal: options.signal });
    notes.push(...created.notes);
    existing = await gateway.listSheets();
  }
  const data = existing.some((s) => s.owner === 'responses') ? await loadSurveyData(gateway) : undefined;
  const template = data?.template ?? TABLE_4_1;
  const mapping = options.mapping ? applySavedMapping(layout, options.mapping) : autoMapping(layout, template);
  const unmapped = layout.questions.filter((q) => !mapping.get(q.col)).map((q) => q.text);
  const { rows, undated, badMethods } = convertExport(options.grid, layout, mapping);

  // Skip what is already in the sheet (by 来源编号), and repeats within the file.
  const seen = new Set((data?.set.records ?? []).map((r) => normalizeLabel(r.fields[SOURCE_COLUMN] ?? '')).filter((k) => k !== ''));
  const duplicateRows: number[] = [];
  const fresh = rows.filter((r) => {
    const k = normalizeLabel(r.key);
    if (seen.has(k)) {
      duplicateRows.push(r.row);
      return false;
    }
    seen.add(k);
    return true;
  });
  const skipped = rows.length - fresh.length;
  const result: ImportResult = { format, layout, mapping: savedMapping(layout, mapping), unmapped, added: 0, skipped, duplicateRows, undated, notes };
  if (options.preview || !data) return result;
  // Refuse what would import nothing real: no question mapped to an item, or no answer at all.
  const file = options.fileName ?? formatName(format);
  const itemNames = new Set(template.items.map((i) => i.name));
  if (![...mapping.values()].some((t) => t && itemNames.has(t))) throw new CsatError(problem('import-no-items', { file }));
  const reader = readerFor(template);
  const answered = rows.some((r) => template.items.some((it, i) => reader.code(r.values[it.name] ?? null, i) >= 0));
  if (!answered) throw new CsatError(problem('import-no-answers', { file }));
  const bad = badMethods[0];
  if (bad) throw new ImportRefused(importRefusal('import-bad-method', { file, row: bad.row, value: bad.value, methods: SURVEY_METHODS.join('、'), more: badMethods.length - 1 }));

  const sheet = data.source.sheet;
  const grid = data.grid;
  const header = (grid[0] ?? []).map((v) => (v === null || v === undefined ? '' : String(v)));
  const width = header.findIndex((h) => h.trim() === '');
  const tableHeader = width < 0 ? header : header.slice(0, width);
  // The first free row below the table's own columns (the live summary beside it does not count).
  let last = grid.length;
  while (last > 1 && (grid[last - 1] ?? []).slice(0, tableHeader.length).every(isBlank)) last--;
  checkAborted(options.signal);
  if (fresh.length > 0) await gateway.render({ sheets: [appendResponsesPlan(sheet, tableHeader, fresh.map((r) => r.values), last + 1)] });
  result.added = fresh.length;
  notes.push(note('info', say('import-done', { format: formatName(format), n: fresh.length, sheet, from: last + 1, skipped, rows: duplicateRows })));
  if (unmapped.length > 0) notes.push(note('warning', say('import-unmapped', { questions: unmapped })));
  if (undated.length > 0) notes.push(note('warning', say('import-undated', { rows: undated })));
  return result;
}
