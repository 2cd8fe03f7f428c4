/** 问卷星 (wjx.cn): `序号`, `提交答卷时间` (2026/3/5 10:22:01), numbered questions `3、…`. */
import { normalizeLabel } from '../cells';
import { parseDate } from '../analysis/dates';
import { hasHeaders, type Importer } from './types';

export const wjx: Importer<'wjx'> = {
  id: 'wjx',
  name: '问卷星',
  detect: (head) => hasHeaders(head, ['序号', '提交答卷时间', '所用时间'], normalizeLabel),
  meta: { id: ['序号'], time: ['提交答卷时间'], skip: ['所用时间', '来源', '来源详情', '来自IP', '来自ip'] },
  read: parseDate,
};
