/** A registry's frame summarised: units per level, poor villages, households and people by status. */
import { HOUSEHOLD_STATUSES, type Frame, type HouseholdStatus } from './frame.js';

interface StatusCounts {
  readonly households: Readonly<Record<HouseholdStatus, number>>;
  readonly persons: Readonly<Record<HouseholdStatus, number>>;
}

interface CountySummary extends StatusCounts {
  readonly prefecture: string;
  readonly county_code: string;
  readonly county: string;
  readonly townships: number;
  readonly villages: number;
  readonly poor_villages: number;
}

interface FrameInspection extends StatusCounts {
  readonly prefectures: number;
  readonly counties: number;
  readonly townships: number;
  readonly villages: number;
  readonly poor_villages: number;
  readonly marks_poor_villages: boolean;
  readonly by_county: readonly CountySummary[];
}

const zero = (): Record<HouseholdStatus, number> => ({ poor: 0, exited: 0, nonpoor: 0 });

export function inspectFrame(frame: Frame): FrameInspection {
  const perCounty = new Map(
    frame.counties.map((county) => [
      county.key,
      { households: zero(), persons: zero(), townships: 0, villages: 0, poorVillages: 0 },
    ]),
  );
  const households = zero();
  const persons = zero();
  for (const village of frame.villages) {
    const county = perCounty.get(village.countyKey)!;
    for (const status of HOUSEHOLD_STATUSES) {
      households[status] += village.households[status];
      persons[status] += village.persons[status];
      county.households[status] += village.households[status];
      county.persons[status] += village.persons[status];
    }
  }
  for (const township of frame.townships) perCounty.get(township.countyKey)!.townships++;
  for (const village of frame.villages) {
    const county = perCounty.get(village.countyKey)!;
    county.villages++;
    if (village.poorVillage === true) county.poorVillages++;
  }
  return {
    prefectures: new Set(frame.counties.map((county) => county.prefectureCode)).size,
    counties: frame.counties.length,
    townships: frame.townships.length,
    villages: frame.villages.length,
    poor_villages: frame.villages.filter((village) => village.poorVillage === true).length,
    marks_poor_villages: frame.marksPoorVillages,
    households,
    persons,
    by_county: frame.counties.map((county) => {
      const counts = perCounty.get(county.key)!;
      return {
        prefecture: county.prefecture,
        county_code: county.code,
        county: county.name,
        townships: counts.townships,
        villages: counts.villages,
        poor_villages: counts.poorVillages,
        households: counts.households,
        persons: counts.persons,
      };
    }),
  };
}
