/**
 * The pane's tabs and the last one the user opened, remembered in localStorage — guarded: in some
 * browsers (private modes, locked-down sites, sandboxed frames) reading or writing storage throws,
 * and then the pane simply starts on the first tab.
 */
export const TABS = ['survey', 'analysis', 'improve', 'comm', 'import'] as const;
export type PaneTab = (typeof TABS)[number];

export const TAB_STORAGE_KEY = 'csat.pane.tab';

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // a getter that throws (storage disabled)
  }
}

/** The remembered tab, or the first when nothing (or nothing valid) is remembered or storage fails. */
export function loadTab(): PaneTab {
  try {
    const v = storage()?.getItem(TAB_STORAGE_KEY);
    return (TABS as readonly string[]).includes(v ?? '') ? (v as PaneTab) : TABS[0];
  } catch {
    return TABS[0];
  }
}

/** Remembers `tab`; a storage that refuses (full, disabled) is ignored. */
export function saveTab(tab: PaneTab): void {
  try {
    storage()?.setItem(TAB_STORAGE_KEY, tab);
  } catch {
    // Not remembered this time; the pane works the same.
  }
}
