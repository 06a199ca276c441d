/** What `spotcheck estimate` prints: the estimates as JSON, or as a table per measure. */
import type { EstimateFlag } from '../../core/estimate.js';
import { t } from '../../i18n.js';
import { padDisplay, type Style } from '../../render/style.js';
import type { PostStratum, Raking } from '../../core/calibration.js';
import { type Population, shownPostStratum } from './calibrate.js';
import type { estimateFrame } from './run.js';
import type { EstimateOptions } from './spec.js';

type Estimated = Awaited<ReturnType<typeof estimateFrame>>;

/** A flagged row's mark, and the note under the table that explains it. */
const FLAG_TEXT = {
  'one-psu': { mark: 'cmd.estimate.flag.onePsu', note: 'cmd.estimate.flagNote.onePsu' },
  'no-respondents': { mark: 'cmd.estimate.flag.noRespondents', note: 'cmd.estimate.flagNote.noRespondents' },
  'no-df': { mark: 'cmd.estimate.flag.noDf', note: 'cmd.estimate.flagNote.noDf' },
} as const;

const format = (value: number | null, digits = 4) => (value === null ? '—' : value.toFixed(digits));

/** --json: the frame, the design and every measure's estimates. */
export function estimateJson(path: string, options: EstimateOptions, result: Estimated): Record<string, unknown> {
  return {
    frame: path,
    design: {
      strata: options.strata,
      clusters: options.clusters,
      weights: options.weights,
      variance:
        result.variance.certaintyCounties > 0
          ? 'Taylor linearisation, PSUs with replacement: counties, and the villages of certainty counties (their own strata)'
          : 'Taylor linearisation, with-replacement approximation at the county stage',
      lonely_psu: options.lonelyPsu,
      confidence: 0.95,
      interval: options.interval,
      df: result.interval.df,
      quantile: result.interval.quantile,
      ...varianceDesignJson(options, result),
    },
    rows: result.rows,
    strata: result.strata,
    clusters: result.clusters,
    calibration: calibrationJson(options, result),
    measures: result.results.map((entry) => ({
      measure: entry.measure,
      column: entry.column,
      values: entry.values,
      no_values: entry.no,
      estimates: entry.estimates.map((estimate) => ({
        domain: estimate.domain,
        estimate: estimate.estimate,
        standard_error: estimate.standardError,
        ci_lower: estimate.lower,
        ci_upper: estimate.upper,
        respondents: estimate.respondents,
        non_response: estimate.nonResponse,
        weighted_respondents: estimate.weightedRespondents,
        psus: estimate.psus,
        deff: estimate.deff,
        total: estimate.total.estimate,
        total_standard_error: estimate.total.standardError,
        total_ci_lower: estimate.total.lower,
        total_ci_upper: estimate.total.upper,
        total_deff: estimate.total.deff,
        blank_domain: estimate.blank,
        flag: estimate.flag,
      })),
    })),
    ...(result.fieldwork === null ? {} : { fieldwork: fieldworkJson(result.fieldwork) }),
  };
}

/**
 * The variance design used, for --json: whether certainty counties are their own strata ('on', 'off',
 * or 'unavailable': the frame lacks a column), their number, and the variance strata and PSUs (whose
 * difference is design.df).
 */
function varianceDesignJson(options: EstimateOptions, result: Estimated): Record<string, unknown> {
  const { variance } = result;
  return {
    certainty_strata: options.certaintyStrata === 'off' ? 'off' : variance.available ? 'on' : 'unavailable',
    county_probability: variance.available ? (options.probability ?? 'county_probability') : null,
    village: variance.available ? (options.village ?? 'village_key') : null,
    certainty_counties: variance.certaintyCounties,
    variance_strata: variance.strata,
    variance_psus: variance.psus,
  };
}

