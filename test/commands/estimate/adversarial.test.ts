/**
 * `spotcheck estimate` against the insider it is meant to stop and the careless user (issue 17's
 * fieldwork, calibration and certainty strata), on the built binary: each test plants one edit in
 * a copy of fixtures/eval-fieldwork.csv or fixtures/eval-results.csv (or in a population file, a
 * manifest, an output path) and asserts that `estimate` refuses it with exit 2, its file and line
 * and no stack trace — or, where the edit is harmless (a BOM, CRLF, the count column first), that the
 * estimates are the fixture's own.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Manifest, sealManifest } from '../../../src/core/manifest.js';
import { NONPOOR, REGISTRY } from '../evaluate/evaluateKit.js';
import { type CliResult, cli, ROOT, STACK, tempDir } from '../../helpers.js';

const FIELDWORK = join(ROOT, 'fixtures', 'eval-fieldwork.csv');
const RESULTS = join(ROOT, 'fixtures', 'eval-results.csv');
const POPULATION = join(ROOT, 'fixtures', 'eval-population.csv');
const MEASURE = ['--measure', '识别准确=是', '--lang', 'en'];
const dir = tempDir();

/** A fixture's header and rows split on commas (the fixtures have no quoted cells). */
function table(path: string) {
  const [header, ...rows] = readFileSync(path, 'utf8').trimEnd().split('\n');
  const columns = header!.split(',');
  return { header: header!, rows, at: (name: string) => columns.indexOf(name) };
}
const fieldwork = table(FIELDWORK);
const results = table(RESULTS);

/** A copy of a fixture with `edit` applied to its rows (arrays of cells), written to `name`. */
function planted(
  name: string,
  fixture: ReturnType<typeof table>,
  edit: (rows: string[][]) => string[][],
  header = fixture.header,
): string {
  const path = join(dir, name);
  const rows = edit(fixture.rows.map((line) => line.split(',')));
  writeFileSync(path, `${[header, ...rows.map((cells) => cells.join(','))].join('\n')}\n`);
  return path;
}

/** The run was refused as a user's mistake: exit 2, the message and the file:line, no stack trace. */
function expectRefused(result: CliResult, message: RegExp, where?: string) {
  expect(result.status, result.stdout).toBe(2);
  expect(result.stderr).toMatch(message);
  if (where !== undefined) expect(result.stderr).toContain(where);
  expect(result.stderr).not.toMatch(STACK);
  expect(result.stdout).toBe('');
}

async function estimateJson(args: readonly string[]) {
  const result = await cli(['estimate', ...args, '--json']);
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as {
    rows: number;
    design: { df: number; certainty_counties: number };
    measures: { estimates: { estimate: number; standard_error: number | null }[] }[];
  };
}

const F = (name: string) => fieldwork.at(name);
const isSample = (row: string[]) => row[F('role')] === 'sample';

