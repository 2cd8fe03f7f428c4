/**
 * The JSON files a user gives — a scoring template (`--template t.json`) and a question → item mapping
 * (`--mapping m.json`) — read by a typed parser: every field checked for its type before anything
 * uses it, the first fault refused as one problem naming the field's path (`levels[0].label`,
 * `items[3].weight`, `["您对服务态度是否满意"]`). What the values mean (weights adding up to 100,
 * labels that fit a drop-down list, names not repeated) is template.ts's validation, after this.
 */
import { displayValue } from './cells';
import type { Target } from './import';
import { CsatError, problem } from './messages';
import { EXCEL_LIMITS, MAX_TEMPLATE_ITEMS, MAX_TEMPLATE_LEVELS, LIVE_SUMMARY_COLUMNS, RESPONSES_FIXED_COLUMNS } from './sheet-limits';
import type { TemplateSpec } from './template';

/** What a field should be, as the refusal says it. */
const EXPECTED = {
  object: { zh: '对象（{…}）', en: 'an object ({…})' },
  array: { zh: '数组（[…]）', en: 'an array ([…])' },
  text: { zh: '文字', en: 'text' },
  textOrNumber: { zh: '文字或数字', en: 'text or a number' },
  numberOrText: { zh: '数字（或写成文字的数字、百分比）', en: 'a number (or a number or percentage written as text)' },
  level: { zh: '对象 {"label": 名称, "score": 分值}', en: 'an object {"label": name, "score": score}' },
  item: { zh: '对象 {"name": 名称, "weight": 权重, …}', en: 'an object {"name": name, "weight": weight, …}' },
  texts: { zh: '文字数组', en: 'an array of texts' },
  target: { zh: '文字（评分项目或信息列的名称）或 null（不导入）', en: 'text (an item or information column) or null (not imported)' },
  mapping: { zh: '对象 {"问题": "评分项目", …}', en: 'an object {"question": "item", …}' },
} as const;
type Expected = keyof typeof EXPECTED;

/** What a value is, as the refusal says it. */
function actual(v: unknown): { zh: string; en: string } {
  if (v === null) return { zh: ' null', en: 'null' };
  if (Array.isArray(v)) return { zh: '数组', en: 'an array' };
  switch (typeof v) {
    case 'string':
      return { zh: `文字"${displayValue(v)}"`, en: `the text "${displayValue(v)}"` };
    case 'number':
      return { zh: `数字 ${v}`, en: `the number ${v}` };
    case 'boolean':
      return { zh: ` ${v}`, en: String(v) };
    case 'object':
      return { zh: '对象', en: 'an object' };
    default:
      return { zh: typeof v, en: typeof v };
  }
}

const words = (expected: Expected, v: unknown) => ({ expected: EXPECTED[expected].zh, expectedEn: EXPECTED[expected].en, actual: actual(v).zh, actualEn: actual(v).en });