/** The variance design in one line: certainty strata, variance strata, PSUs and df. */
function varianceDesignLine(options: EstimateOptions, result: Estimated): string {
  const { strata, psus, df, certaintyCounties } = result.variance;
  if (options.certaintyStrata === 'off') return t('cmd.estimate.varianceOff', { strata, psus, df });
  if (!result.variance.available) {
    const columns = `${options.probability ?? 'county_probability'} / ${options.village ?? 'village_key'}`;
    return t('cmd.estimate.varianceUnavailable', { columns, strata, psus, df });
  }
  return t('cmd.estimate.varianceCertainty', { certainty: certaintyCounties, strata, psus, df });
}

/** --totals: a measure's totals, one row per domain (total, SE, 95% interval, deff). */
function totalsTable(entry: Estimated['results'][number]): string[] {
  const lines = [t('cmd.estimate.totalsTitle'), t('cmd.estimate.totalsHeader')];
  for (const [index, estimate] of entry.estimates.entries()) {
    const { total } = estimate;
    const label =
      index === 0 ? t('cmd.estimate.overall') : estimate.blank ? t('cmd.estimate.blankDomain') : estimate.domain;
    const interval = total.lower === null ? '—'.padEnd(22) : `[${format(total.lower, 0)}, ${format(total.upper, 0)}]`;
    lines.push(
      `  ${padDisplay(label, 14)} ${format(total.estimate, 1).padStart(10)}  ${format(total.standardError, 1).padStart(10)}   ${interval.padEnd(22)}  ${format(total.deff, 2).padStart(6)}`,
    );
  }
  return lines;
}

type Report = NonNullable<Estimated['fieldwork']>;

const countsJson = (counts: Report['overall']) => ({
  sampled: counts.sampled,
  responded: counts.responded,
  refused: counts.refused,
  not_found: counts.notFound,
  ineligible: counts.ineligible,
  substituted: counts.substituted,
  rr1: counts.rr1,
});

/** --json's fieldwork: the outcomes of the original sample, RR1, the substitutions and the adjustment. */
function fieldworkJson(report: Report): Record<string, unknown> {
  return {
    outcome_column: report.outcomeColumn,
    response_rate:
      'AAPOR RR1 = I / (I + R + NC + UH) on the original sample; not-found counted as UH, ineligible excluded',
    ...countsJson(report.overall),
    spares_tried: report.sparesTried,
    by_status: report.byStatus.map((group) => ({ status: group.group, ...countsJson(group) })),
    by_domain: report.byDomain.map((group) => ({ domain: group.group, ...countsJson(group) })),
    replace_reasons: report.reasons,
    weighting: {
      method:
        'weighting-class adjustment of respondents to the eligible and unknown weight; substitutes take the weight of the household they replaced',
      classes_column: report.classesColumn,
      classes: report.weighting.classes,
      collapsed_to_county_status: report.weighting.collapsedToCountyStatus,
      collapsed_to_status: report.weighting.collapsedToStatus,
      largest_factor: report.weighting.largestFactor,
    },
  };
}

const percent = (rate: number | null) => (rate === null ? '—' : `${(100 * rate).toFixed(1)}%`);

/** The fieldwork lines of the terminal summary: outcomes, RR1 (overall, per status, per domain), weighting. */
function fieldworkLines(options: EstimateOptions, report: Report): string[] {
  const { overall, weighting } = report;
  const rates = (groups: Report['byStatus']) =>
    groups
      .map((group) => `${group.group === '' ? t('cmd.estimate.blankDomain') : group.group} ${percent(group.rr1)}`)
      .join(' · ');
  return [
    t('cmd.estimate.fieldwork.summary', {
      sampled: overall.sampled,
      responded: overall.responded,
      refused: overall.refused,
      notFound: overall.notFound,
      ineligible: overall.ineligible,
      rr1: percent(overall.rr1),
      substituted: overall.substituted,
      tried: report.sparesTried,
    }),
    t('cmd.estimate.fieldwork.rates', { column: 'household_stratum', rates: rates(report.byStatus) }),
    ...(options.by === null || options.by === 'household_stratum'
      ? []
      : [t('cmd.estimate.fieldwork.rates', { column: options.by, rates: rates(report.byDomain) })]),
    t('cmd.estimate.fieldwork.weighting', {
      classes: weighting.classes,
      column: report.classesColumn,
      factor: weighting.largestFactor.toFixed(3),
      collapsed:
        weighting.collapsedToCountyStatus === 0
          ? t('cmd.estimate.fieldwork.noCollapse')
          : t('cmd.estimate.fieldwork.collapsed', {
              county: weighting.collapsedToCountyStatus,
              status: weighting.collapsedToStatus,
            }),
    }),
  ];
}

