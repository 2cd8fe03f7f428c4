/** `归档清单`: the five records of policy §7, present or missing, and the archive properties. */
import type { ArchiveProperties, RecordCheck } from '../domain';
import type { SheetPlan } from './types';

export const ARCHIVE_SHEET = '归档清单';

export function buildArchiveSheet(records: readonly RecordCheck[], props: ArchiveProperties, name = ARCHIVE_SHEET, frozen: readonly { cell: string; formula: string }[] = []): SheetPlan {
  const propRows = Object.entries(props.custom).map(([k, v]) => [k, v]);
  // A file copy's CSAT formulas are frozen to values: the original formulas are kept here, as a record.
  const frozenAt = 12 + propRows.length + 1;
  const frozenBlocks = frozen.length === 0 ? [] : [
    { at: `A${frozenAt}`, values: [['冻结为数值的单元格', '', '原公式']], style: 'header' as const },
    { at: `A${frozenAt + 1}`, values: frozen.map((f) => [f.cell, '', f.formula]), style: 'cell' as const },
  ];
  return {
    name,
    owner: 'archive',
    tabColor: '#605E5C',
    columns: [{ col: 1, width: 26 }, { col: 2, width: 10 }, { col: 3, width: 40 }],
    merges: ['A1:C1', 'A2:C2'],
    blocks: [
      { at: 'A1', values: [['归档清单（XDYJ-04-03 §7：所有记录保存不少于 3 年）']], style: 'title' },
      { at: 'A2', values: [['本工作簿的文档属性已写入下列归档信息，可在 SharePoint 中作为列显示和检索。']], style: 'note' },
      { at: 'A4', values: [['记录', '状态', '工作表']], style: 'header' },
      { at: 'A5', values: records.map((r) => [r.record, r.present ? '具备' : '缺失', r.sheets.join('、') || '—']), style: 'cell' },
      { at: 'A11', values: [['归档属性', '值']], style: 'header' },
      { at: 'A12', values: propRows, style: 'cell' },
      ...frozenBlocks,
    ],
    conditionalFormats: [{ range: 'B5:B9', formula: '=$B5="缺失"', style: 'warnFill' }],
    print: { orientation: 'portrait', paper: 'A4', fitWidth: 1, fitHeight: 1 },
  };
}
