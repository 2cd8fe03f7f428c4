/**
 * Online questionnaire exports → survey responses: recognising 问卷星, Microsoft Forms, 腾讯问卷 and
 * plain CSV by their header row, mapping questions to template items (by item name or alias found in
 * the question text), and converting rows. Pure: the bytes are decoded and parsed by a host reader.
 */
import { normalizeLabel, type CellValue, type Grid } from './cells';
import { parseDate } from './analysis/dates';
import type { Template } from './template';

export type ExportFormat = 'wjx' | 'forms' | 'tencent' | 'csv';
export const FORMATS: readonly ExportFormat[] = ['wjx', 'forms', 'tencent', 'csv'];
export const FORMAT_NAMES: Record<ExportFormat, string> = { wjx: '问卷星', forms: 'Microsoft Forms', tencent: '腾讯问卷', csv: 'CSV' };

/** What an imported answer can map to: an item, one of the info columns, or nothing. */
export interface ExportLayout {
  readonly format: ExportFormat;
  /** Column of the respondent id, the submit (completion) time, and for Forms the name. */
  readonly idCol?: number;
  readonly timeCol?: number;
  readonly questions: readonly { readonly col: number; readonly text: string }[];
}

const N = (v: CellValue) => normalizeLabel(v === null || v === undefined ? '' : String(v));

function has(head: string[], ...names: string[]): boolean {
  return names.every((n) => head.includes(normalizeLabel(n)));
}

/** Recognises the export by its header row; `csv` when it is none of the three. */
export function detectFormat(header: readonly CellValue[]): ExportFormat {
  const head = header.map(N);
  if (has(head, '序号', '提交答卷时间', '所用时间')) return 'wjx';
  if (has(head, 'ID', 'Start time', 'Completion time') || has(head, 'ID', '开始时间', '完成时间')) return 'forms';
  if (has(head, '编号', '开始答题时间', '结束答题时间')) return 'tencent';
  return 'csv';
}

const META: Record<ExportFormat, { id: string[]; time: string[]; skip: string[] }> = {
  wjx: { id: ['序号'], time: ['提交答卷时间'], skip: ['所用时间', '来源', '来源详情', '来自IP', '来自ip'] },
  forms: { id: ['ID'], time: ['Completion time', '完成时间'], skip: ['Start time', '开始时间', 'Email', '电子邮件', 'Name', '姓名', 'Last modified time', '上次修改时间'] },
  tencent: { id: ['编号'], time: ['结束答题时间'], skip: ['开始答题时间', '答题时长', '用户ID', '昵称', '来源', 'IP', '地理位置'] },
  csv: { id: ['编号', 'ID', '序号'], time: ['提交时间', '调查日期', '日期', '提交答卷时间'], skip: [] },
};

/** Strips the question numbering of each export: `3、` (问卷星), `3.` (腾讯问卷), `Q3.` */
export function questionText(header: string): string {
  return header.replace(/^\s*(Q?\d+)\s*[、.．:：)）]\s*/i, '').trim();
}

export function exportLayout(header: readonly CellValue[], format: ExportFormat = detectFormat(header)): ExportLayout {
  const head = header.map(N);
  const meta = META[format];
  const find = (names: string[]) => {
    const i = head.findIndex((h) => names.some((n) => normalizeLabel(n) === h));
    return i >= 0 ? i : undefined;
  };
  const idCol = find(meta.id);
  const timeCol = find(meta.time);
  const skip = new Set([idCol, timeCol, ...head.map((h, i) => (meta.skip.some((s) => normalizeLabel(s) === h) ? i : undefined))]);
  const questions = header
    .map((v, col) => ({ col, text: questionText(v === null || v === undefined ? '' : String(v)) }))
    .filter((q) => q.text !== '' && !skip.has(q.col));
  return { format, idCol, timeCol, questions };
}

export type Target = string | null;

/**
 * Question → target: an item whose name, alias or template question appears in the question text (the longest match
 * wins, so 服务态度 is not taken for 态度), or an info column named in it; unmatched questions map to
 * nothing and are listed.
 */
