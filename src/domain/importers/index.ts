/**
 * The registry of questionnaire importers: one entry per product, tried in this order when the
 * format is detected (plain CSV last, as it recognises anything). Adding a format is one file and
 * one line here — see README.md.
 */
import { normalizeLabel, type CellValue } from '../cells';
import { csv } from './csv';
import { forms } from './forms';
import { tencent } from './tencent';
import type { Importer } from './types';
import { wjx } from './wjx';

export type { Importer } from './types';

export const IMPORTERS = [wjx, forms, tencent, csv] as const;

export type ExportFormat = (typeof IMPORTERS)[number]['id'];

/** The format ids, in detection order (the choices of `--format` and of the pane's picker). */
export const FORMATS: readonly ExportFormat[] = IMPORTERS.map((i) => i.id);

export function importerOf(format: ExportFormat): Importer<ExportFormat> {
  return IMPORTERS.find((i) => i.id === format)!;
}

/** The product's name of a format (问卷星, Microsoft Forms, …). */
export function formatName(format: ExportFormat): string {
  return importerOf(format).name;
}

export function isFormat(value: string): value is ExportFormat {
  return IMPORTERS.some((i) => i.id === value);
}

/** Recognises the export by its header row; `csv` when it is no product's. */
export function detectFormat(header: readonly CellValue[]): ExportFormat {
  const head = header.map((v) => normalizeLabel(v === null || v === undefined ? '' : String(v)));
  return IMPORTERS.find((i) => i.detect(head))!.id;
}
