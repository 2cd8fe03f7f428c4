/**
 * The ExcelApi requirement set of each Office.js member the stateful fake models, where it is above
 * 1.1 (from the `[Api set: ExcelApi …]` comments of @types/office-js). The fake refuses a member
 * above the simulated host's version, and one above the manifest's unless the run asked
 * `isSetSupported` for it first. Keys are the fake's `<node kind>.<member>` names.
 */
export const MEMBER_API: Readonly<Record<string, string>> = {
  'application.suspendApiCalculationUntilNextSync': '1.6',
  'sheet.visibility': '1.2',
  'sheet.tabColor': '1.7',
  'freezePanes.freezeAt': '1.7',
  'freezePanes.freezeRows': '1.7',
  'freezePanes.freezeColumns': '1.7',
  'sheet.getUsedRangeOrNullObject': '1.4',
  'Range.merge': '1.2',
  'Range.unmerge': '1.2',
  'range.columnHidden': '1.2',
  'format.columnWidth': '1.2',
  'format.rowHeight': '1.2',
  conditionalFormats: '1.6',
  dataValidation: '1.8',
  'table.resize': '1.13',
  'series.add': '1.7',
  'series.setValues': '1.7',
  'series.setXAxisValues': '1.7',
  'axis.reversePlotOrder': '1.7',
  'axis.numberFormat': '1.8',
  pageLayout: '1.9',
  'pageLayout.setPrintTitleRows': '1.9',
  protection: '1.2',
  'names.add': '1.4',
  properties: '1.7',
};
