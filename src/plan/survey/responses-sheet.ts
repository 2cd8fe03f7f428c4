/**
 * `调查数据`: an Excel table of responses — customer columns, one column per template item (a list
 * of the level labels with an error alert), 意见与建议 — and beside it a live summary: CSAT.OVERALL
 * for Excel with the add-in, the same overall as native formulas any spreadsheet recomputes, and a
 * mark showing whether the two agree.
 */
import { answerChoices, clipText, DATE_COLUMN, EXCEL_LIMITS, INFO_COLUMNS, METHOD_COLUMN, responseColumns, SURVEY_METHODS, type CellValue, type Template } from '../../domain';
import { cell, columnLetter, columnRef } from '../a1';
import type { CellBlock, ColumnSpec, PlanValue, SheetPlan, ValidationSpec } from '../types';
import { listSource } from './list-source';
import { LIVE_OVERALL_FORMULA, RESPONSES_TABLE_NAME } from './names';
import { answeredFormula, itemWeightRef, scoreSumFormula, targetRef, type TemplateCells } from './native-formulas';

/** Rows below the data that get the drop-down lists too, so new answers are checked as typed. */
export const VALIDATION_SPARE_ROWS = 2000;

export interface ResponsesSheetOptions {
  /** Rows in column order: INFO_COLUMNS, one per item, COMMENT_COLUMN, SOURCE_COLUMN. Dates as ISO strings. */
  rows?: readonly (readonly CellValue[])[];
}

export interface ResponsesLayout {
  readonly header: readonly string[];
  /** 1-based column of each item. */
  readonly itemCols: readonly number[];
  readonly dateCol: number;
  readonly lastCol: number;
  /** Cell of the native-formula overall. */
  readonly nativeOverallCell: string;
}

export function responsesHeader(template: Template): string[] {
  return responseColumns(template.items.map((it) => it.name));
}

