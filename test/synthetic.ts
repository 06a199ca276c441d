/** Small synthetic frames for core tests (no files). */
import type { FrameHousehold, FrameVillage, FrameWithHouseholds, HouseholdStatus } from '../src/core/frame.js';

/**
 * A frame with `shape[c][v]` households in village v of county c (two prefectures alternate),
 * every village poor unless listed in `nonPoor`; statuses cycle poor, exited, exited, nonpoor.
 */
export function syntheticFrame(
  shape: readonly (readonly number[])[],
  nonPoor: ReadonlySet<string> = new Set(),
): FrameWithHouseholds {
  const statuses: HouseholdStatus[] = ['poor', 'exited', 'exited', 'nonpoor'];
  const counties = shape.map((_, c) => ({
    key: `53${String(c % 2 === 0 ? 25 : 26)}${String(c + 1).padStart(2, '0')}`,
    code: `53${String(c % 2 === 0 ? 25 : 26)}${String(c + 1).padStart(2, '0')}`,
    name: `县${c + 1}`,
    prefectureCode: c % 2 === 0 ? '532500' : '532600',
    prefecture: c % 2 === 0 ? '红河哈尼族彝族自治州' : '文山壮族苗族自治州',
    povertyCounty: true,
  }));
  const townships = counties.map((county) => ({
    key: `${county.code}›镇`,
    code: null,
    name: '镇',
    countyKey: county.key,
  }));
  const villages: FrameVillage[] = [];
  const households: FrameHousehold[] = [];
  shape.forEach((villageSizes, c) => {
    const county = counties[c]!;
    villageSizes.forEach((size, v) => {
      const key = `${county.code}›镇›村${v + 1}`;
      villages.push({
        key,
        code: null,
        name: `村${v + 1}`,
        townshipKey: `${county.code}›镇`,
        countyKey: county.key,
        poorVillage: !nonPoor.has(key),
        households: { poor: 0, exited: 0, nonpoor: 0 },
        persons: { poor: 0, exited: 0, nonpoor: 0 },
      });
      for (let h = 0; h < size; h++) {
        households.push({
          key: `${county.code}-${v + 1}-${h + 1}`,
          villageKey: key,
          status: statuses[h % statuses.length]!,
          size: 1 + (h % 4),
          persons: 1 + (h % 4),
          source: { file: 0, record: households.length, line: households.length + 2 },
        });
      }
    });
  });
  return withTallies({
    files: ['synthetic.csv'],
    counties,
    townships,
    villages,
    households,
    marksPoorVillages: true,
    countyAttributes: new Map(),
  });
}

/** The frame with each village's households and people counted again from its households. */
export function withTallies(frame: FrameWithHouseholds): FrameWithHouseholds {
  const villages = frame.villages.map((village) => ({
    ...village,
    households: { poor: 0, exited: 0, nonpoor: 0 },
    persons: { poor: 0, exited: 0, nonpoor: 0 },
  }));
  const byKey = new Map(villages.map((village) => [village.key, village]));
  for (const household of frame.households) {
    const village = byKey.get(household.villageKey)!;
    village.households[household.status]++;
    village.persons[household.status] += household.persons;
  }
  return { ...frame, villages };
}
