/**
 * Issue 20, item 5: customer names that differ only by spaces — around the name ("天津银行 ") as well
 * as inside it — are one customer, and each other spelling is listed by row in 客户沟通分析, as the
 * README promises. Nothing the user typed is rewritten.
 */
import { analyzeCommunication, PLAN_HEADERS, RECORD_HEADERS, type CellValue } from '../../src/domain';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { generateCommReport, generateCommSheets } from '../../src/jobs/communication';
import { reopen } from '../helpers/xlsx';

const planRow = (customer: string, level: string): CellValue[] => [customer, level, '', '', '', '', null];
const record = (date: string, customer: string, level: string, method: string): CellValue[] => [date, customer, level, method, '', '', '', '', ''];
const run = (plan: CellValue[][], records: CellValue[][]) =>
  analyzeCommunication([[...PLAN_HEADERS], ...plan], [[...RECORD_HEADERS], ...records], { today: '2026-03-01', year: 2026 });

describe('names that differ only by spaces around them', () => {
  it.each([
    ['a trailing space', '天津银行 '],
    ['a leading space', ' 天津银行'],
    ['an ideographic space after it', '天津银行\u3000'],
    ['a non-breaking space before it', '\u00a0天津银行'],
  ])('lists a record with %s, naming its row, and counts it for the planned customer', (_name, spelled) => {
    const a = run([planRow('天津银行', '项目级沟通')], [record('2026-01-05', '乙', '项目级沟通', '电话'), record('2026-01-06', spelled, '项目级沟通', '电话')]);
    expect(a.issues.map((i) => [i.row, i.cell, i.zh])).toEqual([[3, '客户沟通记录!B3', `第3行 客户名称"${spelled}"与"天津银行"仅空格不同，按同一客户统计（请统一写法）`]]);
    expect(a.customers).toEqual(['天津银行']);
    // Counted: Q1 met for 天津银行; 乙 is outside the plan.
    expect(a.findings.map((f) => `${f.customer} ${f.kind}`)).toEqual(['乙 not-in-plan']);
  });

  it('lists a plan row whose name has a space the records do not, and shows the customer without it', () => {
    const a = run([planRow('天津银行 ', '项目级沟通')], [record('2026-01-06', '天津银行', '项目级沟通', '电话')]);
    expect(a.issues.map((i) => i.zh)).toEqual(['第2行 客户名称"天津银行"与"天津银行 "仅空格不同，按同一客户统计（请统一写法）']);
    expect(a.customers).toEqual(['天津银行']);
    expect(a.findings).toEqual([]);
  });

  it('says nothing when every row spells the name the same way, spaces around it included', () => {
    const a = run([planRow('天津银行 ', '项目级沟通')], [record('2026-01-06', '天津银行 ', '项目级沟通', '电话')]);
    expect(a.issues).toEqual([]);
  });

  it('shows the row in 客户沟通分析 through a saved workbook, and leaves the typed name as it was', async () => {
    const gw = XlsxGateway.empty();
    await generateCommSheets(gw, { planRows: [['天津银行', '项目级沟通', '电话', '', '', '', null]], recordRows: [['2026-01-06', '天津银行 ', '项目级沟通', '电话', '', '', '', '', '']] });
    const saved = await reopen(gw);
    const r = await generateCommReport(saved, { version: 't', today: '2026-03-01', year: 2026 });
    const tab = await saved.readSheet(r.sheet);
    expect(tab.some((row) => row[0] === '客户沟通记录!B2' && String(row[1]).includes('客户名称"天津银行 "与"天津银行"仅空格不同'))).toBe(true);
    expect((await saved.readSheet('客户沟通记录'))[1][1]).toBe('天津银行 ');
  });
});
