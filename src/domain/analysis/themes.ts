/**
 * 意见主题 (comment themes): the 意见与建议 texts cut into words with the platform's
 * `Intl.Segmenter('zh', { granularity: 'word' })` — no dictionary shipped — stop words removed,
 * terms and two-word phrases counted by the comments that use them; for each top theme: count, share
 * of respondents, the items those respondents rated 不满意/很不满意 (score ≤ 0) most, and two example
 * comments with their rows.
 *
 * ICU's Chinese dictionary misses service-desk words and cuts them into single characters (回|访,
 * 报|修, 工程|师), so runs of single characters are joined back into one token (回访, 报修), and a
 * two-word phrase joins a word with its neighbour (工程+师 → 工程师, 响应+速度 → 响应速度). A few
 * common synonyms and input-method typos of the trade map to one spelling (ALIASES). Where
 * `Intl.Segmenter` is missing, tokens are character bigrams of the Chinese runs instead, and the result
 * says so (`segmenter: 'bigram'`).
 */
import type { Template } from '../template';

export type SegmenterKind = 'intl' | 'bigram';

/** Words that carry no theme: function words, politeness, the survey's own vocabulary. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    '的 了 是 我 我们 你 你们 他 他们 她 它 贵 贵司 公司 这 那 这个 那个 这些 那些 一个 一些 有些 有点 有时 有时候 比较 非常 特别 十分 很 太 挺 还 还是 也 都 就 又 再 才 更 最 ' +
    '但 但是 而且 并且 并 以及 和 与 及 或 或者 在 于 对 给 把 被 让 将 从 向 为 为了 因为 所以 如果 虽然 然后 其他 其它 以后 之后 之前 时候 时 后 前 ' +
    '希望 建议 要求 能 能够 可以 可 会 要 需要 应该 请 望 争取 尽量 进一步 一下 一点 一定 ' +
    '没 没有 无 暂无 不 不是 没什么 什么 怎么 如何 多 少 等 等等 啊 吧 呢 吗 哦 呀 嘛 着 过 ' +
    '满意 不满意 一般 较满意 很好 好 不错 意见 其他意见 无意见 谢谢 感谢 辛苦 继续 保持 加油 支持 总体 整体 方面 情况 工作 服务 问题 目前 现在 今年 去年'
  ).split(/\s+/),
);

/** Synonyms and typos of the trade, mapped to the spelling a reader uses. */
export const ALIASES: Readonly<Record<string, string>> = {
  反应: '响应',
  反映: '响应', // 反应 mistyped (fanying)
  相应: '响应', // 响应 mistyped (xiangying)
  回防: '回访',
  会访: '回访',
  回放: '回访',
  配件: '备件',
  备品: '备件',
  态渡: '态度',
  太度: '态度',
  热线电话: '热线',
  培训课: '培训',
};

/**
 * Words of the trade that ICU cuts into pieces (工程|师, 服务|台, 回|访): the pieces are glued back
 * when they appear in a row. Not a segmentation dictionary — a handful of words the platform misses.
 */
export const TRADE_WORDS: readonly string[] = ['工程师', '服务台', '回访', '报修', '驻场', '巡检', '到货', '占线', '接通', '坐席', '工单'];

/** Who serves, not what about: never a theme on their own (they still label one, e.g. 工程师态度). */
export const NOT_THEMES: readonly string[] = ['工程师', '服务台', '客服', '人员', '工作人员', '公司'];

export interface CommentRecord {
  /** Worksheet row. */
  readonly row: number;
  /** The comment text. */
  readonly text: string;
  /** Per item: level index (≥ 0) or negative for no answer, as ResponseRecord.levels. */
  readonly levels?: ArrayLike<number>;
}

export interface Theme {
  /** The theme as a reader says it: the phrase most of its comments share, e.g. 响应速度. */
  readonly term: string;
  /** The word the theme was found by, e.g. 响应. */
  readonly word: string;
  /** Comments (respondents) using it. */
  readonly count: number;
  /** count / respondents. */
  readonly share: number;
  /** Other phrases around the word, most frequent first (e.g. 响应时间 under 响应速度). */
  readonly phrases: readonly string[];
  /** Items those respondents rated 不满意/很不满意 most, with how many did. */
  readonly unsatisfiedItems: readonly { item: string; count: number }[];
  /** Two example comments with their rows. */
  readonly examples: readonly { row: number; text: string }[];
}

export interface ThemeResult {
  /** How the texts were cut: the platform segmenter or the character-bigram fallback. */
  readonly segmenter: SegmenterKind;
  /** Comments with at least one content word. */
  readonly commenters: number;
  readonly respondents: number;
  readonly themes: readonly Theme[];
}

