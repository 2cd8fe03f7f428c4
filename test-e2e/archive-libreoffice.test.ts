/** The archive-ready copy in LibreOffice: it opens, shows the frozen value and keeps the custom properties. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readCustomProperties } from '../src/host/xlsx/custom-properties';
import { XlsxGateway } from '../src/host/xlsx/gateway';
import { expectValidXlsx } from '../test/helpers/validate-xlsx';
import { convert, csvNumber, hasLibreOffice, sheetsAsCsv } from './libreoffice';

const root = path.join(__dirname, '..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'csat-e2e-archive-'));

beforeAll(() => {
  if (!hasLibreOffice()) throw new Error('LibreOffice (soffice) is required for the e2e tests');
  execFileSync(process.execPath, [path.join(root, 'bin/csat.js'), 'demo', '--out', path.join(tmp, 'demo.xlsx')]);
  expectValidXlsx(path.join(tmp, 'demo.xlsx'));
  expectValidXlsx(path.join(tmp, 'demo-archive.xlsx'));
});

describe('archive-ready copy in LibreOffice', () => {
  it('opens every sheet; the frozen overall equals the native formula beside it', () => {
    const sheets = sheetsAsCsv(path.join(tmp, 'demo-archive.xlsx'));
    expect(sheets.has('归档清单')).toBe(true);
    const data = sheets.get('调查数据')!;
    const row = (label: string) => data.find((r) => r.includes(label))!;
    const frozen = csvNumber(row('总体满意度（CSAT 函数）')[row('总体满意度（CSAT 函数）').indexOf('总体满意度（CSAT 函数）') + 1]);
    const native = csvNumber(row('总体满意度（原生公式）')[row('总体满意度（原生公式）').indexOf('总体满意度（原生公式）') + 1]);
    expect(Math.abs(frozen - native)).toBeLessThan(1e-12);
    const check = row('两种算法核对');
    expect(check[check.indexOf('两种算法核对') + 1]).toBe('✓ 一致');
  });

  it('keeps the custom properties through a LibreOffice re-save', async () => {
    const out = convert(path.join(tmp, 'demo-archive.xlsx'), 'xlsx:Calc Office Open XML');
    const props = await readCustomProperties((await XlsxGateway.open(readFileSync(path.join(out, readdirSync(out)[0])))).pkg);
    expect(props['文件编号']).toBe('XDYJ-04-03');
    expect(props['保存期限至']).toBe('2029-12-31');
  });
});
