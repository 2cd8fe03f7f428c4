/**
 * The texts a plan cut at Excel's 32,767 characters (domain cellText: they end with where the full
 * text is), found in the plan itself, so a job can say which cells it cut and where each full text is.
 */
import { cellAddress, cutOf, type TextCut } from '../domain';
import { parseCell } from './a1';
import type { SheetPlan } from './types';

export function findTextCuts(sheets: readonly SheetPlan[]): TextCut[] {
  const out: TextCut[] = [];
  for (const sheet of sheets) {
    for (const block of sheet.blocks ?? []) {
      const tl = parseCell(block.at);
      block.values.forEach((row, r) =>
        row.forEach((v, c) => {
          const cut = typeof v === 'string' ? cutOf(v) : undefined;
          if (cut) out.push({ at: cellAddress({ sheet: sheet.name, row: tl.row, col: tl.col }, r, c), ...cut });
        }),
      );
    }
  }
  return out;
}
