/**
 * `分析报告-YYYYQn` (《客户满意度分析报告》, policy §4.3): a record of one quarter's analysis — values
 * as computed at full precision with percent formats, stamped with time, template, data range and
 * version — and beside the overall a native-formula cross-check (COUNTIFS over 调查数据 for that
 * quarter) that recomputes in any spreadsheet, with a mark showing the two agree. Native charts:
 * overall by quarter against the target, item satisfaction, level distribution, groups.
 */
import { quarterRange, type Analysis, type TrackerSummary } from '../../domain';
import { absCell, cell, columnLetter, parseCell, quoteSheet } from '../a1';
import { SheetBuilder } from '../sheet-builder';
import type { ChartSpec, PlanValue, SheetPlan } from '../types';

/** Lists (回访清单, 意见与建议, 无效答案) stop here; the rest stay in 调查数据 (the count says how many). */
export const REPORT_LIST_LIMIT = 1000;
/** Columns of the printed report (A…L); the native cross-check columns and the charts sit to the right. */
const WIDTH = 12;
/**
 * Column widths (characters). The printed area A…L is 22 + 18 + 14 + 9 × 11 = 153 characters: on a
 * landscape A4 page (≈ 135 characters at 100%) that prints at ≈ 88%.
 */
const COLUMN_WIDTHS = [22, 18, 14, ...Array.from({ length: 16 }, () => 11)];
const colWidth = (c: number): number => COLUMN_WIDTHS[c - 1] ?? 8.43;
/** Printed width of columns c1…c2 (a merge). */
const span = (c1: number, c2: number): number => Array.from({ length: c2 - c1 + 1 }, (_, i) => colWidth(c1 + i)).reduce((x, y) => x + y, 0);

export interface ReportSource {
  /** The responses sheet and where its columns are (1-based). */
  readonly sheet: string;
  readonly itemCols: readonly number[];
  readonly dateCol: number;
  /** e.g. `调查数据!A1:U192` */
  readonly range: string;
}

export interface ReportStamp {
  readonly generatedAt: string;
  readonly version: string;
}

export function reportSheetName(period: string): string {
  return `分析报告-${period}`;
}

const pct = (v: number | null | undefined): PlanValue => (v === null || v === undefined ? '—' : v);
const DIRECTION = { rise: '显著上升', fall: '显著下降', flat: '无显著变化' } as const;

