/**
 * Online questionnaire exports → survey responses: recognising 问卷星, Microsoft Forms, 腾讯问卷 and
 * plain CSV by their header row, mapping questions to template items (by item name or alias found in
 * the question text), and converting rows. Pure: the bytes are decoded and parsed by a host reader.
 * Each product's own rules live in its importer (`importers/`, one registry).
 */
import { normalizeLabel, type CellValue, type Grid } from './cells';
import { catalogue, LocalizedError, phrase, type Message } from './messages';
import { detectFormat, formatName, importerOf, type ExportFormat } from './importers';
import { ownColumns, surveyMethod } from './importers/columns';
import { COMMENT_COLUMN, CUSTOMER_COLUMN, DATE_COLUMN, GROUP_COLUMN, METHOD_COLUMN, PROJECT_COLUMN, SOURCE_COLUMN } from './survey-columns';
import type { Template } from './template';

export * from './importers';

/** What an imported answer can map to: an item, one of the info columns, or nothing. */
export interface ExportLayout {
  readonly format: ExportFormat;
  /** Column of the respondent id, the submit (completion) time, and for Forms the name. */
  readonly idCol?: number;
  readonly timeCol?: number;
  readonly questions: readonly { readonly col: number; readonly text: string }[];
}

const N = (v: CellValue) => normalizeLabel(v === null || v === undefined ? '' : String(v));

/** Strips the question numbering of each export: `3、` (问卷星), `3.` (腾讯问卷), `Q3.` */
export function questionText(header: string): string {
  return header.replace(/^\s*(Q?\d+)\s*[、.．:：)）]\s*/i, '').trim();
}

export function exportLayout(header: readonly CellValue[], format: ExportFormat = detectFormat(header)): ExportLayout {
  const head = header.map(N);
  const meta = importerOf(format).meta;
  const find = (names: readonly string[]) => {
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
    [CUSTOMER_COLUMN]: [CUSTOMER_COLUMN, '单位名称', '公司名称', '您的单位', '贵单位名称'],
    [GROUP_COLUMN]: [GROUP_COLUMN, '客户类型', '行业'],
    [PROJECT_COLUMN]: [PROJECT_COLUMN, '服务项目'],
    [COMMENT_COLUMN]: [COMMENT_COLUMN, '意见和建议', '建议', '意见'],
  };
  for (const [target, words] of Object.entries(info)) for (const w of words) keys.push({ key: normalizeLabel(w), target });
  keys.sort((a, b) => b.key.length - a.key.length);
  const mapping = new Map<number, Target>();
  const used = new Set<string>();
  // First the columns named exactly as 调查数据 names them (调查方式 and 调查人 only so), then the rest by wording.
  const own = ownColumns(template);
  for (const q of layout.questions) {
    const target = own.get(normalizeLabel(q.text));
    if (target && !used.has(target)) {
      mapping.set(q.col, target);
      used.add(target);
    }
  }
  for (const q of layout.questions) {
    if (mapping.has(q.col)) continue;
    const text = normalizeLabel(q.text);
    const hit = keys.find((k) => text.includes(k.key) && !used.has(k.target));
    mapping.set(q.col, hit ? hit.target : null);
    if (hit) used.add(hit.target);
  }
  return new Map(layout.questions.map((q) => [q.col, mapping.get(q.col) ?? null]));
}

/** A saved mapping (question text → target) applied to this export's columns. */
export function applySavedMapping(layout: ExportLayout, saved: Readonly<Record<string, Target>>): Map<number, Target> {
  const byText = new Map(Object.entries(saved).map(([q, t]) => [normalizeLabel(questionText(q)), t]));
  return new Map(layout.questions.map((q) => [q.col, byText.get(normalizeLabel(q.text)) ?? null]));
}

