/** A minimal CustomFunctions global, as Excel's runtime provides it, for calling our functions in jest. */
import vm from 'node:vm';

export class StubExcelError extends Error {
  constructor(readonly code: string, message?: string) {
    super(message);
  }
}

export const ErrorCode = { invalidValue: '#VALUE!', notAvailable: '#N/A', divisionByZero: '#DIV/0!', invalidNumber: '#NUM!', nullReference: '#NULL!', invalidName: '#NAME?', invalidReference: '#REF!' };

export function installCustomFunctionsStub(): Record<string, (...args: unknown[]) => unknown> {
  const registered: Record<string, (...args: unknown[]) => unknown> = {};
  (globalThis as Record<string, unknown>).CustomFunctions = {
    Error: StubExcelError,
    ErrorCode,
    associate: (id: string, fn: (...args: unknown[]) => unknown) => {
      registered[id] = fn;
    },
  };
  return registered;
}

/** Calls `fn` and returns the Excel error it throws (fails the test when it returns instead). */
export function excelError(fn: () => unknown): StubExcelError {
  try {
    const v = fn();
    throw new Error(`expected an Excel error, got ${JSON.stringify(v)}`);
  } catch (e) {
    if (e instanceof StubExcelError) return e;
    throw e;
  }
}

export type CustomFunctionImpl = (...args: unknown[]) => unknown;

/**
 * Loads a built functions bundle the way Excel's custom-functions runtime does: a plain script in a
 * fresh global scope with no module system (no require, module, exports), whose only host object is
 * `CustomFunctions` (associate, Error, ErrorCode). Returns the functions it registered, by id; both
 * `associate(id, fn)` and `associate({ id: fn })` are accepted, and an id registered twice fails.
 */
export function loadFunctionsBundle(source: string, filename = 'functions.js'): Record<string, CustomFunctionImpl> {
  const registered: Record<string, CustomFunctionImpl> = {};
  const add = (id: string, fn: unknown) => {
    if (typeof fn !== 'function') throw new Error(`associate(${id}): not a function`);
    if (id in registered) throw new Error(`associate(${id}): registered twice`);
    registered[id] = fn as CustomFunctionImpl;
  };
  const CustomFunctions = {
    Error: StubExcelError,
    ErrorCode,
    associate: (idOrMap: string | Record<string, unknown>, fn?: unknown) => {
      if (typeof idOrMap === 'string') add(idOrMap, fn);
      else for (const [id, f] of Object.entries(idOrMap)) add(id, f);
    },
  };
  const context = vm.createContext({ CustomFunctions });
  vm.runInContext(source, context, { filename });
  for (const name of ['require', 'module', 'exports']) {
    if (typeof (context as Record<string, unknown>)[name] !== 'undefined') throw new Error(`${filename} defined a global ${name}`);
  }
  return registered;
}
