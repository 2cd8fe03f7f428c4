/** A minimal CustomFunctions global, as Excel's runtime provides it, for calling our functions in jest. */
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
