/**
 * 意见主题 on 220 service-desk comments written for this test (test/fixtures/comments.tsv: synonyms
 * such as 反应/相应/反映 for 响应 and 配件 for 备件, typos such as 回防, 会访, 态渡, 太度, and a block of
 * "无意见" comments), asserting the themes a reader would name.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { commentTerms, commentThemes, type CommentRecord } from '../../src/domain/analysis/themes';
import { TABLE_4_1 } from '../../src/domain/template';

/** Level codes of the fixture: 较满意 (1) everywhere except the items the line lists, 不满意 (3). */
function fixture(): CommentRecord[] {
  const lines = readFileSync(path.join(__dirname, '../fixtures/comments.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));
  return lines.map((l, i) => {
    const [text, bad = ''] = l.split('\t');
    const unsatisfied = bad.split(',').filter(Boolean);
    for (const u of unsatisfied) if (!TABLE_4_1.items.some((it) => it.name === u)) throw new Error(`fixture line ${i + 2}: unknown item ${u}`);
    return { row: i + 2, text, levels: Int8Array.from(TABLE_4_1.items.map((it) => (unsatisfied.includes(it.name) ? 3 : 1))) };
  });
}

const records = fixture();

describe('comment themes (意见主题)', () => {
  it('the fixture has at least 200 comments', () => {
    expect(records.length).toBeGreaterThanOrEqual(200);
  });

  it('runs on the platform segmenter (Node 20 ships full ICU)', () => {
    expect(typeof Intl.Segmenter).toBe('function');
    expect(commentThemes(records, TABLE_4_1).segmenter).toBe('intl');
  });

  const result = commentThemes(records, TABLE_4_1, { top: 8 });
  const byTerm = new Map(result.themes.map((t) => [t.term, t]));

  it('finds the themes a reader would name, most frequent first', () => {
    expect(result.themes.slice(0, 6).map((t) => t.term)).toEqual(['响应速度', '工程师态度', '备件', '回访', '培训', '热线']);
  });

  it('merges synonyms and typos into their theme', () => {
    // Each theme counts exactly the comments that spell it any of the ways the fixture does.
    const spelled = (re: RegExp) => records.filter((r) => re.test(r.text)).length;
    expect(byTerm.get('响应速度')!.word).toBe('响应');
    expect(byTerm.get('响应速度')!.count).toBe(spelled(/响应|反应|相应|反映/));
    expect(byTerm.get('回访')!.count).toBe(spelled(/回访|回防|会访/));
    expect(byTerm.get('备件')!.count).toBe(spelled(/备件|配件|备品/));
    expect(byTerm.get('培训')!.count).toBe(spelled(/培训/));
    expect(byTerm.get('工程师态度')!.count).toBe(spelled(/态度|态渡|太度/));
    // 回访 with 回防 and 会访; 态度 with 态渡 and 太度; 备件 with 配件 and 备品.
    for (const [typo, theme] of [
      ['回防电话打扰工作', '回访'],
      ['会访太多，影响工作', '回访'],
      ['工程师态渡不好', '态度'],
      ['工程师太度不端正', '态度'],
      ['配件到货慢', '备件'],
    ]) {
      expect(commentTerms(typo).terms.has(theme)).toBe(true);
    }
    // 速度 and 太慢 go with 响应 rather than standing as themes of their own.
    expect(result.themes.map((t) => t.word)).not.toContain('速度');
  });

  it('reports count, share of respondents, the items rated unsatisfied most, and two examples with rows', () => {
    const attitude = byTerm.get('工程师态度')!;
    expect(attitude.share).toBeCloseTo(attitude.count / records.length, 12);
    expect(attitude.unsatisfiedItems[0].item).toBe('态度');
    expect(byTerm.get('回访')!.unsatisfiedItems[0].item).toBe('服务台回访');
    expect(byTerm.get('备件')!.unsatisfiedItems[0].item).toBe('备件供应');
    expect(byTerm.get('培训')!.unsatisfiedItems[0].item).toBe('培训');
    expect(byTerm.get('热线')!.unsatisfiedItems[0].item).toBe('热线畅通');
    expect(byTerm.get('响应速度')!.unsatisfiedItems[0].item).toBe('响应及时性');
    const ex = byTerm.get('回访')!.examples;
    expect(ex).toHaveLength(2);
    for (const e of ex) expect(records.find((r) => r.row === e.row)!.text).toBe(e.text);
    expect(ex[0].text).toContain('回访');
  });

  it('comments with nothing to say are not themes and not commenters', () => {
    const none = ['无', '无意见', '满意', '很满意', '没有', '谢谢', '继续保持', '总体满意，继续保持'];
    const r = commentThemes(none.map((text, i) => ({ row: i + 2, text })), TABLE_4_1);
    expect(r.commenters).toBe(0);
    expect(r.themes).toEqual([]);
    expect(result.themes.map((t) => t.word)).not.toContain('满意');
  });

  it('falls back to character bigrams, and says so, where Intl.Segmenter is missing', () => {
    const saved = Intl.Segmenter;
    try {
      (Intl as { Segmenter?: unknown }).Segmenter = undefined;
      const r = commentThemes(records, TABLE_4_1, { top: 8 });
      expect(r.segmenter).toBe('bigram');
      const words = r.themes.map((t) => t.term);
      for (const theme of ['响应速度', '备件', '回访', '培训', '热线']) expect(words.some((w) => w.includes(theme))).toBe(true);
      expect(words.some((w) => w.includes('态度'))).toBe(true);
    } finally {
      (Intl as { Segmenter?: unknown }).Segmenter = saved;
    }
  });
});
