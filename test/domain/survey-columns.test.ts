/** The one schema of 调查数据's columns (domain/survey-columns.ts) is what the sheet, the sample and the reader use. */
import { GROUP_COLUMN, isGroupingColumn, responseColumns, SOURCE_COLUMN, SURVEY_METHODS, TABLE_4_1 } from '../../src/domain';
import { responsesHeader } from '../../src/plan';
import { sampleResponses } from '../../src/sample/sample-data';

describe('调查数据 columns', () => {
  test('information columns, the items, 意见与建议, 来源编号 — in that order (README, 调查数据 sheet)', () => {
    expect(responseColumns(['响应', '质量'])).toEqual(['客户名称', '客户分组', '项目名称', '调查方式', '调查日期', '调查人', '响应', '质量', '意见与建议', '来源编号']);
    expect(SURVEY_METHODS).toEqual(['现场走访', '电话访问', '在线问卷']);
  });

  test('the survey sheet and the sample write that schema', () => {
    const names = TABLE_4_1.items.map((it) => it.name);
    expect(responsesHeader(TABLE_4_1)).toEqual(responseColumns(names));
    const sample = sampleResponses(TABLE_4_1);
    expect(sample.header).toEqual(responseColumns(names).filter((c) => c !== SOURCE_COLUMN));
    expect(sample.rows.every((r) => r.length === sample.header.length)).toBe(true);
    expect(new Set(sample.rows.map((r) => r[sample.header.indexOf('调查方式')]))).toEqual(new Set(SURVEY_METHODS));
  });

  test('a response can be grouped by a descriptive column, not by its date or free text', () => {
    expect(isGroupingColumn(GROUP_COLUMN)).toBe(true);
    expect(isGroupingColumn('调查日期')).toBe(false);
    expect(isGroupingColumn('意见与建议')).toBe(false);
  });
});