export function savedMapping(layout: ExportLayout, mapping: ReadonlyMap<number, Target>): Record<string, Target> {
  return Object.fromEntries(layout.questions.map((q) => [q.text, mapping.get(q.col) ?? null]));
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

/**
 * The export's rows as responses; `(跳过)` (skipped) answers become blanks; text stays text. 调查方式
 * is 在线问卷 unless a column maps to it: then the row's own method, blank when blank, and a value
 * that is no method is listed in `badMethods` (row, value) for the caller to refuse.
 */
export function convertExport(
  grid: Grid,
  layout: ExportLayout,
  mapping: ReadonlyMap<number, Target>,
): { rows: ImportedRow[]; undated: number[]; badMethods: { row: number; value: string }[] } {
  const rows: ImportedRow[] = [];
  const undated: number[] = [];
  const badMethods: { row: number; value: string }[] = [];
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r] ?? [];
    if (row.every((v) => N(v) === '')) continue;
    const id = layout.idCol === undefined ? '' : String(row[layout.idCol] ?? '').trim();
    const time = layout.timeCol === undefined ? '' : String(row[layout.timeCol] ?? '').trim();
    const values: Record<string, CellValue> = { [METHOD_COLUMN]: '在线问卷' };
    let date = layout.timeCol === undefined ? undefined : importerOf(layout.format).read(row[layout.timeCol]);
    for (const [col, target] of mapping) {
      if (!target) continue;
      const v = row[col];
      const answer = typeof v === 'string' && /^[(（]跳过[)）]$/.test(v.trim()) ? null : (v ?? null);
      if (target === DATE_COLUMN) {
        date = importerOf(layout.format).read(answer) ?? date; // a question asking the date: read as one
        continue;
      }
      if (target === METHOD_COLUMN) {
        const method = surveyMethod(answer);
        if (method === undefined) badMethods.push({ row: r + 1, value: String(answer) });
        values[target] = method ?? null;
        continue;
      }
      values[target] = answer;
    }
    if (date) values[DATE_COLUMN] = date;
    else undated.push(r + 1);
    const content = () => contentFingerprint(JSON.stringify(Object.entries(values).sort(([a], [b]) => (a < b ? -1 : 1)).concat([['提交时间', time]])));
    const key = id ? `${formatName(layout.format)}#${id} ${time}`.trim() : `${formatName(layout.format)}#内容 ${content()}`;
    values[SOURCE_COLUMN] = key;
    rows.push({ key, values, row: r + 1 });
  }
  return { rows, undated, badMethods };
}