describe('estimate: the returned frame is the sample as drawn (fieldwork)', () => {
  it('refuses a frame from which a sampled household that refused was deleted (not silently fewer households)', async () => {
    let dropped = '';
    const path = planted('dropped.csv', fieldwork, (rows) => {
      const replaced = new Set(rows.map((row) => row[F('replaces')]));
      const victim = rows.findIndex(
        (row) => isSample(row) && row[F('outcome')] === '拒访' && !replaced.has(row[F('household_id')]),
      );
      expect(victim).toBeGreaterThanOrEqual(0);
      dropped = rows[victim]![F('household_stratum_key')]!;
      return rows.filter((_, index) => index !== victim);
    });
    const result = await cli(['estimate', path, ...MEASURE]);
    expectRefused(
      result,
      /the draw took 5 households \(households_drawn\) but the frame has 4 sampled rows/,
      'dropped.csv:',
    );
    expect(result.stderr).toContain(dropped);
    const zh = await cli(['estimate', path, '--measure', '识别准确=是', '--lang', 'zh-CN']);
    expect(zh.stderr).toContain('每个样本户都须留在交回的样本文件中');
  });

  it('refuses a spare whose role was edited to "sample" (it keeps its spare_order)', async () => {
    const path = planted('spare-as-sample.csv', fieldwork, (rows) => {
      const spare = rows.find((row) => row[F('role')] === 'spare' && row[F('outcome')] === '')!;
      spare[F('role')] = 'sample';
      spare[F('outcome')] = '完成';
      spare[F('识别准确')] = '是';
      return rows;
    });
    expectRefused(
      await cli(['estimate', path, ...MEASURE]),
      /has role sample but spare_order 1/,
      'spare-as-sample.csv:',
    );
  });

  it('refuses a spare passed off as sampled with its spare_order blanked too (the village × status has one row too many)', async () => {
    const path = planted('spare-as-sample-2.csv', fieldwork, (rows) => {
      const spare = rows.find((row) => row[F('role')] === 'spare' && row[F('outcome')] === '')!;
      spare[F('role')] = 'sample';
      spare[F('spare_order')] = '';
      spare[F('outcome')] = '完成';
      spare[F('识别准确')] = '是';
      return rows;
    });
    expectRefused(await cli(['estimate', path, ...MEASURE]), /but the frame has 6 sampled rows/);
  });

  it('refuses rows of another draw appended (more sampled rows than the draw took)', async () => {
    const path = planted('two-draws.csv', fieldwork, (rows) => {
      const extra = rows.find(isSample)!.slice();
      extra[F('household_id')] = `${extra[F('household_id')]}9`;
      return [...rows, extra];
    });
    expectRefused(await cli(['estimate', path, ...MEASURE]), /sampled rows: every sampled household stays/);
  });

  it('refuses a spare that names itself, a household that responded, one of another village, or a household twice', async () => {
    const spareAt = (rows: string[][]) => rows.find((row) => row[F('role')] === 'spare' && row[F('replaces')] !== '')!;
    const self = planted('self.csv', fieldwork, (rows) => {
      const spare = spareAt(rows);
      spare[F('replaces')] = spare[F('household_id')]!;
      return rows;
    });
    expectRefused(await cli(['estimate', self, ...MEASURE]), /which is no sampled household of the frame/, 'self.csv:');
    const responded = planted('replaces-responded.csv', fieldwork, (rows) => {
      const spare = spareAt(rows);
      const other = rows.find(
        (row) =>
          isSample(row) &&
          row[F('outcome')] === '完成' &&
          row[F('household_stratum_key')] === spare[F('household_stratum_key')],
      )!;
      spare[F('replaces')] = other[F('household_id')]!;
      return rows;
    });
    expectRefused(await cli(['estimate', responded, ...MEASURE]), /replaces/, 'replaces-responded.csv:');
    const otherVillage = planted('other-village.csv', fieldwork, (rows) => {
      const spare = spareAt(rows);
      const other = rows.find(
        (row) =>
          isSample(row) &&
          row[F('outcome')] === '拒访' &&
          row[F('household_stratum_key')] !== spare[F('household_stratum_key')],
      )!;
      spare[F('replaces')] = other[F('household_id')]!;
      return rows;
    });
    expectRefused(await cli(['estimate', otherVillage, ...MEASURE]), /replaces/, 'other-village.csv:');
    const twice = planted('twice.csv', fieldwork, (rows) => [...rows, rows[0]!.slice()]);
    expectRefused(await cli(['estimate', twice, ...MEASURE]), /appears twice/, 'twice.csv:');
  });

  it('refuses a spare whose household_stratum_key was edited to replace a household of another village', async () => {
    const path = planted('spoofed-village.csv', fieldwork, (rows) => {
      const replaced = new Set(rows.map((row) => row[F('replaces')]));
      // A spare that responded and a refused household of the same county and status, in another village.
      const victimOf = (spare: string[]) =>
        rows.find(
          (row) =>
            isSample(row) &&
            row[F('outcome')] === '拒访' &&
            !replaced.has(row[F('household_id')]) &&
            row[F('county_code')] === spare[F('county_code')] &&
            row[F('village_key')] !== spare[F('village_key')] &&
            row[F('household_stratum')] === spare[F('household_stratum')] &&
            row[F('households_drawn')] === spare[F('households_drawn')],
        );
      const spare = rows.find(
        (row) => row[F('role')] === 'spare' && row[F('outcome')] === '完成' && victimOf(row) !== undefined,
      )!;
      const victim = victimOf(spare)!;
      spare[F('household_stratum_key')] = victim[F('household_stratum_key')]!;
      spare[F('replaces')] = victim[F('household_id')]!;
      return rows;
    });
    expectRefused(
      await cli(['estimate', path, ...MEASURE]),
      /a spare replaces a household of its own village and status/,
      'spoofed-village.csv:',
    );
  });

  it('refuses a spare_order that is no whole number from 1 (it would slip past the order check)', async () => {
    const path = planted('spare-order.csv', fieldwork, (rows) => {
      for (const row of rows) if (row[F('role')] === 'spare') row[F('spare_order')] = 'abc';
      return rows;
    });
    expectRefused(await cli(['estimate', path, ...MEASURE]), /has spare_order "abc"/, 'spare-order.csv:');
  });

  it('refuses a sampled household with a blank weighting class (--nonresponse-classes)', async () => {
    const header = `${fieldwork.header},class`;
    const path = planted(
      'blank-class.csv',
      fieldwork,
      (rows) => rows.map((row, index) => [...row, index === 3 ? '' : row[F('household_stratum_key')]!]),
      header,
    );
    expectRefused(
      await cli(['estimate', path, ...MEASURE, '--nonresponse-classes', 'class']),
      /has no weighting class \(blank\)/,
      'blank-class.csv:5',
    );
  });

  it('refuses answers recorded for a household marked ineligible (non-response hidden as ineligibility)', async () => {
    const path = planted('ineligible-answers.csv', fieldwork, (rows) => {
      const refused = rows.find((row) => isSample(row) && row[F('outcome')] === '拒访')!;
      refused[F('outcome')] = '不符合条件';
      refused[F('识别准确')] = '是';
      return rows;
    });
    expectRefused(await cli(['estimate', path, ...MEASURE]), /ineligible|不符合条件/, 'ineligible-answers.csv:');
  });

  it('refuses spares appended without the outcome column (they would count as sampled households)', async () => {
    const drop = new Set(['outcome', 'replaces', 'replace_reason'].map(F));
    const header = fieldwork.header
      .split(',')
      .filter((_, index) => !drop.has(index))
      .join(',');
    const path = planted(
      'no-outcome.csv',
      fieldwork,
      (rows) => rows.map((row) => row.filter((_, index) => !drop.has(index))),
      header,
    );
    const result = await cli(['estimate', path, ...MEASURE]);
    expectRefused(result, /this row has role spare: without an outcome column \(outcome\)/, 'no-outcome.csv:');
    const zh = await cli(['estimate', path, '--measure', '识别准确=是', '--lang', 'zh-CN']);
    expect(zh.stderr).toContain('备用户会被当作样本户');
  });

  it('refuses a frame without the outcome column from which a household was deleted (blank answers are the non-response)', async () => {
    const R = (name: string) => results.at(name);
    const path = planted('results-dropped.csv', results, (rows) =>
      rows.filter((row) => row[R('识别准确')] !== '' || row !== rows.find((other) => other[R('识别准确')] === '')),
    );
    expectRefused(
      await cli(['estimate', path, ...MEASURE]),
      /households \(households_drawn\) but the frame has/,
      'results-dropped.csv:',
    );
  });

  it('reads a frame with CRLF line ends and a BOM as the fixture', async () => {
    const path = join(dir, 'crlf.csv');
    writeFileSync(path, `\uFEFF${readFileSync(FIELDWORK, 'utf8').replace(/\n/g, '\r\n')}`);
    const theirs = await estimateJson([path, ...MEASURE]);
    const ours = await estimateJson([FIELDWORK, ...MEASURE]);
    expect(theirs.measures).toEqual(ours.measures);
  });
});

