/** Plan values → what Office.js range.values / range.formulas take. */
import { isDate, isFormula, type PlanValue } from '../../plan';

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** Excel's serial number of an ISO date (1900 date system). */
export function dateSerial(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return (Date.UTC(y, m - 1, d) - EXCEL_EPOCH) / 86_400_000;
}

/**
 * Text Excel would otherwise turn into something else when written through `values`/`formulas`: a
 * leading =, +, - or @ (a formula — the classic injection), or text that parses as a number, date,
 * time, percentage or boolean. The apostrophe prefix keeps it text without changing what it shows.
 */
const REINTERPRETED = /^[=+\-@]|^\s*[\d.,]+\s*%?\s*$|^\s*\d{1,4}[-/.年]\d{1,2}([-/.月]\d{1,4}日?)?\s*$|^\s*\d{1,2}:\d{2}|^(true|false)$/i;

export function textForExcel(s: string): string {
  return REINTERPRETED.test(s) ? `'${s}` : s;
}

export type OfficeCell = string | number | boolean | null;

/** A cell for `range.values` (no formulas in the block). */
export function officeValue(v: PlanValue): OfficeCell {
  if (v === null) return '';
  if (typeof v === 'string') return textForExcel(v);
  if (isDate(v)) return dateSerial(v.date);
  if (isFormula(v)) return v.formula;
  return v;
}
