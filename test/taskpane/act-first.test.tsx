/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 *
 * "先改进什么": the view model from hand-built analysis fields (top items by points gained, the
 * smallest set reaching the target, 修补区, the sample-size plan; each part absent with its field),
 * and the card that words it in zh-CN and en-US.
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, screen, within } from '@testing-library/react';
import type { Locale } from '../../src/domain';
import type { Driver, DriverResult } from '../../src/domain/analysis/drivers';
import { improvementPotential, type ItemPotential, type PotentialResult } from '../../src/domain/analysis/potential';
import type { SamplePlan } from '../../src/domain/analysis/sample-size';
import { actFirst, type ActFirstView } from '../../src/domain';
import { ActFirst } from '../../src/taskpane/components/ActFirst';
import { STRINGS } from '../../src/taskpane/i18n';

/** Items as the engine ranks them: by potential, largest first (ties kept in the given order). */
function potentialOf(items: [name: string, satisfaction: number | null, potential: number][], overall: number | null, reachSet: string[] | null, reachedOverall: number | null): PotentialResult {
  const ranked: ItemPotential[] = items.map(([item, satisfaction, potential], k) => ({ item, weight: 10, satisfaction, gap: 0, potential, rank: k + 1 }));
  return { policy: 'item', target: 0.9, overall, items: ranked, shortfall: overall === null ? 0 : Math.max(0, 0.9 - overall), reachSet, reachedOverall };
}

// Hand-made: six items, four below the target; gains in points of overall (0.0123 = 1.23 points).
const POTENTIAL = potentialOf(
  [
    ['沟通', 0.8, 0.0123],
    ['响应', 0.82, 0.008],
    ['日常', 0.85, 0.005],
    ['培训', 0.88, 0.001],
    ['质量', 0.93, 0],
    ['其他', null, 0],
  ],
  0.875,
  ['沟通', '响应', '日常'],
  0.9003,
);

const driver = (item: string, quadrant: Driver['quadrant']): Driver => ({ item, category: '服务', weight: 10, n: 40, r: 0.5, fewPairs: false, satisfaction: 0.8, quadrant });
const DRIVERS: DriverResult = { items: [driver('响应', '修补区'), driver('沟通', '修补区'), driver('质量', '优势区')], meanImportance: 0.5, target: 0.9, fewPairs: [], fixFirst: ['响应', '沟通'] };

