/**
 * A funds draw from options to finished outputs, without printing or writing: the registry's
 * counties in the prefecture, their funds (a registry column summed per county, or a county
 * table), the counties an earlier draw checked left out, the draw (pure core), the tables and the
 * manifest. Used by `funds` (which writes or prints) and by `verify` (which compares).
 */
import { SpotcheckError } from '../../errors.js';
import { msg, t } from '../../i18n.js';
import { parseAmountFen, type FrameCounty } from '../../core/frame.js';
import { drawFunds, yuan, type CountyFunds, type FundsDraw } from '../../core/funds.js';
import { sealManifest, type Manifest } from '../../core/manifest.js';
import { resolveScope, type Scope } from '../../core/scope.js';
import { attributeRows } from '../../core/strata.js';
import { headerKey } from '../../core/columns.js';
import { normalizeName } from '../../core/text.js';
import type { Table } from '../../core/tables.js';
import { loadExclusions } from '../../io/exclude.js';
import { excludedOutput } from '../../io/exclusionRecord.js';
import { loadCountyAttributes, type LoadedDivisions } from '../../io/load.js';
import { scanRegistry, type ScanOptions, type ScannedRegistry } from '../../io/scan.js';
import { holdToCommitment, withCommitmentFile } from '../_shared/commitment.js';
import {
  csvOutputs,
  manifestDivisions,
  manifestHead,
  manifestInputs,
  relativePath,
  exclusionsRecord,
  exclusionGuard,
  planRecord,
  drawnParameters,
  scanOptions,
  readDrawRegistry,
} from '../_shared/drawRun.js';
import { recordParameters } from '../_shared/optionSpec.js';
import { FUNDS_OPTIONS, FUNDS_PARAMETER_ORDER, type FundsOptions } from './spec.js';

export interface FundsRun {
  readonly options: FundsOptions;
  readonly scope: Scope;
  readonly registry: ScannedRegistry;
  readonly draw: FundsDraw;
  readonly fundsOrigin: FundsOrigin;
  readonly tables: { readonly counties: Table; readonly ranking: Table };
  readonly files: ReadonlyMap<string, string>;
  readonly manifest: Manifest;
}

/** Headers of the amount column of a --funds table. */
const AMOUNT_HEADERS = [
  'funds',
  'amount',
  '资金',
  '金额',
  '帮扶资金',
  '扶贫资金',
  '资金量',
  '资金(元)',
  '帮扶资金(元)',
  '金额(元)',
].map(headerKey);

export const FUNDS_COLUMNS = [
  'prefecture_code',
  'prefecture',
  'county_code',
  'county',
  'funds',
  'ticket',
  'rank',
  'cumulative_funds',
  'probability',
  'weight',
  'certainty',
] as const;
export const RANKING_COLUMNS = [
  'prefecture_code',
  'prefecture',
  'county_code',
  'county',
  'funds',
  'status',
  'ticket',
  'rank',
  'cumulative_funds',
  'probability',
] as const;

/** Where the funds come from: a county table (--funds) or the registry's funds column. */
export interface FundsOrigin {
  readonly kind: 'table' | 'column';
  readonly name: string;
}

/** The origin as the manifest's frame.funds_source records it (English, frozen); the summary words it itself. */
const recordedFundsSource = (origin: FundsOrigin): string =>
  origin.kind === 'table'
    ? `county table ${origin.name}`
    : `registry column ${origin.name}, summed per county over households`;

/** The funds per county, where they come from, and the county table's record (null when the registry's column is used). */
interface CountyFundsSource {
  readonly fundsByCounty: Map<string, number>;
  readonly fundsOrigin: FundsOrigin;
  readonly fundsTable: { name: string; sha256: string; path: string } | null;
}

