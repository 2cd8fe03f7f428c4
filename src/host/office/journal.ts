/**
 * Undo for one user action in Excel. Excel applies each request as it comes and has no rollback,
 * so the renderer records, before it writes, how to take each write back: a sheet it creates is
 * deleted, a name it adds is deleted (one it replaces gets its old reference back), rows it appends
 * to a sheet are cleared and get their old number formats and style back, a table it extends
 * shrinks back, protection it adds or lifts is put back (with the password it added, or the
 * options it lifted), document properties get their old values.
 * When the action fails or is cancelled anywhere — in a read, between two renders, at any sync —
 * the session undoes in up to three requests: one learns which of the sheets and names still exist (a
 * request that failed may have applied part of itself, or nothing) and whether the workbook's
 * structure is protected, one learns which of the sheets to restore are protected now, and the last
 * sends the undo: first the protection of every sheet whose rows or table it restores is lifted
 * (Excel refuses edits of a protected sheet, and the failed action may have protected it again
 * already), then the steps that apply, newest first, and last each sheet's protection is put back
 * as it was before the action. A sheet the action added is
 * deleted only while the workbook's structure is not protected: the renderer adds none to a
 * structure-locked workbook, but should the structure be locked during the action, Excel would refuse
 * the delete and, with it, every undo step queued after it — the sheet stays, the rest is undone.
 *
 * What this cannot take back is a refreshed sheet (a tab the add-in regenerates: the form, a report,
 * 趋势, an analysis tab, 归档清单): its clear-and-rewrite is queued after the new sheets, so it goes
 * in the render's last request unless the edits of existing sheets are themselves larger than one
 * request (render.ts). A request that fails before Excel applies it leaves the old tab whole; one
 * Excel rejects part-way (or a later request of such an oversized edit) may leave the tab
 * half-rewritten — a regenerated record, not user data; the next click writes it whole. The
 * renderer checks beforehand what Excel would reject, so that case is a host failure.
 */
import type { StyleName } from '../../plan';
import { tableResizeSupported } from './requirements';
import { restoreStyle, type StyleSnapshot } from './styles';

/** Protection options as Excel reports and takes them (`WorksheetProtectionOptions`). */
export type ProtectionOptions = Readonly<Record<string, boolean | string | undefined>>;

export type UndoStep =
  | { readonly kind: 'sheet'; readonly sheet: string }
  | { readonly kind: 'name'; readonly name: string; readonly before?: { readonly formula: string; readonly comment?: string } }
  | { readonly kind: 'rows'; readonly sheet: string; readonly address: string; readonly numberFormat: string[][]; readonly style?: { readonly name: StyleName; readonly before: StyleSnapshot } }
  | { readonly kind: 'table'; readonly sheet: string; readonly table: string; readonly address: string }
  /**
   * Protection the action changes: lifted (`protectedBefore: true`, with the options the sheet had)
   * or added (`protectedBefore: false`, with the password it was added with, needed to lift it again).
   */
  | { readonly kind: 'protection'; readonly sheet: string; readonly protectedBefore: boolean; readonly options?: ProtectionOptions; readonly password?: string }
  | { readonly kind: 'properties'; readonly before: Readonly<Record<string, string>>; readonly custom: Readonly<Record<string, string | null>> };

/** The options the add-in protects its tabs with (also when it cannot tell a user's protection options). */
export const PROTECTION_OPTIONS = { allowFormatColumns: true, allowAutoFilter: true, allowSort: true } as const;

type ProtectionStep = Extract<UndoStep, { kind: 'protection' }>;

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
    const structure = wb.protection;
    wb.worksheets.load('items/name');
    wb.names.load('items/name');
    structure.load('protected');
    await context.sync();
    const locked = structure.protected;
    const sheets = new Set(wb.worksheets.items.map((s) => s.name));
    const names = new Set(wb.names.items.map((n) => n.name));

    // Per sheet: whether its rows or table are restored, and its protection steps, oldest last.
    const content = new Set<string>();
    const guarded = new Map<string, ProtectionStep[]>();
    for (const s of steps) {
      if ((s.kind === 'rows' || (s.kind === 'table' && tableResizeSupported())) && sheets.has(s.sheet)) content.add(s.sheet);
      if (s.kind === 'protection' && sheets.has(s.sheet)) guarded.set(s.sheet, [...(guarded.get(s.sheet) ?? []), s]);
    }
    const protections = new Map<string, Excel.WorksheetProtection>();
    for (const sheet of new Set([...content, ...guarded.keys()])) {
      const p = wb.worksheets.getItem(sheet).protection;
      p.load('protected');
      protections.set(sheet, p);
    }
    if (protections.size > 0) await context.sync();
    const isProtected = new Map([...protections].map(([k, p]) => [k, p.protected]));
    /** The password this action protected a sheet with (undefined: none, or the sheet was protected before). */
    const passwordOf = (sheet: string) => guarded.get(sheet)?.find((g) => !g.protectedBefore && g.password !== undefined)?.password;

    // 1. Lift the protection of the sheets whose cells are restored.
    for (const sheet of content) {
      if (!isProtected.get(sheet)) continue;
      wb.worksheets.getItem(sheet).protection.unprotect(passwordOf(sheet));
      isProtected.set(sheet, false);
    }
    // 2. The steps, newest first.
    for (const s of steps) {
      if (s.kind === 'sheet') {
        if (!locked && sheets.delete(s.sheet)) wb.worksheets.getItem(s.sheet).delete();
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
      } else if (s.kind === 'properties') {
        const props = wb.properties as unknown as Record<string, string>;
        for (const [k, v] of Object.entries(s.before)) props[k] = v;
        for (const [k, v] of Object.entries(s.custom)) {
          if (v === null) wb.properties.custom.getItemOrNullObject(k).delete();
          else wb.properties.custom.add(k, v);
        }
      }
    }
    // 3. Each sheet's protection as it was before the action (its oldest step), or as it was found.
    for (const sheet of protections.keys()) {
      if (!sheets.has(sheet)) continue;
      const first = guarded.get(sheet)?.at(-1);
      const wanted = first ? first.protectedBefore : protections.get(sheet)!.protected;
      if (wanted === isProtected.get(sheet)) continue;
      const p = wb.worksheets.getItem(sheet).protection;
      if (wanted) p.protect((first?.options ?? PROTECTION_OPTIONS) as Excel.WorksheetProtectionOptions);
      else p.unprotect(passwordOf(sheet));
    }
    await context.sync();
  }
}
