/** A small hand-worked dataset: two quarters, an invalid answer, an unreadable date (see analysis.test.ts). */
import type { CellValue } from '../../src/domain';
import { ITEMS, rowWith, uniformRow } from './grids';

export const HEAD = ['客户名称', '客户分组', '调查方式', '调查日期', ...ITEMS, '意见与建议'];
export const row = (customer: string, group: string, method: string, date: CellValue, answers: CellValue[], comment = ''): CellValue[] => [customer, group, method, date, ...answers, comment];

export const GRID: CellValue[][] = [
  HEAD,
  row('A', '政府', '现场走访', '2026-01-15', uniformRow('满意')),
  row('B', '金融', '电话访问', '2026/2/3', uniformRow('较满意')),
  row('C', '金融', '电话访问', '2026年3月5日', rowWith('一般', { 培训: '不满意' }), '培训太少'),
  row('D', '政府', '现场走访', '2026-04-10', rowWith('满意', { 硬件: '非常满意' })),
  row('E', '金融', '在线问卷', 46146, rowWith('满意', { 热线畅通: '很不满意' })), // 46146 = 2026-05-04
  row('F', '金融', '在线问卷', '2026-13-01', uniformRow('满意')),
];
