/**
 * Protection on the file path, as on Excel's (test/host/office-session.test.ts): a tab the archive protected
 * keeps its protection when a job rewrites it, and a tab protected with a password is refused — naming the
 * sheet, in both languages — before anything is written.
 */
import { CsatError, formatProblem, TABLE_4_1 } from '../../src/domain';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { generateActions } from '../../src/jobs/actions';
import { prepareArchive } from '../../src/jobs/archive';
import { generateReport } from '../../src/jobs/report';
import { generateSurveyWorkbook } from '../../src/jobs/survey';
import { sampleResponses } from '../../src/sample/sample-data';
import { expectValidXlsx } from '../helpers/validate-xlsx';
import { reopen, sheetElement } from '../helpers/xlsx';

async function archived(password?: string): Promise<XlsxGateway> {
  const gw = XlsxGateway.empty();
  await generateSurveyWorkbook(gw, { responses: sampleResponses(TABLE_4_1).rows });
  await generateReport(gw, { version: 't', today: '2026-12-31' });
  await generateActions(gw, { period: '2026Q3' });
  await prepareArchive(gw, { password, now: new Date(2027, 0, 10) });
  return gw;
}

describe('protection on the file path', () => {
  it('keeps an archived report protected when the report is generated again', async () => {
    const gw = await archived();
    await generateReport(gw, { version: 't', today: '2026-12-31' });
    const back = await reopen(gw);
    expect(await sheetElement(back, '分析报告-2026Q4', 'sheetProtection')).toMatchObject({ sheet: '1' });
    expect(await sheetElement(back, '趋势', 'sheetProtection')).toMatchObject({ sheet: '1' });
    await expectValidXlsx(await gw.save());
  });

  it('refuses to write into a sheet protected with a password, and writes nothing', async () => {
    const gw = await archived('secret');
    const before = await gw.save();
    const refusal = await generateReport(gw, { version: 't', today: '2026-12-31' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refusal).toBeInstanceOf(CsatError);
    const [p] = (refusal as CsatError).problems;
    expect(p.code).toBe('sheet-password-protected');
    expect(formatProblem(p, 'zh-CN')).toContain('工作表"分析报告-2026Q4"已用密码保护');
    expect(formatProblem(p, 'en-US')).toContain('Sheet "分析报告-2026Q4" is protected with a password');
    await expect(generateActions(gw, { period: '2026Q4' })).rejects.toThrow(/纠正预防措施/);
    expect(Buffer.compare(Buffer.from(await gw.save()), Buffer.from(before))).toBe(0);
  });

  it('lets the archive run again over its own password protection', async () => {
    const gw = await archived('secret');
    await prepareArchive(gw, { password: 'secret', now: new Date(2027, 0, 11) });
    const back = await reopen(gw);
    expect(await sheetElement(back, '纠正预防措施', 'sheetProtection')).toMatchObject({ sheet: '1', algorithmName: 'SHA-512' });
    await expectValidXlsx(await gw.save());
  });
});