/** The import refusals' chapter of the catalogue: `new ImportRefused(importRefusal('import-xls', { file }))`. */
export const importRefusal = catalogue({
  'import-mixed-encoding': phrase(
    (p: { file: string; utf8Line: number; badLine: number }) => `${p.file} 混用了两种编码：第 ${p.utf8Line} 行是 UTF-8，第 ${p.badLine} 行不是；请把文件整体另存为 UTF-8 后再导入`,
    (p) => `${p.file} mixes two encodings: line ${p.utf8Line} is UTF-8, line ${p.badLine} is not; save the whole file as UTF-8 and import again`,
  ),
  'import-bad-utf8': phrase(
    (p: { file: string; line: number | string }) => `${p.file} 标明是 UTF-8，但第 ${p.line} 行不是有效的 UTF-8；请重新导出`,
    (p) => `${p.file} says it is UTF-8 but line ${p.line} is not valid UTF-8; export it again`,
  ),
  'import-too-large': phrase(
    (p: { file: string; mb: string; max: number }) => `${p.file} 有 ${p.mb} MB，超过导入上限 ${p.max} MB`,
    (p) => `${p.file} is ${p.mb} MB, over the import limit of ${p.max} MB`,
  ),
  'import-xls': phrase(
    (p: { file: string }) => `${p.file} 是旧版 .xls：请在问卷星中导出 .xlsx 或 .csv（npm 上可用的 .xls 解析库有未修复的高危漏洞，故不读取 .xls）`,
    (p) => `${p.file} is a legacy .xls: export .xlsx or .csv instead (the .xls parser available on npm has unfixed high-severity flaws)`,
  ),
  'import-unreadable': phrase(
    (p: { file: string; why: Pick<Message, 'zh' | 'en'> }) => `${p.file} ${p.why.zh}`,
    (p) => `${p.file} ${p.why.en}`,
  ),
  'import-no-sheet': phrase(
    (p: { file: string }) => `${p.file} 中没有工作表`,
    (p) => `${p.file} has no sheet`,
  ),
  'import-unknown-format': phrase(
    (p: { file: string }) => `无法识别 ${p.file} 的格式（支持 .xlsx、.csv）`,
    (p) => `Cannot tell the format of ${p.file} (.xlsx and .csv are supported)`,
  ),
  'import-bad-csv': phrase(
    (p: { file: string; line: number; code: string }) => `${p.file} 第 ${p.line} 行不是有效的 CSV（${p.code}）`,
    (p) => `${p.file} line ${p.line} is not valid CSV (${p.code})`,
  ),
  'import-bad-encoding': phrase(
    (p: { file: string; encoding: string; line: number }) => `${p.file} 开头的字节顺序标记（BOM）标明是 ${p.encoding}，但第 ${p.line} 行不是有效的 ${p.encoding}；请重新导出`,
    (p) => `${p.file} starts with a ${p.encoding} byte-order mark but line ${p.line} is not valid ${p.encoding}; export it again`,
  ),
  'import-csv-nul': phrase(
    (p: { file: string; line: number }) => `${p.file} 第 ${p.line} 行含有空字符（NUL），文本中不会有：多半是不带 BOM 的 UTF-16 文件或不是文本文件；请在 Excel 中另存为"CSV UTF-8"后再导入`,
    (p) => `${p.file} line ${p.line} holds a NUL character, which text never does: most likely UTF-16 without a byte-order mark, or not a text file; save it from Excel as "CSV UTF-8" and import again`,
  ),
  'import-csv-quote-not-closed': phrase(
    (p: { file: string; line: number }) => `${p.file} 第 ${p.line} 行：引号未闭合（从这里开始的带引号字段直到文件末尾都没有结束的引号）`,
    (p) => `${p.file} line ${p.line}: a quote is not closed (the quoted field opened here runs to the end of the file)`,
  ),
  'import-csv-bad-closing-quote': phrase(
    (p: { file: string; line: number; column: number }) => `${p.file} 第 ${p.line} 行第 ${p.column} 列：结束的引号后应是逗号或换行；字段内的引号要写成两个（""）`,
    (p) => `${p.file} line ${p.line}, column ${p.column}: a closing quote must be followed by a comma or a line break; a quote inside a field is written twice ("")`,
  ),
  'import-csv-bad-opening-quote': phrase(
    (p: { file: string; line: number; column: number }) => `${p.file} 第 ${p.line} 行第 ${p.column} 列：引号出现在字段中间；含引号的字段要整个放在引号里，字段内的引号写成两个（""）`,
    (p) => `${p.file} line ${p.line}, column ${p.column}: a quote in the middle of a field; a field holding quotes is quoted whole, each inner quote written twice ("")`,
  ),
  'import-csv-stray-bom': phrase(
    (p: { file: string; line: number }) => `${p.file} 第 ${p.line} 行以字节顺序标记（BOM）开头：多半是两个 CSV 文件拼接在了一起；请分别导入`,
    (p) => `${p.file} line ${p.line} starts with a byte-order mark (BOM): most likely two CSV files joined together; import them one by one`,
  ),
  'import-csv-too-many-columns': phrase(
    (p: { file: string; line: number; max: number }) => `${p.file} 第 ${p.line} 行超过 ${p.max} 列（Excel 工作表的列数上限），不读取`,
    (p) => `${p.file} line ${p.line} has more than ${p.max} columns (an Excel sheet's limit); not read`,
  ),
  'import-csv-cell-too-long': phrase(
    (p: { file: string; line: number; column: number; max: number }) => `${p.file} 第 ${p.line} 行第 ${p.column} 列的文本超过 ${p.max} 个字符（Excel 单元格的上限），不读取`,
    (p) => `${p.file} line ${p.line}, column ${p.column}: the text is over ${p.max} characters (an Excel cell's limit); not read`,
  ),
  'import-bad-method': phrase(
    (p: { file: string; row: number; value: string; methods: string; more: number }) =>
      `${p.file} 第 ${p.row} 行的调查方式"${p.value}"不是可选的方式（${p.methods}，或留空）${p.more > 0 ? `；另有 ${p.more} 行同样` : ''}；未导入`,
    (p) => `${p.file} row ${p.row}: 调查方式 "${p.value}" is not one of the methods (${p.methods}, or blank)${p.more > 0 ? `; so are ${p.more} more rows` : ''}; nothing imported`,
  ),
  'import-too-many-rows': phrase(
    (p: { file: string; rows: number; max: number }) => `${p.file} 有 ${p.rows} 行以上，超过导入上限 ${p.max} 行；请分批导出`,
    (p) => `${p.file} has ${p.rows}+ rows, over the import limit of ${p.max}; export in batches`,
  ),
});

/** An export refused before anything is parsed whole or written (too large, .xls, mixed encodings, …). */
export class ImportRefused extends LocalizedError {
  constructor(message: Message) {
    super(message);
    this.name = 'ImportRefused';
  }
}