function typeFault(path: string, expected: Expected, v: unknown): CsatError {
  return new CsatError(path === '' ? problem('schema-root-type', words(expected, v)) : problem('schema-type', words(expected, v), path));
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string';
const isTextOrNumber = (v: unknown): v is string | number => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
const absent = (v: unknown) => v === undefined || v === null;

/** The object at `path`, its fields limited to `known` (so a misspelt `wieght` is named, not ignored). */
function object(v: unknown, path: string, expected: Expected, known: readonly string[]): Record<string, unknown> {
  if (!isObject(v)) throw typeFault(path, expected, v);
  for (const key of Object.keys(v)) {
    if (!known.includes(key)) throw new CsatError(problem('schema-unknown-field', { known: known.filter((k) => !k.startsWith('$')).join(', ') }, `${path ? `${path}.` : ''}${key}`));
  }
  return v;
}

function required<T>(o: Record<string, unknown>, key: string, path: string, expected: Expected, ok: (v: unknown) => v is T): T {
  const v = o[key];
  const at = `${path ? `${path}.` : ''}${key}`;
  if (v === undefined) throw new CsatError(problem('schema-missing', { expected: EXPECTED[expected].zh, expectedEn: EXPECTED[expected].en }, at));
  if (!ok(v)) throw typeFault(at, expected, v);
  return v;
}

/** An optional field: absent or null is undefined; anything else must pass `ok`. */
function optional<T>(o: Record<string, unknown>, key: string, path: string, expected: Expected, ok: (v: unknown) => v is T): T | undefined {
  const v = o[key];
  if (absent(v)) return undefined;
  if (!ok(v)) throw typeFault(`${path ? `${path}.` : ''}${key}`, expected, v);
  return v;
}

const TEMPLATE_FIELDS = ['$schema', 'name', 'target', 'levels', 'items'] as const;
const LEVEL_FIELDS = ['label', 'score'] as const;
const ITEM_FIELDS = ['name', 'category', 'weight', 'aliases', 'question', 'scores'] as const;

/**
 * A template JSON file's parsed content as a TemplateSpec, every field of the right type; throws a
 * CsatError with one problem naming the first faulty field. Too many items or levels are refused
 * here, before any is read.
 */
export function parseTemplateJson(value: unknown): TemplateSpec {
  const root = object(value, '', 'object', TEMPLATE_FIELDS);
  const name = optional(root, 'name', '', 'text', isText);
  const target = optional(root, 'target', '', 'numberOrText', isTextOrNumber);
  const levelsRaw = required(root, 'levels', '', 'array', Array.isArray);
  const itemsRaw = required(root, 'items', '', 'array', Array.isArray);
  if (itemsRaw.length > MAX_TEMPLATE_ITEMS) {
    throw new CsatError(problem('template-too-many-items', { n: itemsRaw.length, max: MAX_TEMPLATE_ITEMS, fixed: RESPONSES_FIXED_COLUMNS + LIVE_SUMMARY_COLUMNS }, 'items'));
  }
  if (levelsRaw.length > MAX_TEMPLATE_LEVELS) {
    throw new CsatError(problem('template-too-many-levels', { n: levelsRaw.length, max: MAX_TEMPLATE_LEVELS }, 'levels'));
  }
  const levels = levelsRaw.map((lv: unknown, i) => {
    const path = `levels[${i}]`;
    const o = object(lv, path, 'level', LEVEL_FIELDS);
    return { label: required(o, 'label', path, 'textOrNumber', isTextOrNumber), score: optional(o, 'score', path, 'numberOrText', isTextOrNumber) };
  });
  const items = itemsRaw.map((it: unknown, i) => {
    const path = `items[${i}]`;
    const o = object(it, path, 'item', ITEM_FIELDS);
    const aliases = optional(o, 'aliases', path, 'texts', Array.isArray);
    aliases?.forEach((a: unknown, k) => {
      if (!isTextOrNumber(a)) throw typeFault(`${path}.aliases[${k}]`, 'textOrNumber', a);
    });
    const scores = optional(o, 'scores', path, 'array', Array.isArray);
    scores?.forEach((s: unknown, k) => {
      if (!absent(s) && !isTextOrNumber(s)) throw typeFault(`${path}.scores[${k}]`, 'numberOrText', s);
    });
    if (scores && scores.length > levels.length) {
      throw new CsatError(problem('schema-scores-too-many', { n: scores.length, levels: levels.length }, `${path}.scores`));
    }
    return {
      name: required(o, 'name', path, 'textOrNumber', isTextOrNumber),
      category: optional(o, 'category', path, 'textOrNumber', isTextOrNumber),
      weight: required(o, 'weight', path, 'numberOrText', isTextOrNumber),
      aliases: aliases?.map((a: string | number) => String(a).trim()).filter((a) => a !== ''),
      question: optional(o, 'question', path, 'text', isText)?.trim() || undefined,
      scores: scores as unknown[] | undefined,
    };
  });
  return { name, target, levels, items };
}

/** The most entries a mapping can use: one per question column of an export, and a sheet has 16,384 columns. */
export const MAX_MAPPING_ENTRIES = EXCEL_LIMITS.columns;

/** A JSON path for a mapping's key: the question text, quoted and cut to one short line. */
const keyPath = (key: string) => `[${JSON.stringify(displayValue(key))}]`;

/**
 * A saved mapping file's parsed content: an object from question text to an item or information
 * column name, or null (not imported); throws a CsatError with one problem naming the first fault.
 */
export function parseSavedMapping(value: unknown): Record<string, Target> {
  if (!isObject(value)) throw typeFault('', 'mapping', value);
  const entries = Object.entries(value);
  if (entries.length > MAX_MAPPING_ENTRIES) throw new CsatError(problem('mapping-too-many', { n: entries.length, max: MAX_MAPPING_ENTRIES }));
  const out: Record<string, Target> = {};
  for (const [question, target] of entries) {
    if (target !== null && !isText(target)) throw typeFault(keyPath(question), 'target', target);
    out[question] = target === null || target.trim() === '' ? null : target.trim();
  }
  return out;
}
