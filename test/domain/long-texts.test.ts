/**
 * Our own long texts never refuse valid input (issue 19, part 5): where a finding, a report list or a
 * communication issue joins users' texts into one cell, a whole that passes Excel's 32,767 characters
 * is cut there and ends with the cell of the full text — `…（全文见 调查数据!U2）` — and the job says
 * so in a note. Each text alone is within Excel's limit, so the workbook itself is valid.
 */
import { analyzeCommunication, cellText, cutOf, findingsFromCommunication, RECORD_HEADERS, PLAN_HEADERS, TABLE_4_1, type CellValue } from '../../src/domain';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { buildCommReportSheet, findTextCuts } from '../../src/plan';
import { generateActions } from '../../src/jobs/actions';
import { generateReport } from '../../src/jobs/report';
import { generateSurveyWorkbook } from '../../src/jobs/survey';
import { reopen } from '../helpers/xlsx';

const MAX = 32_767;

describe('cellText', () => {
  it('leaves a text within the limit as it is', () => {
    expect(cellText(['甲', { text: '乙', cell: '调查数据!A2' }, '丙'])).toBe('甲乙丙');
    expect(cellText(['x'.repeat(MAX)])).toBe('x'.repeat(MAX));
  });

  it('cuts at the limit, naming the cell of the text the cut falls in', () => {
    const t = cellText([{ text: 'a'.repeat(20_000), cell: '调查数据!A2' }, '：', { text: 'b'.repeat(20_000), cell: '调查数据!U2' }, '（第 2 行）']);
    expect(t.length).toBe(MAX);
    expect(t.endsWith('b…（全文见 调查数据!U2）')).toBe(true);
    const u = cellText([{ text: 'a'.repeat(40_000), cell: '调查数据!A2' }, '：', { text: 'b', cell: '调查数据!U2' }]);
    expect(u.endsWith('a…（全文见 调查数据!A2）')).toBe(true);
    // A cut in our own words names the user text before it; with no cell known it just says it was cut.
    expect(cellText([{ text: 'a'.repeat(30_000), cell: 'S!A1' }, 'b'.repeat(5_000)]).endsWith('b…（全文见 S!A1）')).toBe(true);
    expect(cellText(['c'.repeat(40_000)])).toBe(`${'c'.repeat(MAX - 6)}…（已截断）`);
    expect(cutOf(cellText(['c'.repeat(40_000)]))).toEqual({});
    expect(cutOf(t)).toEqual({ source: '调查数据!U2' });
    expect(cutOf('…（全文见 调查数据!U2）')).toBeUndefined();
  });

  it('never splits a surrogate pair', () => {
    const t = cellText(['😀'.repeat(20_000)]);
    expect(t.length).toBeLessThanOrEqual(MAX);
    expect(Array.from(t.replace('…（已截断）', '')).every((ch) => ch === '😀')).toBe(true);
  });
});

/** A 调查数据 row: customer, comment, and 专业技术 answered `first` (不满意 makes a 回访 finding). */
function response(customer: string, comment: string, first = '不满意', date = '2026-08-05'): CellValue[] {
  return [customer, '甲类', '', '现场走访', date, '张三', first, ...TABLE_4_1.items.slice(1).map(() => '满意'), comment];
}

async function workbook(rows: CellValue[][]): Promise<XlsxGateway> {
  const gw = XlsxGateway.empty();
  await generateSurveyWorkbook(gw, { responses: rows });
  return reopen(gw);
}

