/**
 * A drop-down list given as values, as Excel stores it: one string literal, `"满意,较满意,一般,不适用"`
 * (the `formula1` of the file's data validation; Office.js takes the same text without the quotes).
 * A value holding `"` would end the literal early and turn the rest into formula text, a `,` would
 * split it in two — Excel has no escape for either — and Excel keeps at most 255 characters of the
 * list. Templates are refused with the reason before they get here (domain/template.ts, through
 * domain/sheet-limits.ts); this is the plan's own check that no list it writes can break.
 */
import { EXCEL_LIMITS, levelLabelFault, listSourceLength } from '../../domain';

/** The list literal for `values`; throws (a bug, not a user's fault) when a value could break it. */
export function listSource(values: readonly string[]): string {
  for (const v of values) {
    const fault = levelLabelFault(v);
    if (v === '' || (fault && fault !== 'criteria')) throw new Error(`list source: the value ${JSON.stringify(v.slice(0, 40))} cannot be a list choice (${fault ?? 'empty'})`);
  }
  const length = listSourceLength(values);
  if (length > EXCEL_LIMITS.listSource) throw new Error(`list source: ${length} characters, over Excel's ${EXCEL_LIMITS.listSource}`);
  return `"${values.join(',')}"`;
}
