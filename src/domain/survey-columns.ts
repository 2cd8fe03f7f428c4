/**
 * The columns of 调查数据 (the responses table), written once: their names, their order — the
 * information columns, one column per template item, 意见与建议, then 来源编号 — and the survey
 * methods 调查方式 offers. The survey sheet writes them, the sample fills them, the readers and the
 * analysis look them up by these names.
 */

export const CUSTOMER_COLUMN = '客户名称';
export const GROUP_COLUMN = '客户分组';
export const PROJECT_COLUMN = '项目名称';
export const METHOD_COLUMN = '调查方式';
export const DATE_COLUMN = '调查日期';
export const SURVEYOR_COLUMN = '调查人';
export const COMMENT_COLUMN = '意见与建议';
/** Where imported rows keep their origin (format, respondent id, submit time): re-imports skip them. */
export const SOURCE_COLUMN = '来源编号';

/** The information columns before the items, in table order. */
export const INFO_COLUMNS = [CUSTOMER_COLUMN, GROUP_COLUMN, PROJECT_COLUMN, METHOD_COLUMN, DATE_COLUMN, SURVEYOR_COLUMN] as const;

/** The 调查方式 choices (policy §4.2 调查方法). */
export const SURVEY_METHODS = ['现场走访', '电话访问', '在线问卷'] as const;

/** Every column of 调查数据 for a template's items, in table order. */
export function responseColumns(itemNames: readonly string[]): string[] {
  return [...INFO_COLUMNS, ...itemNames, COMMENT_COLUMN, SOURCE_COLUMN];
}

/** Whether a non-item column can group responses (交叉分组): not the date, not the free text. */
export function isGroupingColumn(name: string): boolean {
  return name !== DATE_COLUMN && name !== COMMENT_COLUMN;
}
