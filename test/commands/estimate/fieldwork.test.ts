/**
 * Fieldwork on the record (issue 17), on the built binary: fixtures/eval-fieldwork.csv (the frame of
 * fixtures/eval-results.csv and the spares of the same draw, with outcomes and used spares, made by
 * fixtures/make-eval-fieldwork.mjs) gives the response rates and the estimates on the adjusted
 * weights that R's survey package gives on the same weights (docs/fieldwork-check.R); planted
 * faults are refused with their row; a frame without the outcome column is estimated as before.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, tempDir } from '../../helpers.js';
import { rSurveyAvailable } from '../../rKit.js';

const FIELDWORK = join(ROOT, 'fixtures', 'eval-fieldwork.csv');
const RESULTS = join(ROOT, 'fixtures', 'eval-results.csv');
const MEASURES = ['--measure', '识别准确=是', '--measure', '满意=是', '--by', 'status'];

/**
 * RR1, the variance design (strata, PSUs, df), then measure, domain, estimate, SE — from R:
 * Rscript docs/fieldwork-check.R fixtures/eval-fieldwork.csv. The design is spotcheck's default:
 * certainty counties their own strata, their villages the PSUs, over the 696 places.
 */
const FROM_R = `
rr1 0.952586206897
design 16 40 24
识别准确 all 0.751913937410 0.029942233617
识别准确 exited 0.797471188392 0.042726752022
识别准确 nonpoor 0.677973451600 0.042278786822
识别准确 poor 0.855990367249 0.029277107744
满意 all 0.797580246900 0.027069332598
满意 exited 0.803038403786 0.046912488290
满意 nonpoor 0.807673756667 0.018131478109
满意 poor 0.718849840256 0.032345279668`;

/** The same with --certainty-strata off (counties the PSUs): Rscript docs/fieldwork-check.R fixtures/eval-fieldwork.csv off. */
const FROM_R_OFF = `
rr1 0.952586206897
design 16 20 4
识别准确 all 0.751913937410 0.030725075788
识别准确 exited 0.797471188392 0.042000247095
识别准确 nonpoor 0.677973451600 0.042931206294
识别准确 poor 0.855990367249 0.030745271383
满意 all 0.797580246900 0.029205707747
满意 exited 0.803038403786 0.047932947430
满意 nonpoor 0.807673756667 0.022593113707
满意 poor 0.718849840256 0.043221398513`;

const parseLines = (text: string) =>
  new Map(
    text
      .trim()
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .map((cells) =>
        cells[0] === 'rr1' || cells[0] === 'design'
          ? [cells[0], cells.slice(1).map(Number)]
          : [`${cells[0]} ${cells[1]}`, cells.slice(2).map(Number)],
      ),
  );

interface FieldworkJson {
  sampled: number;
  responded: number;
  refused: number;
  not_found: number;
  ineligible: number;
  substituted: number;
  rr1: number;
  spares_tried: number;
  by_status: Array<{ status: string; rr1: number; sampled: number }>;
  by_domain: Array<{ domain: string; rr1: number; sampled: number }>;
  weighting: { classes: number; collapsed_to_county_status: number; classes_column: string };
}

async function estimateJson(args: readonly string[]) {
  const result = await cli(['estimate', ...args, '--json']);
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as {
    rows: number;
    design: { variance_strata: number; variance_psus: number; df: number };
    fieldwork?: FieldworkJson;
    measures: Array<{ column: string; estimates: Array<{ domain: string; estimate: number; standard_error: number }> }>;
  };
}

async function spotcheckNumbers(frame: string, ...options: string[]): Promise<Map<string, number[]>> {
  const json = await estimateJson([frame, ...MEASURES, ...options]);
  const { variance_strata, variance_psus, df } = json.design;
  const numbers = new Map<string, number[]>([
    ['rr1', [json.fieldwork!.rr1]],
    ['design', [variance_strata, variance_psus, df]],
  ]);
  for (const measure of json.measures)
    for (const estimate of measure.estimates)
      numbers.set(`${measure.column} ${estimate.domain}`, [estimate.estimate, estimate.standard_error]);
  return numbers;
}

function expectSame(ours: Map<string, number[]>, theirs: Map<string, number[]>) {
  expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
  for (const [key, numbers] of theirs)
    for (const [index, number] of numbers.entries())
      expect(Math.abs(ours.get(key)![index]! - number), `${key} #${index}`).toBeLessThan(1e-9);
}

const hasR = rSurveyAvailable(
  'test/commands/estimate/fieldwork.test.ts',
  'the live comparison with R (docs/fieldwork-check.R) is SKIPPED',
);