export function buildReportSheet(a: Analysis, source: ReportSource, stamp: ReportStamp, name = reportSheetName(a.period), tracker?: TrackerSummary): SheetPlan {
  const b = new SheetBuilder();
  const t = a.template;
  const { start, end } = quarterRange(a.period);
  b.put([[`客户满意度分析报告（${a.period}）`]], { style: 'title' });
  b.merges.push(`A1:${columnLetter(WIDTH)}1`);
  b.put([[`生成时间 ${stamp.generatedAt} ｜ 模板：${t.name} ｜ 数据：${source.range} ｜ CSAT for Excel ${stamp.version} ｜ 依据 XDYJ-04-03 §4.2–§4.4`]], { style: 'note' });
  b.merges.push(`A2:${columnLetter(WIDTH)}2`);

  // 一、调查概况
  b.section('调查概况', WIDTH);
  const methods = a.methods.map((m) => `${m.method} ${m.n}`).join('、');
  const overview: LabelRow[] = [
    ['统计期间', `${a.period}（${start} 至 ${end}）`],
    ['调查日期', `${a.firstDate} 至 ${a.lastDate}`],
    ['有效样本', a.respondents, '0'],
    ['调查方式', methods],
    ['空白 / 不适用', `${a.blank} / ${a.notApplicable}`],
    ['无效答案', a.invalid.length === 0 ? '无' : `${a.invalid.length} 个（见"无效答案与无法识别的日期"一节，未计入）`],
  ];
  if (a.responseRate) {
    const r = a.responseRate;
    overview.push(['回收率', r.rate, '0.0%'], ['计划 / 已回收', `${r.planned} / ${r.responded}`], ['计划内未回收', r.missing.length === 0 ? '无' : r.missing.join('、')]);
  }
  labelRows(b, overview);

  // 二、总体满意度
  b.section('总体满意度', WIDTH);
  const ci = a.interval;
  const totalTop = b.row;
  const overallRows: PlanValue[][] = [
    ['总体满意度', pct(a.overall)],
    ['目标', t.target],
    ['结论', a.verdict ?? '—'],
    ['95% 置信区间下限', pct(ci?.low)],
    ['95% 置信区间上限', pct(ci?.high)],
    ['严格口径（公式原样）', pct(a.overallStrict)],
  ];
  b.put(overallRows.map((r) => [r[0]]), { style: 'label', advance: false });
  b.put(overallRows.map((r) => [r[1]]), { col: 2, style: 'cell', numberFormat: [['0.00%'], ['0%'], ['General'], ['0.00%'], ['0.00%'], ['0.00%']] });
  const notes: string[] = [];
  if (a.smallN) notes.push(`样本少于 5 份，结果仅供参考`);
  if (ci && a.verdict === '达标' && ci.low < t.target) notes.push('点估计达标，但置信区间下限低于目标：达标尚不稳固');
  if (a.droppedItems.length > 0) notes.push(`无人作答的项目：${a.droppedItems.join('、')}（其余权重按比例折算）`);
  if (notes.length > 0) b.note(`提示：${notes.join('；')}`, WIDTH);
  const overallCell = cell(totalTop, 2);

  // 三、分项满意度 (sorted by rank), with the native-formula cross-check columns on the right
  b.section('分项满意度', WIDTH + 5);
  const levels = t.levels.map((l) => l.label);
  const itemHead = ['排名', '类别', '项目', '权重', '作答数', '平均分', '满意度', ...levels];
  const nativeHead = ['核对：作答数', '核对：满意度', '加权', '有效权重'];
  header(b, [...itemHead, ...nativeHead]);
  const sorted = [...a.items].sort((x, y) => (x.rank ?? 999) - (y.rank ?? 999));
  const itemTop = b.row;
  const dates = `${quoteSheet(source.sheet)}!$${columnLetter(source.dateCol)}:$${columnLetter(source.dateCol)}`;
  const [sy, sm, sd] = start.split('-').map(Number);
  const [ey, em, ed] = end.split('-').map(Number);
  const inPeriod = `${dates},">="&DATE(${sy},${sm},${sd}),${dates},"<="&DATE(${ey},${em},${ed})`;
  const nc = itemHead.length; // first native column (0-based offset)
  const rows: PlanValue[][] = sorted.map((it, k) => {
    const i = t.items.findIndex((x) => x.name === it.name);
    const col = `${quoteSheet(source.sheet)}!$${columnLetter(source.itemCols[i])}:$${columnLetter(source.itemCols[i])}`;
    const count = (label: string) => `COUNTIFS(${col},"${label.replace(/"/g, '""')}",${inPeriod})`;
    const r = itemTop + k;
    const n = cell(r, nc + 1);
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
      { formula: `=IF(${n}>0,${cell(r, 4)}*${cell(r, nc + 2)},0)` },
      { formula: `=IF(${n}>0,${cell(r, 4)},0)` },
    ];
  });
  const itemFormats = rows.map(() => ['0', 'General', 'General', '0.##', '0', '0.00', '0.00%', ...levels.map(() => '0.0%'), '0', '0.00%', '0.0000', '0.##']);
  b.put(rows, { style: 'cell', numberFormat: itemFormats });
  const itemEnd = b.row - 1;
  const wcol = columnLetter(nc + 3);
  const ecol = columnLetter(nc + 4);
  const nativeOverall = `IF(SUM(${ecol}${itemTop}:${ecol}${itemEnd})>0,SUM(${wcol}${itemTop}:${wcol}${itemEnd})/SUM(${ecol}${itemTop}:${ecol}${itemEnd}),"")`;
  // The cross-check sits beside the overall (section 二), pointing at the helper columns above.
  b.blocks.push(
    { at: cell(totalTop, 4), values: [['原生公式核对'], ['两者一致']], style: 'label' },
    {
      at: cell(totalTop, 5),
      values: [[{ formula: `=${nativeOverall}`, result: a.overall ?? undefined }], [{ formula: `=IF(${cell(totalTop, 5)}="","—",IF(ABS(${cell(totalTop, 5)}-${overallCell})<1E-9,"✓ 一致","✗ 不一致"))`, result: '✓ 一致' }]],
      style: 'cell',
      numberFormat: [['0.00%'], ['General']],
    },
  );
  b.note(`核对列用 COUNTIFS 按本季度日期（${start} 至 ${end}）直接统计"${source.sheet}"，任何电子表格软件打开都会重新计算；与报告数值一致时显示 ✓。`, WIDTH);

  // categories
  b.skip(1);
  header(b, ['类别', '权重', '满意度']);
  const catTop = b.row;
  b.put(
    a.categories.map((c) => [c.name, c.weight, pct(c.satisfaction)]),
    { style: 'cell', numberFormat: a.categories.map(() => ['General', '0.##', '0.00%']) },
  );

  // 四、交叉分组
  b.section(`交叉分组分析（按"${a.groupBy}"）`, WIDTH);
  header(b, ['分组', '样本数', '总体满意度', ...t.categories, '提示']);
  const groupTop = b.row;
  b.put(
    a.groups.map((g) => [g.key, g.n, pct(g.overall), ...g.categories.map(pct), [g.belowTarget ? '低于目标' : '', g.smallN ? '样本过少（<5）' : ''].filter(Boolean).join('；')]),
    { style: 'cell', numberFormat: a.groups.map(() => ['General', '0', '0.00%', ...t.categories.map(() => '0.00%'), 'General']) },
  );
  const groupEnd = b.row - 1;

  // 五、趋势
  b.section('趋势（与历史数据对比）', WIDTH);
  header(b, ['季度', '样本数', '总体满意度', '目标', '较上季度', 'p 值（Welch）', '判断', ...t.categories]);
  const trendTop = b.row;
  b.put(
    a.trend.map((q) => [
      q.fromHistory ? `${q.quarter}（历史）` : q.quarter,
      q.n,
      pct(q.overall),
      t.target,
      q.change ?? '—',
      q.p ?? '—',
      q.direction ? DIRECTION[q.direction] : '—',
      ...q.categories.map(pct),
    ]),
    { style: 'cell', numberFormat: a.trend.map(() => ['General', '0', '0.00%', '0%', '+0.00%;-0.00%;0.00%', '0.000', 'General', ...t.categories.map(() => '0.00%')]) },
  );
  const trendEnd = b.row - 1;
  b.note('只有 Welch 检验在 5% 水平显著的变化才称为"上升"或"下降"；受访者加权得分为检验单位。', WIDTH);

  // 六、改进机会
  b.section('改进机会', WIDTH);
  if (a.opportunities.length === 0) b.put([['无：所有项目均达到目标，且没有显著下降的项目。']]);
  else {
    header(b, ['项目', '类别', '满意度', '原因']);
    b.put(
      a.opportunities.map((o) => [
        o.item,
        o.category,
        pct(o.satisfaction),
        [o.belowTarget ? `低于目标 ${Math.round(t.target * 100)}%` : '', o.falling ? `较上季度显著下降（${((o.change ?? 0) * 100).toFixed(1)} 个百分点，p=${(o.p ?? 0).toFixed(3)}）` : ''].filter(Boolean).join('；'),
      ]),
      { style: 'cell', numberFormat: a.opportunities.map(() => ['General', 'General', '0.00%', 'General']) },
    );
  }

  // 意见与建议 / 回访清单 / 无效答案 (sections are numbered by position: an omitted one leaves no gap)
  listSection(b, '意见与建议', ['行号', '客户名称', '意见与建议'], a.comments.map((c) => [c.row, c.customer, c.comment]));
  listSection(b, '回访清单（不满意 / 很不满意）', ['行号', '客户名称', '项目', '等级', '意见与建议'], a.followUps.map((f) => [f.row, f.customer, f.item, f.level, f.comment]));
  if (a.invalid.length > 0 || a.undated.length > 0) {
    listSection(b, '无效答案与无法识别的日期（未计入）', ['单元格', '项目', '内容'], [
      ...a.invalid.map((x) => [x.cell, x.item, x.value]),
      ...a.undated.map((x) => [x.cell, '调查日期', x.value || '（空）']),
    ]);
  }

  if (tracker) trackerSection(b, tracker);

  const charts = reportCharts(a, { itemTop, itemEnd, levelsFrom: 8, catTop, groupTop, groupEnd, trendTop, trendEnd, left: itemHead.length + nativeHead.length + 2 }, sorted);
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
    print: { orientation: 'landscape', paper: 'A4', fitWidth: 1, fitHeight: 0, area: `A1:${columnLetter(WIDTH)}${b.row - 1},${chartArea(charts)}` },
  };
}

