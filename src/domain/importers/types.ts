/** What an importer of an online questionnaire export declares: how to recognise it and read its rows. */
import type { CellValue } from '../cells';

export interface Importer<Id extends string = string> {
  /** The `--format` value and the key saved with each imported row's 来源编号 (never changes). */
  readonly id: Id;
  /** The product's name as users know it, in both languages' messages. */
  readonly name: string;
  /** Whether a header row (each cell already normalised with normalizeLabel) is this product's export. */
  detect(head: readonly string[]): boolean;
  /** Header texts of the respondent id, of the submit time, and of columns that are not questions. */
  readonly meta: { readonly id: readonly string[]; readonly time: readonly string[]; readonly skip: readonly string[] };
  /** The ISO day of a submit time as this product writes it; undefined when unreadable. */
  read(time: CellValue): string | undefined;
}

/** A header row holds every one of `names` (spaces of every kind ignored). */
export function hasHeaders(head: readonly string[], names: readonly string[], normalize: (s: string) => string): boolean {
  return names.every((n) => head.includes(normalize(n)));
}
