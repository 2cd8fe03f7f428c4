/**
 * Locating the answers in a range (DESIGN §2, §5): either a header row within the first 20 rows that
 * names at least 10 of the template's items (columns in any order, other columns ignored), or a
 * headerless block of exactly the template's item columns in template order.
 */
import { cellAddress, normalizeLabel, type Grid, type GridOrigin } from './cells';
import { CsatError, problem } from './messages';
import type { Template } from './template';

export const HEADER_SEARCH_ROWS = 20;
export const HEADER_MIN_ITEMS = 10;

export interface DataLayout {
  /** Grid row of the header, or -1 for a headerless block. */
  readonly headerRow: number;
  /** First grid row holding answers. */
  readonly firstDataRow: number;
  /** Grid column of each template item (aligned with `template.items`); -1 when absent. */
  readonly itemColumns: readonly number[];
  /** Every non-empty header cell that is not an item, by its text (e.g. 客户名称 → 0). */
  readonly otherColumns: ReadonlyMap<string, number>;
}

/** Map from normalised item names and aliases to item index. */
function itemKeys(template: Template): Map<string, number> {
  const keys = new Map<string, number>();
  template.items.forEach((it, i) => keys.set(normalizeLabel(it.name), i));
  template.items.forEach((it, i) => {
    for (const a of it.aliases) if (!keys.has(normalizeLabel(a))) keys.set(normalizeLabel(a), i);
  });
  return keys;
}

export function locateData(grid: Grid, template: Template, origin: GridOrigin): DataLayout {
  const keys = itemKeys(template);
  const need = Math.min(HEADER_MIN_ITEMS, template.items.length);
  const scan = Math.min(HEADER_SEARCH_ROWS, grid.length);
  for (let r = 0; r < scan; r++) {
    const row = grid[r];
    const found = new Set<number>();
    for (const cell of row) {
      if (typeof cell === 'string') {
        const i = keys.get(normalizeLabel(cell));
        if (i !== undefined) found.add(i);
      }
    }
    if (found.size >= need) return headerLayout(grid, r, keys, template, origin);
  }
  const width = grid.length > 0 ? grid[0].length : 0;
  if (width === template.items.length && grid.length > 0) {
    return { headerRow: -1, firstDataRow: 0, itemColumns: template.items.map((_, i) => i), otherColumns: new Map() };
  }
  throw new CsatError(problem('no-header', { rows: HEADER_SEARCH_ROWS, min: need, items: template.items.length }));
}

function headerLayout(grid: Grid, r: number, keys: Map<string, number>, template: Template, origin: GridOrigin): DataLayout {
  const itemColumns: number[] = template.items.map(() => -1);
  const otherColumns = new Map<string, number>();
  grid[r].forEach((cell, c) => {
    if (cell === null || cell === undefined || cell === '') return;
    const text = String(cell).trim();
    const i = typeof cell === 'string' ? keys.get(normalizeLabel(cell)) : undefined;
    if (i === undefined) {
      if (text !== '' && !otherColumns.has(text)) otherColumns.set(text, c);
      return;
    }
    if (itemColumns[i] >= 0) {
      throw new CsatError(
        problem('duplicate-column', { item: template.items[i].name, other: cellAddress(origin, r, c) }, cellAddress(origin, r, itemColumns[i])),
      );
    }
    itemColumns[i] = c;
  });
  return { headerRow: r, firstDataRow: r + 1, itemColumns, otherColumns };
}

/**
 * The first sheet whose first rows hold a header naming the template's items (a headerless block
 * is not enough to pick a sheet on its own), with its layout; undefined when none does.
 */
export function findResponsesSheet<S extends { name: string; grid: Grid }>(
  sheets: readonly S[],
  template: Template,
): { sheet: S; layout: DataLayout } | undefined {
  for (const sheet of sheets) {
    try {
      const layout = locateData(sheet.grid, template, { sheet: sheet.name, row: 1, col: 1 });
      if (layout.headerRow >= 0) return { sheet, layout };
    } catch (e) {
      // A sheet with two columns for one item still names the template: let its problem surface.
      if (e instanceof CsatError && e.problems[0]?.code === 'duplicate-column') throw e;
    }
  }
  return undefined;
}
