/**
 * Named look-ups over a template or a score result that fail with a clear problem instead of a
 * silent 0: unknown item, category or level; nothing answered; invalid answers present.
 */
import { normalizeLabel } from './cells';
import { CsatError, problem } from './messages';
import type { ScoreResult } from './scoring';
import { findCategory, findItem, findLevel, parseTarget, type Template } from './template';

export function itemIndex(template: Template, name: unknown): number {
  const it = findItem(template, String(name ?? ''));
  if (!it) throw new CsatError(problem('unknown-item', { item: String(name ?? ''), known: template.items.map((i) => i.name).join('、') }));
  return template.items.indexOf(it);
}

export function categoryName(template: Template, name: unknown): string {
  const c = findCategory(template, String(name ?? ''));
  if (c === undefined) throw new CsatError(problem('unknown-category', { category: String(name ?? ''), known: template.categories.join('、') }));
  return c;
}

export function levelIndex(template: Template, label: unknown): number {
  const li = findLevel(template, String(label ?? ''));
  if (li < 0) throw new CsatError(problem('unknown-level', { label: String(label ?? ''), levels: levelList(template) }));
  return li;
}

export function levelList(template: Template): string {
  return template.levels.map((l) => l.label).join('、');
}

/** A level's score; `item` is needed only when items score that level differently. */
export function levelScore(template: Template, label: unknown, item?: unknown): number {
  const li = levelIndex(template, label);
  if (item !== undefined && item !== null && item !== '') return template.items[itemIndex(template, item)].scores[li];
  const lv = template.levels[li];
  if (!lv.uniform) throw new CsatError(problem('scores-differ', { label: lv.label }));
  return lv.score;
}

/** Throws the first invalid answer as a problem (cell error faces refuse to score around them). */
export function assertNoInvalid(result: ScoreResult, template: Template): void {
  const first = result.invalid[0];
  if (!first) return;
  throw new CsatError(
    problem('invalid-answer', { row: first.row, item: first.item, value: first.value, levels: levelList(template) }, first.cell),
  );
}

/** The overall score, or #N/A-kind failure when nothing was answered. */
export function requireOverall(result: ScoreResult): number {
  if (result.overall === null) throw new CsatError(problem('no-answers'), 'not-available');
  return result.overall;
}

export function requireItemScore(result: ScoreResult, index: number): number {
  const it = result.items[index];
  if (it.satisfaction === null) throw new CsatError(problem('item-no-answers', { item: it.name }), 'not-available');
  return it.satisfaction;
}

export function requireCategoryScore(result: ScoreResult, category: string): number {
  const c = result.categories.find((x) => normalizeLabel(x.name) === normalizeLabel(category));
  if (!c || c.satisfaction === null) throw new CsatError(problem('category-no-answers', { category }), 'not-available');
  return c.satisfaction;
}

/** A target argument (0.9, 90%, 90) or the template's target when omitted. */
export function targetOrDefault(template: Template, value: unknown): number {
  if (value === undefined || value === null || value === '') return template.target;
  const t = parseTarget(value);
  if (t === undefined) throw new CsatError(problem('bad-target', { value: String(value) }));
  return t;
}