/** fundsFromTable reads --funds: an amount column, a row for every county in scope, an amount in every row. */
async function fundsFromTable(
  fundsFile: string,
  counties: readonly FrameCounty[],
  scope: Scope,
  baseDir: string,
): Promise<CountyFundsSource> {
  const { table, sha256 } = await loadCountyAttributes(fundsFile);
  const amountColumn = table.header.findIndex((name) => AMOUNT_HEADERS.includes(headerKey(name)));
  if (amountColumn < 0) {
    throw new SpotcheckError('INPUT', msg('run.funds.noAmountColumn', { found: table.header.join(', ') }), {
      file: fundsFile,
    });
  }
  const rows = attributeRows(table, counties);
  const missing = counties.filter((county) => !rows.has(county.key));
  if (missing.length > 0) {
    throw new SpotcheckError(
      'INPUT',
      msg('run.funds.missingCounties', {
        counties: missing.length,
        n: missing.length,
        scope: scope.label,
        names: missing.map((county) => county.name).join(', '),
      }),
      {
        file: fundsFile,
        hint: msg('run.funds.missingCountiesHint'),
      },
    );
  }
  const fundsByCounty = new Map<string, number>();
  for (const county of counties) {
    const raw = rows.get(county.key)![amountColumn] ?? '';
    const fen = normalizeName(raw) === '' ? null : parseAmountFen(raw);
    if (fen === null)
      throw new SpotcheckError('INPUT', msg('run.funds.badAmount', { county: county.name, got: raw }), {
        file: fundsFile,
        field: table.header[amountColumn]!,
      });
    fundsByCounty.set(county.key, fen);
  }
  return {
    fundsByCounty,
    fundsOrigin: { kind: 'table', name: table.source },
    fundsTable: { name: table.source, sha256, path: relativePath(baseDir, fundsFile) },
  };
}

/** fundsFromRegistry sums the registry's funds column per county over households; refused when no file has one. */
function fundsFromRegistry(registry: ScannedRegistry, counties: readonly FrameCounty[]): CountyFundsSource {
  const withFunds = registry.files.find((file) => file.layout.columns.funds >= 0);
  if (!withFunds) {
    throw new SpotcheckError('USAGE', msg('run.funds.noFundsColumn'), { hint: msg('run.funds.noFundsColumnHint') });
  }
  const fundsByCounty = new Map(counties.map((county) => [county.key, 0]));
  for (const village of registry.frame.villages) {
    if (fundsByCounty.has(village.countyKey))
      fundsByCounty.set(village.countyKey, fundsByCounty.get(village.countyKey)! + (village.fundsFen ?? 0));
  }
  return {
    fundsByCounty,
    fundsOrigin: { kind: 'column', name: withFunds.layout.header[withFunds.layout.columns.funds]! },
    fundsTable: null,
  };
}

/** fundsTables lays out counties.csv (the selected counties) and ranking.csv (every county with its status). */
function fundsTables(draw: FundsDraw): FundsRun['tables'] {
  const countyCells = (entry: CountyFunds) => [
    entry.county.prefectureCode,
    entry.county.prefecture,
    entry.county.code,
    entry.county.name,
    yuan(entry.fundsFen),
  ];
  return {
    counties: {
      columns: FUNDS_COLUMNS,
      rows: draw.selected.map((entry) => [
        ...countyCells(entry),
        entry.ticket,
        entry.rank,
        yuan(entry.cumulativeFen),
        entry.probability,
        entry.probability === null ? null : 1 / entry.probability,
        entry.certainty ? 1 : 0,
      ]),
    },
    ranking: {
      columns: RANKING_COLUMNS,
      rows: [
        ...draw.ranking.map((entry) => [
          ...countyCells(entry),
          entry.selected ? 'selected' : 'not selected',
          entry.ticket,
          entry.rank,
          yuan(entry.cumulativeFen),
          entry.probability,
        ]),
        ...draw.excluded.map((entry) => [...countyCells(entry), 'excluded', null, null, null, 0]),
        ...draw.withoutFunds.map((entry) => [...countyCells(entry), 'no funds', null, null, null, 0]),
      ],
    },
  };
}

/** noneToDraw refuses a draw with no county left: all excluded, or none with funds. */
function noneToDraw(draw: FundsDraw, counties: readonly FrameCounty[], scope: Scope): SpotcheckError {
  const why =
    draw.excluded.length === counties.length
      ? t('run.funds.allExcluded', { scope: scope.label, counties: counties.length })
      : t('run.funds.noneWithFunds', { scope: scope.label, without: draw.withoutFunds.length });
  return new SpotcheckError('DATA', msg('run.funds.nothingToDraw', { why }), {
    hint: msg('run.funds.nothingToDrawHint'),
  });
}

