/**
 * Excel's own limits on what the add-in writes from a user's text — one cell's characters, a sheet's
 * columns, a data-validation list, a table's column names — with Excel's numbers, the rules that keep
 * a template within them (template.ts refuses a template that breaks one, naming the field), and how
 * our own concatenations of user texts stay within one cell: cut at the limit, ending with where the
 * full text is (`…（全文见 调查数据!U12）`), never refused.
 */
import { catalogue, phrase, type Message } from './messages';
import { COMMENT_COLUMN, INFO_COLUMNS, SOURCE_COLUMN } from './survey-columns';

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** Excel's numbers ("Excel specifications and limits"; MS-OI29500 where the file format says more). */
export const EXCEL_LIMITS = {
  /** Characters in one cell. */
  cellText: 32_767,
  /** Columns of a worksheet, A…XFD. */
  columns: 16_384,
  /**
   * A data-validation list given as values: the comma-separated list (the string literal's content)
   * holds at most 255 characters; a longer one makes Excel repair the file and drop the validation.
   */
  listSource: 255,
  /** An Excel table's column name (MS-OI29500 2.1.681: tableColumn@name at most 255 characters). */
  tableColumnName: 255,
  /** A data validation's error message and input prompt (MS-OI29500 2.1.613: error ≤ 224, prompt ≤ 255). */
  validationError: 224,
  validationPrompt: 255,
} as const;

/** `text` within `max` characters, ending with … when cut (a message, not a user's record: nothing to point to). */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  const keep = max - 1 - (isHighSurrogate(text.charCodeAt(max - 2)) ? 1 : 0);
  return `${text.slice(0, keep)}…`;
}

/** The choice every answer list of 调查数据 offers besides the template's levels. */
export const NOT_APPLICABLE_CHOICE = '不适用';

/** 调查数据's table columns besides the items: the information columns, 意见与建议 and 来源编号. */
export const RESPONSES_FIXED_COLUMNS = INFO_COLUMNS.length + [COMMENT_COLUMN, SOURCE_COLUMN].length;
/** Beside the table, the live summary: one blank column, then seven (plan/survey/responses-sheet.ts). */
export const LIVE_SUMMARY_COLUMNS = 8;
/** The most items a template may have: 调查数据 gives each a column, and a sheet has 16,384. */
export const MAX_TEMPLATE_ITEMS = EXCEL_LIMITS.columns - RESPONSES_FIXED_COLUMNS - LIVE_SUMMARY_COLUMNS;
/**
 * The most levels a template may have: the answer list is the levels and 不适用, comma-separated,
 * within 255 characters — one-character labels at most (255 − 3) / 2 = 126. (Answers are also kept
 * as one signed byte per item, so 127 is the hard ceiling.)
 */
export const MAX_TEMPLATE_LEVELS = Math.floor((EXCEL_LIMITS.listSource - NOT_APPLICABLE_CHOICE.length) / 2);

/** The answer list 调查数据 offers for a template's level labels: the labels, then 不适用. */
export function answerChoices(levelLabels: readonly string[]): string[] {
  return [...levelLabels, NOT_APPLICABLE_CHOICE];
}

/** Characters of a list source as Excel counts them: the values joined by commas (without the quotes). */
export function listSourceLength(values: readonly string[]): number {
  return values.reduce((n, v) => n + v.length, 0) + Math.max(0, values.length - 1);
}

/**
 * Why a level label cannot be one of 调查数据's answer choices, or undefined when it can:
 * - `quote`, `comma`: a list given as values is one string literal, its values split at commas —
 *   Excel has no escape for a comma in it, and a `"` ends the literal (what follows becomes formula
 *   text). Refused rather than escaped: doubling the quote keeps the file's literal whole, but the
 *   Office.js list source is plain comma-separated text with no quoting at all, so the same label
 *   could not be written the same way on both hosts — and a comma can be escaped on neither.
 * - `formula`: a list source starting with `=` is a formula (a range or a name), not a list.
 * - `control`: a line break or other control character cannot be shown in a drop-down.
 * - `criteria`: the native formulas count answers with COUNTIF(answers, label); there `*` `?` `~`
 *   are wildcards and a leading `<` `>` `=` a comparison, so such a label would count other answers.
 */
export type LabelFault = 'quote' | 'comma' | 'formula' | 'control' | 'criteria';

// eslint-disable-next-line no-control-regex -- control characters are exactly what this finds
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A text with its control characters written as escapes (`\n`), so a message quoting it stays one line. */
export function printable(text: string): string {
  return text.replace(new RegExp(CONTROL.source, 'g'), (c) => JSON.stringify(c).slice(1, -1));
}

export function levelLabelFault(label: string): LabelFault | undefined {
  if (label.includes('"')) return 'quote';
  if (label.includes(',')) return 'comma';
  if (CONTROL.test(label)) return 'control';
  if (label.startsWith('=')) return 'formula';
  if (/[*?~]/.test(label) || /^[<>]/.test(label)) return 'criteria';
  return undefined;
}

