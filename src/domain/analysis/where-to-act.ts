/**
 * "先改进什么 / Where to act first": what the pane and `csat report` show of a report's improvement potential, key
 * drivers and sample size — the items whose reaching the target gains the most points, the smallest
 * set that lifts the quarter to the target, the 修补区 items, and the sample-size verdict. Pure: it
 * reads the analysis fields as optional (each part absent when its field is) and words nothing.
 */
import type { DriverResult } from './drivers';
import type { PotentialResult } from './potential';
import type { SamplePlan } from './sample-size';

/** How many items by potential the summary lists. */
export const TOP_ITEMS = 3;

/** The analysis fields the summary reads (all optional: older engines and failed modules lack them). */
export interface ActFirstSource {
  readonly potential?: PotentialResult;
  readonly drivers?: DriverResult;
  /** The engine adds the quarter the needed n was estimated from. */
  readonly sampleSize?: SamplePlan & { readonly basisPeriod?: string };
}

export interface ActFirstView {
  /** Up to TOP_ITEMS items with a positive gain, largest first; undefined without `potential`. */
  readonly top?: readonly { item: string; gain: number; satisfaction: number | null }[];
  /**
   * The smallest set of items whose reaching the target lifts the overall to it: `met` when the
   * overall already meets the target, `unreachable` when no set does; undefined without `potential`.
   */
  readonly reach?: { kind: 'met' } | { kind: 'unreachable' } | { kind: 'set'; items: readonly string[]; reachedOverall: number };
  /** 修补区 items (important, below target), most important first; undefined without `drivers`. */
  readonly fixFirst?: readonly string[];
  /** The sample-size plan; undefined without `sampleSize`. */
  readonly sample?: SamplePlan & { readonly basisPeriod?: string };
}

/**
 * The summary of `analysis`, or undefined when it has none of the fields (nothing to show). (`& object`:
 * an Analysis without any of the fields yet is still accepted; one with them is type-checked.)
 */
export function actFirst(analysis: ActFirstSource & object): ActFirstView | undefined {
  const { potential, drivers, sampleSize } = analysis;
  if (!potential && !drivers && !sampleSize) return undefined;
  return {
    top: potential?.items
      .filter((i) => i.potential > 0)
      .sort((a, b) => b.potential - a.potential) // already so; stable, so the engine's tie order stays
      .slice(0, TOP_ITEMS)
      .map((i) => ({ item: i.item, gain: i.potential, satisfaction: i.satisfaction })),
    reach: potential ? reachOf(potential) : undefined,
    fixFirst: drivers?.fixFirst,
    sample: sampleSize,
  };
}

function reachOf(p: PotentialResult): ActFirstView['reach'] {
  if (p.overall === null) return undefined;
  if (p.reachSet === null) return { kind: 'unreachable' };
  if (p.reachSet.length === 0) return { kind: 'met' };
  return { kind: 'set', items: p.reachSet, reachedOverall: p.reachedOverall ?? p.overall };
}