/** The fixture's lines, and a copy with `edit` applied to its rows (split on commas: the fixture has no quotes). */
const [header, ...fixtureRows] = readFileSync(FIELDWORK, 'utf8').trimEnd().split('\n');
const columns = header!.split(',');
const column = (name: string) => columns.indexOf(name);
function planted(name: string, edit: (rows: string[][]) => string[][]): string {
  const path = join(tempDir(), name);
  const rows = edit(fixtureRows.map((line) => line.split(',')));
  writeFileSync(path, `${[header, ...rows.map((row) => row.join(','))].join('\n')}\n`);
  return path;
}

describe('estimate: fieldwork on the record', () => {
  it('the fixture is what fixtures/make-eval-fieldwork.mjs makes', () => {
    const made = spawnSync(process.execPath, [join(ROOT, 'fixtures', 'make-eval-fieldwork.mjs')], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    expect(made.stdout).toBe(readFileSync(FIELDWORK, 'utf8'));
  });

  it('reports the outcomes, RR1 of the original sample, the substitutions and the adjustment (JSON and text)', async () => {
    const json = await estimateJson([FIELDWORK, ...MEASURES]);
    // 703 sampled, 7 ineligible: 696 places (the design's rows).
    expect(json.rows).toBe(696);
    expect(json.fieldwork).toMatchObject({
      sampled: 703,
      responded: 663,
      refused: 16,
      not_found: 17,
      ineligible: 7,
      substituted: 18,
      spares_tried: 21,
      rr1: 663 / (703 - 7),
    });
    expect(json.fieldwork!.by_status.map((group) => group.status)).toEqual(['exited', 'nonpoor', 'poor']);
    expect(json.fieldwork!.by_status.reduce((sum, group) => sum + group.sampled, 0)).toBe(703);
    // The fixture's class of one village's nonpoor households, none found, none replaced: merged.
    expect(json.fieldwork!.weighting).toMatchObject({
      classes_column: 'household_stratum_key',
      collapsed_to_county_status: 1,
    });
    // Respondents are the places that responded, substitutes included (663 + 18), less the blank answers.
    const all = json.measures[0]!.estimates[0]!;
    expect(all).toMatchObject({ domain: 'all', respondents: 681, non_response: 15 });

    const text = await cli(['estimate', FIELDWORK, ...MEASURES, '--lang', 'en']);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain(
      'Fieldwork: 703 sampled · 663 responded · 16 refused · 17 not found · 7 ineligible; response rate RR1 (AAPOR) 95.3%; 18 replaced by a spare that responded (21 spares tried)',
    );
    expect(text.stdout).toMatch(/RR1 by household_stratum: exited \d+\.\d% · nonpoor \d+\.\d% · poor \d+\.\d%/);
    expect(text.stdout).toContain('classes with no respondent: 1 merged within county × status, 0 within status');
    const zh = await cli(['estimate', FIELDWORK, ...MEASURES, '--lang', 'zh-CN']);
    expect(zh.stdout).toContain('应答率 RR1（AAPOR）95.3%');
  });

  it('gives RR1 per --by domain too, over the original sample', async () => {
    const args = [FIELDWORK, '--measure', '识别准确=是', '--by', 'county_stratum'];
    const json = await estimateJson(args);
    const domains = json.fieldwork!.by_domain;
    expect(domains.length).toBe(16);
    expect(domains.reduce((total, domain) => total + domain.sampled, 0)).toBe(703);
    expect(domains.some((domain) => domain.rr1 < 1)).toBe(true);
    const text = await cli(['estimate', ...args, '--lang', 'en']);
    expect(text.stdout).toMatch(/RR1 by county_stratum: [^\n]*\d+\.\d% · /);
  });

  it('prints what the README shows for the fixture', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /```text\n\$ spotcheck estimate fixtures\/eval-fieldwork\.csv ([^\n]*)\n([\s\S]*?)```/.exec(readme);
    expect(block, 'README.md shows estimate on fixtures/eval-fieldwork.csv').not.toBeNull();
    const result = await cli(['estimate', FIELDWORK, ...block![1]!.split(' '), '--lang', 'en']);
    expect(result.status, result.stderr).toBe(0);
    const shown = block![2]!.trimEnd().replace(/\n…$/, '').split('\n');
    const printed = result.stdout.split('\n');
    expect(shown.length).toBeGreaterThan(5);
    expect(printed.slice(0, shown.length)).toEqual(shown);
  });

  it('gives the estimates and SEs of R’s survey package on the same adjusted weights (recorded, to 1e-9)', async () => {
    expectSame(await spotcheckNumbers(FIELDWORK), parseLines(FROM_R));
  });

  it('gives R’s estimates and SEs with --certainty-strata off too (counties the PSUs; recorded, to 1e-9)', async () => {
    expectSame(await spotcheckNumbers(FIELDWORK, '--certainty-strata', 'off'), parseLines(FROM_R_OFF));
  });

  it.skipIf(!hasR)(
    'gives the estimates of R’s survey package on the same adjusted weights (docs/fieldwork-check.R, live)',
    async () => {
      const live = spawnSync('Rscript', [join(ROOT, 'docs', 'fieldwork-check.R'), FIELDWORK], { encoding: 'utf8' });
      expect(live.status, live.stderr).toBe(0);
      expectSame(await spotcheckNumbers(FIELDWORK), parseLines(live.stdout));
      const off = spawnSync('Rscript', [join(ROOT, 'docs', 'fieldwork-check.R'), FIELDWORK, 'off'], {
        encoding: 'utf8',
      });
      expect(off.status, off.stderr).toBe(0);
      expectSame(await spotcheckNumbers(FIELDWORK, '--certainty-strata', 'off'), parseLines(off.stdout));
    },
  );

  it.skipIf(!hasR)(
    'the variance design is that of the places: a certainty county’s village whose households are all ineligible is no PSU (R, live)',
    async () => {
      const village = '533323101205'; // one of the three villages of the certainty county 533323
      const [VILLAGE, ROLE, ID, OUTCOME, REPLACES, REASON] = [
        'village_key',
        'role',
        'household_id',
        'outcome',
        'replaces',
        'replace_reason',
      ].map(column) as number[];
      const answers = ['识别准确', '满意'].map(column);
      const path = planted('village-ineligible.csv', (rows) => {
        const gone = new Set<string>();
        for (const row of rows)
          if (row[ROLE!] === 'sample' && row[VILLAGE!] === village) {
            row[OUTCOME!] = '不符合条件';
            for (const at of answers) row[at] = '';
            gone.add(row[ID!]!);
          }
        // Their spares are no longer tried: an ineligible household is not replaced.
        for (const row of rows)
          if (row[ROLE!] === 'spare' && gone.has(row[REPLACES!]!)) {
            for (const at of [OUTCOME!, REPLACES!, REASON!, ...answers]) row[at] = '';
          }
        return rows;
      });
      const ours = await spotcheckNumbers(path);
      // The fixture's 40 PSUs less the village: df 23, as R's degf on the places.
      expect(ours.get('design')).toEqual([16, 39, 23]);
      const live = spawnSync('Rscript', [join(ROOT, 'docs', 'fieldwork-check.R'), path], { encoding: 'utf8' });
      expect(live.status, live.stderr).toBe(0);
      expectSame(ours, parseLines(live.stdout));
    },
  );

  it('reads the Chinese headings 调查结果, 被替换户, 替换原因 and the English outcomes as the fixture', async () => {
    const english = new Map([
      ['完成', 'responded'],
      ['拒访', 'refused'],
      ['未找到', 'not-found'],
      ['不符合条件', 'ineligible'],
    ]);
    const dir = tempDir();
    const path = join(dir, 'zh.csv');
    const renamed = header!.replace(/,outcome,replaces,replace_reason$/, ',调查结果,被替换户,替换原因');
    const outcomeAt = column('outcome');
    const rows = fixtureRows.map((line) => {
      const cells = line.split(',');
      cells[outcomeAt] = english.get(cells[outcomeAt]!) ?? cells[outcomeAt]!;
      return cells.join(',');
    });
    writeFileSync(path, `${[renamed, ...rows].join('\n')}\n`);
    const theirs = await estimateJson([path, ...MEASURES]);
    const ours = await estimateJson([FIELDWORK, ...MEASURES]);
    expect(theirs.measures).toEqual(ours.measures);
    expect({ ...theirs.fieldwork, outcome_column: 'outcome' }).toEqual(ours.fieldwork);
  });

  it('changes nothing when every household responded and no spare was used (factor 1), and nothing without the column', async () => {
    const dir = tempDir();
    const source = readFileSync(RESULTS, 'utf8').trimEnd().split('\n');
    const path = join(dir, 'all-responded.csv');
    writeFileSync(path, `${[`${source[0]},outcome`, ...source.slice(1).map((line) => `${line},完成`)].join('\n')}\n`);
    const withOutcome = await estimateJson([path, ...MEASURES]);
    const without = await estimateJson([RESULTS, ...MEASURES]);
    expect(without.fieldwork).toBeUndefined();
    expect(withOutcome.fieldwork).toMatchObject({ sampled: 703, responded: 703, rr1: 1, substituted: 0 });
    for (const [index, measure] of without.measures.entries())
      for (const [at, estimate] of measure.estimates.entries()) {
        const other = withOutcome.measures[index]!.estimates[at]!;
        expect(Math.abs(other.estimate - estimate.estimate)).toBeLessThan(1e-12);
        expect(Math.abs(other.standard_error - estimate.standard_error)).toBeLessThan(1e-12);
      }
  });

  it('--nonresponse-classes takes another column; it and --outcome-column are refused without an outcome column', async () => {
    const json = await estimateJson([FIELDWORK, ...MEASURES, '--nonresponse-classes', 'household_stratum']);
    expect(json.fieldwork!.weighting).toMatchObject({
      classes: 3,
      classes_column: 'household_stratum',
      collapsed_to_county_status: 0,
    });
    const noOutcome = await cli(['estimate', RESULTS, ...MEASURES, '--nonresponse-classes', 'household_stratum']);
    expect(noOutcome.status).toBe(2);
    expect(noOutcome.stderr).toMatch(/--nonresponse-classes needs the outcome column \(outcome\)/);
    const missing = await cli(['estimate', RESULTS, ...MEASURES, '--outcome-column', '结果']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--outcome-column 结果: the frame has no such column/);
  });
});