/** Each fault's reason, as the refusal says it (zh-CN, en-US). */
export const LABEL_FAULT_REASON: Record<LabelFault, { zh: string; en: string }> = {
  quote: {
    zh: '含英文双引号 "，会截断调查数据下拉列表的来源（列表是一个用双引号括起的字符串）；请去掉或换成中文引号“”',
    en: 'holds a double quote ", which would end the string literal of 调查数据\'s drop-down list; remove it or use “”',
  },
  comma: {
    zh: '含英文逗号 ,，下拉列表会在逗号处把它拆成两个选项（Excel 无法转义）；请去掉或换成中文逗号，',
    en: 'holds a comma, where the drop-down list would split it into two choices (Excel has no escape for it); remove it or use ，',
  },
  formula: {
    zh: '以 = 开头，下拉列表来源会被当作公式；请去掉开头的 =',
    en: 'starts with =, which makes a drop-down list source a formula; remove the leading =',
  },
  control: {
    zh: '含换行或其他控制字符，无法在下拉列表中显示；请去掉',
    en: 'holds a line break or another control character, which a drop-down list cannot show; remove it',
  },
  criteria: {
    zh: '含 * ? ~ 或以 < > 开头：原生公式用 COUNTIF 按等级名称计数，这些字符会被当作通配符或比较，计入别的答案；请去掉',
    en: 'holds * ? ~ or starts with < or >: the native formulas count answers with COUNTIF by level label, where these are wildcards or comparisons that would count other answers; remove them',
  },
};

// ---------------------------------------------------------------------------------------------
// One cell of joined user texts

/** A piece of one cell's text: our own words, or a user's text with the cell it was read from. */
export type CellTextPart = string | { readonly text: string; readonly cell?: string };

/** What ends a text cut at the limit: where the full text is (the workbook's language), or just that it was cut. */
export function cutMark(cell?: string): string {
  return cell ? `…（全文见 ${cell}）` : '…（已截断）';
}

/**
 * Joins the parts into one cell's text; when the whole would pass Excel's 32,767 characters, cuts it
 * there and ends it with `…（全文见 调查数据!U12）` — the cell of the user text the cut falls in (or
 * of the nearest user text before it, else after it; `…（已截断）` when no part names a cell). Never
 * longer than `max`, never splits a surrogate pair.
 */
export function cellText(parts: readonly CellTextPart[], max: number = EXCEL_LIMITS.cellText): string {
  const texts = parts.map((p) => (typeof p === 'string' ? p : p.text));
  const total = texts.reduce((n, t) => n + t.length, 0);
  if (total <= max) return texts.join('');
  const cells = parts.map((p) => (typeof p === 'string' ? undefined : p.cell));
  // Keep room for the longest mark any part could name, then name the part the cut falls in.
  const room = Math.max(0, max - Math.max(...cells.map((c) => cutMark(c).length)));
  let at = 0;
  let k = 0;
  while (k < texts.length - 1 && at + texts[k].length <= room) at += texts[k++].length;
  const cell = cells[k] ?? [...cells.slice(0, k)].reverse().find((c) => c !== undefined) ?? cells.slice(k + 1).find((c) => c !== undefined);
  const mark = cutMark(cell);
  let keep = Math.max(0, max - mark.length);
  const joined = texts.join('');
  if (keep > 0 && isHighSurrogate(joined.charCodeAt(keep - 1))) keep--;
  return joined.slice(0, keep) + mark;
}

/** A cell whose text was cut by cellText: where it is written, and where the full text is when known. */
export interface TextCut {
  /** e.g. `纠正预防措施!C54` */
  readonly at: string;
  /** e.g. `调查数据!U12` */
  readonly source?: string;
}

const CUT_WITH_SOURCE = '…（全文见 ';
const CUT_BARE = cutMark();

/**
 * Whether `text` is one cellText cut (it fills the cell to within a mark's length and ends with the
 * mark), and the cell it names. A user's own text is never that long and ending so.
 */
export function cutOf(text: string, max: number = EXCEL_LIMITS.cellText): { source?: string } | undefined {
  if (text.length < max - 300 || text.length > max) return undefined;
  if (text.endsWith(CUT_BARE)) return {};
  const i = text.lastIndexOf(CUT_WITH_SOURCE);
  if (i < 0 || !text.endsWith('）')) return undefined;
  const source = text.slice(i + CUT_WITH_SOURCE.length, -1);
  return source !== '' && source.length < 300 ? { source } : undefined;
}

const say = catalogue({
  'texts-cut': phrase(
    (p: { cuts: readonly TextCut[] }) =>
      `${p.cuts.length} 处文字超过 Excel 单元格上限 32,767 个字符，已在上限处截断，结尾注明全文所在：${p.cuts
        .slice(0, 5)
        .map((c) => `${c.at}${c.source ? `（全文见 ${c.source}）` : ''}`)
        .join('、')}${p.cuts.length > 5 ? ' 等' : ''}`,
    (p) =>
      `${p.cuts.length} text(s) went over Excel's cell limit of 32,767 characters and were cut there, each ending with where the full text is: ${p.cuts
        .slice(0, 5)
        .map((c) => `${c.at}${c.source ? ` (full text in ${c.source})` : ''}`)
        .join(', ')}${p.cuts.length > 5 ? ' and more' : ''}`,
  ),
});

/** The note a job gives when it cut texts (none when it cut nothing). */
export function textsCutMessage(cuts: readonly TextCut[]): Message | undefined {
  return cuts.length > 0 ? say('texts-cut', { cuts }) : undefined;
}
