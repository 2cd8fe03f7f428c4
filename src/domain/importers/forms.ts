/** Microsoft Forms: `ID`, `Start time`, `Completion time` (or their Chinese headers); US dates in CSV. */
import { normalizeLabel, type CellValue } from '../cells';
import { parseDate } from '../analysis/dates';
import { hasHeaders, type Importer } from './types';

/** Forms writes US dates (3/5/26 10:22 AM) in CSV; an .xlsx export holds real dates. */
function formsDate(value: CellValue): string | undefined {
  if (typeof value === 'string') {
    const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})\b/.exec(value);
    if (m) return parseDate(`${m[3].length === 2 ? `20${m[3]}` : m[3]}-${m[1]}-${m[2]}`);
  }
  return parseDate(value);
}

export const forms: Importer<'forms'> = {
  id: 'forms',
  name: 'Microsoft Forms',
  detect: (head) => hasHeaders(head, ['ID', 'Start time', 'Completion time'], normalizeLabel) || hasHeaders(head, ['ID', '开始时间', '完成时间'], normalizeLabel),
  meta: { id: ['ID'], time: ['Completion time', '完成时间'], skip: ['Start time', '开始时间', 'Email', '电子邮件', 'Name', '姓名', 'Last modified time', '上次修改时间'] },
  read: formsDate,
};
