/**
 * Undo for one user action in Excel. Excel applies each request as it comes and has no rollback,
 * so the renderer records, before it writes, how to take each write back: a sheet it creates is
 * deleted, a name it adds is deleted (one it replaces gets its old reference back), rows it appends
 * to a sheet are cleared and get their old number formats and style back, a table it extends
 * shrinks back, protection it adds or lifts is put back, document properties get their old values.
 * When the action fails or is cancelled anywhere — in a read, between two renders, at any sync —
 * the session undoes in two requests: one learns which of the sheets and names still exist (a
 * request that failed may have applied part of itself, or nothing), the next sends the undo steps
 * that apply, newest first.
 *
 * What this cannot take back is a refreshed sheet (a tab the add-in regenerates: the form, a report,
 * 趋势, an analysis tab, 归档清单): its clear-and-rewrite is queued in the render's last request, so
 * a request that fails before Excel applies it leaves the old tab whole; one Excel rejects part-way
 * may leave the tab half-rewritten — a regenerated record, not user data; the next click writes it
 * whole. The renderer checks beforehand what Excel would reject, so that case is a host failure.
 */
import type { StyleName } from '../../plan';
import { tableResizeSupported } from './requirements';
import { restoreStyle, type StyleSnapshot } from './styles';

export type UndoStep =
  | { readonly kind: 'sheet'; readonly sheet: string }
  | { readonly kind: 'name'; readonly name: string; readonly before?: { readonly formula: string; readonly comment?: string } }
  | { readonly kind: 'rows'; readonly sheet: string; readonly address: string; readonly numberFormat: string[][]; readonly style?: { readonly name: StyleName; readonly before: StyleSnapshot } }
  | { readonly kind: 'table'; readonly sheet: string; readonly table: string; readonly address: string }
  | { readonly kind: 'protection'; readonly sheet: string; readonly protectedBefore: boolean }
  | { readonly kind: 'properties'; readonly before: Readonly<Record<string, string>>; readonly custom: Readonly<Record<string, string | null>> };

/** The options the add-in protects its tabs with (also when it puts a user's protection back). */
export const PROTECTION_OPTIONS = { allowFormatColumns: true, allowAutoFilter: true, allowSort: true } as const;

export class Journal {
  private readonly steps: UndoStep[] = [];

  record(step: UndoStep): void {
    this.steps.push(step);
  }

  get size(): number {
    return this.steps.length;
  }

  /** Forgets the steps (the action finished). */
  clear(): void {
    this.steps.length = 0;
  }

  /** Takes back every recorded write, newest first; the journal is empty afterwards. */
  async undo(context: Excel.RequestContext): Promise<void> {
    if (this.steps.length === 0) return;
    const steps = this.steps.splice(0).reverse();
    const wb = context.workbook;
    wb.worksheets.load('items/name');
    wb.names.load('items/name');
    const protections = new Map<string, Excel.WorksheetProtection>();
    await context.sync();
    const sheets = new Set(wb.worksheets.items.map((s) => s.name));
    const names = new Set(wb.names.items.map((n) => n.name));
    for (const s of steps) {
      if (s.kind === 'protection' && sheets.has(s.sheet) && !protections.has(s.sheet)) {
        const p = wb.worksheets.getItem(s.sheet).protection;
        p.load('protected');
        protections.set(s.sheet, p);
      }
    }
    if (protections.size > 0) await context.sync();
    const isProtected = new Map([...protections].map(([k, p]) => [k, p.protected]));
    for (const s of steps) {
      if (s.kind === 'sheet') {
        if (sheets.delete(s.sheet)) wb.worksheets.getItem(s.sheet).delete();
      } else if (s.kind === 'name') {
        if (names.delete(s.name)) wb.names.getItem(s.name).delete();
        if (s.before) {
          wb.names.add(s.name, s.before.formula, s.before.comment);
          names.add(s.name);
        }
      } else if (s.kind === 'rows') {
        if (!sheets.has(s.sheet)) continue;
        const range = wb.worksheets.getItem(s.sheet).getRange(s.address);
        range.clear('Contents');
        range.numberFormat = s.numberFormat;
        if (s.style) restoreStyle(range, s.style.name, s.style.before);
      } else if (s.kind === 'table') {
        if (sheets.has(s.sheet) && tableResizeSupported()) wb.worksheets.getItem(s.sheet).tables.getItem(s.table).resize(s.address);
      } else if (s.kind === 'protection') {
        if (!sheets.has(s.sheet) || isProtected.get(s.sheet) === s.protectedBefore) continue;
        const p = wb.worksheets.getItem(s.sheet).protection;
        if (s.protectedBefore) p.protect(PROTECTION_OPTIONS);
        else p.unprotect();
        isProtected.set(s.sheet, s.protectedBefore);
      } else {
        const props = wb.properties as unknown as Record<string, string>;
        for (const [k, v] of Object.entries(s.before)) props[k] = v;
        for (const [k, v] of Object.entries(s.custom)) {
          if (v === null) wb.properties.custom.getItemOrNullObject(k).delete();
          else wb.properties.custom.add(k, v);
        }
      }
    }
    await context.sync();
  }
}
