/**
 * `客户满意度调查表` (policy 附件1): a printable one-customer form for 现场走访 / 电话访问 — customer
 * fields, every item with its question and one tick box per level, comments, signature and date
 * lines. Fits one A4 page, portrait.
 */
import { COMMENT_COLUMN, CUSTOMER_COLUMN, DATE_COLUMN, METHOD_COLUMN, PROJECT_COLUMN, SURVEYOR_COLUMN, type Template } from '../../domain';
import { cell, columnLetter } from '../a1';
import type { CellBlock, SheetPlan } from '../types';

export function buildFormSheet(template: Template, name: string): SheetPlan {
  const nLevels = template.levels.length;
  const lastCol = 4 + nLevels;
  const last = columnLetter(lastCol);
  const headRow = 7;
  const firstItem = headRow + 1;
  const lastItem = firstItem + template.items.length - 1;
  const noteRow = lastItem + 1;
  const commentLabel = noteRow + 2;
  const commentTop = commentLabel + 1;
  const commentBottom = commentTop + 3;
  const signRow = commentBottom + 2;
  const blocks: CellBlock[] = [
    { at: 'A1', values: [['客户满意度调查表']], style: 'title' },
    { at: 'A2', values: [['文件编号：XDYJ-04-03　附件1　　　　感谢您抽出时间评价我们的运维服务。']], style: 'note' },
    { at: 'A3', values: [[CUSTOMER_COLUMN], [METHOD_COLUMN], ['被访人']], style: 'label' },
    { at: 'B3', values: [[null], ['□ 现场走访　　□ 电话访问'], [null]], style: 'input' },
    { at: 'E3', values: [[PROJECT_COLUMN], [DATE_COLUMN], [SURVEYOR_COLUMN]], style: 'label' },
    { at: 'F3', values: [[null], ['　　年　　月　　日'], [null]], style: 'input' },
    { at: cell(headRow, 1), values: [['序号', '类别', '调查项', '调查内容', ...template.levels.map((l) => l.label)]], style: 'header' },
    { at: cell(firstItem, 1), values: template.items.map((it, i) => [i + 1, it.category, it.name, it.question ?? `您对"${it.name}"是否满意？`]), style: 'wrapCell' },
    { at: cell(firstItem, 5), values: template.items.map(() => template.levels.map(() => '□')), style: 'box' },
    { at: cell(noteRow, 1), values: [['请在每项相应等级下打"✓"；不适用的项目请留空。']], style: 'note' },
    { at: cell(commentLabel, 1), values: [[COMMENT_COLUMN]], style: 'label' },
    { at: cell(commentTop, 1), values: [[null]], style: 'wrapCell' },
    { at: cell(signRow, 1), values: [['客户签字：', null, null, '日期：'], ['调查人签字：', null, null, '日期：']] },
    { at: cell(signRow, 2), values: [[null, null], [null, null]], style: 'signature' },
    { at: cell(signRow, 5), values: [[null, null, null], [null, null, null]], style: 'signature' },
  ];
  return {
    name,
    owner: 'form',
    tabColor: '#8764B8',
    columns: [
      { col: 1, width: 6 },
      { col: 2, width: 13 },
      { col: 3, width: 11 },
      { col: 4, width: 34 },
      ...template.levels.map((_, i) => ({ col: 5 + i, width: 7 })),
    ],
    rowHeights: [
      { row: 1, height: 30 },
      ...template.items.map((_, i) => ({ row: firstItem + i, height: 30 })),
      ...[0, 1, 2, 3].map((k) => ({ row: commentTop + k, height: 26 })),
      { row: signRow, height: 28 },
      { row: signRow + 1, height: 28 },
    ],
    merges: [
      `A1:${last}1`,
      `A2:${last}2`,
      'B3:D3',
      'B4:D4',
      'B5:D5',
      `F3:${last}3`,
      `F4:${last}4`,
      `F5:${last}5`,
      `A${noteRow}:${last}${noteRow}`,
      `A${commentLabel}:${last}${commentLabel}`,
      `A${commentTop}:${last}${commentBottom}`,
      `B${signRow}:C${signRow}`,
      `B${signRow + 1}:C${signRow + 1}`,
      `E${signRow}:${last}${signRow}`,
      `E${signRow + 1}:${last}${signRow + 1}`,
    ],
    blocks,
    print: {
      orientation: 'portrait',
      paper: 'A4',
      fitWidth: 1,
      fitHeight: 1,
      area: `A1:${last}${signRow + 1}`,
      margins: { top: 0.6, bottom: 0.6, left: 0.5, right: 0.5 },
      centerHorizontally: true,
    },
  };
}
