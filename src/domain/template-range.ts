/**
 * Reads a template from a range in the layout of Table 4-1 itself — the layout of the `评分模板`
 * sheet and of the optional `[template]` argument of the CSAT.* functions:
 *
 *   项目      | 服务能力与质量 |      | … | 备件供应 | 培训     ← category row (first cell 项目 or 类别);
 *             | 专业技术       | 日常 | … |          |          ← item row (blank = the category above,
 *   权重 (%)  | 10             | 7    | … | 10       | 10       ←   as 备件供应 and 培训 in Table 4-1)
 *   满意      | 100            | 100  | … | 100      | 100      ← one row per level: its label, then
 *   较满意    | 90             | 90   | … | 90       | 90       ←   every item's own score
 *   …
 *   目标      | 90%            |                                  ← optional: target (0.9, 90% or 90)
 *   别名      | 技术水平、专业能力 | … |                          ← optional: aliases, separated by 、,;
 *   问题      | 运维人员的专业技术… |                            ← optional: question text
 *
 * A blank category cell continues the category to its left (merged cells arrive that way). Rows may
 * sit anywhere in the range; the first column names them. The block ends at the first entirely blank
 * row after the item row, so notes and totals may follow below a blank row.
 *
 * `zeroMeansBlank` (the functions' `[template]` argument: desktop Excel passes blank cells as 0, the
 * web as null): a numeric 0 is a blank cell wherever a blank is meaningful — the first column, the
 * category and item rows, an all-blank row, the target, aliases and questions. Weights and scores are
 * read as typed (a level may score 0; a blank weight is refused on both hosts, a blank score is refused on
 * the web but arrives as 0 on desktop and is read as the score 0).
 */
import { cellAddress, DEFAULT_ORIGIN, isBlank, normalizeLabel, type CellValue, type Grid, type GridOrigin } from './cells';
import { CsatError, problem } from './messages';
import { validateTemplate, type Locator, type Template, type TemplateSpec } from './template';

type RowKind = 'category' | 'weight' | 'target' | 'aliases' | 'question' | 'level';

/** Whether a label cell is empty: blank, or a desktop blank (numeric 0) when `zeroMeansBlank`. */
type IsEmpty = (v: CellValue) => boolean;
const blankOnly: IsEmpty = isBlank;
const blankOrZero: IsEmpty = (v) => v === 0 || isBlank(v);

export interface TemplateGridOptions {
  /** Read a numeric 0 in a label cell as a blank cell (custom-function arguments); default false. */
  zeroMeansBlank?: boolean;
}

function rowKind(first: CellValue, empty: IsEmpty): RowKind | undefined {
  if (empty(first)) return undefined;
  const key = normalizeLabel(String(first)).replace(/[(（]%[)）]$/, '').replace(/[:：]$/, '');
  if (key === '项目' || key === '类别' || key === '维度') return 'category';
  if (key.startsWith('权重')) return 'weight';
  if (key.startsWith('目标')) return 'target';
  if (key === '别名') return 'aliases';
  if (key === '问题' || key === '问题描述' || key === '调查问题') return 'question';
  return 'level';
}

function text(v: CellValue, empty: IsEmpty = blankOnly): string {
  return v === null || v === undefined || empty(v) ? '' : String(v).trim();
}

/** Where a template's parts sit on its sheet (1-based worksheet rows and columns). */
export interface TemplateLayout {
  readonly categoryRow: number;
  readonly itemRow: number;
  readonly weightRow: number;
  /** The column of the row labels (项目, 权重, level labels). */
  readonly labelCol: number;
  /** One row per level, in template order. */
  readonly levelRows: readonly number[];
  /** One column per item, in template order. */
  readonly itemCols: readonly number[];
  readonly targetRow?: number;
}

export function templateFromGrid(grid: Grid, origin: GridOrigin = DEFAULT_ORIGIN, name = '评分模板', options: TemplateGridOptions = {}): Template {
  return readTemplateGrid(grid, origin, name, options).template;
}

