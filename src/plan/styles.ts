/**
 * Named cell styles: the plan says `style: 'header'`, each adapter maps the spec to its API. Colours
 * follow Office's palette so the sheets look at home in Excel.
 */
export interface StyleSpec {
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly size?: number;
  readonly color?: string;
  readonly fill?: string;
  readonly horizontal?: 'left' | 'center' | 'right';
  readonly vertical?: 'top' | 'middle' | 'bottom';
  readonly wrap?: boolean;
  /** Thin borders on every edge of every cell. */
  readonly border?: boolean;
  /** A thin line under the cells (signature lines). */
  readonly underline?: boolean;
}

export const STYLES = {
  title: { bold: true, size: 16, color: '#107C41' },
  subtitle: { bold: true, size: 12, color: '#323130' },
  header: { bold: true, color: '#FFFFFF', fill: '#107C41', horizontal: 'center', vertical: 'middle', wrap: true, border: true },
  label: { bold: true, fill: '#F3F2F1', border: true, vertical: 'middle' },
  cell: { border: true, vertical: 'middle' },
  wrapCell: { border: true, vertical: 'top', wrap: true },
  centerCell: { border: true, horizontal: 'center', vertical: 'middle' },
  input: { border: true, fill: '#FFF9E6', vertical: 'middle' },
  note: { italic: true, size: 9, color: '#605E5C', wrap: true, vertical: 'top' },
  good: { color: '#107C41', bold: true },
  bad: { color: '#A4262C', bold: true },
  warnFill: { fill: '#FDE7E9', color: '#A4262C' },
  box: { border: true, horizontal: 'center', vertical: 'middle', size: 14 },
  signature: { underline: true },
} as const satisfies Record<string, StyleSpec>;

export type StyleName = keyof typeof STYLES;