/** Whether raking met its stopping rule and every margin (to 10⁻⁶ of the households). */
const marginsMet = (raking: Raking) =>
  raking.converged && raking.largestMarginDifference <= 1e-6 * raking.calibratedWeightSum;

/** A post-stratum's (or margin cell's) JSON: its cells by column, count, rows, and weights before and after. */
const postStratumJson = (columns: readonly string[], postStratum: PostStratum) => ({
  values: Object.fromEntries(columns.map((column, index) => [column, postStratum.cells[index]])),
  count: postStratum.count,
  rows: postStratum.rows,
  design_weight_sum: postStratum.designWeightSum,
  calibrated_weight_sum: postStratum.calibratedWeightSum,
});

/** A table of known counts as the JSON names it: its file, a manifest or a CSV, and the CSV's count column. */
const populationJson = (population: Population) => ({
  population: population.path,
  source: population.source,
  count_column: population.countColumn,
});

/**
 * --json's `calibration`: null, or the post-stratification (the counts' source, the post-stratum
 * columns, each post-stratum's count, rows and weights before and after, the weights' sums), or
 * the raking (the same per margin, the passes and whether they converged).
 */
function calibrationJson(options: EstimateOptions, result: Estimated): Record<string, unknown> | null {
  const calibration = result.calibration;
  if (calibration === null) return null;
  if (calibration.kind === 'raking') {
    const { raking } = calibration;
    return {
      method: 'raking',
      variance: "linearisation with the residuals from the margins (as R's rake)",
      margins: calibration.margins.map((margin, index) => ({
        columns: margin.columns,
        ...populationJson(margin.population),
        cells: raking.margins[index]!.map((cell) => postStratumJson(margin.columns, cell)),
      })),
      passes: raking.passes,
      converged: raking.converged,
      largest_margin_difference: raking.largestMarginDifference,
      margins_met: marginsMet(raking),
      design_weight_sum: raking.designWeightSum,
      calibrated_weight_sum: raking.calibratedWeightSum,
      weights_out: options.weightsOut,
    };
  }
  const { population, postStratification, columns } = calibration;
  return {
    method: 'post-stratification',
    variance: "linearisation with the residuals from the post-strata's means (as R's postStratify)",
    ...populationJson(population),
    post_strata_columns: columns,
    post_strata: postStratification.postStrata.map((postStratum) => postStratumJson(columns, postStratum)),
    design_weight_sum: postStratification.designWeightSum,
    calibrated_weight_sum: postStratification.calibratedWeightSum,
    weights_out: options.weightsOut,
  };
}

