/**
 * Deciding where each planned sheet goes in a workbook that may already hold sheets: an owned sheet
 * of the same kind is kept or refreshed (found by its owner mark even if renamed); a name taken by a
 * sheet the add-in does not own is never touched — the new sheet gets a free name instead.
 */
export interface ExistingSheet {
  readonly name: string;
  /** The owned-sheet kind when the add-in wrote this sheet. */
  readonly owner?: string;
}

export interface SheetIntent {
  readonly owner: string;
  /** The preferred name. */
  readonly name: string;
  readonly onExisting: 'keep' | 'refresh';
}

export type SheetAction = 'create' | 'keep' | 'refresh';

export interface SheetResolution {
  readonly owner: string;
  /** The name the sheet has (kept/refreshed) or will have (created). */
  readonly name: string;
  readonly action: SheetAction;
  /** Set when the preferred name belongs to a sheet the add-in does not own. */
  readonly nameTakenBy?: string;
}

/** Excel's limit on sheet names. */
const MAX_SHEET_NAME = 31;

export function freeSheetName(preferred: string, taken: ReadonlySet<string>): string {
  const lower = new Set([...taken].map((n) => n.toLowerCase()));
  if (!lower.has(preferred.toLowerCase())) return preferred;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const candidate = preferred.slice(0, MAX_SHEET_NAME - suffix.length) + suffix;
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
}

export function resolveSheets(intents: readonly SheetIntent[], existing: readonly ExistingSheet[]): SheetResolution[] {
  const taken = new Set(existing.map((s) => s.name));
  return intents.map((intent) => {
    const mine = existing.find((s) => s.owner === intent.owner);
    if (mine) return { owner: intent.owner, name: mine.name, action: intent.onExisting };
    const clash = existing.find((s) => s.name.toLowerCase() === intent.name.toLowerCase());
    const name = freeSheetName(intent.name, taken);
    taken.add(name);
    return clash ? { owner: intent.owner, name, action: 'create', nameTakenBy: clash.name } : { owner: intent.owner, name, action: 'create' };
  });
}
