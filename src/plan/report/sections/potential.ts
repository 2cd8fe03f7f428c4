/**
 * 提升潜力: how many points the overall would gain if each item alone reached the target (ranked),
 * and the fewest items whose reaching it lifts a below-target quarter to the target. The potential
 * column is a native formula over the cells beside it (`potentialFormula`), so any spreadsheet
 * recomputes it; the answered-weight cell above it is one too.
 */
import { formatPercent, potentialFormula, type Analysis } from '../../../domain';
import { absCell, cell } from '../../a1';
import type { SheetBuilder } from '../../sheet-builder';
import { header, pageNote, pct, WIDTH, type ReportAnchors } from '../layout';

/** Columns of the potential table (1-based). */
export const POTENTIAL_COLUMNS = { rank: 1, name: 2, category: 3, weight: 4, satisfaction: 5, gap: 6, potential: 7, inSet: 8 } as const;
/** The column of the target and answered-weight values above the table. */
const VALUE_COL = 2;

const points = (v: number) => `${(v * 100).toFixed(2)} 个百分点`;

export function potentialSection(b: SheetBuilder, a: Analysis): Partial<ReportAnchors> {
  const p = a.potential;
  b.section('提升潜力（各项目达到目标时总体满意度的提高）', WIDTH);
  const targetRow = b.row;
  const weightRow = targetRow + 1;
  // Below the two value rows: a blank row, the header, then the table.
  const top = weightRow + 3;
  const end = top + p.items.length - 1;
  const C = POTENTIAL_COLUMNS;
  const range = (c: number) => `${cell(top, c)}:${cell(end, c)}`;
  const answeredWeight = p.items.reduce((s, x) => s + (x.satisfaction === null ? 0 : x.weight), 0);
  b.put([['目标'], ['已作答项目权重合计']], { style: 'label', advance: false });
  b.put(
    [[p.target], [{ formula: `=SUMPRODUCT(ISNUMBER(${range(C.satisfaction)})*${range(C.weight)})`, result: answeredWeight }]],
    { col: VALUE_COL, style: 'cell', numberFormat: [['0%'], ['0.##']] },
  );
  b.skip(1);
  header(b, ['排名', '项目', '类别', '权重', '满意度', '与目标差距', '提升潜力', '达标组合']);
  const inSet = new Set(p.reachSet ?? []);
  const rows = p.items.map((x, k) => {
    const r = top + k;
    const formula = potentialFormula('item', {
      weight: cell(r, C.weight),
      satisfaction: cell(r, C.satisfaction),
      target: absCell(targetRow, VALUE_COL),
      answeredWeight: absCell(weightRow, VALUE_COL),
    });
    return [x.rank, x.item, x.category ?? '', x.weight, pct(x.satisfaction), x.gap, { formula, result: x.potential }, inSet.has(x.item) ? '✓' : ''];
  });
  const written = b.put(rows, { style: 'cell', numberFormat: rows.map(() => ['0', 'General', 'General', '0.##', '0.00%', '0.00%', '0.00%', 'General']) });
  if (written !== top) throw new Error(`potential table at row ${written}, formulas written for row ${top}`);
  pageNote(b, conclusion(a));
  pageNote(
    b,
    `提升潜力 = 权重 × max(0, 目标 − 满意度) ÷ 已作答项目权重合计（按项平均口径），为总体满意度的提高值；列中为原生公式，任何电子表格软件都会按旁边的数值重新计算。"达标组合"为使总体满意度达到目标所需的最少项目。`,
  );
  return { potential: { top, end } };
}

/** The plain sentence under the table. */
function conclusion(a: Analysis): string {
  const p = a.potential;
  const top3 = p.items.filter((x) => x.potential > 0).slice(0, 3);
  const lead = top3.length > 0 ? `提升潜力最大的项目：${top3.map((x) => `${x.item}（+${points(x.potential)}）`).join('、')}。` : '所有项目均已达到目标，没有提升潜力。';
  if (p.overall === null) return lead;
  if (p.reachSet === null) return `${lead}本季度总体满意度 ${pct2(p.overall)}，即使所有项目都达到目标也无法达到 ${Math.round(p.target * 100)}%。`;
  if (p.reachSet.length === 0) return `${lead}本季度总体满意度 ${pct2(p.overall)}，已达到目标。`;
  return `${lead}本季度总体满意度 ${pct2(p.overall)}，低于目标 ${points(p.shortfall)}：最少需要 ${p.reachSet.length} 个项目达到目标——${p.reachSet.join('、')}——总体满意度可达 ${pct2(p.reachedOverall!)}。`;
}

const pct2 = (v: number) => formatPercent(v, 2);
