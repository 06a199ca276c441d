/** Small helpers over plain collections. */

/** Items grouped by a key, each group in input order, groups in order of first appearance. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/**
 * Shortfalls in draw order: the county stage's, then for each drawn county (in order) its village
 * stage's and its villages' household stage's.
 */
export function shortfallsInDrawOrder<T extends { readonly stage: string; readonly stratum: string }>(
  planned: readonly T[],
  countyKeys: readonly string[],
  householdsByCounty: ReadonlyMap<string, readonly T[]>,
): T[] {
  return [
    ...planned.filter((shortfall) => shortfall.stage === 'county'),
    ...countyKeys.flatMap((county) => [
      ...planned.filter((shortfall) => shortfall.stage === 'village' && shortfall.stratum === county),
      ...(householdsByCounty.get(county) ?? []),
    ]),
  ];
}
