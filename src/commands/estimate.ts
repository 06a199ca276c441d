/** `spotcheck estimate`: weighted proportions with design-based standard errors from a returned frame. */
import { Command, Option } from 'commander';
import { SpotcheckError } from '../errors.js';
import { estimateProportion, Z_975, type EstimationRow, type LonelyPsu, type ProportionEstimate } from '../core/estimate.js';
import { headerKey } from '../core/columns.js';
import { compareCodePoints, normalizeName } from '../core/text.js';
import { parseEncodingChoice, streamRecords } from '../io/registry.js';
import { singleOption } from '../options.js';
import { padDisplay, styleFor } from '../render/style.js';
import { json, writeStdout } from './shared.js';

const HELP = `
What it does:
  Reads an evaluation frame (frame.csv from \`spotcheck evaluate\`) with result columns filled in
  by the fieldwork, and prints for each --measure COLUMN=VALUE the weighted proportion of
  households answering VALUE among those that answered (blank = no response), with its standard
  error under the stratified design, a 95% confidence interval, the respondents and the
  non-responses; --by COLUMN gives the same per domain (e.g. per household stratum).

Method:
  Horvitz–Thompson ratio estimator p = Σ w·y / Σ w over respondents; variance by Taylor
  linearisation with the with-replacement (ultimate cluster) approximation at the county stage:
  strata = county_stratum, clusters = county_code, weights = weight. A stratum with one county
  contributes its squared deviation from the grand mean (--lonely-psu adjust) or nothing
  (certainty). Intervals are p ± 1.96·SE. The same numbers as R's survey package:
    options(survey.lonely.psu = "adjust")
    d <- svydesign(ids = ~county_code, strata = ~county_stratum, weights = ~weight, data = frame)
    svymean(~I(识别准确 == "是"), d, na.rm = TRUE)

Cost: one streamed pass over the frame.

Examples:
  $ spotcheck estimate results.csv --measure 识别准确=是 --measure 满意=是
  $ spotcheck estimate results.csv --measure 识别准确=是 --by household_stratum --json
`;

interface Measure {
  readonly text: string;
  readonly column: string;
  readonly values: readonly string[];
}

function parseMeasure(text: string): Measure {
  const equals = text.indexOf('=');
  const column = equals > 0 ? normalizeName(text.slice(0, equals)) : '';
  const values = equals > 0 ? text.slice(equals + 1).split('|').map(normalizeName).filter((value) => value !== '') : [];
  if (column === '' || values.length === 0) {
    throw new SpotcheckError('USAGE', `--measure must be COLUMN=VALUE (or COLUMN=VALUE|VALUE), e.g. 识别准确=是; got "${text}"`);
  }
  return { text, column, values };
}

const BY_ALIASES: Readonly<Record<string, string>> = { status: 'household_stratum', stratum: 'county_stratum' };

export interface MeasureResult {
  readonly measure: string;
  readonly column: string;
  readonly values: readonly string[];
  readonly estimates: readonly ProportionEstimate[];
}

/** Reads the frame and estimates every measure, overall and per domain. */
export async function estimateFrame(
  path: string,
  measures: readonly Measure[],
  options: { by: string | null; lonelyPsu: LonelyPsu; strata: string; clusters: string; weights: string; encoding: string },
): Promise<{ rows: number; strata: number; clusters: number; results: MeasureResult[] }> {
  let columnOf: (name: string) => number = () => -1;
  const cells: string[][] = [];
  const wanted: number[] = [];
  await streamRecords(path, parseEncodingChoice(options.encoding), {
    onHeader(header) {
      const keys = header.map(headerKey);
      columnOf = (name) => keys.indexOf(headerKey(name));
      const needed = [options.strata, options.clusters, options.weights, ...measures.map((measure) => measure.column), ...(options.by ? [options.by] : [])];
      const missing = needed.filter((name) => columnOf(name) < 0);
      if (missing.length > 0) {
        throw new SpotcheckError('INPUT', `the frame lacks the column${missing.length > 1 ? 's' : ''} ${missing.map((name) => `"${name}"`).join(', ')}; headers found: ${header.join(', ')}`, {
          file: path,
          line: 1,
          hint: 'estimate reads frame.csv from `spotcheck evaluate` with result columns added',
        });
      }
      wanted.push(...needed.map(columnOf));
    },
    onRecord(record, _index, line) {
      const row = wanted.map((column) => normalizeName(record[column] ?? ''));
      const weight = Number(row[2]);
      if (row[2] === '' || !Number.isFinite(weight) || weight <= 0) {
        throw new SpotcheckError('DATA', `weight must be a positive number, got "${row[2]}"`, { file: path, line, field: options.weights });
      }
      cells.push(row);
    },
  });
  const domainAt = 3 + measures.length;
  const domains = options.by === null ? [] : [...new Set(cells.map((row) => row[domainAt]!))].sort(compareCodePoints);
  const results = measures.map((measure, index) => {
    const rows: EstimationRow[] = cells.map((row) => {
      const answer = row[3 + index]!;
      return {
        stratum: row[0]!,
        cluster: row[1]!,
        weight: Number(row[2]),
        value: answer === '' ? null : measure.values.includes(answer) ? 1 : 0,
        domain: options.by === null ? '' : row[domainAt]!,
      };
    });
    return {
      measure: measure.text,
      column: measure.column,
      values: measure.values,
      estimates: [estimateProportion(rows, null, options.lonelyPsu), ...domains.map((domain) => estimateProportion(rows, domain, options.lonelyPsu))],
    };
  });
  return {
    rows: cells.length,
    strata: new Set(cells.map((row) => row[0])).size,
    clusters: new Set(cells.map((row) => `${row[0]}\u001f${row[1]}`)).size,
    results,
  };
}

