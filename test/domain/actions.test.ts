/** Corrective actions: findings, append-only matching by source, ids, closure, overdue, effect. */
import { analyze, findingsFromAnalysis, locateData, nextIds, readResponses, readTracker, summarizeTracker, TABLE_4_1, untracked, ACTION_HEADERS, type CellValue } from '../../src/domain';
import { GRID } from '../helpers/analysis-grid';

function set() {
  const origin = { sheet: '调查数据', row: 1, col: 1 };
  return readResponses(GRID, TABLE_4_1, locateData(GRID, TABLE_4_1, origin), origin);
}

const tracker = (...rows: Partial<Record<(typeof ACTION_HEADERS)[number], CellValue>>[]): CellValue[][] => [[...ACTION_HEADERS], ...rows.map((r) => ACTION_HEADERS.map((h) => r[h] ?? null))];

describe('findings', () => {
  it('come from 改进机会 and 回访清单 with a source that names period, customer, project and item', () => {
    const f = findingsFromAnalysis(analyze(set()));
    expect(f.map((x) => x.source)).toEqual(['2026Q2 / — / — / 热线畅通', '2026Q2 / E / — / 热线畅通']);
    expect(f[1].description).toBe('E对"热线畅通"评价为"很不满意"（调查数据第 6 行）');
    expect(f[0].department).toBe('运维管理部');
  });

  it('are added once: a source already tracked (spaces ignored) is not added again', () => {
    const f = findingsFromAnalysis(analyze(set()));
    const t = readTracker(tracker({ 编号: 'CA-2026-001', 来源: '2026Q2 /  — / — / 热线畅通', 状态: '整改中' }));
    expect(untracked(f, t).map((x) => x.source)).toEqual(['2026Q2 / E / — / 热线畅通']);
    expect(nextIds(t, 2026, 2)).toEqual(['CA-2026-002', 'CA-2026-003']);
    expect(nextIds(t, 2027, 1)).toEqual(['CA-2027-001']);
  });
});

describe('tracker summary', () => {
  const rows = tracker(
    { 编号: 'CA-2026-001', 来源: '2026Q1 / — / — / 培训', 状态: '已验证', 计划完成日期: '2026-03-31', 验证结果: '有效' },
    { 编号: 'CA-2026-002', 来源: '2026Q1 / C / — / 培训', 状态: '整改中', 计划完成日期: '2026/4/1' },
    { 编号: 'CA-2026-003', 来源: '沟通记录 / 甲 / 2026-03-01', 状态: '待分析', 计划完成日期: '2026-12-31' },
    { 编号: 'CA-2026-004', 来源: '2026Q1 / — / — / 热线畅通', 状态: '已关闭' },
  );

  it('counts closure (已验证 + 已关闭) and overdue open actions', () => {
    const s = summarizeTracker(readTracker(rows), '2026-06-30');
    expect([s.total, s.closed, s.closureRate]).toEqual([4, 2, 0.5]);
    expect(s.overdue.map((a) => a.id)).toEqual(['CA-2026-002']);
    expect(s.byState).toEqual([{ state: '待分析', n: 1 }, { state: '整改中', n: 1 }, { state: '已验证', n: 1 }, { state: '已关闭', n: 1 }]);
  });

  it('verifies the effect of closed actions on an item in the following quarter', () => {
    const s = summarizeTracker(readTracker(rows), '2026-06-30', set());
    // 培训: Q1 (100 + 90 + 0)/3 → Q2 (100 + 100)/2; 热线畅通: Q1 (100+90+70)/3 → Q2 (100 − 10)/2
    expect(s.effects.map((e) => [e.id, e.item, e.from, e.to])).toEqual([
      ['CA-2026-001', '培训', '2026Q1', '2026Q2'],
      ['CA-2026-004', '热线畅通', '2026Q1', '2026Q2'],
    ]);
    expect(s.effects[0].before).toBeCloseTo(190 / 300, 12);
    expect(s.effects[0].after).toBeCloseTo(1, 12);
    expect(s.effects[1].change).toBeCloseTo(0.45 - 260 / 300, 12);
    expect(s.effects[0].direction).toBeDefined();
  });
});

describe('需改进事项 from the communication records', () => {
  it('keeps three requests of one customer on one day as three actions (keyed by their text too)', async () => {
    const { findingsFromCommunication } = await import('../../src/domain');
    const opinions = ['备件到货慢', '报告格式不清楚', '希望增加培训'].map((improvement, i) => ({ customer: '甲', date: '2026-03-01', improvement, row: 5 + i }));
    const f = findingsFromCommunication(opinions);
    expect(new Set(f.map((x) => x.source)).size).toBe(3);
    expect(untracked(f, readTracker(tracker()))).toHaveLength(3);
  });
});