/** Basis mean 93% (the plan: above), the quarter 86% (结论 未达标): the sentence follows the quarter. */
const SAMPLE: SamplePlan = {
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

describe('actFirst (view model)', () => {
  it('lists the three items of largest gain, the set that reaches the target, 修补区 and the plan', () => {
    const v = actFirst({ potential: POTENTIAL, drivers: DRIVERS, sampleSize: SAMPLE })!;
    expect(v.top).toEqual([
      { item: '沟通', gain: 0.0123, satisfaction: 0.8 },
      { item: '响应', gain: 0.008, satisfaction: 0.82 },
      { item: '日常', gain: 0.005, satisfaction: 0.85 },
    ]);
    expect(v.reach).toEqual({ kind: 'set', items: ['沟通', '响应', '日常'], reachedOverall: 0.9003 });
    expect(v.fixFirst).toEqual(['响应', '沟通']);
    expect(v.sample).toBe(SAMPLE);
  });

  it('names only items with something to gain (fewer than three when fewer fall short)', () => {
    const p = potentialOf([['质量', 0.93, 0], ['沟通', 0.89, 0.001], ['其他', null, 0]], 0.91, [], 0.91);
    const v = actFirst({ potential: p })!;
    expect(v.top).toEqual([{ item: '沟通', gain: 0.001, satisfaction: 0.89 }]);
    expect(v.reach).toEqual({ kind: 'met' });
    expect(actFirst({ potential: potentialOf([['质量', 0.95, 0]], 0.95, [], 0.95) })!.top).toEqual([]);
  });

  it('reads the engine\'s own result: a case worked by hand', () => {
    // Weights 50/30/20, satisfaction 80%/85%/95%, target 90%, 按项平均: overall = (40 + 25.5 + 19)/100 = 84.5%.
    // Gains: A 50·(0.90 − 0.80)/100 = 5.0 points, B 30·0.05/100 = 1.5, C none. Short by 5.5: A alone
    // (5.0) is not enough, A + B (6.5) is — overall 91.0%.
    const potential = improvementPotential(
      [
        { name: 'C', weight: 20, answered: 10, satisfaction: 0.95 },
        { name: 'B', weight: 30, answered: 10, satisfaction: 0.85 },
        { name: 'A', weight: 50, answered: 10, satisfaction: 0.8 },
      ],
      { target: 0.9, respondents: 10 },
    );
    const v = actFirst({ potential })!;
    expect(v.top!.map((i) => i.item)).toEqual(['A', 'B']);
    expect(v.top![0].gain).toBeCloseTo(0.05, 12);
    expect(v.top![1].gain).toBeCloseTo(0.015, 12);
    expect(v.reach).toEqual({ kind: 'set', items: ['A', 'B'], reachedOverall: expect.closeTo(0.91, 12) });
  });

  it('says when no set of items reaches the target', () => {
    expect(actFirst({ potential: potentialOf([['沟通', 0.5, 0.02]], 0.6, null, null) })!.reach).toEqual({ kind: 'unreachable' });
  });

  it('leaves out each part whose field is absent, and is undefined with none of them', () => {
    expect(actFirst({})).toBeUndefined();
    const onlyDrivers = actFirst({ drivers: DRIVERS })!;
    expect(onlyDrivers).toEqual({ top: undefined, reach: undefined, fixFirst: ['响应', '沟通'], sample: undefined });
    const onlySample = actFirst({ sampleSize: SAMPLE })!;
    expect(onlySample.top).toBeUndefined();
    expect(onlySample.fixFirst).toBeUndefined();
    expect(onlySample.sample).toBe(SAMPLE);
  });
});

function renderCard(view: ActFirstView, locale: Locale = 'zh-CN') {
  render(
    <FluentProvider theme={webLightTheme}>
      <ActFirst t={STRINGS[locale]} locale={locale} view={view} />
    </FluentProvider>,
  );
}

describe('ActFirst card', () => {
  it('zh-CN: points gained, the reaching set, 修补区 and the sample-size sentence', () => {
    renderCard(actFirst({ potential: POTENTIAL, drivers: DRIVERS, sampleSize: SAMPLE })!);
    const card = screen.getByRole('group', { name: '先改进什么' });
    expect(within(card).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '沟通：+1.23 个百分点（现为 80.00%）',
      '响应：+0.80 个百分点（现为 82.00%）',
      '日常：+0.50 个百分点（现为 85.00%）',
    ]);
    expect(screen.getByTestId('act-reach').textContent).toBe('只需 沟通、响应、日常 达到目标，总体即可达标（90.03%）。');
    expect(screen.getByTestId('act-fix').textContent).toBe('修补区（重要且低于目标，先改进）响应、沟通');
    expect(screen.getByTestId('act-sample').textContent).toBe('样本不足，结论不稳本季度 52 份，总体 86.00%（未达标）；置信区间达到 ±2 个百分点需 99 份，判定未达标需 60 份。');
  });

  it('zh-CN: a quarter below the target after one above it — enough to call it 未达标, never 达标', () => {
    renderCard(actFirst({ sampleSize: { ...SAMPLE, actualN: 200, verdict: 'enough-not-met', basisPeriod: '2026Q1' } })!);
    expect(screen.getByTestId('act-sample').textContent).toBe('样本量足以判定未达标本季度 200 份，总体 86.00%（未达标）；按 2026Q1 的答卷估算，置信区间达到 ±2 个百分点需 99 份，判定未达标需 60 份。');
  });

  it('en-US: enough responses by the plan, but the quarter\'s own interval spans the target — too few, and why', () => {
    renderCard(actFirst({ sampleSize: { ...SAMPLE, overall: 0.9312, side: 'above', forTarget: 40, actualN: 120, spansTarget: true, basisPeriod: '2026Q3' } })!, 'en-US');
    expect(screen.getByTestId('act-sample').textContent).toBe(
      "Too few responses: the conclusion is not firm120 responses this quarter, overall 93.12% (target met); estimated from 2026Q3's responses, ±2 points needs 99, calling the target met needs 40; this quarter's 95% interval spans the target.",
    );
  });

  it('says when the needs cannot be estimated (fewer than 2 answers in the basis quarter)', () => {
    renderCard(actFirst({ sampleSize: { ...SAMPLE, basisN: 1, forHalfWidth: null, forTarget: null, planSide: null, planForTarget: null, actualN: 1, basisPeriod: '2026Q1' } })!);
    expect(screen.getByTestId('act-sample').textContent).toBe('样本不足，结论不稳本季度 1 份，总体 86.00%（未达标）；按 2026Q1 的答卷无法估计所需样本。');
  });

  it('en-US: the same in English', () => {
    renderCard(actFirst({ potential: POTENTIAL, drivers: DRIVERS, sampleSize: { ...SAMPLE, overall: 0.9312, side: 'above', verdict: 'enough-met', actualN: 120, forHalfWidth: 97, forTarget: 40, basisPeriod: '2026Q3' } })!, 'en-US');
    expect(screen.getByRole('group', { name: 'Where to act first' })).toBeTruthy();
    expect(screen.getAllByRole('listitem')[0].textContent).toBe('沟通: +1.23 points (now 80.00%)');
    expect(screen.getByTestId('act-fix').textContent).toBe('Fix first (important, below target)响应, 沟通');
    expect(screen.getByTestId('act-sample').textContent).toBe('Enough responses to call the target met120 responses this quarter, overall 93.12% (target met); estimated from 2026Q3\'s responses, ±2 points needs 97, calling the target met needs 40.');
  });

  it('shows only the parts it has, and says when nothing falls short or no item is in 修补区', () => {
    renderCard(actFirst({ potential: potentialOf([['质量', 0.95, 0]], 0.95, [], 0.95), drivers: { ...DRIVERS, fixFirst: [] } })!);
    expect(screen.getByTestId('act-top').textContent).toContain('所有项目都已达到目标。');
    expect(screen.queryByTestId('act-reach')).toBeNull(); // met: the key figures say so already
    expect(screen.getByTestId('act-fix').textContent).toContain('没有修补区项目。');
    expect(screen.queryByTestId('act-sample')).toBeNull();
  });
});