export interface ThemeOptions {
  /** How many themes to return (default 8). */
  readonly top?: number;
  /** The denominator of `share` (default: records with at least one answer, else all records). */
  readonly respondents?: number;
  /** Force a segmenter (tests); default `intl` when the platform has Intl.Segmenter. */
  readonly segmenter?: SegmenterKind;
}

const CJK = /^[\u3400-\u9fff]$/u;
/** A theme needs at least this many comments. */
const MIN_THEME_COUNT = 2;
/** A word is the same theme as a chosen one when this share of its comments are that theme's. */
const COVERED = 0.6;
/** A phrase labels a theme when this share of the theme's comments use it. */
const LABEL_SHARE = 0.6;

function canon(token: string): string {
  return ALIASES[token] ?? token;
}

type WordSegmenter = { segment(text: string): Iterable<{ segment: string; isWordLike?: boolean }> };

function platformSegmenter(): WordSegmenter | undefined {
  const S = (Intl as unknown as { Segmenter?: new (locale: string, o: { granularity: string }) => WordSegmenter }).Segmenter;
  return typeof S === 'function' ? new S('zh', { granularity: 'word' }) : undefined;
}

const GLUED = new Set([...TRADE_WORDS, ...Object.keys(ALIASES)]);

/** Glues consecutive segments that spell a trade word (or a known typo of one) back together. */
function glueTradeWords(raw: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    let hit = '';
    let j = i;
    let acc = '';
    for (let k = i; k < raw.length && acc.length < 4; k++) {
      acc += raw[k];
      if (GLUED.has(acc)) {
        hit = acc;
        j = k;
      }
    }
    if (hit !== '' && j > i) {
      out.push(hit);
      i = j;
    } else out.push(raw[i]);
  }
  return out;
}

/** Clauses of word tokens (trade words glued, runs of single characters joined), aliases applied, stop words out. */
function clausesIntl(text: string, seg: WordSegmenter): string[][] {
  const clauses: string[][] = [];
  let raw: string[] = [];
  const flush = () => {
    // Join runs of ≥ 2 single Chinese characters (ICU's unknown words) unless a char is a stop word.
    const joined: string[] = [];
    let run = '';
    const endRun = () => {
      if (run.length > 0) joined.push(run);
      run = '';
    };
    for (const w of glueTradeWords(raw)) {
      if (w.length === 1 && CJK.test(w) && !STOP_WORDS.has(w)) run += w;
      else {
        endRun();
        joined.push(w);
      }
    }
    endRun();
    const words = joined.map(canon).filter((w) => !STOP_WORDS.has(w));
    if (words.length > 0) clauses.push(words);
    raw = [];
  };
  for (const s of seg.segment(text)) {
    if (s.isWordLike) raw.push(s.segment);
    else if (s.segment.trim() !== '') flush();
  }
  flush();
  return clauses;
}

/** Fallback: every clause's Chinese runs as character bigrams (latin words kept whole). */
function clausesBigram(text: string): string[][] {
  const clauses: string[][] = [];
  for (const part of text.split(/[^\p{L}\p{N}]+/u)) {
    const tokens: string[] = [];
    for (const run of part.match(/[\u3400-\u9fff]+|[a-z0-9]+/gu) ?? []) {
      if (!CJK.test(run[0])) {
        tokens.push(run);
        continue;
      }
      for (let i = 0; i + 1 < run.length; i++) tokens.push(canon(run.slice(i, i + 2)));
    }
    const words = tokens.filter((w) => !STOP_WORDS.has(w));
    if (words.length > 0) clauses.push(words);
  }
  return clauses;
}

/**
 * The keys of one comment: terms (words of ≥ 2 characters; in the fallback, character bigrams) and
 * phrases (two or three adjacent words joined, 3–8 characters; in the fallback, 3- to 5-grams).
 */
export function commentTerms(text: string, kind: SegmenterKind = platformSegmenter() ? 'intl' : 'bigram', segmenter?: WordSegmenter): { terms: Set<string>; phrases: Set<string> } {
  const norm = text.normalize('NFKC').toLowerCase();
  const seg = kind === 'intl' ? (segmenter ?? platformSegmenter()) : undefined;
  const terms = new Set<string>();
  const phrases = new Set<string>();
  const addPhrase = (p: string) => {
    const n = [...p].length;
    if (n >= 3 && n <= 8) phrases.add(p);
  };
  if (seg) {
    for (const words of clausesIntl(norm, seg)) {
      words.forEach((w, i) => {
        if ([...w].length >= 2) terms.add(w);
        if (i + 1 < words.length) addPhrase(w + words[i + 1]);
        if (i + 2 < words.length) addPhrase(w + words[i + 1] + words[i + 2]);
      });
    }
  } else {
    for (const words of clausesBigram(norm)) {
      words.forEach((w, i) => {
        terms.add(w);
        // Overlapping bigrams of one run rebuild its 3- to 5-grams (响应 应速 速度 → 响应速度).
        let gram = w;
        for (let j = i + 1; j < words.length && j <= i + 3 && words[j - 1][1] === words[j][0]; j++) {
          gram += words[j].slice(1);
          addPhrase(gram);
        }
      });
    }
  }
  for (const t of terms) phrases.delete(t);
  return { terms, phrases };
}

