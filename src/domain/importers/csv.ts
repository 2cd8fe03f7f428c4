/** Plain CSV (or a sheet) from anywhere else: an id and a date column if it has them; always recognised (last). */
import { parseDate } from '../analysis/dates';
import type { Importer } from './types';

export const csv: Importer<'csv'> = {
  id: 'csv',
  name: 'CSV',
  detect: () => true,
  meta: { id: ['编号', 'ID', '序号'], time: ['提交时间', '调查日期', '日期', '提交答卷时间'], skip: [] },
  read: parseDate,
};
