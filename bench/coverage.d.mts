// Types of bench/coverage.mjs for the test that runs it (test/bench/coverage.test.ts).
export interface CoverageSettings {
  readonly seeds: number;
  readonly selections: readonly ('srs' | 'pps')[];
  readonly intervals: readonly ('t' | 'normal' | 'korn-graubard')[];
  readonly lonelyPsu: 'adjust' | 'certainty';
  readonly scale: number;
  /** evaluate --counties, null for its default (20). */
  readonly counties: number | null;
}
export interface CoverageRow {
  readonly selection: string;
  readonly interval: string;
  readonly domain: string;
  readonly truth: number;
  readonly draws: number;
  readonly covered: number;
  readonly coverage: number;
  readonly monteCarloSe: number;
  readonly bias: number;
  readonly sd: number;
  readonly meanSe: number;
  readonly seOverSd: number;
  readonly rootMeanVarianceOverSd: number;
  readonly meanWidth: number;
  readonly minEstimate: number;
  readonly maxEstimate: number;
  readonly dfMin: number;
  readonly dfMax: number;
  readonly noInterval: number;
}
export interface DomainTruth {
  readonly households: number;
  readonly yes: number;
  readonly proportion: number;
}
export interface CoverageResult {
  readonly settings: CoverageSettings;
  readonly registry: {
    readonly counties: number;
    readonly villages: number;
    readonly households: number;
    readonly truth: Readonly<Record<string, DomainTruth>>;
  };
  /** Per county selection: certainty counties over all draws, and the draws with one. */
  readonly certainty: Readonly<Record<string, { readonly counties: number; readonly draws: number }>>;
  readonly rows: readonly CoverageRow[];
}
export interface DrawnFrame {
  readonly header: string[];
  readonly records: string[][];
}
/** What loadRegistry returns (opaque to the tests). */
export type LoadedRegistry = { readonly truth: ReadonlyMap<string, DomainTruth> } & Record<string, unknown>;
export declare const DEFAULTS: CoverageSettings;
export declare const OUTCOME_MODEL: {
  readonly intercept: number;
  readonly poor: number;
  readonly countySd: number;
  readonly villageSd: number;
};
export declare function latentIcc(model?: typeof OUTCOME_MODEL): { county: number; village: number };
export declare function writeRegistry(path: string, scale?: number): void;
export declare function loadRegistry(path: string): Promise<LoadedRegistry>;
export declare function drawFrame(
  loaded: LoadedRegistry,
  seed: string,
  selection: 'srs' | 'pps',
  counties?: number | null,
): DrawnFrame;
export declare function estimateDraw(
  frame: DrawnFrame,
  interval: 't' | 'normal' | 'korn-graubard',
  lonelyPsu?: 'adjust' | 'certainty',
): {
  interval: { kind: string; df: number; quantile: number | null };
  results: Array<{
    estimates: Array<{
      domain: string;
      estimate: number | null;
      standardError: number | null;
      lower: number | null;
      upper: number | null;
      flag: string | null;
    }>;
  }>;
};
export declare function runCoverage(settings?: Partial<CoverageSettings>): Promise<CoverageResult>;
export declare function coverageMarkdown(result: CoverageResult): string;