const format = (value: number | null, digits = 4) => (value === null ? '—' : value.toFixed(digits));

export function estimateCommand(): Command {
  return new Command('estimate')
    .summary('weighted proportions, standard errors and 95% intervals from a returned evaluation frame')
    .description('Estimate proportions (identification accuracy, satisfaction …) from an evaluation frame with results filled in.')
    .argument('<frame>', 'frame.csv with result columns (UTF-8 or GBK, as Excel saves it)')
    .addOption(new Option('--measure <column=value>', 'a result column and the answer counted as yes, e.g. 识别准确=是 (repeatable; VALUE|VALUE for several)').argParser((value: string, previous: string[] = []) => [...previous, value]))
    .addOption(singleOption('--by <column>', 'also estimate per value of this column (status = household_stratum)'))
    .addOption(singleOption('--lonely-psu <rule>', 'a stratum with one county: adjust or certainty', '"adjust"'))
    .addOption(singleOption('--strata-column <name>', 'stratum column', '"county_stratum"'))
    .addOption(singleOption('--cluster-column <name>', 'cluster (county) column', '"county_code"'))
    .addOption(singleOption('--weight-column <name>', 'design weight column', '"weight"'))
    .addOption(singleOption('--encoding <name>', 'auto, utf-8 or gbk', '"auto"'))
    .addOption(new Option('--json', 'print the estimates as JSON'))
    .addHelpText('after', HELP)
    .action(async (path: string, raw: { measure?: string[]; by?: string; lonelyPsu?: string; strataColumn?: string; clusterColumn?: string; weightColumn?: string; encoding?: string; json?: boolean }) => {
      if (!raw.measure || raw.measure.length === 0) throw new SpotcheckError('USAGE', '--measure is required: e.g. --measure 识别准确=是');
      const lonelyPsu = raw.lonelyPsu ?? 'adjust';
      if (lonelyPsu !== 'adjust' && lonelyPsu !== 'certainty') throw new SpotcheckError('USAGE', `--lonely-psu must be adjust or certainty, got "${lonelyPsu}"`);
      const options = Object.freeze({
        by: raw.by === undefined ? null : BY_ALIASES[raw.by] ?? raw.by,
        lonelyPsu: lonelyPsu as LonelyPsu,
        strata: raw.strataColumn ?? 'county_stratum',
        clusters: raw.clusterColumn ?? 'county_code',
        weights: raw.weightColumn ?? 'weight',
        encoding: raw.encoding ?? 'auto',
      });
      const measures = raw.measure.map(parseMeasure);
      const result = await estimateFrame(path, measures, options);
      if (raw.json) {
        await writeStdout(json({
          frame: path,
          design: { strata: options.strata, clusters: options.clusters, weights: options.weights, variance: 'Taylor linearisation, with-replacement approximation at the county stage', lonely_psu: options.lonelyPsu, confidence: 0.95, z: Z_975 },
          rows: result.rows,
          strata: result.strata,
          clusters: result.clusters,
          measures: result.results.map((entry) => ({
            measure: entry.measure,
            column: entry.column,
            values: entry.values,
            estimates: entry.estimates.map((estimate) => ({
              domain: estimate.domain,
              estimate: estimate.estimate,
              standard_error: estimate.standardError,
              ci_lower: estimate.lower,
              ci_upper: estimate.upper,
              respondents: estimate.respondents,
              non_response: estimate.nonResponse,
              weighted_respondents: estimate.weightedRespondents,
            })),
          })),
        }));
        return;
      }
      const style = styleFor(process.stdout);
      const lines = [style.dim(`${result.rows} households in ${result.clusters} counties and ${result.strata} strata; SE by linearisation, counties with replacement; lonely strata: ${options.lonelyPsu}`)];
      for (const entry of result.results) {
        lines.push('', style.bold(`${entry.column} = ${entry.values.join(' or ')}`));
        lines.push(`  ${padDisplay('domain', 14)} estimate      SE   95% CI            respondents  no response`);
        for (const estimate of entry.estimates) {
          lines.push(
            `  ${padDisplay(estimate.domain, 14)} ${format(estimate.estimate).padStart(8)}  ${format(estimate.standardError).padStart(6)}   [${format(estimate.lower, 3)}, ${format(estimate.upper, 3)}]  ${String(estimate.respondents).padStart(11)}  ${String(estimate.nonResponse).padStart(11)}`,
          );
        }
      }
      await writeStdout(`${lines.join('\n')}\n`);
    });
}
