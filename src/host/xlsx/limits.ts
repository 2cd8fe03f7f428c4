/**
 * Every limit the package editor holds an input to, in one table. Where Excel has its own number
 * (rows, columns, characters in a cell, sheet names) that number is the limit: a file Excel cannot
 * hold is not one we need to read. Where Excel has none, ours is set well above what a real survey
 * workbook needs — 100,000 responses are 69 MB of sheet XML, 2 million cells, 3 s and 190 MB for
 * `csat score` — and well below what takes a gigabyte or half a minute. Sizes are counted as bytes
 * come out of the inflater and cells as they go into the grid, never taken from a header, a
 * dimension or a count attribute. A limit reached ends the read with one XlsxError line naming the
 * file's part or cell and the limit (errors.ts); nothing is truncated silently, except merged ranges
 * past their limit (they only mark which answers sit in merged cells).
 *
 * The README's table of limits is this table; keep them together.
 */

const MiB = 1024 * 1024;

export interface Limit {
  readonly value: number;
  /** Excel's own limit (the value is Excel's), or ours. */
  readonly source: 'excel' | 'ours';
  readonly zh: string;
  readonly en: string;
}

export const LIMITS = {
  // ---------------------------------------------------------------------------- Excel's own numbers
  rows: { value: 1_048_576, source: 'excel', zh: '每个工作表的行数', en: 'rows per sheet' },
  columns: { value: 16_384, source: 'excel', zh: '每个工作表的列数（XFD）', en: 'columns per sheet (XFD)' },
  cellText: { value: 32_767, source: 'excel', zh: '单元格文字的字符数（边读边数，读共享字符串时同样）', en: 'characters of text in a cell (counted while the text streams, shared strings too)' },
  sheetName: { value: 31, source: 'excel', zh: '工作表名称的字符数', en: 'characters in a sheet name' },

  // --------------------------------------------------------------------------------- the container
  zipEntries: { value: 10_000, source: 'ours', zh: 'zip 条目数（打开时按目录检查，不解压）', en: 'zip entries (checked from the directory at open, before inflating)' },
  partBytes: { value: 256 * MiB, source: 'ours', zh: '一个部件解压后的字节数（工作表、共享字符串）', en: 'bytes one part inflates to (sheets, shared strings)' },
  bookkeepingPartBytes: {
    value: 16 * MiB,
    source: 'ours',
    zh: '记账部件解压后的字节数：[Content_Types].xml、各 .rels、workbook.xml、styles.xml、表格与文档属性',
    en: 'bytes a bookkeeping part inflates to: [Content_Types].xml, every .rels, workbook.xml, styles.xml, tables, document properties',
  },
  packageBytes: { value: 512 * MiB, source: 'ours', zh: '一个文件各部件解压后合计的字节数（同一部件重读不重复计）', en: 'bytes all parts of one file inflate to together (a part read again is not counted twice)' },
  inflateRatio: {
    value: 250,
    source: 'ours',
    zh: '解压比：已输出字节 / 实际读入的压缩字节（不是目录声明的压缩大小），输出超过 16 MB 后检查',
    en: 'inflate ratio: bytes produced / compressed bytes actually consumed (not the size the directory declares), checked past 16 MB of output',
  },
  ratioFloorBytes: { value: 16 * MiB, source: 'ours', zh: '解压比检查的起点（更小的部件压缩比不限）', en: 'output below which any ratio is fine (small parts of repeated markup)' },
  textPartChars: { value: 256 * MiB, source: 'ours', zh: '整体读入为一个字符串的部件的字符数（被编辑的工作表）', en: 'characters of a part held whole as one string (a sheet being edited)' },
  xmlRunChars: { value: 1 * MiB, source: 'ours', zh: 'XML 中一段不间断的文字、属性或注释的字符数', en: 'characters of one unbroken run of XML text, attributes or comment' },

  // -------------------------------------------------------------------------------------- the cells
  sheetCells: {
    value: 5_000_000,
    source: 'ours',
    zh: '读一个工作表得到的单元格数（计入各行最后一个值之前的空单元格；空单元格不会加宽一行）',
    en: "cells read from one sheet (the empty cells before a row's last value included; an empty cell never widens a row)",
  },
  packageCells: { value: 10_000_000, source: 'ours', zh: '一个文件各工作表读出的单元格合计', en: 'cells read from all sheets of one file together' },
  sharedStrings: { value: 5_000_000, source: 'ours', zh: '共享字符串表的条目数', en: 'entries in the shared-strings table' },
  merges: { value: 10_000, source: 'ours', zh: '每个工作表记下的合并区域数（其余忽略）', en: 'merged ranges noted per sheet (the rest are ignored)' },

  // ------------------------------------------------------------------------------------- files
  workbookBytes: { value: 200 * MiB, source: 'ours', zh: '命令行读取的工作簿文件的字节数（按读到的字节计，不信文件大小）', en: 'bytes of a workbook file the CLI reads (counted as read, whatever its size says)' },
  standaloneBytes: { value: 30 * MiB, source: 'ours', zh: '独立模式（浏览器）打开的工作簿的字节数', en: 'bytes of a workbook opened in the standalone (browser) pane' },

  // ------------------------------------------------------------------------------------- imports
  importBytes: { value: 50 * MiB, source: 'ours', zh: '导入的问卷导出文件（.xlsx、.csv）的字节数', en: 'bytes of a questionnaire export to import (.xlsx, .csv)' },
  importRows: { value: 200_000, source: 'ours', zh: '导入的答卷行数', en: 'response rows imported' },
} as const satisfies Record<string, Limit>;

