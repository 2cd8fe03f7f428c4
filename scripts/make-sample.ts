/**
 * Writes samples/csat-sample.xlsx, the responses workbook the README's first command scores:
 * `node dist-node/scripts/make-sample.js` (after `npm run build:cli`). The data come from the
 * seeded generator in src/sample, so the file is reproducible.
 */
import ExcelJS from 'exceljs';
import path from 'node:path';
import { TABLE_4_1 } from '../src/domain';
import { sampleResponses } from '../src/sample/sample-data';

async function main(): Promise<void> {
  const { header, rows } = sampleResponses(TABLE_4_1);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'CSAT for Excel';
  wb.created = new Date(Date.UTC(2026, 11, 31));
  const ws = wb.addWorksheet('调查数据', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(header);
  const dateCol = header.indexOf('调查日期');
  for (const r of rows) {
    const values: (ExcelJS.CellValue | undefined)[] = [...r];
    values[dateCol] = new Date(`${String(r[dateCol])}T00:00:00Z`);
    ws.addRow(values);
  }
  ws.getColumn(dateCol + 1).numFmt = 'yyyy-mm-dd';
  ws.getRow(1).font = { bold: true };
  header.forEach((h, i) => (ws.getColumn(i + 1).width = Math.max(8, h.length * 2 + 2)));
  const out = path.join(__dirname, '..', '..', 'samples', 'csat-sample.xlsx');
  await wb.xlsx.writeFile(out);
  process.stdout.write(`${out}: ${rows.length} responses\n`);
}

void main();