/** Reads a template and where its parts are (for formulas that point at the template's cells). */
export function readTemplateGrid(
  grid: Grid,
  origin: GridOrigin = DEFAULT_ORIGIN,
  name = '评分模板',
  options: TemplateGridOptions = {},
): { template: Template; layout: TemplateLayout } {
  const at = (r: number, c: number) => cellAddress(origin, r, c);
  const empty = options.zeroMeansBlank ? blankOrZero : blankOnly;
  const label = (v: CellValue) => text(v, empty);
  const catRow = grid.findIndex((row) => rowKind(row[0], empty) === 'category');
  if (catRow < 0) {
    throw new CsatError(problem('template-no-category-row', { at: at(0, 0) }));
  }
  const itemRow = catRow + 1;
  if (itemRow >= grid.length) throw new CsatError(problem('template-no-item-row', { at: at(catRow, 0) }));
  const rows: Partial<Record<Exclude<RowKind, 'level' | 'category'>, number>> = {};
  const levelRows: number[] = [];
  for (let r = itemRow + 1; r < grid.length; r++) {
    if (grid[r].every(empty)) break;
    const kind = rowKind(grid[r][0], empty);
    if (kind === undefined || kind === 'category') continue;
    if (kind === 'level') levelRows.push(r);
    else if (rows[kind] === undefined) rows[kind] = r;
  }
  if (rows.weight === undefined) {
    throw new CsatError(problem('template-no-weight-row', { at: at(itemRow, 0) }));
  }
  const weightRow = rows.weight;

  // Item columns: every column after the first where the category or item row has text.
  const width = Math.max(grid[catRow].length, grid[itemRow].length);
  const columns: number[] = [];
  const categories: string[] = [];
  let category = '';
  for (let c = 1; c < width; c++) {
    const cat = label(grid[catRow][c]);
    const item = label(grid[itemRow][c]);
    if (cat !== '') category = cat;
    if (cat === '' && item === '') continue;
    columns.push(c);
    categories.push(cat !== '' ? cat : category);
  }
  const levelsAfterWeights = levelRows.filter((r) => r > weightRow);
  const split = (v: CellValue) => label(v).split(/[、，,;；]/).map((s) => s.trim()).filter((s) => s !== '');

  const spec: TemplateSpec = {
    name,
    target: rows.target === undefined || empty(grid[rows.target][1]) ? undefined : grid[rows.target][1],
    levels: levelsAfterWeights.map((r) => ({ label: grid[r][0] })),
    items: columns.map((c, i) => {
      const itemName = label(grid[itemRow][c]) || label(grid[catRow][c]);
      return {
        name: itemName,
        category: categories[i] || itemName,
        weight: grid[weightRow][c],
        aliases: rows.aliases === undefined ? [] : split(grid[rows.aliases][c]),
        question: rows.question === undefined ? undefined : label(grid[rows.question][c]) || undefined,
        scores: levelsAfterWeights.map((r) => grid[r][c] ?? ''),
      };
    }),
  };
  const locate: Locator = (f) => {
    switch (f.kind) {
      case 'item-name':
        return at(empty(grid[itemRow][columns[f.item]]) ? catRow : itemRow, columns[f.item]);
      case 'category':
        return at(catRow, columns[f.item]);
      case 'aliases':
        return at(rows.aliases ?? itemRow, columns[f.item]);
      case 'question':
        return at(rows.question ?? itemRow, columns[f.item]);
      case 'items':
        return `${at(itemRow, columns[0] ?? 1)}:${at(itemRow, columns[columns.length - 1] ?? 1)}`.replace(/:[^!]*!/, ':');
      case 'levels':
        return `${at(levelsAfterWeights[0] ?? weightRow, 0)}:${at(levelsAfterWeights[levelsAfterWeights.length - 1] ?? weightRow, 0)}`.replace(/:[^!]*!/, ':');
      case 'weight':
        return at(weightRow, columns[f.item]);
      case 'score':
        return at(levelsAfterWeights[f.level], columns[f.item]);
      case 'level-label':
      case 'level-score':
        return at(levelsAfterWeights[f.level], 0);
      case 'weight-sum':
        return `${at(weightRow, columns[0] ?? 1)}:${at(weightRow, columns[columns.length - 1] ?? 1)}`.replace(/:[^!]*!/, ':');
      case 'target':
        return at(rows.target ?? 0, 1);
    }
  };
  const template = validateTemplate(spec, locate);
  const layout: TemplateLayout = {
    categoryRow: origin.row + catRow,
    itemRow: origin.row + itemRow,
    weightRow: origin.row + weightRow,
    labelCol: origin.col,
    levelRows: levelsAfterWeights.map((r) => origin.row + r),
    itemCols: columns.map((c) => origin.col + c),
    targetRow: rows.target === undefined ? undefined : origin.row + rows.target,
  };
  return { template, layout };
}
