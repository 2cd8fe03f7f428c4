/**
 * Scoring templates: the items, their categories and weights, the satisfaction levels and their
 * scores, and the target. Table 4-1 of policy XDYJ-04-03 is built in; other templates (JSON, or a
 * `评分模板` sheet read by template-range.ts) are validated here before anything is scored with them.
 */
import { CsatError, problem, type Problem } from './messages';
import { displayValue, normalizeLabel } from './cells';
import { isMissingMarker } from './missing';
import {
  answerChoices,
  EXCEL_LIMITS,
  LABEL_FAULT_REASON,
  levelLabelFault,
  listSourceLength,
  LIVE_SUMMARY_COLUMNS,
  MAX_TEMPLATE_ITEMS,
  printable,
  MAX_TEMPLATE_LEVELS,
  RESPONSES_FIXED_COLUMNS,
} from './sheet-limits';
import { COMMENT_COLUMN, INFO_COLUMNS, SOURCE_COLUMN } from './survey-columns';

export interface Level {
  readonly label: string;
  /** The level's score when every item agrees; otherwise the first item's (see `uniform`). */
  readonly score: number;
  /** False when items score this level differently (Table 4-1 layout allows it). */
  readonly uniform: boolean;
}

export interface TemplateItem {
  readonly name: string;
  readonly category: string;
  /** Weight in percent; a template's weights add up to 100. */
  readonly weight: number;
  readonly aliases: readonly string[];
  readonly question?: string;
  /** This item's score for each level, aligned with `Template.levels`. */
  readonly scores: readonly number[];
}

export interface Template {
  readonly name: string;
  readonly items: readonly TemplateItem[];
  readonly levels: readonly Level[];
  /** Quarterly target for the overall score, as a fraction (0.9 = 90%). */
  readonly target: number;
  /** Category names in first-appearance order. */
  readonly categories: readonly string[];
}

/** A template as written by a person (JSON file) or read from a sheet, before validation. */
export interface TemplateSpec {
  name?: string;
  target?: unknown;
  levels: readonly { label: unknown; score?: unknown }[];
  items: readonly {
    name: unknown;
    category?: unknown;
    weight: unknown;
    aliases?: readonly string[];
    question?: string;
    /** Per-level scores, aligned with `levels`; omitted = the levels' scores. */
    scores?: readonly unknown[];
  }[];
}

/** Where a field of a spec lives, so problems can name the cell (or JSON path) to fix. */
export type SpecField =
  | { kind: 'item-name' | 'category' | 'weight' | 'aliases' | 'question'; item: number }
  | { kind: 'score'; item: number; level: number }
  | { kind: 'level-label' | 'level-score'; level: number }
  | { kind: 'weight-sum' | 'target' | 'items' | 'levels' };

export type Locator = (field: SpecField) => string;

const jsonLocator: Locator = (f) => {
  switch (f.kind) {
    case 'item-name':
      return `items[${f.item}].name`;
    case 'category':
      return `items[${f.item}].category`;
    case 'weight':
      return `items[${f.item}].weight`;
    case 'aliases':
      return `items[${f.item}].aliases`;
    case 'question':
      return `items[${f.item}].question`;
    case 'score':
      return `items[${f.item}].scores[${f.level}]`;
    case 'level-label':
      return `levels[${f.level}].label`;
    case 'level-score':
      return `levels[${f.level}].score`;
    case 'weight-sum':
      return 'items[*].weight';
    case 'target':
      return 'target';
    case 'items':
      return 'items';
    case 'levels':
      return 'levels';
  }
};

function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v.trim()))) return Number(v.trim());
  return undefined;
}

