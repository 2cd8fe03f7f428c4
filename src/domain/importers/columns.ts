/**
 * The columns of 调查数据 as a file may name them: a plain CSV written by hand (or 调查数据 saved as
 * CSV) names its columns exactly as the table does — 客户名称, 客户分组, 项目名称, 调查方式, 调查日期,
 * 调查人, each item (or its alias, or the template's question wording), 意见与建议 — and each such
 * column is imported as itself, before any looser matching of question texts. 调查方式 keeps the
 * file's own value when it is one of the methods (spaces ignored); anything else is reported by row.
 */
import { normalizeLabel, type CellValue } from '../cells';
import { COMMENT_COLUMN, INFO_COLUMNS, SURVEY_METHODS } from '../survey-columns';
import type { Template } from '../template';

/**
 * Header text (normalised) → the 调查数据 column it names exactly: the information columns, 意见与建议,
 * and each item by its name, an alias or its question wording (trailing ？/。 ignored).
 * 来源编号 is not among them: an import writes its own.
 */
export function ownColumns(template: Template): Map<string, string> {
  const own = new Map<string, string>();
  const add = (text: string | undefined, target: string) => {
    const key = normalizeLabel(text?.replace(/[？?。.！!\s]+$/u, '') ?? '');
    if (key !== '' && !own.has(key)) own.set(key, target);
  };
  for (const c of [...INFO_COLUMNS, COMMENT_COLUMN]) add(c, c);
  for (const it of template.items) add(it.name, it.name);
  for (const it of template.items) for (const a of it.aliases) add(a, it.name);
  for (const it of template.items) add(it.question, it.name);
  return own;
}

/**
 * A 调查方式 cell as 调查数据 takes it: one of the methods (spelled as the table spells it), blank
 * (null), or `undefined` when it is none of them.
 */
export function surveyMethod(value: CellValue): string | null | undefined {
  const text = value === null || value === undefined ? '' : String(value);
  const key = normalizeLabel(text);
  if (key === '') return null;
  return SURVEY_METHODS.find((m) => normalizeLabel(m) === key);
}