describe('estimate: the weights and probabilities are the draw’s', () => {
  const R = (name: string) => results.at(name);

  it('refuses weights edited in the returned frame (weight ≠ 1/probability), in both languages', async () => {
    const path = planted('weights-edited.csv', results, (rows) => {
      for (const row of rows)
        if (row[R('household_stratum')] === 'poor') row[R('weight')] = String(3 * Number(row[R('weight')]));
      return rows;
    });
    expectRefused(await cli(['estimate', path, ...MEASURE]), /is not 1 \/ probability/, 'weights-edited.csv:');
    const zh = await cli(['estimate', path, '--measure', '识别准确=是', '--lang', 'zh-CN']);
    expect(zh.stderr).toContain('不等于 1 / 入样概率');
  });

  it('estimates with weights of one’s own in another column (--weight-column), unchecked', async () => {
    const header = `${results.header},my_weight`;
    const path = planted(
      'own-weights.csv',
      results,
      (rows) => rows.map((row) => [...row, String(2 * Number(row[R('weight')]))]),
      header,
    );
    const own = await estimateJson([path, ...MEASURE, '--weight-column', 'my_weight']);
    const drawn = await estimateJson([RESULTS, ...MEASURE]);
    // Doubling every weight leaves the proportion as it is.
    expect(own.measures[0]!.estimates[0]!.estimate).toBeCloseTo(drawn.measures[0]!.estimates[0]!.estimate, 12);
  });

  it('refuses a county_probability forged to 1 on a county not drawn with certainty (to gain df)', async () => {
    const forged = results.rows.map((line) => line.split(',')).find((row) => row[R('county_probability')] !== '1')!;
    const county = forged[R('county_code')]!;
    const path = planted('forged-certainty.csv', results, (rows) => {
      for (const row of rows) if (row[R('county_code')] === county) row[R('county_probability')] = '1';
      return rows;
    });
    expectRefused(
      await cli(['estimate', path, ...MEASURE]),
      /has county_probability 1, but the draw took it by srs, 3 of the 5 counties of its stratum/,
      'forged-certainty.csv:',
    );
    const oneRow = planted('forged-certainty-row.csv', results, (rows) => {
      rows.find((row) => row[R('county_code')] === county)![R('county_probability')] = '1';
      return rows;
    });
    expectRefused(await cli(['estimate', oneRow, ...MEASURE]), /has county_probability 1, but the draw took it by srs/);
    // county_selection edited too, to escape the rule: refused as well.
    const selection = planted('forged-selection.csv', results, (rows) => {
      for (const row of rows)
        if (row[R('county_code')] === county) {
          row[R('county_probability')] = '1';
          row[R('county_selection')] = 'census';
        }
      return rows;
    });
    expectRefused(await cli(['estimate', selection, ...MEASURE]), /the draw took it by census/);
  });

  it('refuses a stage probability edited (probability ≠ county × village × household probability)', async () => {
    const path = planted('village-probability.csv', results, (rows) => {
      rows.find((row) => row[R('village_probability')] !== '1')![R('village_probability')] = '1';
      return rows;
    });
    expectRefused(
      await cli(['estimate', path, ...MEASURE]),
      /is not county × village × household probability/,
      'village-probability.csv:',
    );
  });

  it('refuses a certainty forged consistently (county_probability 1, probability and weight recomputed) on a county drawn by srs', async () => {
    const county = results.rows.map((line) => line.split(',')).find((row) => row[R('county_probability')] !== '1')![
      R('county_code')
    ]!;
    const path = planted('forged-consistently.csv', results, (rows) => {
      for (const row of rows) {
        if (row[R('county_code')] !== county) continue;
        const probability = Number(row[R('village_probability')]) * Number(row[R('household_probability')]);
        row[R('county_probability')] = '1';
        row[R('probability')] = String(probability);
        row[R('weight')] = String(1 / probability);
      }
      return rows;
    });
    expectRefused(
      await cli(['estimate', path, ...MEASURE]),
      new RegExp(`county ${county} has county_probability 1, but the draw took it by srs, 3 of the 5 counties`),
      'forged-consistently.csv:',
    );
    const zh = await cli(['estimate', path, '--measure', '识别准确=是', '--lang', 'zh-CN']);
    expect(zh.stderr).toContain('单独成为必选层');
  });

  it('refuses a certainty county’s row without a village (the county would be one PSU, reported as villages)', async () => {
    const blank = (rows: string[][]) => {
      for (const row of rows) if (row[R('county_probability')] === '1') row[R('village_key')] = '';
      return rows;
    };
    // With villages_drawn, the county has fewer villages than the draw took.
    expectRefused(
      await cli(['estimate', planted('blank-village.csv', results, blank), ...MEASURE]),
      /the draw took \d+ villages \(villages_drawn\) but the frame has sampled households in 1/,
      'blank-village.csv:',
    );
    // Without it, the certainty design refuses the row (--certainty-strata off does not need villages).
    const without = R('villages_drawn');
    const header = results.header
      .split(',')
      .filter((_, index) => index !== without)
      .join(',');
    const path = planted(
      'blank-village-2.csv',
      results,
      (rows) => blank(rows).map((row) => row.filter((_, index) => index !== without)),
      header,
    );
    expectRefused(
      await cli(['estimate', path, ...MEASURE]),
      /was drawn with certainty but this row has no village/,
      'blank-village-2.csv:',
    );
    const off = await cli(['estimate', path, ...MEASURE, '--certainty-strata', 'off']);
    expect(off.status, off.stderr).toBe(0);
  });

  it('refuses a frame from which a whole village or a whole county was deleted', async () => {
    const first = results.rows[0]!.split(',');
    const village = planted('no-village.csv', results, (rows) =>
      rows.filter((row) => row[R('village_key')] !== first[R('village_key')]),
    );
    expectRefused(
      await cli(['estimate', village, ...MEASURE]),
      /villages \(villages_drawn\) but the frame has sampled households in/,
    );
    const srsCounty = results.rows.map((line) => line.split(',')).find((row) => row[R('county_probability')] !== '1')!;
    const county = planted('no-county.csv', results, (rows) =>
      rows.filter((row) => row[R('county_code')] !== srsCounty[R('county_code')]),
    );
    expectRefused(
      await cli(['estimate', county, ...MEASURE]),
      /counties \(counties_drawn\) but the frame has sampled households in 2/,
    );
  });

  it('refuses weights of one’s own so large that the variance overflows (they printed NaN)', async () => {
    const header = `${results.header},my_weight`;
    const path = planted('huge-weights.csv', results, (rows) => rows.map((row) => [...row, '1e308']), header);
    expectRefused(
      await cli(['estimate', path, ...MEASURE, '--weight-column', 'my_weight']),
      /weight 1e308 is larger than 1e9/,
      'huge-weights.csv:2',
    );
  });

  it('refuses a county whose rows carry two probabilities (rows edited or two draws mixed), with weights of one’s own', async () => {
    const county = results.rows.map((line) => line.split(',')).find((row) => row[R('county_probability')] !== '1')![
      R('county_code')
    ]!;
    const header = `${results.header},my_weight`;
    const path = planted(
      'mixed-probability.csv',
      results,
      (rows) => {
        // One row as another draw would have it: 3 of 4 counties in the stratum, probability 0.75.
        const row = rows.find((other) => other[R('county_code')] === county)!;
        row[R('county_probability')] = '0.75';
        row[R('counties_in_stratum')] = '4';
        return rows.map((other) => [...other, other[R('weight')]!]);
      },
      header,
    );
    expectRefused(
      await cli(['estimate', path, ...MEASURE, '--weight-column', 'my_weight']),
      new RegExp(`county ${county} has county inclusion probability "[^"]+" here but "[^"]+" at line`),
      'mixed-probability.csv:',
    );
  });

  it('refuses hostile weights and probabilities (hexadecimal, binary, infinite, negative, blank, formulas) without a stack trace', async () => {
    for (const [column, value] of [
      ['weight', '0x10'],
      ['weight', '0b11'],
      ['weight', '1e309'],
      ['weight', 'Infinity'],
      ['weight', 'NaN'],
      ['weight', '-1'],
      ['weight', ''],
      ['weight', "'=1+1"],
      ['county_probability', '0x1'],
      ['county_probability', '1e309'],
      ['county_probability', '-0'],
      ['county_probability', ''],
    ] as const) {
      const path = planted('hostile.csv', results, (rows) => {
        rows[0]![R(column)] = value;
        return rows;
      });
      const result = await cli(['estimate', path, ...MEASURE]);
      expect(result.status, `${column} = ${value}: ${result.stdout}`).toBe(2);
      expect(result.stderr).toContain('hostile.csv:2');
      expect(result.stderr).not.toMatch(STACK);
    }
  });
});