/** The cells the charts cover (top-left of the first to bottom-right of the last, that cell included). */
function chartArea(charts: readonly ChartSpec[]): string {
  const from = charts.map((c) => parseCell(c.from));
  const to = charts.map((c) => parseCell(c.to));
  const top = Math.min(...from.map((c) => c.row));
  const left = Math.min(...from.map((c) => c.col));
  return `${cell(top, left)}:${cell(Math.max(...to.map((c) => c.row)), Math.max(...to.map((c) => c.col)))}`;
}

/** A label with its value: text across the page (wrapped, the row as tall as it needs); a number in a cell of its own. */
type LabelRow = readonly [label: string, value: PlanValue, format?: string];

function labelRows(b: SheetBuilder, rows: readonly LabelRow[]): void {
  for (const [label, value, format] of rows) {
    const r = b.put([[label]], { style: 'label', advance: false });
    if (typeof value === 'string') {
      b.put([[value, ...Array.from({ length: WIDTH - 2 }, () => null)]], { col: 2, style: 'wrapCell' });
      b.merges.push(`B${r}:${columnLetter(WIDTH)}${r}`);
      b.fit(r, [{ text: label, width: colWidth(1) }, { text: value, width: span(2, WIDTH) }]);
    } else b.put([[value]], { col: 2, style: 'cell', numberFormat: format ?? 'General' });
  }
}

