/**
 * A HyperFormula function plugin binding the CSAT.* custom functions (src/functions/functions.ts) to
 * the engine the way Excel's custom-functions runtime calls them: a range argument as a 2-D array of
 * cell values (empty cells as null, as Excel on the web passes them), an omitted optional argument as
 * null, `invocation.parameterAddresses` filled (the functions declare @requiresParameterAddresses),
 * an input cell holding an error propagating that error without a call, and a thrown
 * CustomFunctions.Error shown as that Excel error (#VALUE!, #N/A). CSAT.CI (an array result) is not bound.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CellError, FunctionArgumentType, FunctionPlugin, HyperFormula, SimpleRangeValue, type ImplementedFunctions } from 'hyperformula';
import { columnLetter } from '../../src/plan';
import { installCustomFunctionsStub, StubExcelError } from './custom-functions-stub';

type Impl = (...args: unknown[]) => unknown;

if (!('CustomFunctions' in globalThis)) installCustomFunctionsStub();
// Loaded after the CustomFunctions global exists, as Excel's runtime provides it before the bundle runs.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const functions = require('../../src/functions/functions') as Record<string, Impl>;

/** Which parameters are optional, as the JSDoc declares them (`@param [name]`), by function id. */
function optionalParams(): Map<string, boolean[]> {
  const file = [join(__dirname, '../../src/functions/functions.ts'), join(process.cwd(), 'src/functions/functions.ts')].find((f) => existsSync(f));
  if (!file) throw new Error('hyperformula-csat: src/functions/functions.ts not found (its JSDoc declares the optional parameters)');
  const source = readFileSync(file, 'utf8');
  const out = new Map<string, boolean[]>();
  for (const block of source.split('/**').slice(1)) {
    const id = /@customfunction\s+(\w+)/.exec(block)?.[1];
    if (!id) continue;
    const params = [...block.matchAll(/@param\s+(\[?)(\w+)/g)].filter((m) => m[2] !== 'invocation').map((m) => m[1] === '[');
    out.set(id.toLowerCase(), params);
  }
  return out;
}

/** Excel name → implementation and, per worksheet argument, whether it is optional (the last JS parameter is the invocation). */
const BOUND: Record<string, { fn: Impl; optional: boolean[] }> = {};

function bind(): void {
  const declared = optionalParams();
  for (const [id, fn] of Object.entries(functions)) {
    const optional = declared.get(id);
    if (typeof fn !== 'function' || id === 'ci' || !optional) continue;
    if (optional.length !== fn.length - 1) throw new Error(`hyperformula-csat: ${id} declares ${optional.length} parameters, takes ${fn.length - 1}`);
    BOUND[`CSAT.${id.toUpperCase()}`] = { fn, optional };
  }
}

/** Sheet names by HyperFormula sheet id, for the parameter addresses (set while a workbook is evaluated). */
let sheetNames: readonly string[] = [];

export function beginEvaluation(names: readonly string[]): () => void {
  const before = sheetNames;
  sheetNames = names;
  return () => {
    sheetNames = before;
  };
}

const ERROR_TYPES: Record<string, string> = { '#VALUE!': 'VALUE', '#N/A': 'NA', '#DIV/0!': 'DIV_BY_ZERO', '#NUM!': 'NUM', '#NAME?': 'NAME', '#REF!': 'REF', '#NULL!': 'NULL' };

function scalar(v: unknown): unknown {
  if (typeof v === 'symbol') return null; // EmptyValue
  if (v !== null && typeof v === 'object' && 'val' in v) return (v as { val: number }).val; // DateNumber, PercentNumber, …
  return v;
}

function addressOf(range: SimpleRangeValue): string | undefined {
  const r = range.range;
  if (!r) return undefined;
  const name = sheetNames[r.start.sheet];
  if (name === undefined) return undefined;
  const at = (row: number, col: number) => `${columnLetter(col + 1)}${row + 1}`;
  return `'${name.replace(/'/g, "''")}'!${at(r.start.row, r.start.col)}:${at(r.end.row, r.end.col)}`;
}

class CsatPlugin extends FunctionPlugin {
  // The parser's AST and interpreter state types are internal to HyperFormula: only passed through.
  csat(ast: { procedureName: string; args: never }, state: never) {
    const bound = BOUND[ast.procedureName];
    return this.runFunction(ast.args, state, this.metadata(ast.procedureName), (...args: unknown[]) => {
      const values: unknown[] = [];
      const addresses: (string | null)[] = [];
      for (let i = 0; i < bound.optional.length; i++) {
        const a = args[i];
        if (a instanceof SimpleRangeValue) {
          const grid = a.data.map((row) => row.map(scalar));
          const error = grid.flat().find((x) => x instanceof CellError);
          if (error) return error as CellError;
          values.push(grid);
          addresses.push(addressOf(a) ?? null);
        } else {
          if (a instanceof CellError) return a;
          values.push(a === undefined ? null : scalar(a));
          addresses.push(null);
        }
      }
      try {
        const out = bound.fn(...values, { parameterAddresses: addresses } as unknown as CustomFunctions.Invocation);
        return out as number | string | boolean;
      } catch (e) {
        if (e instanceof StubExcelError) return new CellError((ERROR_TYPES[e.code] ?? 'VALUE') as never, e.message);
        throw e;
      }
    });
  }
}

let registered = false;

/** Registers CSAT.* with HyperFormula once (a process-wide registry); returns the Excel names bound. */
export function registerCsatFunctions(): string[] {
  if (registered) return Object.keys(BOUND);
  bind();
  (CsatPlugin as unknown as { implementedFunctions: ImplementedFunctions }).implementedFunctions = Object.fromEntries(
    Object.entries(BOUND).map(([name, b]) => [
      name,
      { method: 'csat', parameters: b.optional.map((optional) => ({ argumentType: FunctionArgumentType.ANY, ...(optional ? { optionalArg: true } : {}) })) },
    ]),
  );
  const names = Object.fromEntries(Object.keys(BOUND).map((n) => [n, n]));
  HyperFormula.registerFunctionPlugin(CsatPlugin, { enGB: names, enUS: names });
  registered = true;
  return Object.keys(BOUND);
}
