/**
 * 意见主题: the quarter's 意见与建议 cut into words (Intl.Segmenter, or character pairs where the
 * platform lacks it — said in the note), the top themes with how many respondents raised them, the
 * items those respondents rated 不满意/很不满意 most, and two example comments with their rows.
 */
import { cellText, COMMENT_COLUMN, fieldCell, formatPercent, type Analysis } from '../../../domain';
import { cell } from '../../a1';
import type { SheetBuilder } from '../../sheet-builder';
import { COLUMN_WIDTHS, header, pageNote, WIDTH } from '../layout';

/** Columns of the theme table: the unsatisfied items span D…F, the examples G…L. */
export const THEME_COLUMNS = { term: 1, count: 2, share: 3, items: 4, examples: 7 } as const;

const widthOf = (c1: number, c2: number) => COLUMN_WIDTHS.slice(c1 - 1, c2).reduce((x, y) => x + y, 0);

export function themesSection(b: SheetBuilder, a: Analysis): void {
  const t = a.themes;
  b.section('意见主题', WIDTH);
  if (t.themes.length === 0) {
    b.put([[t.commenters === 0 ? '本季度没有意见与建议。' : `本季度 ${t.commenters} 条意见与建议中，没有两条以上提到同一话题。`]]);
    return;
  }
  const C = THEME_COLUMNS;
  const row = (term: string, count: number, share: number, items: string, examples: string) => [term, count, share, items, null, null, examples, null, null, null, null, null];
  const head = ['主题', '提及人数', '占受访者', '这些受访者评为不满意/很不满意最多的项目', '', '', '示例（调查数据行号）', '', '', '', '', ''];
  const headRow = header(b, head, [
    [C.items, C.examples - 1],
    [C.examples, WIDTH],
  ]);
  const rows = t.themes.map((x) => {
    const label = x.phrases.length > 0 ? `${x.term}（${x.phrases.join('、')}）` : x.term;
    const items = x.unsatisfiedItems.length > 0 ? x.unsatisfiedItems.map((i) => `${i.item} ${i.count}`).join('、') : '无';
    // Two comments in one cell: together they may pass Excel's 32,767 characters; cut there, naming the comment's cell.
    const examples = cellText(x.examples.flatMap((e, k) => [`${k > 0 ? '\n' : ''}第${e.row}行：`, { text: e.text, cell: fieldCell(a, COMMENT_COLUMN, e.row) }]));
    return row(label, x.count, x.share, items, examples);
  });
  const top = b.put(rows, { style: 'wrapCell', numberFormat: rows.map(() => ['General', '0', '0.0%', 'General', 'General', 'General', ...Array.from({ length: 6 }, () => 'General')]) });
  for (let r = headRow; r < b.row; r++) b.merges.push(`${cell(r, C.items)}:${cell(r, C.examples - 1)}`, `${cell(r, C.examples)}:${cell(r, WIDTH)}`);
  rows.forEach((r, k) =>
    b.fit(top + k, [
      { text: r[C.term - 1], width: widthOf(C.term, C.term) },
      { text: r[C.items - 1], width: widthOf(C.items, C.examples - 1) },
      { text: r[C.examples - 1], width: widthOf(C.examples, WIDTH) },
    ]),
  );
  const how =
    t.segmenter === 'intl'
      ? '按平台的中文分词（Intl.Segmenter）切词'
      : '本环境没有 Intl.Segmenter，按相邻两字切分（结果较粗）';
  pageNote(b, `共 ${t.commenters} 条有内容的意见与建议（受访者 ${t.respondents} 人，${formatPercent(t.respondents > 0 ? t.commenters / t.respondents : null, 1)}）；${how}，去除虚词，统计词语和相邻词组被多少条意见提到。`);
}