/** The calibration's lines under the design's: the source and sums, then each post-stratum (each margin's cells). */
function calibrationLines(options: EstimateOptions, result: Estimated): string[] {
  const calibration = result.calibration;
  if (calibration === null) return [];
  const sum = (value: number) => value.toFixed(1);
  const cellLine = (postStratum: PostStratum) =>
    t('cmd.estimate.calibratedStratum', {
      postStratum: shownPostStratum(postStratum.key),
      count: postStratum.count,
      rows: postStratum.rows,
      before: sum(postStratum.designWeightSum),
      after: sum(postStratum.calibratedWeightSum),
    });
  const written = options.weightsOut === null ? [] : [t('cmd.estimate.weightsWritten', { file: options.weightsOut })];
  if (calibration.kind === 'raking') {
    const { raking } = calibration;
    return [
      t('cmd.estimate.raked', {
        n: calibration.margins.length,
        margins: calibration.margins.map((margin) => margin.columns.join(' × ')).join(', '),
        passes: raking.passes,
        before: sum(raking.designWeightSum),
        after: sum(raking.calibratedWeightSum),
      }),
      ...(marginsMet(raking)
        ? []
        : [
            t('cmd.estimate.rakeNotConverged', {
              passes: raking.passes,
              difference: raking.largestMarginDifference.toPrecision(3),
            }),
          ]),
      ...calibration.margins.flatMap((margin, index) => [
        t('cmd.estimate.rakedMargin', { columns: margin.columns.join(' × '), source: margin.population.path }),
        ...raking.margins[index]!.map((cell) => `  ${cellLine(cell)}`),
      ]),
      ...written,
    ];
  }
  const { population, postStratification } = calibration;
  return [
    t('cmd.estimate.calibrated', {
      source: population.path,
      columns: calibration.columns.join(' × '),
      n: postStratification.postStrata.length,
      before: sum(postStratification.designWeightSum),
      after: sum(postStratification.calibratedWeightSum),
    }),
    ...postStratification.postStrata.map(cellLine),
    ...written,
  ];
}

/** The terminal summary: the design in one line, then a table per measure. */
export function estimateSummary(options: EstimateOptions, result: Estimated, style: Style): string {
  const lines = [
    style.dim(
      t('cmd.estimate.design', {
        rows: result.rows,
        clusters: result.clusters,
        strata: result.strata,
        rule: options.lonelyPsu,
        interval:
          options.interval === 'normal'
            ? t('cmd.estimate.intervalNormal')
            : options.interval === 'korn-graubard'
              ? t('cmd.estimate.intervalKornGraubard', { df: result.interval.df })
              : t('cmd.estimate.intervalT', {
                  df: result.interval.df,
                  quantile: result.interval.quantile === null ? '—' : result.interval.quantile.toFixed(3),
                }),
      }),
    ),
    style.dim(varianceDesignLine(options, result)),
    ...(result.fieldwork === null ? [] : fieldworkLines(options, result.fieldwork).map((line) => style.dim(line))),
    ...calibrationLines(options, result).map((line) => style.dim(line)),
  ];
  for (const entry of result.results) {
    lines.push('', style.bold(`${entry.column} = ${entry.values.join(t('io.list.or'))}`));
    lines.push(t('cmd.estimate.tableHeader'));
    const flags = new Set<EstimateFlag>();
    for (const [index, estimate] of entry.estimates.entries()) {
      const label =
        index === 0 ? t('cmd.estimate.overall') : estimate.blank ? t('cmd.estimate.blankDomain') : estimate.domain;
      const interval =
        estimate.lower === null ? '—'.padEnd(14) : `[${format(estimate.lower, 3)}, ${format(estimate.upper, 3)}]`;
      const row = `  ${padDisplay(label, 14)} ${format(estimate.estimate).padStart(8)}  ${format(estimate.standardError).padStart(6)}   ${interval}  ${format(estimate.deff, 2).padStart(5)}  ${String(estimate.respondents).padStart(11)}  ${String(estimate.nonResponse).padStart(11)}`;
      if (estimate.flag) flags.add(estimate.flag);
      lines.push(estimate.flag ? `${row}  ${style.yellow(t(FLAG_TEXT[estimate.flag].mark))}` : row);
    }
    if (options.totals) lines.push(...totalsTable(entry));
    for (const flag of [...flags].sort()) lines.push(style.dim(t(FLAG_TEXT[flag].note)));
  }
  return `${lines.join('\n')}\n`;
}
