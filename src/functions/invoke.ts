/**
 * What every CSAT.* function does around the engine: turn Excel's arguments into engine inputs
 * (the template range, the cell origin of the responses) and engine failures into Excel errors
 * (#VALUE! for wrong input, #N/A for nothing to compute), with the message naming the cell to fix.
 */
import { originOfAddress, type Grid, type GridOrigin } from '../domain/cells';
import { CsatError, problem } from '../domain/messages';
import { TABLE_4_1, type Template } from '../domain/template';
import { templateFromGrid } from '../domain/template-range';

/** Excel's view of a range argument: any scalar per cell, null for empty cells on the web. Written inline as `unknown[][]` in functions.ts because the metadata generator cannot resolve type aliases. */
export type RangeArg = unknown[][];

/** Excel's cap on a custom error message is 256 characters. */
const MAX_MESSAGE = 250;

export function toExcelError(e: unknown): CustomFunctions.Error {
  if (e instanceof CsatError) {
    const code = e.kind === 'not-available' ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
    const first = e.format('zh-CN').split('\n')[0];
    return new CustomFunctions.Error(code, first.length > MAX_MESSAGE ? `${first.slice(0, MAX_MESSAGE - 1)}…` : first);
  }
  const message = e instanceof Error ? e.message : String(e);
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, message.slice(0, MAX_MESSAGE));
}

/** A function argument out of range, as a #VALUE! naming it (the catalogue's `bad-argument`). */
export function argumentError(name: { zh: string; en: string }, value: unknown, example: { zh: string; en: string }): CsatError {
  return new CsatError(problem('bad-argument', { name: name.zh, nameEn: name.en, value: String(value).slice(0, 40), example: example.zh, exampleEn: example.en }));
}

/** Runs `body`, rethrowing any failure as the Excel error a cell should show. */
export function guarded<T>(body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (e instanceof CustomFunctions.Error) throw e;
    throw toExcelError(e);
  }
}

/** Worksheet origin of argument `index` when Excel passed parameter addresses. */
export function originOf(invocation: CustomFunctions.Invocation | undefined, index: number): GridOrigin | undefined {
  return originOfAddress(invocation?.parameterAddresses?.[index]);
}

/**
 * An optional scalar argument, or undefined when it was left out or points at a blank cell: Excel
 * passes an omitted argument as null/undefined, a blank cell as null on the web and 0 on desktop.
 * A 0 is therefore "not given" — no optional argument has 0 as a meaningful value (a target, a
 * confidence level and a half-width must be positive, a policy or item name is text).
 */
export function optionalArg<T>(value: T | null | undefined): T | undefined {
  return value === null || value === undefined || value === '' || (value as unknown) === 0 ? undefined : value;
}

/** Excel passes an omitted optional range as null/undefined, sometimes as [[null]] (or [[0]] on desktop). */
function isOmitted(range: RangeArg | null | undefined): boolean {
  if (range === null || range === undefined) return true;
  return range.length === 1 && range[0].length === 1 && optionalArg(range[0][0]) === undefined;
}

/**
 * The template argument: a range in the layout of Table 4-1, or Table 4-1 itself when omitted. Its
 * blank label cells may arrive as 0 (desktop), so they are read with `zeroMeansBlank`.
 */
export function templateArg(range: RangeArg | null | undefined, origin: GridOrigin | undefined): Template {
  return isOmitted(range) ? TABLE_4_1 : templateFromGrid(range as Grid, origin, undefined, { zeroMeansBlank: true });
}