describe('estimate --population, --weights-out: hostile inputs and outputs', () => {
  it('reads a population CSV with the count column first, a BOM, CRLF and blank lines as the fixture', async () => {
    const path = join(dir, 'count-first.csv');
    const [, ...lines] = readFileSync(POPULATION, 'utf8').trimEnd().split('\n');
    const [, countColumn] = readFileSync(POPULATION, 'utf8').split('\n')[0]!.split(',');
    writeFileSync(
      path,
      `\uFEFF${countColumn},household_stratum\r\n\r\n${lines.map((line) => line.split(',').reverse().join(',')).join('\r\n\r\n')}\r\n\r\n`,
    );
    const theirs = await estimateJson([RESULTS, ...MEASURE, '--population', path]);
    const ours = await estimateJson([RESULTS, ...MEASURE, '--population', POPULATION]);
    expect(theirs.measures).toEqual(ours.measures);
  });

  it('refuses a post-stratum given twice and counts that are no whole number', async () => {
    const text = readFileSync(POPULATION, 'utf8').trimEnd();
    const [header, first] = text.split('\n');
    const twice = join(dir, 'twice.csv');
    writeFileSync(twice, `${text}\n${first}\n`);
    expectRefused(
      await cli(['estimate', RESULTS, ...MEASURE, '--population', twice]),
      /twice|once|duplicate/i,
      'twice.csv:',
    );
    for (const count of ['-5', "'356", '1e3', '356.0', 'NaN', '99999999999999999999', '']) {
      const path = join(dir, 'bad-count.csv');
      writeFileSync(path, `${header}\n${first!.split(',')[0]},${count}\n`);
      const result = await cli(['estimate', RESULTS, ...MEASURE, '--population', path]);
      expect(result.status, count).toBe(2);
      expect(result.stderr).toContain('bad-count.csv:2');
      expect(result.stderr).not.toMatch(STACK);
    }
  });

  it('never writes --weights-out over the frame or the population file, however the path is spelt', async () => {
    const work = join(dir, 'inputs');
    mkdirSync(work, { recursive: true });
    const frame = join(work, 'frame.csv');
    const population = join(work, 'population.csv');
    writeFileSync(frame, readFileSync(RESULTS));
    writeFileSync(population, readFileSync(POPULATION));
    for (const target of [
      frame,
      population,
      join(work, '.', 'frame.csv'),
      join(work, '..', 'inputs', 'population.csv'),
    ]) {
      const result = await cli(['estimate', frame, ...MEASURE, '--population', population, '--weights-out', target]);
      expect(result.status, target).toBe(2);
      expect(result.stderr).not.toMatch(STACK);
    }
    expect(readFileSync(frame, 'utf8')).toBe(readFileSync(RESULTS, 'utf8'));
    expect(readFileSync(population, 'utf8')).toBe(readFileSync(POPULATION, 'utf8'));
    expectRefused(
      await cli(['estimate', frame, ...MEASURE, '--population', population, '--weights-out', work]),
      /--weights-out .* is a directory: name the CSV file/,
    );
    expectRefused(
      await cli([
        'estimate',
        frame,
        ...MEASURE,
        '--population',
        population,
        '--weights-out',
        join(work, 'no', 'w.csv'),
      ]),
      /--weights-out: the directory .* does not exist/,
    );
    const zh = await cli([
      'estimate',
      frame,
      '--measure',
      '识别准确=是',
      '--population',
      population,
      '--weights-out',
      work,
      '--lang',
      'zh-CN',
    ]);
    expect(zh.stderr).toContain('是一个目录');
  });
});

