/** `csat comm-plan`, `csat comm-report` and `csat actions` through the built CLI. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PLAN_HEADERS, RECORD_HEADERS } from '../../src/domain';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { generateCommSheets } from '../../src/jobs/communication';
import { expectValidXlsx } from '../helpers/validate-xlsx';

const root = path.join(__dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'csat-loop-'));
const csat = (...args: string[]) => {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/csat.js'), ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'zh_CN.UTF-8' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

async function commWorkbook(plan: unknown[][], records: unknown[][]): Promise<string> {
  const gw = XlsxGateway.empty();
  await generateCommSheets(gw, { planRows: plan as never, recordRows: records as never });
  const file = path.join(tmp, `comm-${Math.random().toString(36).slice(2)}.xlsx`);
  writeFileSync(file, await gw.save());
  expectValidXlsx(file);
  return file;
}

describe('csat comm-plan / comm-report', () => {
  it('comm-plan writes both sheets with the policy headers in row 1', async () => {
    const out = path.join(tmp, 'plan.xlsx');
    expect(csat('comm-plan', '--out', out).code).toBe(0);
    expectValidXlsx(out);
    const gw = await XlsxGateway.open(readFileSync(out));
    expect((await gw.readRange('年度客户沟通计划', 'A1:G1'))[0]).toEqual([...PLAN_HEADERS]);
    expect((await gw.readRange('客户沟通记录', 'A1:I1'))[0]).toEqual([...RECORD_HEADERS]);
  });

  it('comm-report --json prints exactly {year, findings, compliance}; --today fixes the future', async () => {
    const file = await commWorkbook(
      [['甲', '全面沟通', '走访', '', '', '', null], ['乙', '项目级沟通', '电话', '', '', '', null]],
      [['2026-02-01', '甲', '全面沟通', '电话', '', '', '', '', ''], ['2026-02-01', '乙', '项目级沟通', '电话', '', '', '', '', ''], ['2026-02-02', '丙', '项目级沟通', '电话', '', '', '', '', '']],
    );
    const r = csat('comm-report', file, '--json', '--today', '2026-07-15', '--out', path.join(tmp, 'cr.xlsx'));
    expect(r.code).toBe(0);
    expectValidXlsx(path.join(tmp, 'cr.xlsx'));
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(['year', 'findings', 'compliance']);
    expect(json.year).toBe(2026);
    expect(json.findings).toEqual([
      { customer: '甲', level: '全面沟通', period: '2026H1', kind: 'wrong-method' },
      { customer: '甲', level: '全面沟通', period: '2026H1', kind: 'missing' },
      { customer: '乙', level: '项目级沟通', period: '2026Q2', kind: 'missing' },
      { customer: '丙', level: '项目级沟通', period: '2026Q1', kind: 'not-in-plan' },
    ]);
    // due: 甲 H1 (missed), 乙 Q1 (met), 乙 Q2 (missed); H2, Q3, Q4 still to come
    expect(json.compliance).toBeCloseTo(1 / 3, 12);
  });

  it('refuses a bad --today and a workbook without the sheets', () => {
    expect(csat('comm-report', 'x.xlsx', '--today', '2026/7/1', '--out', path.join(tmp, 'n.xlsx')).code).toBe(1);
    const demo = path.join(tmp, 'survey.xlsx');
    expect(csat('survey', '--out', demo).code).toBe(0);
    expectValidXlsx(demo);
    const r = csat('comm-report', demo, '--out', path.join(tmp, 'n2.xlsx'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^工作簿中没有"年度客户沟通计划"工作表/);
  });
});

describe('csat actions', () => {
  it('tracks a report\'s findings in a new workbook, and adds nothing twice', async () => {
    const demo = path.join(tmp, 'demo.xlsx');
    expect(csat('demo', '--out', demo).code).toBe(0);
    expectValidXlsx(demo);
    const once = path.join(tmp, 'once.xlsx');
    const r1 = csat('actions', demo, '--period', '2026Q4', '--out', once);
    expect(r1.code).toBe(0);
    expect(r1.out).toMatch(/新增 \d+ 条措施/);
    expectValidXlsx(once);
    const r2 = csat('actions', once, '--period', '2026Q4', '--out', path.join(tmp, 'twice.xlsx'));
    expect(r2.out).toMatch(/没有新的发现需要跟踪/);
    expectValidXlsx(path.join(tmp, 'twice.xlsx'));
  });
});
