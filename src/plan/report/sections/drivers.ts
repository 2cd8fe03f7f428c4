/**
 * 关键驱动与四分图: each item's derived importance (Pearson r of its score with the respondent's
 * weighted score, with the answered pairs), stated importance (the Table 4-1 weight), satisfaction and
 * quadrant — split at the mean importance and the target. Items in a quadrant come first (the scatter
 * chart's points); items with too few pairs are said. Right of the table, the two split lines as
 * x/y pairs for the chart.
 */
import { MIN_PAIRS, type Analysis, type Driver } from '../../../domain';
import { cell } from '../../a1';
import type { SheetBuilder } from '../../sheet-builder';
import type { PlanValue } from '../../types';
import { header, pageNote, pct, WIDTH, type ReportAnchors } from '../layout';

/** Columns of the driver table (1-based), and of the split lines right of the printed page. */
export const DRIVER_COLUMNS = { name: 1, category: 2, r: 3, n: 4, weight: 5, satisfaction: 6, quadrant: 7, remark: 8, lineX: WIDTH + 1, lineY: WIDTH + 2 } as const;

/** What each quadrant means, in the report's words. */
export const QUADRANT_MEANING = { 优势区: '重要且满意：保持', 修补区: '重要但未达标：优先改进', 机会区: '次要且未达标：逐步改进', 维持区: '次要且满意：维持' } as const;

/** The table's order: items in a quadrant by importance, then items with an r but too few pairs, then the rest. */
export function driverOrder(a: Analysis): Driver[] {
  const tier = (d: Driver) => (d.quadrant !== null ? 0 : d.r !== null ? 1 : 2);
  return [...a.drivers.items].sort((x, y) => tier(x) - tier(y) || (y.r ?? 0) - (x.r ?? 0));
}

/** The scatter's axis bounds: importance and satisfaction with the split lines inside, on round steps. */
export function driverBounds(a: Analysis): { xMin: number; xMax: number; yMin: number; yMax: number } {
  const placed = a.drivers.items.filter((d) => d.quadrant !== null);
  const rs = placed.map((d) => d.r!);
  const ss = [...placed.map((d) => d.satisfaction!), a.target];
  let xMin = Math.floor(Math.min(...rs) * 10 - 1e-9) / 10;
  let xMax = Math.ceil(Math.max(...rs) * 10 + 1e-9) / 10;
  if (xMax - xMin < 0.2) [xMin, xMax] = [xMin - 0.1, xMax + 0.1];
  const yMin = Math.max(-0.1, Math.floor(Math.min(...ss) * 20 - 1e-9) / 20 - 0.05);
  return { xMin: Math.max(-1, xMin), xMax: Math.min(1, xMax), yMin, yMax: 1 };
}

function remark(d: Driver): string {
  if (d.n < MIN_PAIRS) return `作答少于 ${MIN_PAIRS} 对，相关系数不稳，不参与分区`;
  if (d.r === null) return '答案或总分没有变化，无法计算相关系数';
  return d.quadrant ? QUADRANT_MEANING[d.quadrant] : '';
}

export function driversSection(b: SheetBuilder, a: Analysis): Partial<ReportAnchors> {
  const d = a.drivers;
  b.section('关键驱动与四分图（重要性—满意度矩阵）', WIDTH);
  const C = DRIVER_COLUMNS;
  const head = ['项目', '类别', '推导重要性 r', '作答对数', '陈述重要性（权重）', '满意度', '象限', '说明'];
  const pad = Array.from({ length: WIDTH - head.length }, () => '');
  const headRow = header(b, [...head, ...pad], [[C.remark, WIDTH]]);
  const order = driverOrder(a);
  const top = b.put(
    order.map((x) => [x.item, x.category, x.r ?? '—', x.n, x.weight, pct(x.satisfaction), x.quadrant ?? '—', remark(x), ...pad.map(() => null)]),
    { style: 'cell', numberFormat: order.map(() => ['General', 'General', '0.000', '0', '0.##', '0.00%', 'General', 'General', ...pad.map(() => 'General')]) },
  );
  const end = b.row - 1;
  // The remark spans H…L so it reads on one line.
  for (let r = headRow; r <= end; r++) b.merges.push(`${cell(r, C.remark)}:${cell(r, WIDTH)}`);
  const placed = order.filter((x) => x.quadrant !== null).length;
  if (placed > 0 && d.meanImportance !== null) {
    // The split lines as two points each: importance = mean (vertical), satisfaction = target (horizontal).
    const { xMin, xMax, yMin, yMax } = driverBounds(a);
    const lines: PlanValue[][] = [
      [d.meanImportance, yMin],
      [d.meanImportance, yMax],
      [xMin, a.target],
      [xMax, a.target],
    ];
    b.blocks.push(
      { at: cell(headRow, C.lineX), values: [['分界线 x', '分界线 y']], style: 'header' },
      { at: cell(top, C.lineX), values: lines, style: 'cell', numberFormat: '0.000' },
    );
  }
  const fix = d.fixFirst;
  const sentences = [
    d.meanImportance === null
      ? `作答不足（每项至少 ${MIN_PAIRS} 对），本季度无法划分四分图。`
      : `按平均推导重要性 ${d.meanImportance.toFixed(3)} 与目标 ${Math.round(a.target * 100)}% 划分象限。${fix.length > 0 ? `修补区（优先改进，已列入改进机会，原因"关键驱动"）：${fix.join('、')}。` : '没有落在修补区的项目。'}`,
  ];
  if (d.fewPairs.length > 0) sentences.push(`作答少于 ${MIN_PAIRS} 对的项目：${d.fewPairs.join('、')}。`);
  pageNote(b, sentences.join(''));
  pageNote(b, '推导重要性为该项目得分与受访者加权总分的皮尔逊相关系数（只计回答了该项目的受访者，作答对数即样本数）；总分包含该项目本身，权重大的项目相关略高，故陈述重要性（表4-1 权重）并列供参考。');
  return { drivers: { top, end, placed, lines: top } };
}