describe('estimate --population MANIFEST: only an evaluation draw’s manifest as sealed', () => {
  const manifest = join(dir, 'draw', 'manifest.json');
  beforeAll(async () => {
    const result = await cli([
      'evaluate',
      REGISTRY,
      '--seed',
      '2026 第三方评估',
      '--nonpoor',
      NONPOOR,
      '--out',
      join(dir, 'draw'),
    ]);
    expect(result.status, result.stderr).toBe(0);
  });

  it('refuses the manifest of another kind of draw, even re-sealed', async () => {
    const json = JSON.parse(readFileSync(manifest, 'utf8')) as Manifest;
    const monthly = join(dir, 'monthly-manifest.json');
    writeFileSync(monthly, JSON.stringify(sealManifest({ ...json, command: 'monthly' } as Manifest), null, 2));
    expectRefused(
      await cli(['estimate', RESULTS, ...MEASURE, '--population', monthly]),
      /the manifest is of a "monthly" draw/,
      'monthly-manifest.json',
    );
  });

  it('refuses a manifest whose counts were edited without re-sealing it', async () => {
    const json = JSON.parse(readFileSync(manifest, 'utf8')) as { frame: { households: Record<string, number> } };
    json.frame.households.poor! += 100;
    const edited = join(dir, 'edited-manifest.json');
    writeFileSync(edited, JSON.stringify(json, null, 2));
    const result = await cli(['estimate', RESULTS, ...MEASURE, '--population', edited]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('edited-manifest.json');
    expect(result.stderr).not.toMatch(STACK);
  });
});

describe('estimate: the checks read a frame drawn with Chinese headings', () => {
  it('refuses a deleted row and an edited 设计权重 in a frame drawn with --lang zh-CN; estimates it as returned', async () => {
    const out = join(dir, 'zh-draw');
    const draw = await cli([
      'evaluate',
      REGISTRY,
      '--seed',
      '2026 第三方评估',
      '--nonpoor',
      NONPOOR,
      '--out',
      out,
      '--lang',
      'zh-CN',
    ]);
    expect(draw.status, draw.stderr).toBe(0);
    const zh = table(join(out, 'frame.csv'));
    const header = `${zh.header.replace(/^\uFEFF/, '')},识别准确`;
    const answered = (rows: string[][]) => rows.map((row, index) => [...row, index % 3 === 0 ? '否' : '是']);
    const returned = planted('zh-returned.csv', zh, answered, header);
    const ok = await cli(['estimate', returned, ...MEASURE]);
    expect(ok.status, ok.stderr).toBe(0);
    const dropped = planted('zh-dropped.csv', zh, (rows) => answered(rows).filter((_, index) => index !== 1), header);
    expectRefused(
      await cli(['estimate', dropped, ...MEASURE]),
      /households \(households_drawn\) but the frame has 4/,
      'zh-dropped.csv:',
    );
    const weighted = planted(
      'zh-weight.csv',
      zh,
      (rows) => {
        rows[0]![zh.at('设计权重')] = '5';
        return answered(rows);
      },
      header,
    );
    expectRefused(await cli(['estimate', weighted, ...MEASURE]), /weight 5 is not 1 \/ probability/, 'zh-weight.csv:2');
  });
});
