/**
 * 提升潜力 (improvement potential): how many points the overall index would gain if one item alone
 * reached the target, under the report's policy, and the smallest set of items whose reaching the
 * target lifts a below-target quarter to the target.
 *
 * With sᵢ = item satisfaction (meanᵢ/100), wᵢ its weight (percent), T the target:
 * - `item` policy: overall = Σ wᵢ·sᵢ / W over answered items, W = Σ answered weights. Raising sⱼ to T
 *   changes only the numerator: gainⱼ = wⱼ·max(0, T − sⱼ) / W.
 * - `strict` policy: overall = Σ wᵢ·nᵢ·sᵢ / (100·R), nᵢ = answers to item i, R = respondents. Raising
 *   item j's mean to T keeps nⱼ and R: gainⱼ = (wⱼ/100)·(nⱼ/R)·max(0, T − sⱼ).
 * Unanswered items (sᵢ null) have no potential: under `item` they are not in W, under `strict` nᵢ = 0.
 *
 * Why greedy by potential gives the smallest set: in both policies the overall is a sum of separate
 * per-item terms over a denominator that does not move when item means move, so lifting a set S of
 * items gains exactly Σ_{j∈S} gainⱼ (gains are additive and ≥ 0). For any k, the k items of largest
 * gain have the largest total among all k-item sets. Let k be the first count at which the top-k total
 * reaches the gap T − overall; every set of k − 1 or fewer items totals at most the top-(k−1) sum,
 * which is below the gap, so no smaller set works — the top k are a smallest set (ties may allow
 * others of the same size). If even all items together fall short (possible only under `strict`, when
 * some respondents skipped items), no set reaches the target.
 */
import type { Policy } from '../scoring';

/** Tolerance for "reaches the target": the all-items total equals the gap up to rounding. */
const EPS = 1e-12;

export interface PotentialInput {
  readonly name: string;
  readonly category?: string;
  /** Weight in percent (Table 4-1: 10, 7, …). */
  readonly weight: number;
  /** Answers to the item (nᵢ). */
  readonly answered: number;
  /** Item satisfaction as a fraction; null when nobody answered. */
  readonly satisfaction: number | null;
}

export interface PotentialOptions {
  readonly policy?: Policy;
  /** Target as a fraction (0.9). */
  readonly target: number;
  /** Respondents R (rows with at least one answer); needed by `strict`. */
  readonly respondents: number;
}

export interface ItemPotential {
  readonly item: string;
  readonly category?: string;
  readonly weight: number;
  readonly satisfaction: number | null;
  /** max(0, target − satisfaction); 0 for unanswered items. */
  readonly gap: number;
  /** Points of overall (as a fraction: 0.012 = 1.2 points) gained if this item alone reached the target. */
  readonly potential: number;
  /** 1 = largest potential; items with no potential are ranked after, by template order. */
  readonly rank: number;
}

export interface PotentialResult {
  readonly policy: Policy;
  readonly target: number;
  /** Overall under the policy, from the same inputs; null when nothing was answered. */
  readonly overall: number | null;
  /** Items by potential, largest first (ties: heavier weight first, then template order). */
  readonly items: readonly ItemPotential[];
  /** target − overall when below target, else 0. */
  readonly shortfall: number;
  /**
   * The smallest set of items whose reaching the target lifts the overall to the target: [] when the
   * overall already meets it, null when no set can (strict policy with skipped items).
   */
  readonly reachSet: readonly string[] | null;
  /** Overall if the items of `reachSet` reached the target. */
  readonly reachedOverall: number | null;
}

function overallOf(items: readonly PotentialInput[], policy: Policy, respondents: number): number | null {
  let num = 0;
  let den = 0;
  for (const it of items) {
    if (it.satisfaction === null) continue;
    num += policy === 'strict' ? it.weight * it.answered * it.satisfaction : it.weight * it.satisfaction;
    den += it.weight;
  }
  if (den === 0) return null;
  if (policy === 'strict') return respondents > 0 ? num / (100 * respondents) : null;
  return num / den;
}

