/** 腾讯问卷 (wj.qq.com): `编号`, `开始答题时间`, `结束答题时间`, numbered questions `3.…`. */
import { normalizeLabel } from '../cells';
import { parseDate } from '../analysis/dates';
import { hasHeaders, type Importer } from './types';

export const tencent: Importer<'tencent'> = {
  id: 'tencent',
  name: '腾讯问卷',
  detect: (head) => hasHeaders(head, ['编号', '开始答题时间', '结束答题时间'], normalizeLabel),
  meta: { id: ['编号'], time: ['结束答题时间'], skip: ['开始答题时间', '答题时长', '用户ID', '昵称', '来源', 'IP', '地理位置'] },
  read: parseDate,
};
