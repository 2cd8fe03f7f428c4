/**
 * `分析报告-YYYYQn` (《客户满意度分析报告》, policy §4.3): a record of one quarter's analysis — values
 * as computed at full precision with percent formats, stamped with time, template, data range and
 * version — written section by section (sections/index.ts), headings numbered by position. Beside
 * the overall, a native-formula cross-check recomputes in any spreadsheet; native charts to the right.
 */
import { cellText, type Analysis, type TrackerSummary } from '../../domain';
import { cell, columnLetter, parseCell } from '../a1';
import { SheetBuilder } from '../sheet-builder';
import type { ChartSpec, SheetPlan } from '../types';
import { reportCharts } from './charts';
import { COLUMN_WIDTHS, WIDTH, type ReportAnchors, type ReportSource, type ReportStamp } from './layout';
import { REPORT_SECTIONS } from './sections';

export { REPORT_LIST_LIMIT, type ReportSource, type ReportStamp } from './layout';

export function reportSheetName(period: string): string {
  return `分析报告-${period}`;
}

export function buildReportSheet(a: Analysis, source: ReportSource, stamp: ReportStamp, name = reportSheetName(a.period), tracker?: TrackerSummary): SheetPlan {
  const b = new SheetBuilder();
  b.put([[`客户满意度分析报告（${a.period}）`]], { style: 'title' });
  b.merges.push(`A1:${columnLetter(WIDTH)}1`);
  b.put([[cellText([`生成时间 ${stamp.generatedAt} ｜ 模板：`, a.template.name, ` ｜ 数据：${source.range} ｜ CSAT for Excel ${stamp.version} ｜ 依据 XDYJ-04-03 §4.2–§4.4`])]], { style: 'note' });
  b.merges.push(`A2:${columnLetter(WIDTH)}2`);

  const anchors: ReportAnchors = {};
  for (const section of REPORT_SECTIONS) Object.assign(anchors, section(b, a, { source, stamp, tracker, anchors }));

  const charts = reportCharts(a, anchors, anchors.items?.lastCol ?? WIDTH);
  return {
    name,
    owner: `report_${a.period}`,
    tabColor: '#C239B3',
    columns: COLUMN_WIDTHS.map((width, i) => ({ col: i + 1, width })),
    merges: b.merges,
    rowHeights: b.rowHeights,
    blocks: b.blocks,
    charts,
    freeze: { rows: 2, columns: 0 },
    // The report's tables (A…L), then the charts on pages of their own; the cross-check helper columns between are not printed.
    print: { orientation: 'landscape', paper: 'A4', fitWidth: 1, fitHeight: 0, area: [`A1:${columnLetter(WIDTH)}${b.row - 1}`, ...chartArea(charts)].join(',') },
  };
}

/** The cells the charts cover (top-left of the first to bottom-right of the last, that cell included); none without charts. */
function chartArea(charts: readonly ChartSpec[]): string[] {
  if (charts.length === 0) return [];
  const from = charts.map((c) => parseCell(c.from));
  const to = charts.map((c) => parseCell(c.to));
  const top = Math.min(...from.map((c) => c.row));
  const left = Math.min(...from.map((c) => c.col));
  return [`${cell(top, left)}:${cell(Math.max(...to.map((c) => c.row)), Math.max(...to.map((c) => c.col)))}`];
}
