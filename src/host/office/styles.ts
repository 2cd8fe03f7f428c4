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
