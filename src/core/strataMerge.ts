/**
 * Merged strata for the evaluation (`evaluate --merge-strata`, docs/algorithm.md §14.3.1): small
 * strata are merged, one pair at a time, until every stratum can be given `--min-per-stratum`
 * counties within `--counties` — so that every stratum contributes to the variance estimate and the
 * design has degrees of freedom (the collapsed-strata idea of Cochran, Sampling Techniques, §5A.12,
 * applied before the draw rather than after it). The rule: repeatedly take the stratum that most
 * needs merging (fewer units than the minimum first, then the smallest measure, then its label in
 * code point order) and merge it with the smallest of the others (smallest measure, then label).
 * Pure and deterministic: it depends on the strata's labels, units and measures only.
 */
import { compareCodePoints } from './text.js';

/** The joiner of a merged stratum's label: its parts' labels in code point order (怒江州+迪庆州). */
const MERGED_LABEL_JOINER = '+';

interface MergeableStratum {
  readonly label: string;
  /** Units the allocation can draw in the stratum (its counties; under PPS those of size > 0). */
  readonly units: number;
  /** What "smallest" means: registered households (`--allocation households`), else counties. */
  readonly measure: number;
}

/** A stratum after merging: its label and the labels of the strata it is made of (one if not merged). */
interface MergedStratum extends MergeableStratum {
  readonly parts: readonly string[];
}

const labelOf = (parts: readonly string[]) => [...parts].sort(compareCodePoints).join(MERGED_LABEL_JOINER);

/** Smallest measure first, then label in code point order. */
const bySize = (a: MergedStratum, b: MergedStratum) => a.measure - b.measure || compareCodePoints(a.label, b.label);

/**
 * The strata after merging (in label order) for `target` = min(--counties, Σ units) counties and at
 * least `minimum` per stratum: merged until every stratum has at least `minimum` units and there are
 * at most max(1, ⌊target / minimum⌋) strata, or until one stratum is left.
 */
export function mergeStrata(strata: readonly MergeableStratum[], target: number, minimum: number): MergedStratum[] {
  let groups: MergedStratum[] = strata.map((stratum) => ({ ...stratum, parts: [stratum.label] }));
  const most = Math.max(1, Math.floor(target / minimum));
  const short = (group: MergedStratum) => group.units < minimum;
  while (groups.length > 1 && (groups.length > most || groups.some(short))) {
    const [first] = [...groups].sort((a, b) => Number(short(b)) - Number(short(a)) || bySize(a, b));
    const [partner] = groups.filter((group) => group !== first).sort(bySize);
    const parts = [...first!.parts, ...partner!.parts].sort(compareCodePoints);
    const merged: MergedStratum = {
      label: labelOf(parts),
      units: first!.units + partner!.units,
      measure: first!.measure + partner!.measure,
      parts,
    };
    groups = [...groups.filter((group) => group !== first && group !== partner), merged];
  }
  return groups.sort((a, b) => compareCodePoints(a.label, b.label));
}