function asText(v: unknown): string {
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

/** Reads a target written as 0.9, 90%, "90%" or 90; undefined when it is none of these. */
export function parseTarget(v: unknown): number | undefined {
  if (typeof v === 'string' && v.trim().endsWith('%')) {
    const n = asNumber(v.trim().slice(0, -1));
    return n !== undefined && n > 0 && n <= 100 ? n / 100 : undefined;
  }
  const n = asNumber(v);
  if (n === undefined || n <= 0) return undefined;
  if (n <= 1) return n;
  return n <= 100 ? n / 100 : undefined;
}

const WEIGHT_TOLERANCE = 1e-9;

/** 调查数据's own columns, which no item may be named as (its table would have two columns of one name). */
const FIXED_COLUMNS = new Set([...INFO_COLUMNS, COMMENT_COLUMN, SOURCE_COLUMN].map(normalizeLabel));

/**
 * Validates a spec and returns the template, or throws a CsatError listing every fault (not just
 * the first), each naming its cell through `locate`.
 */
export function validateTemplate(spec: TemplateSpec, locate: Locator = jsonLocator): Template {
  // What no sheet can hold is refused first and alone: nothing else about 20,000 items is worth listing.
  if (spec.items.length > MAX_TEMPLATE_ITEMS) {
    throw new CsatError(problem('template-too-many-items', { n: spec.items.length, max: MAX_TEMPLATE_ITEMS, fixed: RESPONSES_FIXED_COLUMNS + LIVE_SUMMARY_COLUMNS }, locate({ kind: 'items' })));
  }
  if (spec.levels.length > MAX_TEMPLATE_LEVELS) {
    throw new CsatError(problem('template-too-many-levels', { n: spec.levels.length, max: MAX_TEMPLATE_LEVELS }, locate({ kind: 'levels' })));
  }
  const problems: Problem[] = [];
  if (spec.items.length === 0) problems.push(problem('template-no-items'));
  if (spec.levels.length === 0) problems.push(problem('template-no-levels'));

  const levels: { label: string; score: number | undefined }[] = [];
  const seenLabels = new Map<string, number>();
  spec.levels.forEach((lv, li) => {
    const label = asText(lv.label);
    const cell = locate({ kind: 'level-label', level: li });
    if (label === '') problems.push(problem('template-level-label-empty', {}, cell));
    else if (isMissingMarker(label)) problems.push(problem('template-level-reserved', { label }, cell));
    else if (levelLabelFault(label)) {
      const reason = LABEL_FAULT_REASON[levelLabelFault(label)!];
      problems.push(problem('template-level-label-char', { label: displayValue(printable(label)), reason: reason.zh, reasonEn: reason.en }, cell));
    } else if (seenLabels.has(normalizeLabel(label))) problems.push(problem('template-duplicate-level', { label }, cell));
    else seenLabels.set(normalizeLabel(label), li);
    const score = lv.score === undefined ? undefined : asNumber(lv.score);
    if (lv.score !== undefined && score === undefined) {
      problems.push(problem('template-score-invalid', { item: '*', label, value: String(lv.score) }, locate({ kind: 'level-score', level: li })));
    }
    levels.push({ label, score });
  });
  // 调查数据's answer list (the levels, then 不适用) is one list source: Excel holds 255 characters of it.
  const listLength = listSourceLength(answerChoices(levels.map((lv) => lv.label)));
  if (levels.length > 0 && listLength > EXCEL_LIMITS.listSource) {
    problems.push(problem('template-levels-too-long', { length: listLength, max: EXCEL_LIMITS.listSource }, locate({ kind: 'levels' })));
  }

  const items: TemplateItem[] = [];
  const seenItems = new Set<string>();
  let weightSum = 0;
  spec.items.forEach((it, ii) => {
    const name = asText(it.name);
    const nameCell = locate({ kind: 'item-name', item: ii });
    if (name === '') problems.push(problem('template-item-name-empty', {}, nameCell));
    else if (name.length > EXCEL_LIMITS.tableColumnName) {
      problems.push(problem('template-item-name-too-long', { length: name.length, max: EXCEL_LIMITS.tableColumnName }, nameCell));
    } else if (FIXED_COLUMNS.has(normalizeLabel(name))) {
      problems.push(problem('template-item-reserved', { item: name, columns: [...INFO_COLUMNS, COMMENT_COLUMN, SOURCE_COLUMN].join('、') }, nameCell));
    } else if (seenItems.has(normalizeLabel(name))) problems.push(problem('template-duplicate-item', { item: name }, nameCell));
    seenItems.add(normalizeLabel(name));
    // An item without a category is its own category (as 备件供应 and 培训 in Table 4-1).
    const category = asText(it.category) || name;
    // Each of these is one cell of 评分模板 (aliases joined by 、).
    const texts: [SpecField, number][] = [
      [{ kind: 'category', item: ii }, category.length],
      [{ kind: 'question', item: ii }, it.question?.length ?? 0],
      [{ kind: 'aliases', item: ii }, (it.aliases ?? []).join('、').length],
    ];
    for (const [field, length] of texts) {
      if (length > EXCEL_LIMITS.cellText) problems.push(problem('template-text-too-long', { length }, locate(field)));
    }
    const weight = asNumber(it.weight);
    if (weight === undefined || weight <= 0) {
      problems.push(problem('template-weight-invalid', { item: name, value: String(it.weight ?? '') }, locate({ kind: 'weight', item: ii })));
    } else {
      weightSum += weight;
    }
    const scores: number[] = [];
    levels.forEach((lv, li) => {
      const raw = it.scores?.[li];
      const s = raw === undefined || raw === null || raw === '' ? lv.score : asNumber(raw);
      if (s === undefined) {
        const value = raw === undefined || raw === null ? '' : String(raw);
        problems.push(problem('template-score-invalid', { item: name, label: lv.label, value }, locate({ kind: 'score', item: ii, level: li })));
        scores.push(NaN);
      } else {
        scores.push(s);
      }
    });
    items.push({ name, category, weight: weight ?? 0, aliases: it.aliases ?? [], question: it.question, scores });
  });

  const allWeightsValid = !problems.some((p) => p.code === 'template-weight-invalid');
  if (spec.items.length > 0 && allWeightsValid && Math.abs(weightSum - 100) > WEIGHT_TOLERANCE) {
    problems.push(problem('template-weight-sum', { sum: Math.round(weightSum * 1e6) / 1e6 }, locate({ kind: 'weight-sum' })));
  }

  let target = 0.9;
  if (spec.target !== undefined && spec.target !== null && spec.target !== '') {
    const t = parseTarget(spec.target);
    if (t === undefined) problems.push(problem('bad-target', { value: String(spec.target) }, locate({ kind: 'target' })));
    else target = t;
  }

  if (problems.length > 0) throw new CsatError(problems);

  const finalLevels: Level[] = levels.map((lv, li) => {
    const first = items[0].scores[li];
    return { label: lv.label, score: first, uniform: items.every((it) => it.scores[li] === first) };
  });
  const categories: string[] = [];
  for (const it of items) if (!categories.includes(it.category)) categories.push(it.category);
  return Object.freeze({ name: spec.name?.trim() || '自定义模板', items, levels: finalLevels, target, categories });
}

const TABLE_4_1_LEVELS = [
  { label: '满意', score: 100 },
  { label: '较满意', score: 90 },
  { label: '一般', score: 70 },
  { label: '不满意', score: 0 },
  { label: '很不满意', score: -10 },
];

/** Table 4-1 of XDYJ-04-03: 14 items in four categories, weights summing to 100, target ≥ 90%. */
export const TABLE_4_1: Template = validateTemplate({
  name: '表4-1 满意度调查维度及权重表（XDYJ-04-03）',
  target: 0.9,
  levels: TABLE_4_1_LEVELS,
  items: [
    { name: '专业技术', category: '服务能力与质量', weight: 10, aliases: ['技术水平', '专业能力'], question: '运维人员的专业技术水平能否满足您的需要？' },
    { name: '日常', category: '服务能力与质量', weight: 7, aliases: ['日常运维', '日常维护'], question: '您对日常运维服务的质量是否满意？' },
    { name: '软件', category: '服务能力与质量', weight: 7, aliases: ['软件运维', '软件服务'], question: '您对软件系统运维服务是否满意？' },
    { name: '硬件', category: '服务能力与质量', weight: 7, aliases: ['硬件运维', '硬件服务'], question: '您对硬件设备运维服务是否满意？' },
    { name: '安全', category: '服务能力与质量', weight: 7, aliases: ['安全运维', '信息安全'], question: '您对信息安全保障服务是否满意？' },
    { name: '运维管理', category: '服务能力与质量', weight: 7, aliases: ['管理规范'], question: '您对运维管理（流程、计划、变更）是否满意？' },
    { name: '服务报告', category: '服务能力与质量', weight: 7, aliases: ['报告'], question: '您对服务报告的及时性与质量是否满意？' },
    { name: '热线畅通', category: '服务能力与质量', weight: 8, aliases: ['服务热线', '热线'], question: '服务热线是否畅通、易于联系？' },
    { name: '态度', category: '服务态度', weight: 5, aliases: ['服务态度'], question: '您对服务人员的服务态度是否满意？' },
    { name: '响应及时性', category: '服务态度', weight: 6, aliases: ['响应速度', '及时响应', '响应'], question: '服务请求的响应是否及时？' },
    { name: '服务台回访', category: '服务态度', weight: 6, aliases: ['回访'], question: '您对服务台的回访工作是否满意？' },
    { name: '行为规范', category: '服务态度', weight: 3, aliases: ['行为', '着装礼仪'], question: '服务人员的言行举止是否规范？' },
    { name: '备件供应', category: '备件供应', weight: 10, aliases: ['备件', '备品备件'], question: '备品备件的供应是否及时、质量可靠？' },
    { name: '培训', category: '培训', weight: 10, aliases: ['技术培训', '用户培训'], question: '您对我方提供的培训是否满意？' },
  ],
});

/** Finds an item by name or alias (spaces and case ignored). */
export function findItem(template: Template, name: string): TemplateItem | undefined {
  const key = normalizeLabel(name);
  return (
    template.items.find((it) => normalizeLabel(it.name) === key) ??
    template.items.find((it) => it.aliases.some((a) => normalizeLabel(a) === key))
  );
}

/** Finds a category by name (spaces and case ignored); returns its canonical name. */
export function findCategory(template: Template, name: string): string | undefined {
  const key = normalizeLabel(name);
  return template.categories.find((c) => normalizeLabel(c) === key);
}

/** Index of a level by label (spaces and case ignored), or -1. */
export function findLevel(template: Template, label: string): number {
  const key = normalizeLabel(label);
  return template.levels.findIndex((lv) => normalizeLabel(lv.label) === key);
}

/** Two templates score alike: the same items (name, category, weight, scores), level labels and target. */
export function sameTemplate(a: Template, b: Template): boolean {
  const items = (t: Template) => t.items.map((i) => [i.name, i.category, i.weight, ...i.scores].join('|')).join(';');
  return items(a) === items(b) && a.levels.map((l) => l.label).join() === b.levels.map((l) => l.label).join() && Math.abs(a.target - b.target) < 1e-12;
}

/** An unedited copy of Table 4-1 is Table 4-1 (and reports say so); any other template is itself. */
export function asBuiltIn(template: Template): Template {
  return sameTemplate(template, TABLE_4_1) ? TABLE_4_1 : template;
}
