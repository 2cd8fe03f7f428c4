/**
 * `评分模板`: the template in the layout of Table 4-1 itself (category row, item row, weight row, one
 * row per level with each item's score, target, aliases, questions) — exactly the layout that
 * `CSAT.OVERALL(…, template)` and templateFromGrid read. Below a blank row, a weight-total check.
 */
import { cellText, type Template, type TemplateLayout } from '../../domain';
import { absCell, cell, columnLetter, sheetRef } from '../a1';
import type { CellBlock, NamedItem, PlanValue, SheetPlan } from '../types';
import { TEMPLATE_RANGE_NAME } from './names';

const FIRST_ROW = 3; // rows 1–2: title and note, above the template block

export interface TemplateSheet {
  sheet: SheetPlan;
  layout: TemplateLayout;
  names: NamedItem[];
}

export function buildTemplateSheet(template: Template, name: string): TemplateSheet {
  const n = template.items.length;
  const cols = template.items.map((_, i) => 2 + i);
  const levelRows = template.levels.map((_, li) => FIRST_ROW + 3 + li);
  const targetRow = FIRST_ROW + 3 + template.levels.length;
  const aliasRow = targetRow + 1;
  const questionRow = aliasRow + 1;
  const totalRow = questionRow + 2;
  const layout: TemplateLayout = {
    categoryRow: FIRST_ROW,
    itemRow: FIRST_ROW + 1,
    weightRow: FIRST_ROW + 2,
    labelCol: 1,
    levelRows,
    itemCols: cols,
    targetRow,
  };

  // Category row: the name over the first item of each run; the run is merged.
  const categoryCells: PlanValue[] = template.items.map((it, i) => (i === 0 || template.items[i - 1].category !== it.category ? it.category : null));
  const merges: string[] = [];
  let start = 0;
  for (let i = 1; i <= n; i++) {
    if (i === n || template.items[i].category !== template.items[start].category) {
      if (i - start > 1) merges.push(`${cell(FIRST_ROW, cols[start])}:${cell(FIRST_ROW, cols[i - 1])}`);
      start = i;
    }
  }
  const lastCol = columnLetter(1 + n);
  const weights = `${cell(layout.weightRow, 2)}:${cell(layout.weightRow, 1 + n)}`;

  const blocks: CellBlock[] = [
    { at: 'A1', values: [[cellText(['评分模板 — ', template.name])]], style: 'title' },
    {
      at: 'A2',
      values: [['可修改项目、类别、权重、分值、目标、别名和问题；函数与报告自动采用本模板，每次使用都会校验（权重须为正数且合计 100，项目与等级不得重复）。']],
      style: 'note',
    },
    { at: cell(FIRST_ROW, 1), values: [['项目', ...categoryCells]], style: 'header' },
    { at: cell(FIRST_ROW + 1, 1), values: [['调查项', ...template.items.map((it) => it.name)]], style: 'header' },
    { at: cell(layout.weightRow, 1), values: [['权重 (%)']], style: 'label' },
    { at: cell(layout.weightRow, 2), values: [template.items.map((it) => it.weight)], style: 'input', numberFormat: '0.##' },
    { at: cell(levelRows[0], 1), values: template.levels.map((lv) => [lv.label]), style: 'label' },
    {
      at: cell(levelRows[0], 2),
      values: template.levels.map((_, li) => template.items.map((it) => it.scores[li])),
      style: 'input',
      numberFormat: '0.##',
    },
    { at: cell(targetRow, 1), values: [['目标']], style: 'label' },
    { at: cell(targetRow, 2), values: [[template.target]], style: 'input', numberFormat: '0%' },
    { at: cell(aliasRow, 1), values: [['别名'], ['问题']], style: 'label' },
    { at: cell(aliasRow, 2), values: [template.items.map((it) => it.aliases.join('、')), template.items.map((it) => it.question ?? '')], style: 'wrapCell' },
    { at: cell(totalRow, 1), values: [['权重合计']], style: 'label' },
    {
      at: cell(totalRow, 2),
      values: [[{ formula: `=SUM(${weights})`, result: template.items.reduce((s, it) => s + it.weight, 0) }, { formula: `=IF(ABS(${cell(totalRow, 2)}-100)<1E-9,"✓ 合计为 100","✗ 权重合计应为 100")`, result: '✓ 合计为 100' }]],
      style: 'cell',
    },
  ];

  const sheet: SheetPlan = {
    name,
    owner: 'template',
    tabColor: '#107C41',
    freeze: { rows: FIRST_ROW + 1, columns: 1 },
    columns: [{ col: 1, width: 12 }, ...cols.map((c) => ({ col: c, width: 11 }))],
    rowHeights: [{ row: questionRow, height: 60 }],
    merges: [...merges, `A1:${lastCol}1`, `A2:${lastCol}2`],
    blocks,
    validations: [
      {
        range: `${cell(layout.weightRow, 2)}:${cell(levelRows[levelRows.length - 1], 1 + n)}`,
        rule: { kind: 'decimal', min: -1000, max: 1000 },
        allowBlank: false,
        error: { title: '无效的数值', message: '权重和分值须为数字（权重为正数，合计 100）。' },
      },
      {
        range: cell(targetRow, 2),
        rule: { kind: 'decimal', min: 0.01, max: 1 },
        allowBlank: false,
        error: { title: '无效的目标', message: '目标为 0 到 100% 之间的百分比，如 90%。' },
      },
    ],
    conditionalFormats: [{ range: cell(totalRow, 2), formula: `=ABS(${cell(totalRow, 2)}-100)>=1E-9`, style: 'warnFill' }],
    print: { orientation: 'landscape', paper: 'A4', fitWidth: 1, fitHeight: 1 },
  };
  const names: NamedItem[] = [
    {
      name: TEMPLATE_RANGE_NAME,
      ref: sheetRef(name, `${absCell(FIRST_ROW, 1)}:${absCell(questionRow, 1 + n)}`),
      comment: '评分模板（表4-1 版式），供 CSAT.* 函数的 template 参数使用',
    },
  ];
  return { sheet, layout, names };
}
