/** Named plan styles → ExcelJS cell styles. */
import type ExcelJS from 'exceljs';
import { STYLES, type StyleName, type StyleSpec } from '../../plan';

const argb = (hex: string) => ({ argb: `FF${hex.replace('#', '').toUpperCase()}` });
const thin: Partial<ExcelJS.Border> = { style: 'thin', color: argb('#A19F9D') };

export interface XlsxStyle {
  font?: Partial<ExcelJS.Font>;
  fill?: ExcelJS.Fill;
  border?: Partial<ExcelJS.Borders>;
  alignment?: Partial<ExcelJS.Alignment>;
}

function convert(spec: StyleSpec): XlsxStyle {
  const out: XlsxStyle = {};
  if (spec.bold || spec.italic || spec.size || spec.color) {
    out.font = { bold: spec.bold, italic: spec.italic, size: spec.size, color: spec.color ? argb(spec.color) : undefined };
  }
  if (spec.fill) out.fill = { type: 'pattern', pattern: 'solid', fgColor: argb(spec.fill) };
  if (spec.border) out.border = { top: thin, bottom: thin, left: thin, right: thin };
  if (spec.underline) out.border = { bottom: { style: 'thin', color: argb('#323130') } };
  if (spec.horizontal || spec.vertical || spec.wrap) {
    out.alignment = { horizontal: spec.horizontal, vertical: spec.vertical, wrapText: spec.wrap };
  }
  return out;
}

const cache = new Map<StyleName, XlsxStyle>();

export function xlsxStyle(name: StyleName): XlsxStyle {
  let s = cache.get(name);
  if (!s) {
    s = convert(STYLES[name]);
    cache.set(name, s);
  }
  return s;
}

/** A conditional-format style: ExcelJS wants the fill colour as bgColor there. */
export function xlsxDifferentialStyle(name: StyleName): Partial<ExcelJS.Style> {
  const spec = STYLES[name] as StyleSpec;
  const style: Partial<ExcelJS.Style> = {};
  if (spec.fill) style.fill = { type: 'pattern', pattern: 'solid', bgColor: argb(spec.fill) };
  if (spec.color || spec.bold) style.font = { color: spec.color ? argb(spec.color) : undefined, bold: spec.bold };
  return style;
}

export { argb };