/** A header row, as tall as its longest label needs in its column (header cells wrap). */
function header(b: SheetBuilder, values: readonly string[], merges: readonly (readonly [number, number])[] = []): number {
  const row = b.put([values], { style: 'header' });
  b.fit(
    row,
    values.map((v, i) => {
      const m = merges.find(([c1]) => c1 === i + 1);
      return { text: v, width: m ? span(m[0], m[1]) : colWidth(i + 1) };
    }),
  );
  return row;
}

/** 纠正预防措施跟踪 (policy §4.3 效果跟踪): closure, overdue actions, and each verified action's effect. */
function trackerSection(b: SheetBuilder, s: TrackerSummary): void {
  b.section('纠正预防措施跟踪（效果验证）', WIDTH);
  const rows: LabelRow[] = [
    ['措施总数', s.total, '0'],
    ['已验证', s.byState.find((x) => x.state === '已验证')?.n ?? 0, '0'],
    ['已关闭', s.byState.find((x) => x.state === '已关闭')?.n ?? 0, '0'],
    ['已验证与已关闭合计', s.closed, '0'],
    ['关闭率', s.closureRate ?? '—', '0.0%'],
    ['逾期未完成', s.overdue.length, '0'],
    ['按状态', s.byState.map((x) => `${x.state} ${x.n}`).join('、')],
  ];
  if (s.overdue.length > 0) rows.push(['逾期措施', s.overdue.map((a) => `${a.id}（${a.plannedDate}）`).join('、')]);
  labelRows(b, rows);
  b.skip(1);
  if (s.effects.length === 0) {
    b.put([['尚无已验证的满意度项目措施可做效果验证。']]);
    return;
  }
  header(b, ['编号', '项目', '措施前季度', '满意度', '后一季度', '满意度', '变化', 'p 值', '判断']);
  b.put(
    s.effects.map((e) => [e.id, e.item, e.from, e.before ?? '—', e.to, e.after ?? '—', e.change ?? '—', e.p ?? '—', e.direction ? DIRECTION[e.direction] : e.after === null ? '后一季度尚无数据' : '—']),
    { style: 'cell', numberFormat: s.effects.map(() => ['General', 'General', 'General', '0.00%', 'General', '0.00%', '+0.00%;-0.00%;0.00%', '0.000', 'General']) },
  );
}

