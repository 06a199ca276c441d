/**
 * The variance design of an evaluation frame: which rows form a variance stratum and which a PSU.
 *
 * A county drawn with certainty (county_probability = 1: a PPS certainty county, or every county of
 * its stratum drawn) contributes no stage-1 variance; its sampling error comes from the villages
 * drawn within it. It is therefore its own variance stratum, with its villages as the PSUs (the
 * standard treatment of self-representing units: Wolter, Introduction to Variance Estimation, 2007,
 * §2.4.9 and ch. 6; in R, `strata` = the county and `ids` = the village for those rows). The other
 * counties stay PSUs of their county stratum (the with-replacement approximation at stage 1).
 * Treating a certainty county as one PSU of its stratum instead makes the SE too large (up to 31%
 * on the evaluation fixtures, issue 17) and loses degrees of freedom.
 */

import { designSize } from './estimate.js';

/** A frame row as the variance design needs it. */
export interface DesignRow {
  /** The county stratum (county_stratum). */
  readonly stratum: string;
  /** The county (county_code). */
  readonly cluster: string;
  /** The county's inclusion probability, or null when the frame does not carry it. */
  readonly countyProbability: number | null;
  /** The village (village_key), or null when the frame does not carry it. */
  readonly village: string | null;
}

/** A row's variance stratum and PSU. */
export interface VarianceUnit {
  readonly stratum: string;
  readonly cluster: string;
}

export interface VarianceDesign {
  /** Each row's variance stratum and PSU, in the rows' order. */
  readonly units: readonly VarianceUnit[];
  /** The certainty counties made their own strata (0 when none, or when the rule is off). */
  readonly certaintyCounties: number;
  /** Variance strata, PSUs, and degrees of freedom PSUs − strata (R's degf(design)). */
  readonly strata: number;
  readonly psus: number;
  readonly df: number;
}

/** Whether a county was drawn with certainty: its probability is written as exactly 1. */
const isCertainty = (probability: number | null): boolean => probability === 1;

/** The separator of a certainty county's variance stratum: its county stratum, then the county. */
const SEPARATOR = '\u001f';

/**
 * The variance strata and PSUs of the rows: a row of a certainty county (countyProbability = 1, with
 * a village) is in the stratum "county stratum ␟ county" with its village as the PSU; every other
 * row is in its county stratum with its county as the PSU. With `certaintyStrata` false every row
 * keeps its county stratum and county. Pure; the result does not depend on the rows' order.
 */
export function varianceUnits(rows: readonly DesignRow[], certaintyStrata = true): VarianceDesign {
  const certain = new Set<string>();
  const units = rows.map((row): VarianceUnit => {
    if (!certaintyStrata || !isCertainty(row.countyProbability) || row.village === null)
      return { stratum: row.stratum, cluster: row.cluster };
    const stratum = `${row.stratum}${SEPARATOR}${row.cluster}`;
    certain.add(stratum);
    return { stratum, cluster: row.village };
  });
  return { units, certaintyCounties: certain.size, ...designSize(units) };
}