describe('estimate: planted faults in the fieldwork, each refused with its row', () => {
  const [ROLE, ID, KEY, OUTCOME, REPLACES, ORDER] = [
    'role',
    'household_id',
    'household_stratum_key',
    'outcome',
    'replaces',
    'spare_order',
  ].map(column);
  const usedSpares = fixtureRows
    .map((line, index) => ({ cells: line.split(','), line: index + 2 }))
    .filter(({ cells }) => cells[ROLE!] === 'spare' && cells[OUTCOME!] === '完成');

  async function refused(path: string, pattern: RegExp, line: number) {
    const result = await cli(['estimate', path, ...MEASURES, '--lang', 'en']);
    expect(result.status, result.stdout).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`${path.split('/').pop()!.replace('.', '\\.')}:${line}: `));
    expect(result.stderr).toMatch(pattern);
  }

  it('a spare naming a household of another village', async () => {
    const spare = usedSpares[0]!;
    const other = fixtureRows
      .map((line) => line.split(','))
      .find((cells) => cells[ROLE!] === 'sample' && cells[KEY!] !== spare.cells[KEY!] && cells[OUTCOME!] === '拒访')!;
    const path = planted('other-village.csv', (rows) => {
      rows[spare.line - 2]![REPLACES!] = other[ID!]!;
      return rows;
    });
    await refused(
      path,
      /replaces \d+ of [^ ]+ \(line \d+\): a spare replaces a household of its own village and status/,
      spare.line,
    );
  });

  it('a spare used twice (its row copied to replace a second household)', async () => {
    const spare = usedSpares[0]!;
    const path = planted('twice.csv', (rows) => [...rows, [...spare.cells]]);
    await refused(path, /household \d+ appears twice \(also at line \d+\)/, fixtureRows.length + 2);
  });

  it('an unknown outcome value, listed with its count', async () => {
    const path = planted('unknown.csv', (rows) => {
      rows[3]![OUTCOME!] = '外出务工';
      rows[9]![OUTCOME!] = '外出务工';
      return rows;
    });
    await refused(
      path,
      /column outcome has 2 outcomes that are none of responded, refused, not-found, ineligible[^:]*: "外出务工" \(2\)/,
      5,
    );
  });

  it('a spare used while an earlier spare of its village and status was not', async () => {
    // A village × status whose first spare was used: swap the orders of its spares 1 and 2.
    const spare = usedSpares.find(({ cells }) => cells[ORDER!] === '1')!;
    const second = fixtureRows.findIndex((line) => {
      const cells = line.split(',');
      return cells[KEY!] === spare.cells[KEY!] && cells[ORDER!] === '2' && cells[OUTCOME!] === '';
    });
    expect(second).toBeGreaterThan(0);
    const path = planted('order.csv', (rows) => {
      rows[spare.line - 2]![ORDER!] = '2';
      rows[second]![ORDER!] = '1';
      return rows;
    });
    await refused(
      path,
      /was used while spare \d+ \(spare_order 1, line \d+\) of the same village and status/,
      spare.line,
    );
  });
});
