import { normalizeLabel } from './cells';

/**
 * Markers that mean "no answer" (DESIGN §2): blank, 不适用, N/A, `-`. Compared after removing spaces
 * and lower-casing, so `N / A`, `n/a` and a full-width space inside 不 适 用 all count. A few
 * unmistakable variants of the same markers (NA, full-width slash and dashes) are accepted too.
 */
const MISSING = new Set(['', '不适用', 'n/a', 'na', 'n／a', '-', '－', '—', '–']);

export function isMissingMarker(text: string): boolean {
  return MISSING.has(normalizeLabel(text));
}
