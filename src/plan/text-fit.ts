/**
 * How much room a text takes when printed, estimated the way a reader sees it: an East Asian wide
 * character (汉字, full-width punctuation) is two of Excel's width units, anything else one. Builders use
 * it to give a wrapped row the height its text needs (Excel does not grow a merged cell's row by itself).
 */

const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3040-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u;

/** Points one line of 11-pt text takes in a row (CJK fonts run a little taller than Calibri's 15). */
export const LINE_POINTS = 16;

/** Width of a text in Excel's character units (wide characters count double). */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += WIDE.test(ch) ? 2 : 1;
  return w;
}

/** Lines a text wraps to in a cell `width` characters wide (one unit kept for the cell's padding). */
export function textLines(text: string, width: number): number {
  const room = Math.max(1, width - 1);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line) / room)), 0);
}

/** Row height in points for `lines` lines of text. */
export function rowHeightFor(lines: number): number {
  return lines * LINE_POINTS + 2;
}