describe('纠正预防措施: a 20,000-character name and a 20,000-character comment', () => {
  it('are tracked, the 问题描述 cut at 32,767 naming 调查数据!U2, with a note; the row is not added twice', async () => {
    const name = '客'.repeat(20_000);
    const comment = '慢'.repeat(20_000);
    const gw = await workbook([response(name, comment), response('乙', '好', '满意'), response('丙', '', '满意')]);
    const r = await generateActions(gw, { period: '2026Q3' });
    const tracker = await (await reopen(gw, 'tracker with long texts')).readSheet('纠正预防措施');
    const at = tracker.findIndex((row) => String(row[1]).startsWith(`2026Q3 / ${name}`));
    expect(at).toBeGreaterThan(0);
    const description = String(tracker[at][2]);
    expect(description.length).toBeLessThanOrEqual(MAX);
    expect(description.startsWith(`${name}对"专业技术"评价为"不满意"：慢`)).toBe(true);
    expect(description.endsWith('慢…（全文见 调查数据!U2）')).toBe(true);
    expect(String(tracker[at][1])).toBe(`2026Q3 / ${name} / — / 专业技术`);
    const cut = r.notes.find((n) => n.code === 'texts-cut')!;
    expect(cut.level).toBe('warning');
    expect(cut.zh).toBe(`1 处文字超过 Excel 单元格上限 32,767 个字符，已在上限处截断，结尾注明全文所在：纠正预防措施!C${at + 1}（全文见 调查数据!U2）`);
    expect(cut.en).toBe(`1 text(s) went over Excel's cell limit of 32,767 characters and were cut there, each ending with where the full text is: 纠正预防措施!C${at + 1} (full text in 调查数据!U2)`);
    // The cut source is the same every time, so the finding is matched to its row and not added again.
    const again = await generateActions(gw, { period: '2026Q3' });
    expect(again.added).toEqual([]);
  });

  it('a name of 32,767 characters: the cut falls in the name and names its cell', async () => {
    const name = '名'.repeat(MAX);
    const gw = await workbook([response('甲', '', '满意'), response(name, '差')]);
    const r = await generateActions(gw, { period: '2026Q3' });
    const row = r.added.find((a) => a.finding.description.startsWith('名'))!;
    expect(row.finding.description.length).toBe(MAX);
    expect(row.finding.description.endsWith('名…（全文见 调查数据!A3）')).toBe(true);
    expect(row.finding.source.length).toBe(MAX);
    expect(row.finding.source.endsWith('名…（全文见 调查数据!A3）')).toBe(true);
    expect(r.notes.find((n) => n.code === 'texts-cut')?.zh).toMatch(/^2 处文字/);
    await reopen(gw, 'tracker with a 32,767-character name');
  });
});

describe('分析报告: two 20,000-character comments in one 意见主题 example cell', () => {
  it('cut at the limit naming the second comment\'s cell, with a note', async () => {
    const a = '响应速度太慢，'.repeat(3_000);
    const b = '响应速度一般，'.repeat(3_000);
    const gw = await workbook([response('甲', a), response('乙', b), response('丙', '', '满意')]);
    const r = await generateReport(gw, { version: 't', period: '2026Q3', now: new Date(2026, 10, 28) });
    const report = await (await reopen(gw, 'report with long comments')).readSheet(r.report);
    const cells = report.flat().filter((v): v is string => typeof v === 'string' && v.startsWith('第2行：'));
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) {
      expect(c.length).toBeLessThanOrEqual(MAX);
      expect(c.endsWith('…（全文见 调查数据!U3）')).toBe(true);
    }
    expect(r.notes.find((n) => n.code === 'texts-cut')?.en).toMatch(/\(full text in 调查数据!U3\)/);
  });
});

describe('客户沟通: findings and issues quoting long texts', () => {
  it('a 需改进事项 of 32,767 characters is tracked, cut naming its cell', () => {
    const columns = { 客户名称: '客户沟通记录!B', 需改进事项: '客户沟通记录!H' };
    const [f] = findingsFromCommunication([{ row: 5, customer: '甲'.repeat(20_000), date: '2026-03-01', improvement: '改'.repeat(MAX) }], columns);
    expect(f.description.length).toBe(MAX);
    expect(f.description.endsWith('改…（全文见 客户沟通记录!H5）')).toBe(true);
    expect(f.source.endsWith('改…（全文见 客户沟通记录!H5）')).toBe(true);
  });

  it('an issue quoting a 32,767-character cell is cut on the analysis tab, naming that cell', () => {
    const plan = [[...PLAN_HEADERS], ['甲', '全面沟通', '走访', '', '', '', null]];
    const records = [[...RECORD_HEADERS], ['2026-02-01', '甲', '层'.repeat(MAX), '走访', '', '', '', '', '']];
    const analysis = analyzeCommunication(plan, records, { today: '2026-07-15', recordSheet: '客户沟通记录' });
    expect(analysis.recordColumns?.['需改进事项']).toBe('客户沟通记录!H');
    const sheet = buildCommReportSheet(analysis, { generatedAt: 'now', version: 't' });
    expect(findTextCuts([sheet])).toEqual([expect.objectContaining({ source: '客户沟通记录!C2' })]);
  });
});
