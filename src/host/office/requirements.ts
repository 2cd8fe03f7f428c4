/**
 * Office.js members above the manifest's declared ExcelApi set (see the README's API-set table, checked by
 * test/build/api-sets.test.ts) are used only behind a requirement check.
 */

/** `Table.resize` is ExcelApi 1.13; older hosts keep the table's range (the rows are still written). */
export function tableResizeSupported(): boolean {
  return typeof Office === 'undefined' || !Office.context?.requirements || Office.context.requirements.isSetSupported('ExcelApi', '1.13');
}