export function autoMapping(layout: ExportLayout, template: Template): Map<number, Target> {
  const keys: { key: string; target: string }[] = [];
  for (const it of template.items) for (const k of [it.name, ...it.aliases]) keys.push({ key: normalizeLabel(k), target: it.name });
  // The template's own question wording (a questionnaire built from 调查表 asks exactly that).
  for (const it of template.items) {
    const q = it.question?.replace(/[？?。.！!\s]+$/u, '');
    if (q) keys.push({ key: normalizeLabel(q), target: it.name });
  }
  const info: Record<string, string[]> = {
    客户名称: ['客户名称', '单位名称', '公司名称', '您的单位', '贵单位名称'],
    客户分组: ['客户分组', '客户类型', '行业'],
    项目名称: ['项目名称', '服务项目'],
    意见与建议: ['意见与建议', '意见和建议', '建议', '意见'],
  };
  for (const [target, words] of Object.entries(info)) for (const w of words) keys.push({ key: normalizeLabel(w), target });
  keys.sort((a, b) => b.key.length - a.key.length);
  const mapping = new Map<number, Target>();
  const used = new Set<string>();
  for (const q of layout.questions) {
    const text = normalizeLabel(q.text);
    const hit = keys.find((k) => text.includes(k.key) && !used.has(k.target));
    mapping.set(q.col, hit ? hit.target : null);
    if (hit) used.add(hit.target);
  }
  return mapping;
}

/** A saved mapping (question text → target) applied to this export's columns. */
export function applySavedMapping(layout: ExportLayout, saved: Readonly<Record<string, Target>>): Map<number, Target> {
  const byText = new Map(Object.entries(saved).map(([q, t]) => [normalizeLabel(questionText(q)), t]));
  return new Map(layout.questions.map((q) => [q.col, byText.get(normalizeLabel(q.text)) ?? null]));
}

export function savedMapping(layout: ExportLayout, mapping: ReadonlyMap<number, Target>): Record<string, Target> {
  return Object.fromEntries(layout.questions.map((q) => [q.text, mapping.get(q.col) ?? null]));
}

/** Microsoft Forms writes US dates (3/5/26 10:22 AM) in CSV; everything else is handled by parseDate. */
export function submitDate(value: CellValue, format: ExportFormat): string | undefined {
  if (format === 'forms' && typeof value === 'string') {
    const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})\b/.exec(value);
    if (m) return parseDate(`${m[3].length === 2 ? `20${m[3]}` : m[3]}-${m[1]}-${m[2]}`);
  }
  return parseDate(value);
}

/**
 * A short, stable fingerprint of an answer sheet's content (cyrb53, a 53-bit string hash): two teams'
 * exports with the same dates but different answers never share it; the same answers always do.
 */
export function contentFingerprint(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

export interface ImportedRow {
  /**
   * `问卷星#12 2026-03-05 10:22:01` when the export numbers its answer sheets, else
   * `CSV#内容 3f2a…` from the answers themselves — the same answer sheet always gives the same key.
   */
  readonly key: string;
  /** Row of the export (1-based, header = 1). */
  readonly row: number;
  /** Values by target: item names, info columns, 调查日期, 调查方式, 来源编号. */
  readonly values: Readonly<Record<string, CellValue>>;
}

/** The export's rows as responses; `(跳过)` (skipped) answers become blanks; text stays text. */
export function convertExport(grid: Grid, layout: ExportLayout, mapping: ReadonlyMap<number, Target>): { rows: ImportedRow[]; undated: number[] } {
  const rows: ImportedRow[] = [];
  const undated: number[] = [];
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r] ?? [];
    if (row.every((v) => N(v) === '')) continue;
    const id = layout.idCol === undefined ? '' : String(row[layout.idCol] ?? '').trim();
    const time = layout.timeCol === undefined ? '' : String(row[layout.timeCol] ?? '').trim();
    const values: Record<string, CellValue> = { 调查方式: '在线问卷' };
    const date = layout.timeCol === undefined ? undefined : submitDate(row[layout.timeCol], layout.format);
    if (date) values['调查日期'] = date;
    else undated.push(r + 1);
    for (const [col, target] of mapping) {
      if (!target) continue;
      const v = row[col];
      values[target] = typeof v === 'string' && /^[(（]跳过[)）]$/.test(v.trim()) ? null : (v ?? null);
    }
    const content = () => contentFingerprint(JSON.stringify(Object.entries(values).sort(([a], [b]) => (a < b ? -1 : 1)).concat([['提交时间', time]])));
    const key = id ? `${FORMAT_NAMES[layout.format]}#${id} ${time}`.trim() : `${FORMAT_NAMES[layout.format]}#内容 ${content()}`;
    values['来源编号'] = key;
    rows.push({ key, values, row: r + 1 });
  }
  return { rows, undated };
}