/** The gain in overall if item `it` alone reached `target` (see the formulas above). */
export function itemPotential(it: PotentialInput, answeredWeight: number, options: PotentialOptions): number {
  if (it.satisfaction === null) return 0;
  const gap = Math.max(0, options.target - it.satisfaction);
  if ((options.policy ?? 'item') === 'strict') return options.respondents > 0 ? ((it.weight / 100) * it.answered * gap) / options.respondents : 0;
  return answeredWeight > 0 ? (it.weight * gap) / answeredWeight : 0;
}

export function improvementPotential(items: readonly PotentialInput[], options: PotentialOptions): PotentialResult {
  const policy = options.policy ?? 'item';
  const { target, respondents } = options;
  const answeredWeight = items.reduce((s, it) => s + (it.satisfaction === null ? 0 : it.weight), 0);
  const overall = overallOf(items, policy, respondents);
  const order = items
    .map((it, i) => ({ it, i, potential: itemPotential(it, answeredWeight, options) }))
    .sort((a, b) => b.potential - a.potential || b.it.weight - a.it.weight || a.i - b.i);
  const ranked: ItemPotential[] = order.map(({ it, potential }, k) => ({
    item: it.name,
    category: it.category,
    weight: it.weight,
    satisfaction: it.satisfaction,
    gap: it.satisfaction === null ? 0 : Math.max(0, target - it.satisfaction),
    potential,
    rank: k + 1,
  }));
  const shortfall = overall === null ? 0 : Math.max(0, target - overall);
  let reachSet: string[] | null = null;
  let reachedOverall: number | null = null;
  if (overall !== null && shortfall <= EPS) {
    reachSet = [];
    reachedOverall = overall;
  } else if (overall !== null) {
    let total = 0;
    const chosen: string[] = [];
    for (const x of ranked) {
      if (x.potential <= 0) break;
      total += x.potential;
      chosen.push(x.item);
      if (total >= shortfall - EPS) {
        reachSet = chosen;
        reachedOverall = overall + total;
        break;
      }
    }
  }
  return { policy, target, overall, items: ranked, shortfall, reachSet, reachedOverall };
}

/** Cell addresses for the native-formula form of an item's potential (any A1 reference, e.g. `$C$12`). */
export interface PotentialCells {
  /** The item's weight in percent. */
  readonly weight: string;
  /** The item's satisfaction (fraction); a blank or text cell means unanswered. */
  readonly satisfaction: string;
  /** The target (fraction). */
  readonly target: string;
  /** `item` policy: Σ weights of the answered items (percent, 100 when all were answered). */
  readonly answeredWeight?: string;
  /** `strict` policy: the item's answer count nᵢ. */
  readonly answered?: string;
  /** `strict` policy: respondents R. */
  readonly respondents?: string;
}

/**
 * The potential cell as an Excel formula (English names, comma separators) that any spreadsheet
 * recomputes from the cells beside it: the same formula as `itemPotential`.
 */
export function potentialFormula(policy: Policy, c: PotentialCells): string {
  const gap = `MAX(0,${c.target}-${c.satisfaction})`;
  if (policy === 'strict') {
    if (!c.answered || !c.respondents) throw new Error('potentialFormula(strict) needs the answered and respondents cells');
    return `=IF(AND(ISNUMBER(${c.satisfaction}),${c.respondents}>0),${c.weight}/100*${c.answered}/${c.respondents}*${gap},0)`;
  }
  if (!c.answeredWeight) throw new Error('potentialFormula(item) needs the answered-weight cell');
  return `=IF(AND(ISNUMBER(${c.satisfaction}),${c.answeredWeight}>0),${c.weight}*${gap}/${c.answeredWeight},0)`;
}