function listSection(b: SheetBuilder, title: string, head: string[], rows: PlanValue[][]): void {
  b.section(title, WIDTH);
  if (rows.length === 0) {
    b.put([['无']]);
    return;
  }
  // The last column holds the text (意见与建议, 内容): merged across to the page's right edge so it wraps in a readable width.
  const text = head.length;
  const pad = Array.from({ length: WIDTH - text }, () => null);
  header(b, [...head, ...pad.map(() => '')], [[text, WIDTH]]);
  b.merges.push(`${columnLetter(text)}${b.row - 1}:${columnLetter(WIDTH)}${b.row - 1}`);
  const shown = rows.slice(0, REPORT_LIST_LIMIT);
  const top = b.put(shown.map((r) => [...r, ...pad]), { style: 'wrapCell' });
  shown.forEach((r, i) => {
    b.merges.push(`${columnLetter(text)}${top + i}:${columnLetter(WIDTH)}${top + i}`);
    b.fit(top + i, r.map((v, c) => ({ text: v, width: c === text - 1 ? span(text, WIDTH) : colWidth(c + 1) })));
  });
  if (rows.length > REPORT_LIST_LIMIT) b.note(`共 ${rows.length} 条，此处列出前 ${REPORT_LIST_LIMIT} 条；其余请在调查数据中筛选。`, WIDTH);
}

interface Anchors {
  itemTop: number;
  itemEnd: number;
  levelsFrom: number;
  catTop: number;
  groupTop: number;
  groupEnd: number;
  trendTop: number;
  trendEnd: number;
  /** First column of the charts: right of the widest table. */
  left: number;
}

function reportCharts(a: Analysis, at: Anchors, sorted: Analysis['items']): ChartSpec[] {
  const col = (c: number, r1: number, r2: number) => `${absCell(r1, c)}:${absCell(r2, c)}`;
  const left = at.left;
  const place = (k: number) => ({ from: cell(4 + k * 20, left), to: cell(4 + k * 20 + 18, left + 8) });
  const charts: ChartSpec[] = [
    {
      kind: 'line',
      title: '总体满意度趋势（按季度）',
      categories: col(1, at.trendTop, at.trendEnd),
      categoryCache: a.trend.map((q) => (q.fromHistory ? `${q.quarter}（历史）` : q.quarter)),
      series: [
        { name: '总体满意度', values: col(3, at.trendTop, at.trendEnd), color: '#107C41', cache: a.trend.map((q) => q.overall) },
        { name: `目标 ${Math.round(a.target * 100)}%`, values: col(4, at.trendTop, at.trendEnd), color: '#D13438', cache: a.trend.map(() => a.target) },
      ],
      valueAxis: { title: '满意度', format: '0%' },
      ...place(0),
    },
    {
      kind: 'bar',
      title: '分项满意度（由高到低）',
      categories: col(3, at.itemTop, at.itemEnd),
      categoryCache: sorted.map((x) => x.name),
      series: [{ name: '满意度', values: col(7, at.itemTop, at.itemEnd), color: '#2B88D8', cache: sorted.map((x) => x.satisfaction) }],
      valueAxis: { format: '0%' },
      reverseCategories: true,
      ...place(1),
    },
    {
      kind: 'barStacked100',
      title: '各项目满意度等级分布',
      categories: col(3, at.itemTop, at.itemEnd),
      categoryCache: sorted.map((x) => x.name),
      series: a.template.levels.map((lv, li) => ({
        name: lv.label,
        values: col(at.levelsFrom + li, at.itemTop, at.itemEnd),
        color: ['#107C41', '#8BC34A', '#FFC107', '#FF7043', '#A4262C', '#605E5C', '#8764B8'][li % 7],
        cache: sorted.map((x) => x.shares[li]),
      })),
      valueAxis: { format: '0%' },
      reverseCategories: true,
      ...place(2),
    },
    {
      kind: 'column',
      title: `各${a.groupBy}总体满意度`,
      categories: col(1, at.groupTop, at.groupEnd),
      categoryCache: a.groups.map((g) => g.key),
      series: [{ name: '总体满意度', values: col(3, at.groupTop, at.groupEnd), color: '#8764B8', cache: a.groups.map((g) => g.overall) }],
      valueAxis: { format: '0%' },
      ...place(3),
    },
  ];
  return charts;
}