/** A term never chosen as a theme: an actor word, or (fallback) a piece of one. */
function notTheme(term: string): boolean {
  return NOT_THEMES.some((w) => w.includes(term));
}

export function commentThemes(records: readonly CommentRecord[], template: Template, options: ThemeOptions = {}): ThemeResult {
  const kind: SegmenterKind = options.segmenter !== 'bigram' && platformSegmenter() ? 'intl' : 'bigram';
  const top = options.top ?? 8;
  const answeredRecords = records.filter((r) => r.levels && Array.from(r.levels).some((c) => c >= 0)).length;
  const respondents = options.respondents ?? (answeredRecords > 0 ? answeredRecords : records.length);
  // Which comments use each term and phrase (indices into `used`).
  const used: { rec: CommentRecord; text: string }[] = [];
  const termDocs = new Map<string, number[]>();
  const phraseDocs = new Map<string, number[]>();
  const add = (m: Map<string, number[]>, key: string, k: number) => {
    const list = m.get(key);
    if (list) list.push(k);
    else m.set(key, [k]);
  };
  // One segmenter for the run (making one is costly), and each distinct text cut once ("无", "满意" repeat).
  const segmenter = kind === 'intl' ? platformSegmenter() : undefined;
  const cache = new Map<string, ReturnType<typeof commentTerms>>();
  for (const rec of records) {
    const text = rec.text.trim();
    if (text === '') continue;
    let cut = cache.get(text);
    if (!cut) cache.set(text, (cut = commentTerms(text, kind, segmenter)));
    const { terms, phrases } = cut;
    if (terms.size === 0) continue;
    const k = used.length;
    used.push({ rec, text });
    for (const t of terms) add(termDocs, t, k);
    for (const p of phrases) add(phraseDocs, p, k);
  }
  // Most-used first; ties to the longer term, then in zh-CN order (stable output).
  const ranked = [...termDocs.entries()]
    .filter(([t, d]) => d.length >= MIN_THEME_COUNT && !notTheme(t))
    .sort((a, b) => b[1].length - a[1].length || [...b[0]].length - [...a[0]].length || a[0].localeCompare(b[0], 'zh-CN'));
  const chosen: { key: string; docs: Set<number> }[] = [];
  for (const [key, d] of ranked) {
    if (chosen.length >= top) break;
    // Skip a term whose comments are mostly a chosen theme's: it says the same (速度 under 响应).
    const covered = chosen.some((c) => d.filter((x) => c.docs.has(x)).length >= COVERED * d.length);
    if (!covered) chosen.push({ key, docs: new Set(d) });
  }
  const themes: Theme[] = chosen.map(({ key, docs }) => {
    const d = [...docs];
    // Phrases around the term, by how many of the theme's comments use them.
    const around = [...phraseDocs.entries()]
      .filter(([p, pd]) => p.includes(key) && pd.length >= MIN_THEME_COUNT)
      .map(([p, pd]) => ({ p, n: pd.filter((x) => docs.has(x)).length }))
      .sort((a, b) => b.n - a.n || [...b.p].length - [...a.p].length || a.p.localeCompare(b.p, 'zh-CN'));
    // The label a reader uses: the longest phrase most of the theme's comments share (响应 → 响应速度).
    const label = around.filter((x) => x.n >= LABEL_SHARE * d.length).sort((a, b) => [...b.p].length - [...a.p].length || b.n - a.n)[0]?.p ?? key;
    const tally = new Map<number, number>();
    for (const k of d) {
      const levels = used[k].rec.levels;
      if (!levels) continue;
      for (let i = 0; i < levels.length && i < template.items.length; i++) {
        const code = levels[i];
        if (code >= 0 && template.items[i].scores[code] <= 0) tally.set(i, (tally.get(i) ?? 0) + 1);
      }
    }
    const unsatisfiedItems = [...tally.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, 3)
      .map(([i, count]) => ({ item: template.items[i].name, count }));
    const examples = d.slice(0, 2).map((k) => ({ row: used[k].rec.row, text: used[k].text }));
    return {
      term: label,
      word: key,
      count: d.length,
      share: respondents > 0 ? d.length / respondents : 0,
      phrases: around.filter((x) => x.p !== label).slice(0, 3).map((x) => x.p),
      unsatisfiedItems,
      examples,
    };
  });
  return { segmenter: kind, commenters: used.length, respondents, themes };
}
