import type { CellValue } from '../../src/domain';
import { TABLE_4_1 } from '../../src/domain';

export const ITEMS = TABLE_4_1.items.map((it) => it.name);
export const LABELS = ['满意', '较满意', '一般', '不满意', '很不满意'] as const;
export const SCORES: Record<string, number> = { 满意: 100, 较满意: 90, 一般: 70, 不满意: 0, 很不满意: -10 };
/** Table 4-1 weights, typed in from the policy text (not read from the code under test). */
export const WEIGHTS = [10, 7, 7, 7, 7, 7, 7, 8, 5, 6, 6, 3, 10, 10];

/** A header row of the 14 items followed by the given rows. */
export function withHeader(rows: CellValue[][], header: string[] = ITEMS): CellValue[][] {
  return [header, ...rows];
}

/** A row answering every item with one label. */
export function uniformRow(label: CellValue): CellValue[] {
  return ITEMS.map(() => label);
}

/** A row with `label` everywhere except the given item → value overrides. */
export function rowWith(base: CellValue, overrides: Record<string, CellValue>): CellValue[] {
  return ITEMS.map((name) => (name in overrides ? overrides[name] : base));
}