/** Excel's grid. */
export const MAX_ROWS = LIMITS.rows.value;
export const MAX_COLS = LIMITS.columns.value;
export const MAX_CELL_TEXT = LIMITS.cellText.value;
export const MAX_SHEET_NAME = LIMITS.sheetName.value;

export const MAX_ZIP_ENTRIES = LIMITS.zipEntries.value;
/** How much one part may inflate to: generous for real sheets, a wall for bombs. */
export const PART_LIMIT_BYTES = LIMITS.partBytes.value;
/** [Content_Types].xml, relationships, the workbook, styles, tables, document properties: parsed whole, so kept small. */
export const BOOKKEEPING_PART_BYTES = LIMITS.bookkeepingPartBytes.value;
/** All parts of one package together, each counted once at the furthest any read of it went. */
export const PACKAGE_LIMIT_BYTES = LIMITS.packageBytes.value;
/** Inflating more than this many times the compressed bytes consumed is a bomb, not a spreadsheet. */
export const MAX_INFLATE_RATIO = LIMITS.inflateRatio.value;
/** Below this much output, any ratio is fine (tiny parts of repeated markup compress very well). */
export const RATIO_FLOOR_BYTES = LIMITS.ratioFloorBytes.value;
/** A part held whole as a string (an edited sheet) stays well under V8's string limit. */
export const TEXT_PART_LIMIT_CHARS = LIMITS.textPartChars.value;
/** Longest run of XML the parser may hold between two events (text, a tag's attributes, a comment). */
export const MAX_XML_RUN_CHARS = LIMITS.xmlRunChars.value;

export const MAX_SHEET_CELLS = LIMITS.sheetCells.value;
export const MAX_PACKAGE_CELLS = LIMITS.packageCells.value;
export const MAX_SHARED_STRINGS = LIMITS.sharedStrings.value;
export const MAX_MERGES = LIMITS.merges.value;

export const MAX_IMPORT_BYTES = LIMITS.importBytes.value;
export const MAX_WORKBOOK_BYTES = LIMITS.workbookBytes.value;
export const MAX_STANDALONE_BYTES = LIMITS.standaloneBytes.value;
export const MAX_IMPORT_ROWS = LIMITS.importRows.value;

/** A limit as a user reads it: `10,000`, `16 MB`. */
export function limitText(n: number, unit: 'count' | 'bytes' = 'count'): string {
  return unit === 'bytes' ? `${Math.round(n / MiB).toLocaleString('en-US')} MB` : n.toLocaleString('en-US');
}
