/**
 * Excel on the web refuses a request (or a response) over 5 MB. Values go out as JSON, so their
 * size is the UTF-8 length of their JSON text, computed here without building the text.
 */

/**
 * What one request may carry in values and formats: 3.5 MB, so that with the protocol's own JSON
 * (object paths, action ids; ~6% measured with the Office.js fake) a request stays under 4 MB,
 * well inside Excel on the web's 5 MB cap.
 */
export const REQUEST_BUDGET_BYTES = 3.5 * 1024 * 1024;

function stringBytes(s: string): number {
  let n = 2; // quotes
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c) n += c < 0x20 ? 6 : 2;
    else if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** UTF-8 bytes of JSON.stringify(value) for the scalars and 2-D arrays we send. */
export function jsonBytes(value: unknown): number {
  if (value === null || value === undefined) return 4;
  if (typeof value === 'string') return stringBytes(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value).length : 4;
  if (typeof value === 'boolean') return value ? 4 : 5;
  if (Array.isArray(value)) {
    let n = 2 + Math.max(0, value.length - 1);
    for (const v of value) n += jsonBytes(v);
    return n;
  }
  return stringBytes(JSON.stringify(value)) - 2;
}
