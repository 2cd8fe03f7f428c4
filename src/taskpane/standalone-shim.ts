/*
 * Loaded before functions.js. Inside Excel, office.js provides the CustomFunctions global and the
 * functions register with it. In a plain browser (standalone mode) there is no such global; this
 * stand-in lets functions.js load quietly instead of throwing a ReferenceError on the page.
 */
type Shim = { CustomFunctions?: unknown; Office?: unknown };
const g = globalThis as Shim;
if (g.CustomFunctions === undefined && g.Office === undefined) {
  g.CustomFunctions = {
    associate: () => undefined,
    Error: class extends Error {},
    ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' },
  };
}
