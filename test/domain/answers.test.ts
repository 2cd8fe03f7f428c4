import { AnswerReader, LabelTable, readerFor, TABLE_4_1, type Answer, type CellValue } from '../../src/domain';

const reader = new AnswerReader(TABLE_4_1);
const level = (label: string, score: number): Answer => ({ kind: 'level', level: TABLE_4_1.levels.findIndex((l) => l.label === label), label, score });

describe('answers: cell → level | missing | invalid', () => {
  it.each<[string, CellValue, Answer]>([
    ['a label', '满意', level('满意', 100)],
    ['each label', '很不满意', level('很不满意', -10)],
    ['ASCII spaces around and inside', ' 较 满意 ', level('较满意', 90)],
    ['a full-width space U+3000', '一\u3000般', level('一般', 70)],
    ['a no-break space', '不满意\u00a0', level('不满意', 0)],
    ['a zero-width space', '\u200b满意', level('满意', 100)],
    ['tabs and newlines', '满\t意\n', level('满意', 100)],
    ['a numeric score', 90, level('较满意', 90)],
    ['a negative score', -10, level('很不满意', -10)],
    ['score text from a CSV', '70', level('一般', 70)],
    ['score text "0"', '0', level('不满意', 0)],
    ['numeric 0 read alone (as a score)', 0, level('不满意', 0)],
    ['null (web empty cell)', null, { kind: 'missing', reason: 'blank' }],
    ['undefined', undefined, { kind: 'missing', reason: 'blank' }],
    ['empty text', '', { kind: 'missing', reason: 'blank' }],
    ['spaces only', ' \u3000 ', { kind: 'missing', reason: 'blank' }],
    ['不适用', '不适用', { kind: 'missing', reason: 'not-applicable' }],
    ['不 适 用 with spaces', ' 不 适用', { kind: 'missing', reason: 'not-applicable' }],
    ['N/A', 'N/A', { kind: 'missing', reason: 'not-applicable' }],
    ['n/a', 'n/a', { kind: 'missing', reason: 'not-applicable' }],
    ['a dash', '-', { kind: 'missing', reason: 'not-applicable' }],
    ['an unknown label', '非常满意', { kind: 'invalid' }],
    ['a near-miss label', '满意了', { kind: 'invalid' }],
    ['a score no level has', 85, { kind: 'invalid' }],
    ['score text no level has', '85', { kind: 'invalid' }],
    ['a boolean', true, { kind: 'invalid' }],
    ['an Excel error text', '#N/A', { kind: 'invalid' }],
    ['a formula-looking text', '=1+1', { kind: 'invalid' }],
  ])('%s', (_name, value, expected) => {
    expect(reader.read(value, 0)).toEqual(expected);
  });

  it('uses the item\'s own score for numeric answers when items differ', () => {
    const custom = { ...TABLE_4_1, items: TABLE_4_1.items.map((it, i) => (i === 1 ? { ...it, scores: [95, 85, 60, 0, -10] } : it)) };
    const r = new AnswerReader(custom);
    expect(r.read(95, 1)).toEqual({ kind: 'level', level: 0, label: '满意', score: 95 });
    expect(r.read(95, 0)).toEqual({ kind: 'invalid' });
    expect(r.read('满意', 1)).toEqual({ kind: 'level', level: 0, label: '满意', score: 95 });
  });
});

describe('LabelTable (the exact-label fast path)', () => {
  it('finds every label, including ones that share first character and length', () => {
    const labels = ['很好', '很差', '很棒', '好', '差', 'A', 'AB', 'AC', '一般般', '一般'];
    const table = new LabelTable(labels);
    labels.forEach((l, i) => expect(table.get((' ' + l).slice(1))).toBe(i));
    for (const miss of ['', '很', '很好啊', 'a', 'AD', '一']) expect(table.get(miss)).toBe(-1);
  });

  it('handles more labels than its minimum size', () => {
    const labels = Array.from({ length: 40 }, (_, i) => `L${i}`);
    const table = new LabelTable(labels);
    labels.forEach((l, i) => expect(table.get(l)).toBe(i));
  });
});

describe('readerFor', () => {
  it('keeps one reader per template (the hot loop\'s optimised code depends on it)', () => {
    expect(readerFor(TABLE_4_1)).toBe(readerFor(TABLE_4_1));
  });
});
