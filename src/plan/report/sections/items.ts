/**
 * 分项满意度 (by rank) and the category table, with native-formula helper columns on the right
 * (COUNTIFS over 调查数据 for the quarter) and, beside the overall, the cross-check they add up to.
 */
import { quarterRange, type Analysis } from '../../../domain';
import { cell, columnLetter, quoteSheet } from '../../a1';
import type { SheetBuilder } from '../../sheet-builder';
import type { PlanValue } from '../../types';
import { OVERALL_VALUE_COL } from './overall';
import { header, pct, WIDTH, type ReportAnchors, type ReportContext } from '../layout';

/** Columns of the item table (1-based); the level shares start at `firstLevel`, one column per level. */
export const ITEM_COLUMNS = { rank: 1, category: 2, name: 3, weight: 4, answered: 5, mean: 6, satisfaction: 7, firstLevel: 8 } as const;
/** Columns of the category table. */
export const CATEGORY_COLUMNS = { name: 1, weight: 2, satisfaction: 3 } as const;
/** The cross-check beside the overall: its label and value columns. */
const CHECK_LABEL_COL = 4;
const CHECK_VALUE_COL = 5;

export function itemsSection(b: SheetBuilder, a: Analysis, ctx: ReportContext): Partial<ReportAnchors> {
  const t = a.template;
  const { source } = ctx;
  const period = quarterRange(a.period);
  b.section('分项满意度', WIDTH + 5);
  const levels = t.levels.map((l) => l.label);
  const itemHead = ['排名', '类别', '项目', '权重', '作答数', '平均分', '满意度', ...levels];
  const nativeHead = ['核对：作答数', '核对：满意度', '加权', '有效权重'];
  header(b, [...itemHead, ...nativeHead]);
  const sorted = [...a.items].sort((x, y) => (x.rank ?? 999) - (y.rank ?? 999));
  const top = b.row;
  const dates = `${quoteSheet(source.sheet)}!$${columnLetter(source.dateCol)}:$${columnLetter(source.dateCol)}`;
  const [sy, sm, sd] = period.start.split('-').map(Number);
  const [ey, em, ed] = period.end.split('-').map(Number);
  const inPeriod = `${dates},">="&DATE(${sy},${sm},${sd}),${dates},"<="&DATE(${ey},${em},${ed})`;
  // The helper columns, right of the level shares.
  const native = { answered: itemHead.length + 1, satisfaction: itemHead.length + 2, weighted: itemHead.length + 3, weight: itemHead.length + 4 };
  const rows: PlanValue[][] = sorted.map((it, k) => {
    const i = t.items.findIndex((x) => x.name === it.name);
    const col = `${quoteSheet(source.sheet)}!$${columnLetter(source.itemCols[i])}:$${columnLetter(source.itemCols[i])}`;
    const count = (label: string) => `COUNTIFS(${col},"${label.replace(/"/g, '""')}",${inPeriod})`;
    const r = top + k;
    const n = cell(r, native.answered);
    const weight = cell(r, ITEM_COLUMNS.weight);
    const sum = t.levels.map((lv, li) => `${t.items[i].scores[li]}*${count(lv.label)}`).join('+');
    return [
      it.rank ?? '—',
      it.category,
      it.name,
      it.weight,
      it.answered,
      it.mean ?? '—',
      pct(it.satisfaction),
      ...it.shares,
      { formula: `=${t.levels.map((lv) => count(lv.label)).join('+')}` },
      { formula: `=IF(${n}>0,(${sum})/${n}/100,"")` },
      { formula: `=IF(${n}>0,${weight}*${cell(r, native.satisfaction)},0)` },
      { formula: `=IF(${n}>0,${weight},0)` },
    ];
  });
  const formats = rows.map(() => ['0', 'General', 'General', '0.##', '0', '0.00', '0.00%', ...levels.map(() => '0.0%'), '0', '0.00%', '0.0000', '0.##']);
  b.put(rows, { style: 'cell', numberFormat: formats });
  const end = b.row - 1;
  crossCheck(b, a, ctx.anchors.overallRow, { top, end }, native);
  b.note(`核对列用 COUNTIFS 按本季度日期（${period.start} 至 ${period.end}）直接统计"${source.sheet}"，任何电子表格软件打开都会重新计算；与报告数值一致时显示 ✓。`, WIDTH);

  b.skip(1);
  header(b, ['类别', '权重', '满意度']);
  const catTop = b.put(
    a.categories.map((c) => [c.name, c.weight, pct(c.satisfaction)]),
    { style: 'cell', numberFormat: a.categories.map(() => ['General', '0.##', '0.00%']) },
  );
  return { items: { top, end, sorted, lastCol: native.weight }, categories: { top: catTop, end: b.row - 1 } };
}

/** Beside the overall (when that section ran): Σ weighted / Σ weights of the helper columns, and whether it agrees. */
function crossCheck(b: SheetBuilder, a: Analysis, overallRow: number | undefined, rows: { top: number; end: number }, native: { weighted: number; weight: number }): void {
  if (overallRow === undefined) return;
  const w = (c: number) => `${columnLetter(c)}${rows.top}:${columnLetter(c)}${rows.end}`;
  const nativeOverall = `IF(SUM(${w(native.weight)})>0,SUM(${w(native.weighted)})/SUM(${w(native.weight)}),"")`;
  const value = cell(overallRow, CHECK_VALUE_COL);
  b.blocks.push(
    { at: cell(overallRow, CHECK_LABEL_COL), values: [['原生公式核对'], ['两者一致']], style: 'label' },
    {
      at: value,
      values: [[{ formula: `=${nativeOverall}`, result: a.overall ?? undefined }], [{ formula: `=IF(${value}="","—",IF(ABS(${value}-${cell(overallRow, OVERALL_VALUE_COL)})<1E-9,"✓ 一致","✗ 不一致"))`, result: '✓ 一致' }]],
      style: 'cell',
      numberFormat: [['0.00%'], ['General']],
    },
  );
}
