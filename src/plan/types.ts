/**
 * The WorkbookPlan: what to write, not how (DESIGN §3). Builders (pure functions) produce plans; the
 * two host adapters (Office.js, the .xlsx package editor) render them. Addresses are A1 strings on the sheet in hand;
 * formulas are Excel formulas in English function names with comma separators.
 */
import type { StyleName } from './styles';

/** A cell to write. Strings are always text (never parsed as formulas or numbers). */
export type PlanValue = string | number | boolean | null | PlanFormula | PlanDate;

export interface PlanFormula {
  readonly formula: string;
  /** The value the formula computes, written as the cached result where the host allows. */
  readonly result?: string | number | boolean;
}

/** A calendar date, ISO `YYYY-MM-DD`; written as a real date with the block's number format. */
export interface PlanDate {
  readonly date: string;
}

export interface CellBlock {
  /** Top-left cell, e.g. `B3`. */
  readonly at: string;
  readonly values: readonly (readonly PlanValue[])[];
  /** One number format for the whole block, or one per cell. */
  readonly numberFormat?: string | readonly (readonly string[])[];
  /** One named style for the whole block. */
  readonly style?: StyleName;
}

export interface ColumnSpec {
  /** 1-based column number. */
  readonly col: number;
  /** Width in characters (Excel's unit). */
  readonly width?: number;
  readonly hidden?: boolean;
  /** Number format for the whole column (rows typed later get it too). */
  readonly numberFormat?: string;
}

export interface TableSpec {
  readonly name: string;
  /** Header row included, e.g. `A1:V201`. */
  readonly range: string;
  readonly style?: string;
}

export type ValidationRule =
  | { readonly kind: 'list'; readonly values: readonly string[] }
  | { readonly kind: 'date'; readonly min: string; readonly max: string }
  | { readonly kind: 'decimal'; readonly min: number; readonly max: number };

export interface ValidationSpec {
  readonly range: string;
  readonly rule: ValidationRule;
  readonly allowBlank: boolean;
  readonly error: { readonly title: string; readonly message: string };
  readonly prompt?: { readonly title: string; readonly message: string };
}

export interface ConditionalFormatSpec {
  readonly range: string;
  /** A formula relative to the range's top-left cell, e.g. `=AND($H2<>"",$H2<TODAY())`. */
  readonly formula: string;
  readonly style: StyleName;
}

export interface PrintSpec {
  readonly orientation: 'portrait' | 'landscape';
  readonly paper: 'A4';
  /** Pages wide / tall to fit on (0 = as many as needed). */
  readonly fitWidth: number;
  readonly fitHeight: number;
  /** Range(s) to print, e.g. `A1:L80` or `A1:L80,R4:Z82` (each area starts on a new page). */
  readonly area?: string;
  /** Rows repeated at the top of every printed page, e.g. `1:2` (Excel's "Print titles"). */
  readonly printTitles?: string;
  /** Margins in inches. */
  readonly margins?: { readonly top: number; readonly bottom: number; readonly left: number; readonly right: number };
  readonly centerHorizontally?: boolean;
}

export interface ChartSeriesSpec {
  readonly name: string;
  /** Values range on the chart's own sheet, e.g. `C20:C23`. */
  readonly values: string;
  readonly color?: string;
  /** The values as computed, cached in the file so a viewer shows them before recalculating. */
  readonly cache: readonly (number | null)[];
  /** Scatter: the points' x values (a range on the chart's sheet, e.g. `C20:C20`) and their cache; `values` are the y values. */
  readonly x?: { readonly values: string; readonly cache: readonly (number | null)[] };
  /** Scatter: the cell the series name (the point's label) is read from, e.g. `B20`. */
  readonly nameCell?: string;
  /** Scatter: label the points with the series name. */
  readonly label?: boolean;
  /** Scatter: join the points with a straight line and draw no markers (a split line). */
  readonly line?: boolean;
}

