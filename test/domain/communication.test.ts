/** Customer communication rules (policy §4.1), each with a small plan and records. */
import { analyzeCommunication, PLAN_HEADERS, RECORD_HEADERS, type CellValue } from '../../src/domain';

const plan = (...rows: [string, string][]): CellValue[][] => [[...PLAN_HEADERS], ...rows.map(([c, l]) => [c, l, '', '', '', '', null])];
const rec = (date: CellValue, customer: string, level: string, method: string, extra: Partial<{ opinion: string; improvement: string }> = {}): CellValue[] => [
  date, customer, level, method, '', '', extra.opinion ?? '', extra.improvement ?? '', '',
];
const records = (...rows: CellValue[][]): CellValue[][] => [[...RECORD_HEADERS], ...rows];
const run = (p: CellValue[][], r: CellValue[][], today = '2027-01-15', year = 2026) => analyzeCommunication(p, r, { today, year });
const kinds = (a: ReturnType<typeof run>) => a.findings.map((f) => `${f.customer} ${f.level} ${f.period} ${f.kind}`);

describe('全面沟通: at least once per half-year, by 走访 or 面谈', () => {
  it('is met by a visit or a meeting in each half-year', () => {
    const a = run(plan(['甲', '全面沟通']), records(rec('2026-03-01', '甲', '全面沟通', '走访'), rec('2026-10-01', '甲', '全面沟通', '面谈')));
    expect(kinds(a)).toEqual([]);
    expect(a.compliance).toBe(1);
    expect(a.obligations).toEqual({ due: 2, met: 2, future: 0 });
  });

  it('does not count a phone call or an e-mail: wrong method, and the half-year is missing', () => {
    const a = run(plan(['甲', '全面沟通']), records(rec('2026-03-01', '甲', '全面沟通', '电话'), rec('2026-09-01', '甲', '全面沟通', '电子邮件'), rec('2026-11-01', '甲', '全面沟通', '走访')));
    expect(kinds(a)).toEqual(['甲 全面沟通 2026H1 wrong-method', '甲 全面沟通 2026H1 missing', '甲 全面沟通 2026H2 wrong-method']);
    expect(a.findings[0].rows).toEqual([2]);
    expect(a.compliance).toBe(1 / 2);
  });
});

describe('项目级沟通: 1–2 times per quarter by 电话 or 电子邮件 (走访, 面谈 count too)', () => {
  it('flags a quarter without one, and more than two as a note (not a fault)', () => {
    const a = run(
      plan(['乙', '项目级沟通']),
      records(
        rec('2026-01-05', '乙', '项目级沟通', '电话'),
        rec('2026-04-05', '乙', '项目级沟通', '电子邮件'),
        rec('2026-05-05', '乙', '项目级沟通', '走访'),
        rec('2026-06-05', '乙', '项目级沟通', '面谈'),
        rec('2026-10-05', '乙', '项目级沟通', '其他'),
      ),
    );
    expect(kinds(a)).toEqual(['乙 项目级沟通 2026Q2 more-than-planned', '乙 项目级沟通 2026Q3 missing', '乙 项目级沟通 2026Q4 wrong-method', '乙 项目级沟通 2026Q4 missing']);
    // Q1 and Q2 met; Q3 and Q4 not: 2 of 4
    expect(a.compliance).toBe(0.5);
  });
});

