/**
 * The ExcelApi requirement set of each Office.js member the stateful fake models, where it is above
 * 1.1 (from the `[Api set: ExcelApi …]` comments of @types/office-js). The fake refuses a member
 * above the simulated host's version, and one above the manifest's unless the run asked
 * `isSetSupported` for it first. Keys are the fake's `<node kind>.<member>` names, or one key for a
 * feature whose objects all share a set (`conditionalFormats`, `dataValidation`, `pageLayout`,
 * `properties`). test/host/office-api.test.ts checks this table against the one scripts/api-sets.ts
 * generates from @types/office-js for every member src/host/office uses.
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
  'series.chartType': '1.7',
  'series.markerStyle': '1.7',
  'series.markerSize': '1.7',
  'series.markerBackgroundColor': '1.7',
  'series.markerForegroundColor': '1.7',
  'series.hasDataLabels': '1.7',
  'series.dataLabels': '1.8',
  'axis.reversePlotOrder': '1.7',
  'axis.numberFormat': '1.8',
  pageLayout: '1.9',
  'pageLayout.setPrintTitleRows': '1.9',
  protection: '1.2',
  // protect/unprotect with a password are 1.7 (the renderer may pass one).
  'protection.protect': '1.7',
  'protection.unprotect': '1.7',
  // Workbook.protection and all of WorkbookProtection are 1.7.
  'workbookProtection.protected': '1.7',
  'workbookProtection.protect': '1.7',
  'workbookProtection.unprotect': '1.7',
  'names.add': '1.4',
  'name.delete': '1.4',
  'name.comment': '1.4',
  'name.formula': '1.7',
  properties: '1.7',
};
