/** Named plan styles → Office.js range formatting. */
import { STYLES, type StyleName, type StyleSpec } from '../../plan';

// String forms of Office.js enums: the API takes them, and they need no runtime enum object.
const BORDER_EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideHorizontal', 'InsideVertical'] as const;
const H = { left: 'Left', center: 'Center', right: 'Right' } as const;
const V = { top: 'Top', middle: 'Center', bottom: 'Bottom' } as const;

/** Queues the formatting of a named style on a range (no sync). */
export function applyStyle(range: Excel.Range, name: StyleName): void {
  const s: StyleSpec = STYLES[name];
  const f = range.format;
  if (s.bold !== undefined) f.font.bold = s.bold;
  if (s.italic !== undefined) f.font.italic = s.italic;
  if (s.size !== undefined) f.font.size = s.size;
  if (s.color !== undefined) f.font.color = s.color;
  if (s.fill !== undefined) f.fill.color = s.fill;
  if (s.horizontal) f.horizontalAlignment = H[s.horizontal];
  if (s.vertical) f.verticalAlignment = V[s.vertical];
  if (s.wrap !== undefined) f.wrapText = s.wrap;
  if (s.border) {
    for (const edge of BORDER_EDGES) {
      const b = f.borders.getItem(edge);
      b.style = 'Continuous';
      b.color = '#A19F9D';
    }
  }
  if (s.underline) {
    const b = f.borders.getItem('EdgeBottom');
    b.style = 'Continuous';
    b.color = '#323130';
  }
}

/** Conditional-format styles: fill and font only. */
export function applyConditionalStyle(format: Excel.ConditionalRangeFormat, name: StyleName): void {
  const s: StyleSpec = STYLES[name];
  if (s.fill) format.fill.color = s.fill;
  if (s.color) format.font.color = s.color;
  if (s.bold) format.font.bold = true;
}

/** What a range had, for the properties a style sets (null where its cells differ). */
export interface StyleSnapshot {
  readonly format: Readonly<Record<string, unknown>>;
  readonly font: Readonly<Record<string, unknown>>;
  readonly fill?: string | null;
  readonly borders: Readonly<Record<string, { style: unknown; color: unknown }>>;
}

/** Queues loads of what `applyStyle(range, name)` would change; the returned function reads them after the sync. */
export function snapshotStyle(range: Excel.Range, name: StyleName): () => StyleSnapshot {
  const s: StyleSpec = STYLES[name];
  const f = range.format;
  const formatProps = [s.horizontal && 'horizontalAlignment', s.vertical && 'verticalAlignment', s.wrap !== undefined && 'wrapText'].filter(Boolean) as string[];
  const fontProps = [s.bold !== undefined && 'bold', s.italic !== undefined && 'italic', s.size !== undefined && 'size', s.color !== undefined && 'color'].filter(Boolean) as string[];
  if (formatProps.length > 0) f.load(formatProps.join(','));
  if (fontProps.length > 0) f.font.load(fontProps.join(','));
  if (s.fill !== undefined) f.fill.load('color');
  const edges = s.border ? BORDER_EDGES : s.underline ? (['EdgeBottom'] as const) : [];
  const borders = edges.map((edge) => [edge, f.borders.getItem(edge)] as const);
  for (const [, b] of borders) b.load('style,color');
  return () => ({
    format: Object.fromEntries(formatProps.map((p) => [p, (f as unknown as Record<string, unknown>)[p]])),
    font: Object.fromEntries(fontProps.map((p) => [p, (f.font as unknown as Record<string, unknown>)[p]])),
    fill: s.fill !== undefined ? f.fill.color : undefined,
    borders: Object.fromEntries(borders.map(([edge, b]) => [edge, { style: b.style, color: b.color }])),
  });
}

/** Queues putting back what `snapshotStyle` saw (properties whose cells differed are left as they are). */
export function restoreStyle(range: Excel.Range, _name: StyleName, before: StyleSnapshot): void {
  const f = range.format as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(before.format)) if (v !== null && v !== undefined) f[k] = v;
  const font = range.format.font as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(before.font)) if (v !== null && v !== undefined) font[k] = v;
  if (before.fill === '#FFFFFF') range.format.fill.clear();
  else if (typeof before.fill === 'string') range.format.fill.color = before.fill;
  for (const [edge, b] of Object.entries(before.borders)) {
    const border = range.format.borders.getItem(edge as Excel.BorderIndex);
    if (typeof b.style === 'string') border.style = b.style as Excel.BorderLineStyle;
    if (typeof b.color === 'string' && b.style !== 'None') border.color = b.color;
  }
}