describe('periods and customers', () => {
  it('does not call periods still in the future faults', () => {
    const a = run(plan(['丙', '全面沟通'], ['丙', '项目级沟通']), records(rec('2026-02-01', '丙', '全面沟通', '走访'), rec('2026-02-01', '丙', '项目级沟通', '电话')), '2026-05-10');
    expect(kinds(a)).toEqual([]);
    // H1 met (though still running), Q1 met; Q2 (running, nothing yet), Q3, Q4, H2 are future
    expect(a.obligations).toEqual({ due: 2, met: 2, future: 4 });
  });

  it('reports records of customers outside the plan', () => {
    const a = run(plan(['甲', '项目级沟通']), records(rec('2026-01-05', '甲', '项目级沟通', '电话'), rec('2026-01-06', '丁', '项目级沟通', '电话')), '2026-03-01');
    expect(kinds(a)).toEqual(['丁 项目级沟通 2026Q1 not-in-plan']);
  });

  it('treats names differing only by spaces as one customer, and says so with the row', () => {
    const a = run(plan(['天津城商银行', '项目级沟通']), records(rec('2026-01-05', '天津 城商银行', '项目级沟通', '电话')), '2026-03-01');
    expect(kinds(a)).toEqual([]);
    expect(a.issues.map((i) => i.zh)).toEqual(['第2行 客户名称"天津 城商银行"与"天津城商银行"仅空格不同，按同一客户统计（请统一写法）']);
  });

  it('lists planned communications whose date passed without a record', () => {
    const p: CellValue[][] = [[...PLAN_HEADERS], ['甲', '全面沟通', '走访', '', '', '', '2026-03-15'], ['乙', '全面沟通', '走访', '', '', '', '2026-04-20']];
    const a = run(p, records(rec('2026-04-21', '乙', '全面沟通', '面谈')), '2026-05-01');
    expect(a.pastDue).toEqual([{ row: 2, customer: '甲', level: '全面沟通', planned: '2026-03-15' }]);
  });
});

describe('bad input: read what can be read, report the rest with rows, rewrite nothing', () => {
  it('reads dates written as text in three ways', () => {
    const a = run(
      plan(['甲', '项目级沟通']),
      records(rec('2026/3/5', '甲', '项目级沟通', '电话'), rec('2026-05-05', '甲', '项目级沟通', '电话'), rec('2026年8月5日', '甲', '项目级沟通', '电话'), rec(46331, '甲', '项目级沟通', '电话')),
    );
    expect(kinds(a)).toEqual([]); // 46331 = 2026-11-05 (an Excel date)
  });

  it('reports an unreadable date, an unknown level and an unknown method by row', () => {
    const r = records(rec('下周三', '甲', '项目级沟通', '电话'), rec('2026-01-05', '甲', '季度沟通', '电话'), rec('2026-01-06', '甲', '项目级沟通', '微信'));
    const before = JSON.stringify(r);
    const a = run(plan(['甲', '项目级沟通']), r, '2026-04-15');
    expect(a.issues.map((i) => [i.cell, i.zh])).toEqual([
      ['客户沟通记录!A2', '第2行 沟通日期"下周三"无法识别（如 2026-03-05、2026/3/5、2026年3月5日）'],
      ['客户沟通记录!C3', '第3行 沟通层级"季度沟通"无效（应为 全面沟通 或 项目级沟通）'],
      ['客户沟通记录!D4', '第4行 沟通方式"微信"无效（应为 走访、面谈、电话、电子邮件、其他）'],
    ]);
    expect(kinds(a)).toEqual(['甲 项目级沟通 2026Q1 missing']);
    expect(JSON.stringify(r)).toBe(before);
  });

  it('reports a plan row with an unknown level and a header that is missing', () => {
    const p: CellValue[][] = [['客户名称', '沟通层级'], ['甲', '年度沟通']];
    const a = run(p, records());
    expect(a.issues.map((i) => i.zh)).toEqual([
      '第1行缺少表头"沟通方式"',
      '第1行缺少表头"计划频次"',
      '第1行缺少表头"沟通内容"',
      '第1行缺少表头"负责人"',
      '第1行缺少表头"计划时间"',
      '第2行 沟通层级"年度沟通"无效（应为 全面沟通 或 项目级沟通）',
    ]);
  });

  it('gathers the customers\' opinions and improvement requests', () => {
    const a = run(plan(['甲', '全面沟通']), records(rec('2026-03-01', '甲', '全面沟通', '走访', { opinion: '热线忙', improvement: '增加值守' })));
    expect(a.opinions).toEqual([{ row: 2, customer: '甲', date: '2026-03-01', opinion: '热线忙', improvement: '增加值守', status: '' }]);
  });
});