export interface ChartSpec {
  /** `scatter`: an XY chart — each series has its own x values (`x`); points are labelled, split lines drawn as series. */
  readonly kind: 'line' | 'bar' | 'barStacked100' | 'column' | 'scatter';
  readonly title: string;
  /** Category labels range on the chart's own sheet (scatter: the cells of the points' labels). */
  readonly categories: string;
  readonly categoryCache: readonly string[];
  readonly series: readonly ChartSeriesSpec[];
  /** Cells the chart spans: top-left and bottom-right. */
  readonly from: string;
  readonly to: string;
  readonly valueAxis?: { readonly title?: string; readonly min?: number; readonly max?: number; readonly format?: string };
  /** Scatter: the horizontal (x) value axis. */
  readonly xAxis?: { readonly title?: string; readonly min?: number; readonly max?: number; readonly format?: string };
  /** Bar charts: list categories top to bottom in table order. */
  readonly reverseCategories?: boolean;
}

export interface SheetPlan {
  readonly name: string;
  /**
   * The owned-sheet kind (e.g. `responses`, `report_2026Q3`): the add-in marks the sheet as its own
   * under this key and finds it again by the mark, not by its name.
   */
  readonly owner: string;
  readonly tabColor?: string;
  readonly freeze?: { readonly rows: number; readonly columns: number };
  readonly columns?: readonly ColumnSpec[];
  readonly rowHeights?: readonly { readonly row: number; readonly height: number }[];
  readonly merges?: readonly string[];
  readonly blocks: readonly CellBlock[];
  readonly tables?: readonly TableSpec[];
  readonly validations?: readonly ValidationSpec[];
  readonly conditionalFormats?: readonly ConditionalFormatSpec[];
  readonly charts?: readonly ChartSpec[];
  readonly print?: PrintSpec;
  readonly protect?: { readonly password?: string };
  /**
   * When the sheet exists already: write only the blocks (e.g. rows appended below a tracker),
   * leaving everything else on it — the users' rows and edits — exactly as it is.
   */
  readonly update?: boolean;
}

export interface NamedItem {
  readonly name: string;
  /** e.g. `'评分模板'!$A$1:$O$10` */
  readonly ref: string;
  readonly comment?: string;
}

export interface WorkbookPlan {
  readonly sheets: readonly SheetPlan[];
  readonly names?: readonly NamedItem[];
  readonly properties?: {
    readonly title?: string;
    readonly subject?: string;
    readonly keywords?: string;
    readonly category?: string;
    /** Custom document properties (SharePoint columns can be bound to them). */
    readonly custom?: Readonly<Record<string, string>>;
  };
}

/**
 * Whether a core document property holds what a plan of ours wrote there (or nothing): only then may a
 * render set it. A title, subject, keywords or category the user gave the workbook is theirs and stays;
 * our record facts are in the custom properties anyway.
 */
export function isOwnCoreProperty(field: 'title' | 'subject' | 'keywords' | 'category', value: string | undefined): boolean {
  const v = (value ?? '').trim();
  if (v === '') return true;
  switch (field) {
    case 'title':
      return /^客户满意度(调查|分析报告|记录|公司季度汇总)( \d{4}(Q[1-4])?)?$/.test(v);
    case 'subject':
      return /^客户满意度.*（XDYJ-04-03( §[\d.]+)?）$/.test(v);
    case 'keywords':
      return /^客户满意度;.*XDYJ-04-03/.test(v);
    case 'category':
      return v === '质量记录';
  }
}

/** Prefix of the workbook-level names that mark owned sheets: `CSAT_OWNED_<kind>` → `'Sheet'!$A$1`. */
export const OWNER_PREFIX = 'CSAT_OWNED_';

export function isFormula(v: PlanValue): v is PlanFormula {
  return typeof v === 'object' && v !== null && 'formula' in v;
}

export function isDate(v: PlanValue): v is PlanDate {
  return typeof v === 'object' && v !== null && 'date' in v;
}
