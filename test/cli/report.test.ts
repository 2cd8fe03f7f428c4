/** `csat report` end to end through the built CLI, and its "先改进什么" lines from hand-built analysis fields. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { actFirstText } from '../../src/cli/report';
import type { PotentialResult } from '../../src/domain/analysis/potential';
import type { SamplePlan } from '../../src/domain/analysis/sample-size';
import { XlsxGateway } from '../../src/host/xlsx/gateway';
import { ITEMS, uniformRow } from '../helpers/grids';
import { expectValidXlsx } from '../helpers/validate-xlsx';
import { sheetCharts } from '../helpers/xlsx';

const root = path.join(__dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'csat-report-'));
const demo = path.join(tmp, 'demo.xlsx');

function csat(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/csat.js'), ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'zh_CN.UTF-8' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

beforeAll(() => {
  expect(csat('demo', '--out', demo).code).toBe(0);
  expectValidXlsx(demo);
});

describe('csat report', () => {
  it('writes a new workbook with the input\'s sheets plus the report tabs; the input is unchanged', async () => {
    const before = sha(demo);
    const out = path.join(tmp, 'q2.xlsx');
    const r = csat('report', demo, '--period', '2026Q2', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/已生成"分析报告-2026Q2"：\d+ 份答卷，总体满意度 \d+\.\d\d%/);
    expect(sha(demo)).toBe(before);
    expectValidXlsx(out);
    const written = await XlsxGateway.open(readFileSync(out));
    const names = (await written.listSheets()).map((s) => s.name);
    expect(names.slice(0, 4)).toEqual(['评分模板', '调查数据', '客户满意度调查表', '调查方案']);
    expect(names.slice(-3)).toEqual(['分析报告-2026Q4', '趋势', '分析报告-2026Q2']);
    // The demo's own Q4 report has charts: they are carried as they were, and nothing is reported as dropped.
    expect(r.err).not.toContain('未能带到');
    const q4Charts = [...(await sheetCharts(await XlsxGateway.open(readFileSync(demo)), '分析报告-2026Q4')).values()];
    expect(q4Charts.length).toBeGreaterThan(0);
    expect([...(await sheetCharts(written, '分析报告-2026Q4')).values()]).toEqual(q4Charts);
    expect((await sheetCharts(written, '分析报告-2026Q2')).size).toBe(q4Charts.length);
  });

  it('never writes over its input', () => {
    const r = csat('report', demo, '--out', demo, '--force');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^不会覆盖输入文件/);
  });

  it.each([
    ['a period with no responses', ['--period', '2024Q1'], /^2024Q1 没有调查答卷（数据中有：2026Q1、2026Q2、2026Q3、2026Q4）\n$/],
    ['a malformed period', ['--period', 'Q3'], /^统计期间"Q3"无效/],
    ['an unknown group column', ['--by', '地区'], /^调查数据中没有"地区"列/],
  ])('refuses %s: exit 1, one message, no file', (_name, args, message) => {
    const out = path.join(tmp, `never-${args[1]}.xlsx`);
    const r = csat('report', demo, ...args, '--out', out);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it('adds --history quarters to the trend', async () => {
    const old = path.join(tmp, 'old.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('去年');
    ws.addRow(['客户名称', '客户分组', '调查日期', ...ITEMS]);
    ws.addRow(['甲', '政府机关', '2025-11-20', ...uniformRow('一般')]);
    await wb.xlsx.writeFile(old);
    const out = path.join(tmp, 'with-history.xlsx');
    expect(csat('report', demo, '--history', old, '--out', out).code).toBe(0);
    expectValidXlsx(out);
    const trend = await (await XlsxGateway.open(readFileSync(out))).readSheet('趋势');
    expect(trend.slice(2).map((r) => r[0])).toEqual(['2025Q4', '2026Q1', '2026Q2', '2026Q3', '2026Q4']);
    expect(trend[2][2]).toBeCloseTo(0.7, 12);
  });
});

describe('csat report: 先改进什么 after the key figures', () => {
  it('prints the summary between the key figures and the file written', () => {
    const out = path.join(tmp, 'act-first.xlsx');
    const r = csat('report', demo, '--period', '2026Q4', '--out', out);
    expect(r.code).toBe(0);
    expectValidXlsx(out);
    const lines = r.out.trimEnd().split('\n');
    const head = lines.indexOf('先改进什么：');
    const figures = lines.findIndex((l) => /^已(生成|更新)"分析报告-2026Q4"：\d+ 份答卷，总体满意度/.test(l));
    expect(figures).toBeGreaterThanOrEqual(0);
    expect(head).toBeGreaterThan(figures);
    expect(lines.at(-1)).toBe(`已写入 ${out}`);
    const summary = lines.slice(head + 1, -1);
    expect(summary.length).toBeGreaterThanOrEqual(3);
    expect(summary.every((l) => l.startsWith('  '))).toBe(true);
    expect(summary.some((l) => /^ {2}(提升潜力最大（单项达到目标时总体提高）：.+ \+\d+\.\d\d 个百分点|所有项目都已达到目标)/.test(l))).toBe(true);
    expect(summary.some((l) => l.startsWith('  修补区（重要且低于目标，先改进）：'))).toBe(true);
    // The sample sentence is about the quarter's own 结论: the same 达标/未达标 as the key figures.
    const called = /，(达标|未达标)）$/.exec(lines[figures])![1];
    const sample = summary.find((l) => l.startsWith('  样本') && l.includes('——本季度'))!;
    expect(sample).toMatch(new RegExp(`^ {2}(样本量足以判定${called}|样本不足，结论不稳)——本季度 \\d+ 份，总体 \\d+\\.\\d\\d%（${called}）；按 2026Q3 的答卷估算，.*。$`));
  });

  const item = (name: string, satisfaction: number | null, potential: number, rank: number) => ({ item: name, weight: 10, satisfaction, gap: 0, potential, rank });
  const potential: PotentialResult = {
    policy: 'item',
    target: 0.9,
    overall: 0.875,
    items: [item('沟通', 0.8, 0.0123, 1), item('响应', 0.82, 0.008, 2), item('日常', 0.85, 0.005, 3), item('培训', 0.88, 0.001, 4), item('质量', 0.95, 0, 5)],
    shortfall: 0.025,
    reachSet: ['沟通', '响应', '日常'],
    reachedOverall: 0.9003,
  };
  const drivers = { items: [], meanImportance: 0.5, target: 0.9, fewPairs: [], fixFirst: ['响应', '沟通'] };
  // Basis mean 93% (plan: above), the quarter 86% (结论 未达标): the line follows the quarter.
  const sampleSize: SamplePlan = {
    basisN: 48,
    mean: 0.93,
    sd: 0.1,
    halfWidth: 0.02,
    confidence: 0.95,
    target: 0.9,
    forHalfWidth: 99,
    overall: 0.86,
    side: 'below',
    forTarget: 60,
    planSide: 'above',
    planForTarget: 32,
    actualN: 52,
    spansTarget: false,
    verdict: 'too-few',
  };

  it('words the three items of largest gain, the reaching set, 修补区 and the sample size (zh-CN, en-US)', () => {
    expect(actFirstText({ potential, drivers, sampleSize }, 'zh-CN')).toEqual([
      '先改进什么：',
      '  提升潜力最大（单项达到目标时总体提高）：沟通 +1.23 个百分点（现为 80.00%）、响应 +0.80 个百分点（现为 82.00%）、日常 +0.50 个百分点（现为 85.00%）',
      '  只需 沟通、响应、日常 达到目标，总体即可达标（90.03%）。',
      '  修补区（重要且低于目标，先改进）：响应、沟通',
      '  样本不足，结论不稳——本季度 52 份，总体 86.00%（未达标）；置信区间达到 ±2 个百分点需 99 份，判定未达标需 60 份。',
    ]);
    expect(actFirstText({ potential, drivers, sampleSize: { ...sampleSize, overall: 0.9312, side: 'above', forTarget: 40, actualN: 120, forHalfWidth: 97, verdict: 'enough-met', basisPeriod: '2026Q3' } }, 'en-US')).toEqual([
      'Where to act first:',
      '  Largest improvement potential (overall gain if the item alone reached the target): 沟通 +1.23 points (now 80.00%), 响应 +0.80 points (now 82.00%), 日常 +0.50 points (now 85.00%)',
      '  Bringing just 沟通, 响应, 日常 to the target lifts the overall to the target (90.03%).',
      '  Fix first (important, below target): 响应, 沟通',
      '  Enough responses to call the target met — 120 responses this quarter, overall 93.12% (target met); estimated from 2026Q3\'s responses, ±2 points needs 97, calling the target met needs 40.',
    ]);
    // The quarter below the target after one above it: enough to call 未达标 — never 达标.
    const spans = actFirstText({ sampleSize: { ...sampleSize, actualN: 200, spansTarget: true, basisPeriod: '2026Q1' } }, 'zh-CN');
    expect(spans[1]).toBe('  样本不足，结论不稳——本季度 200 份，总体 86.00%（未达标）；按 2026Q1 的答卷估算，置信区间达到 ±2 个百分点需 99 份，判定未达标需 60 份；本季度 95% 置信区间跨过目标。');
    const after = { ...sampleSize, actualN: 200, verdict: 'enough-not-met' as const, basisPeriod: '2026Q1' };
    expect(actFirstText({ sampleSize: after }, 'zh-CN')).toEqual(['先改进什么：', '  样本量足以判定未达标——本季度 200 份，总体 86.00%（未达标）；按 2026Q1 的答卷估算，置信区间达到 ±2 个百分点需 99 份，判定未达标需 60 份。']);
    expect(actFirstText({ sampleSize: after }, 'en-US')).toEqual([
      'Where to act first:',
      "  Enough responses to call the target missed — 200 responses this quarter, overall 86.00% (target missed); estimated from 2026Q1's responses, ±2 points needs 99, calling the target missed needs 60.",
    ]);
  });

  it('leaves out what the analysis lacks, says when nothing falls short, and prints nothing without the fields', () => {
    expect(actFirstText({}, 'zh-CN')).toEqual([]);
    const met = { ...potential, overall: 0.95, items: [item('质量', 0.95, 0, 1)], shortfall: 0, reachSet: [], reachedOverall: 0.95 };
    expect(actFirstText({ potential: met, drivers: { ...drivers, fixFirst: [] } }, 'zh-CN')).toEqual(['先改进什么：', '  所有项目都已达到目标。', '  修补区（重要且低于目标，先改进）：无']);
    expect(actFirstText({ potential: { ...potential, reachSet: null, reachedOverall: null } }, 'zh-CN')).toContain('  即使所有项目都达到目标，总体仍低于目标（部分受访者未答全部项目）。');
  });
});
