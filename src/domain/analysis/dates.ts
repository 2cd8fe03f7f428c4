/**
 * Dates as people and hosts write them: ISO text (2026-03-05, with or without a time), 2026/3/5,
 * 2026.3.5, 2026年3月5日, or an Excel serial number (Office.js hands dates over as numbers).
 * Anything else is unreadable and reported, never guessed.
 */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function valid(y: number, m: number, d: number): string | undefined {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return undefined;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return undefined;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Parsed date texts: a column of 100,000 dates repeats a few hundred days (bounded, then forgotten). */
const parsedTexts = new Map<string, string | undefined>();

/** The ISO date (YYYY-MM-DD) a cell holds, or undefined. */
export function parseDate(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const hit = parsedTexts.get(value);
    if (hit !== undefined || parsedTexts.has(value)) return hit;
    const parsed = parseDateUncached(value);
    if (parsedTexts.size > 10_000) parsedTexts.clear();
    parsedTexts.set(value, parsed);
    return parsed;
  }
  return parseDateUncached(value);
}

function parseDateUncached(value: unknown): string | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 1 || value > 120000) return undefined;
    const d = new Date(EXCEL_EPOCH_MS + Math.floor(value) * 86_400_000);
    return valid(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  if (typeof value !== 'string') return undefined;
  const t = value.trim();
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(t);
  return m ? valid(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

/** Quarter maths lives in ../calendar; re-exported here for modules that still import it from dates. */
export { isQuarter, previousQuarter, quarterOf, quarterRange } from '../calendar';