export function buildResponsesSheet(template: Template, name: string, templateCells: TemplateCells, options: ResponsesSheetOptions = {}): { sheet: SheetPlan; layout: ResponsesLayout } {
  const header = responsesHeader(template);
  const rows = options.rows ?? [];
  const dateCol = INFO_COLUMNS.indexOf(DATE_COLUMN) + 1;
  const methodCol = INFO_COLUMNS.indexOf(METHOD_COLUMN) + 1;
  const itemCols = template.items.map((_, i) => INFO_COLUMNS.length + 1 + i);
  const lastCol = header.length;
  const dataRows = Math.max(rows.length, 1); // an Excel table needs at least one data row
  const validationEnd = 1 + dataRows + VALIDATION_SPARE_ROWS;

  const toPlan = (v: CellValue, c: number): PlanValue => {
    if (v === undefined) return null;
    if (c === dateCol && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return { date: v };
    return v;
  };
  const body: PlanValue[][] = rows.length > 0 ? rows.map((r) => header.map((_, c) => toPlan(r[c], c + 1))) : [header.map(() => null)];

  const blocks: CellBlock[] = [
    { at: 'A1', values: [header], style: 'header' },
    { at: 'A2', values: body },
  ];
  const labels = answerChoices(template.levels.map((l) => l.label));
  // Both lists must stay one string literal each (the template's labels were checked when it was read).
  listSource(labels);
  listSource(SURVEY_METHODS);
  const validations: ValidationSpec[] = [
    {
      range: `${cell(2, methodCol)}:${cell(validationEnd, methodCol)}`,
      rule: { kind: 'list', values: [...SURVEY_METHODS] },
      allowBlank: true,
      error: { title: METHOD_COLUMN, message: `请从列表中选择：${SURVEY_METHODS.join('、')}` },
    },
    {
      range: `${cell(2, dateCol)}:${cell(validationEnd, dateCol)}`,
      rule: { kind: 'date', min: '2000-01-01', max: '2099-12-31' },
      allowBlank: true,
      error: { title: DATE_COLUMN, message: '请输入日期，如 2026-03-05。' },
    },
    {
      range: `${cell(2, itemCols[0])}:${cell(validationEnd, itemCols[itemCols.length - 1])}`,
      rule: { kind: 'list', values: labels },
      allowBlank: true,
      // Many levels make these longer than Excel keeps: cut with … rather than mid-word by the host.
      error: { title: '满意度等级', message: clipText(`请从列表中选择：${labels.join('、')}；未作答请留空。`, EXCEL_LIMITS.validationError) },
      prompt: { title: '满意度等级', message: clipText(labels.join(' / '), EXCEL_LIMITS.validationPrompt) },
    },
  ];

  // The live summary: one blank column, then seven (domain/sheet-limits.ts counts them for MAX_TEMPLATE_ITEMS).
  const summary = buildSummary(template, name, templateCells, itemCols, lastCol + 2);
  const columns: ColumnSpec[] = [
    { col: 1, width: 22 },
    { col: 2, width: 12 },
    { col: 3, width: 22 },
    { col: 4, width: 11 },
    { col: dateCol, width: 12, numberFormat: 'yyyy-mm-dd' },
    { col: 6, width: 9 },
    // As wide as the item's name (two characters per CJK one), up to a readable 40 (Excel's own limit is 255).
    ...itemCols.map((c) => ({ col: c, width: Math.min(40, Math.max(8, template.items[c - itemCols[0]].name.length * 2 + 3)) })),
    { col: lastCol - 1, width: 36 },
    { col: lastCol, width: 24 },
    { col: lastCol + 1, width: 3 },
    { col: lastCol + 2, width: 24 },
    ...[3, 4, 5, 6, 7, 8].map((k) => ({ col: lastCol + k, width: 11 })),
  ];
  const sheet: SheetPlan = {
    name,
    owner: 'responses',
    tabColor: '#2B88D8',
    freeze: { rows: 1, columns: 1 },
    columns,
    blocks: [...blocks, ...summary.blocks],
    tables: [{ name: RESPONSES_TABLE_NAME, range: `A1:${columnLetter(lastCol)}${1 + dataRows}`, style: 'TableStyleMedium2' }],
    validations,
    // The table's columns only (the live summary beside it is for the screen), two landscape pages wide.
    print: { orientation: 'landscape', paper: 'A4', fitWidth: 2, fitHeight: 0, printTitles: '1:1', area: `A:${columnLetter(lastCol)}` },
  };
  return { sheet, layout: { header, itemCols, dateCol, lastCol, nativeOverallCell: summary.nativeOverallCell } };
}

function buildSummary(template: Template, sheetName: string, t: TemplateCells, itemCols: readonly number[], col: number) {
  const at = (r: number, c = col) => cell(r, c);
  const firstItemRow = 9;
  const lastItemRow = firstItemRow + template.items.length - 1;
  const weighted = `${at(firstItemRow, col + 5)}:${at(lastItemRow, col + 5)}`;
  const effective = `${at(firstItemRow, col + 6)}:${at(lastItemRow, col + 6)}`;
  const nativeOverallCell = at(3, col + 1);
  const target = targetRef(t) ?? String(template.target);
  const itemRows: PlanValue[][] = template.items.map((it, i) => {
    const r = firstItemRow + i;
    const answers = columnRef(sheetName, itemCols[i]);
    const n = at(r, col + 2);
    const s = at(r, col + 3);
    return [
      it.name,
      { formula: `=${itemWeightRef(t, i)}` },
      { formula: `=${answeredFormula(answers, t)}` },
      { formula: `=${scoreSumFormula(answers, t, i)}` },
      { formula: `=IF(${n}>0,${s}/${n}/100,"")` },
      { formula: `=IF(${n}>0,${at(r, col + 1)}*${s}/${n},0)` },
      { formula: `=IF(${n}>0,${at(r, col + 1)},0)` },
    ];
  });
  const addin = at(2, col + 1);
  const blocks: CellBlock[] = [
    { at: at(1), values: [['实时汇总（随数据自动更新）']], style: 'subtitle' },
    {
      at: at(2),
      values: [['总体满意度（CSAT 函数）'], ['总体满意度（原生公式）'], ['两种算法核对'], ['目标'], ['结论']],
      style: 'label',
    },
    {
      at: at(2, col + 1),
      values: [
        [{ formula: LIVE_OVERALL_FORMULA }],
        [{ formula: `=IF(SUM(${effective})>0,SUM(${weighted})/SUM(${effective})/100,"")` }],
        [{ formula: `=IF(ISNUMBER(${addin}),IF(ABS(${addin}-${nativeOverallCell})<1E-9,"✓ 一致","✗ 不一致"),"CSAT 函数不可用（未加载或数据有误），以原生公式为准")` }],
        [{ formula: `=${target}` }],
        [{ formula: `=IF(${nativeOverallCell}="","",IF(${nativeOverallCell}>=${at(5, col + 1)},"达标","未达标"))` }],
      ],
      numberFormat: [['0.00%'], ['0.00%'], ['General'], ['0%'], ['General']],
      style: 'cell',
    },
    { at: at(8), values: [['项目', '权重', '作答数', '得分合计', '满意度', '加权得分', '有效权重']], style: 'header' },
    {
      at: at(firstItemRow),
      values: itemRows,
      numberFormat: itemRows.map(() => ['General', '0.##', '0', '0', '0.00%', '0.00', '0.##']),
      style: 'cell',
    },
  ];
  return { blocks, nativeOverallCell };
}

/**
 * Rows appended below the responses (an update plan: nothing above is touched), values placed by
 * the sheet's own header, and the table extended over them.
 */
export function appendResponsesPlan(sheet: string, header: readonly string[], rows: readonly Readonly<Record<string, CellValue>>[], firstFreeRow: number): SheetPlan {
  const dateCol = header.indexOf(DATE_COLUMN);
  const values: PlanValue[][] = rows.map((r) =>
    header.map((h, c) => {
      const v = r[h];
      if (v === undefined || v === null) return null;
      if (c === dateCol && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return { date: v };
      return v;
    }),
  );
  const last = firstFreeRow + rows.length - 1;
  return {
    name: sheet,
    owner: 'responses',
    update: true,
    blocks: rows.length > 0 ? [{ at: cell(firstFreeRow, 1), values }] : [],
    tables: rows.length > 0 ? [{ name: RESPONSES_TABLE_NAME, range: `A1:${columnLetter(header.length)}${last}` }] : [],
  };
}