/** What fundsManifest records: the run's pieces after the draw. */
interface FundsRecord {
  readonly options: FundsOptions;
  readonly baseDir: string;
  readonly divisions: LoadedDivisions;
  readonly registry: ScannedRegistry;
  readonly scope: Scope;
  readonly counties: readonly FrameCounty[];
  readonly draw: FundsDraw;
  readonly exclusionRecord: Pick<Manifest, 'exclusions'>;
  readonly outputs: Manifest['outputs'];
}

/** fundsManifest seals the draw's manifest: parameters in their frozen order, inputs, funds table, exclusions, frame, result. */
function fundsManifest(
  { options, baseDir, divisions, registry, scope, counties, draw, exclusionRecord, outputs }: FundsRecord,
  { fundsOrigin, fundsTable }: Pick<CountyFundsSource, 'fundsOrigin' | 'fundsTable'>,
): Manifest {
  // funds writes no household rows: no masking rule is recorded.
  const { masking: _masking, ...fundsDrawn } = drawnParameters(options, divisions);
  return sealManifest(
    holdToCommitment(options, {
      ...manifestHead('funds', options.columnsLang),
      parameters: recordParameters(FUNDS_OPTIONS, options, FUNDS_PARAMETER_ORDER, {
        level: 'prefecture',
        scope_key: scope.key,
        scope_label: scope.label,
        funds_source: options.fundsFile === null ? 'registry' : 'table',
        ...fundsDrawn,
      }),
      ...planRecord(options, baseDir),
      ticket_context: draw.ticketContext,
      inputs: manifestInputs(registry, baseDir),
      divisions: manifestDivisions(divisions, options.divisions, baseDir),
      funds_table: fundsTable,
      ...exclusionRecord,
      frame: {
        scope: scope.label,
        counties: counties.length,
        eligible: draw.ranking.length,
        excluded: draw.excluded.length,
        without_funds: draw.withoutFunds.length,
        funds_source: recordedFundsSource(fundsOrigin),
        probabilities: draw.probabilityNote,
      },
      sample: { counties: draw.selected.length },
      result: {
        eligible_funds: yuan(draw.eligibleFen),
        target_funds: yuan(draw.targetFen),
        selected_funds: yuan(draw.selectedFen),
        coverage_reached: draw.coverageReached,
      },
      shortfalls: [],
      outputs,
      created_at: new Date().toISOString(),
    }),
  );
}

export async function runFunds(
  options: FundsOptions,
  baseDir: string,
  onProgress?: ScanOptions['onProgress'],
): Promise<FundsRun> {
  const { divisions, registry } = await readDrawRegistry('funds', options, baseDir, (divisions) =>
    scanRegistry(options.registries, { ...scanOptions(options, divisions, onProgress), funds: true }),
  );
  const scope = resolveScope(registry.frame, 'prefecture', options.scope);
  const counties = registry.frame.counties.filter((county) => county.prefectureCode === scope.key);

  const { fundsByCounty, fundsOrigin, fundsTable } =
    options.fundsFile !== null
      ? await fundsFromTable(options.fundsFile, counties, scope, baseDir)
      : fundsFromRegistry(registry, counties);

  const { exclusions, sources, named, recorded } = await loadExclusions(
    options.exclude,
    exclusionGuard(options, registry),
  );
  const countyFunds: CountyFunds[] = counties.map((county) => ({ county, fundsFen: fundsByCounty.get(county.key)! }));
  const draw = drawFunds(countyFunds, {
    month: options.month,
    seed: options.seed,
    scope,
    method: options.method,
    coverage: options.coverage,
    counties: options.counties,
    excludedCounties: exclusions.counties,
  });
  if (draw.ranking.length === 0) throw noneToDraw(draw, counties, scope);
  const tables = fundsTables(draw);
  const exclusionRecord = exclusionsRecord(
    sources,
    null,
    { counties: draw.excluded.length, villages: 0, households: 0 },
    baseDir,
    recorded,
  );
  const { files, outputs } = csvOutputs(
    [
      ['counties.csv', tables.counties],
      ['ranking.csv', tables.ranking],
      ...excludedOutput(exclusionRecord, named, options.writeExcludedFile),
    ],
    options,
  );
  const manifest = fundsManifest(
    { options, baseDir, divisions, registry, scope, counties, draw, exclusionRecord, outputs },
    { fundsOrigin, fundsTable },
  );
  return { options, scope, registry, draw, fundsOrigin, tables, files: withCommitmentFile(files, options), manifest };
}
