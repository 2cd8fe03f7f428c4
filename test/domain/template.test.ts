import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CsatError, findItem, parseTarget, TABLE_4_1, validateTemplate, type TemplateSpec } from '../../src/domain';

/** Table 4-1 as printed in the policy document (docs/), parsed independently of the engine. */
function policyTable(): { categories: string[]; items: string[]; weights: number[]; levels: [string, number[]][] } {
  const text = readFileSync(path.join(__dirname, '../../docs/XDYJ-04-03-customer-satisfaction-policy.zh.txt'), 'utf8');
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith('项目\t服务能力与质量'));
  const cells = (l: string) => l.split('\t').map((c) => c.trim());
  const categoryRow = cells(lines[start]).slice(1);
  const items = cells(lines[start + 1]).filter((c) => c !== '');
  const weights = cells(lines[start + 2]).slice(1).map(Number);
  const levels = lines.slice(start + 3, start + 8).map((l) => {
    const c = cells(l);
    return [c[0], c.slice(1).map(Number)] as [string, number[]];
  });
  // The printed table's last two categories are single items (备件供应, 培训): merged vertically.
  const categories = categoryRow.filter((c) => c !== '');
  return { categories, items: [...items, ...categories.slice(2)], weights, levels };
}

describe('Table 4-1 built in', () => {
  const printed = policyTable();

  it('has the policy document\'s 14 items, weights and levels', () => {
    expect(TABLE_4_1.items.map((i) => i.name)).toEqual(printed.items);
    expect(TABLE_4_1.items.map((i) => i.weight)).toEqual(printed.weights);
    expect(TABLE_4_1.levels.map((l) => l.label)).toEqual(printed.levels.map(([label]) => label));
    printed.levels.forEach(([, scores], li) => {
      expect(TABLE_4_1.items.map((it) => it.scores[li])).toEqual(scores);
    });
  });

  it('groups items in the four categories of the policy', () => {
    expect(TABLE_4_1.categories).toEqual(printed.categories);
    const count = (c: string) => TABLE_4_1.items.filter((i) => i.category === c).length;
    expect([count('服务能力与质量'), count('服务态度'), count('备件供应'), count('培训')]).toEqual([8, 4, 1, 1]);
    expect(TABLE_4_1.target).toBe(0.9);
  });

  it('finds items by alias, ignoring spaces', () => {
    expect(findItem(TABLE_4_1, ' 服务 热线')?.name).toBe('热线畅通');
    expect(findItem(TABLE_4_1, '响应及时性')?.name).toBe('响应及时性');
    expect(findItem(TABLE_4_1, '不存在')).toBeUndefined();
  });
});

describe('validateTemplate', () => {
  const levels = [
    { label: '好', score: 100 },
    { label: '差', score: 0 },
  ];
  const ok: TemplateSpec = {
    levels,
    items: [
      { name: 'A', category: 'X', weight: 60 },
      { name: 'B', category: 'X', weight: 40 },
    ],
  };

  function faults(spec: TemplateSpec): string[] {
    try {
      validateTemplate(spec);
    } catch (e) {
      if (e instanceof CsatError) return e.problems.map((p) => `${p.code}@${p.cell ?? ''}`);
      throw e;
    }
    return [];
  }

  it('accepts a valid template and defaults the target to 90%', () => {
    const t = validateTemplate(ok);
    expect(t.target).toBe(0.9);
    expect(t.levels.every((l) => l.uniform)).toBe(true);
  });

  it.each<[string, TemplateSpec, string[]]>([
    ['weights not summing to 100', { ...ok, items: [{ name: 'A', weight: 60 }, { name: 'B', weight: 30 }] }, ['template-weight-sum@items[*].weight']],
    ['a zero weight', { ...ok, items: [{ name: 'A', weight: 100 }, { name: 'B', weight: 0 }] }, ['template-weight-invalid@items[1].weight']],
    ['a text weight', { ...ok, items: [{ name: 'A', weight: 100 }, { name: 'B', weight: '十' }] }, ['template-weight-invalid@items[1].weight']],
    ['a duplicate item (spaces ignored)', { ...ok, items: [{ name: 'A', weight: 50 }, { name: ' A ', weight: 50 }] }, ['template-duplicate-item@items[1].name']],
    ['an empty item name', { ...ok, items: [{ name: '', weight: 50 }, { name: 'B', weight: 50 }] }, ['template-item-name-empty@items[0].name']],
    ['a duplicate level', { ...ok, levels: [...levels, { label: '好', score: 50 }] }, ['template-duplicate-level@levels[2].label']],
    ['a level named like a missing marker', { ...ok, levels: [...levels, { label: 'N/A', score: 50 }] }, ['template-level-reserved@levels[2].label']],
    ['a non-numeric score', { ...ok, levels: [{ label: '好', score: 'x' }, { label: '差', score: 0 }] }, ['template-score-invalid@levels[0].score', 'template-score-invalid@items[0].scores[0]', 'template-score-invalid@items[1].scores[0]']],
    ['no items', { levels, items: [] }, ['template-no-items@']],
    ['no levels', { levels: [], items: ok.items }, ['template-no-levels@']],
    ['a bad target', { ...ok, target: 'high' }, ['bad-target@target']],
  ])('reports %s', (_name, spec, expected) => {
    expect(faults(spec)).toEqual(expected);
  });

  it('reports every fault at once, not only the first', () => {
    const spec: TemplateSpec = { levels, items: [{ name: 'A', weight: -1 }, { name: 'A', weight: 50 }] };
    expect(faults(spec)).toEqual(['template-weight-invalid@items[0].weight', 'template-duplicate-item@items[1].name']);
  });

  it('keeps per-item scores and marks levels that differ', () => {
    const t = validateTemplate({ ...ok, items: [{ name: 'A', weight: 60, scores: [100, 0] }, { name: 'B', weight: 40, scores: [95, 0] }] });
    expect(t.items[1].scores).toEqual([95, 0]);
    expect(t.levels.map((l) => l.uniform)).toEqual([false, true]);
  });

  it.each<[unknown, number | undefined]>([
    [0.9, 0.9],
    ['90%', 0.9],
    [90, 0.9],
    ['0.85', 0.85],
    [0, undefined],
    [150, undefined],
    ['abc', undefined],
  ])('reads target %p as %p', (input, expected) => {
    expect(parseTarget(input)).toBe(expected);
  });
});
