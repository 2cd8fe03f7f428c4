/**
 * Native-formula equivalents of the engine's scores (COUNTIF / SUMPRODUCT over the answer columns,
 * levels and scores read from the template sheet), so a workbook recomputes its own overall score in
 * any spreadsheet — Excel without the add-in, WPS, LibreOffice. Item policy: each item's mean over
 * its answers; items nobody answered drop out and the remaining weights are renormalised.
 */
import type { TemplateLayout } from '../../domain';
import { absCell, quoteSheet } from '../a1';

export interface TemplateCells {
  readonly sheet: string;
  readonly layout: TemplateLayout;
}

/** `'评分模板'!$A$6:$A$10` — the level labels. */
export function levelLabelsRef(t: TemplateCells): string {
  const rows = t.layout.levelRows;
  return `${quoteSheet(t.sheet)}!${absCell(rows[0], t.layout.labelCol)}:${absCell(rows[rows.length - 1], t.layout.labelCol)}`;
}

/** `'评分模板'!B$6:B$10` — item i's scores per level. */
export function itemScoresRef(t: TemplateCells, item: number): string {
  const rows = t.layout.levelRows;
  const c = t.layout.itemCols[item];
  return `${quoteSheet(t.sheet)}!${absCell(rows[0], c)}:${absCell(rows[rows.length - 1], c)}`;
}

export function itemWeightRef(t: TemplateCells, item: number): string {
  return `${quoteSheet(t.sheet)}!${absCell(t.layout.weightRow, t.layout.itemCols[item])}`;
}

export function targetRef(t: TemplateCells): string | undefined {
  return t.layout.targetRow === undefined ? undefined : `${quoteSheet(t.sheet)}!${absCell(t.layout.targetRow, 2)}`;
}

/** Number of answers in `answers` (a column range) that are one of the template's levels. */
export function answeredFormula(answers: string, t: TemplateCells): string {
  return `SUMPRODUCT(COUNTIF(${answers},${levelLabelsRef(t)}))`;
}

/** Σ score over the answers in `answers`, each level at item i's own score. */
export function scoreSumFormula(answers: string, t: TemplateCells, item: number): string {
  return `SUMPRODUCT(COUNTIF(${answers},${levelLabelsRef(t)}),${itemScoresRef(t, item)})`;
}
