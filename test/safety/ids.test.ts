/**
 * Issue 13, personal data: resident ID numbers and mobile numbers never leave spotcheck unmasked
 * (docs/algorithm.md §17, rule 2), whatever their column is called, and never appear in a message.
 * End-to-end on the built binary: households.csv, spares.csv, frame.csv, --json, the check
 * workbook (read back with exceljs), the public notice, stdout and stderr.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isResidentId, maskPersonalText } from '../../src/core/personalText.js';
import { maskRow } from '../../src/core/privacy.js';
import { cli, ROOT as ROOT_DIR, tempDir } from '../helpers.js';
import { csvLine, demoRows, mobile, PERSONAL_HEADERS, registryWithIds, residentId } from '../personalData.js';

const DRAW = [
  '--month',
  '2026-11',
  '--seed',
  'safety-ids',
  '--level',
  'county',
  '--scope',
  '永胜县',
  '--villages',
  '3',
  '--households',
  '4',
  '--spares',
  '2',
];

/** Every cell of every sheet of a workbook, as text. */
async function workbookText(path: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const cells: string[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value ?? '')))));
  return cells.join('\n');
}

/** The planted values a text contains (none, for a text that leaks nothing). */
const leaks = (text: string, planted: readonly string[]) => [
  ...new Set(planted.filter((value) => text.includes(value))),
];

describe('IDs and phones are masked by header and by content (§17 rule 2)', () => {
  it('the content rule: GB 11643 IDs (check digit and birth date) and mobile numbers, inside a text too', () => {
    expect(isResidentId(residentId(1))).toBe(true);
    expect(isResidentId('530426195906154156')).toBe(true);
    expect(isResidentId('530426195906154157')).toBe(false); // check digit
    // An 18-digit 人编号 with a valid check digit is not an ID: digits 7–14 are no date.
    expect(isResidentId('530426101201000101')).toBe(false);
    expect(maskPersonalText('人员 530426195906154156 出现了两次，电话13812345678')).toBe(
      '人员 5304**********4156 出现了两次，电话138****5678',
    );
    // Longer digit runs, hex hashes and 16-digit 户编号 are left alone.
    expect(maskPersonalText('5304261012010001 a13812345678 138123456789')).toBe(
      '5304261012010001 a13812345678 138123456789',
    );
    const layout = {
      header: ['户主证件号码', '备注', '其他', '户编号'],
      columns: { id_number: -1, phone: -1 },
    } as unknown as Parameters<typeof maskRow>[1];
    expect(maskRow(['12345', ' 13812345678 ', '电话13812345678。', '5304261012010001'], layout)).toEqual([
      '*****',
      '138****5678',
      '电话138****5678。',
      '5304261012010001',
    ]);
  });

  it('monthly: households.csv, spares.csv, --json, the workbook and the notice hold no ID or phone; --reveal-ids writes them', async () => {
    const dir = tempDir();
    const { path, planted } = registryWithIds(dir);
    const out = join(dir, 'draw');
    const notice = join(dir, 'notice.html');
    const result = await cli(['monthly', path, ...DRAW, '--out', out, '--xlsx', '--notice', notice, '--json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.households.length).toBe(12);
    expect(json.manifest.parameters).toMatchObject({ reveal_ids: false, masking: 2 });
    // Every personal header is masked whole, 备注 and 其他 by content.
    const household = json.households[0].registry as Record<string, string>;
    for (const name of PERSONAL_HEADERS) expect(household[name]).toMatch(/\*{4}/);
    expect(household.备注).toMatch(/^[0-9]{3,4}\*+[0-9X]{4}$/);
    expect(household.其他).toMatch(/^户主电话1[3-9][0-9]\*{4}[0-9]{4}，身份证[0-9]{4}\*{10}[0-9X]{4}。$/);
    const texts: Record<string, string> = {
      stdout: result.stdout,
      stderr: result.stderr,
      notice: readFileSync(notice, 'utf8'),
      workbook: await workbookText(join(out, 'check-workbook.xlsx')),
    };
    for (const name of readdirSync(out).filter((file) => file.endsWith('.csv') || file.endsWith('.json')))
      texts[name] = readFileSync(join(out, name), 'utf8');
    expect(Object.keys(texts)).toEqual(expect.arrayContaining(['households.csv', 'spares.csv', 'manifest.json']));
    for (const [name, text] of Object.entries(texts)) {
      expect(leaks(text, planted), name).toEqual([]);
      expect(maskPersonalText(text), name).toBe(text);
    }
    expect((await cli(['verify', out])).status).toBe(0);

    const revealed = join(dir, 'revealed');
    const shown = await cli(['monthly', path, ...DRAW, '--out', revealed, '--reveal-ids', '--xlsx']);
    expect(shown.status).toBe(0);
    const households = readFileSync(join(revealed, 'households.csv'), 'utf8');
    expect(leaks(households, planted).length).toBeGreaterThanOrEqual(12 * (PERSONAL_HEADERS.length + 3));
    expect(leaks(await workbookText(join(revealed, 'check-workbook.xlsx')), planted).length).toBeGreaterThan(0);
    // The terminal summary shows none even then.
    expect(leaks(shown.stdout + shown.stderr, planted)).toEqual([]);
    expect((await cli(['verify', revealed])).status).toBe(0);
    // verify quotes the first differing line of an edited file (masked, then cut): no ID, even for a revealed draw.
    writeFileSync(
      join(revealed, 'households.csv'),
      households.replace(/\n([^\n]*)/, (_, line: string) => `\n${line.replace('永胜县', '永胜')}`),
    );
    const edited = await cli(['verify', revealed]);
    expect(edited.status).toBe(1);
    expect(leaks(edited.stdout + edited.stderr, planted)).toEqual([]);
  });

  it('evaluate: frame.csv, spares.csv and --json hold no ID or phone', async () => {
    const dir = tempDir();
    const { path, planted } = registryWithIds(dir);
    const out = join(dir, 'draw');
    const result = await cli([
      'evaluate',
      path,
      '--seed',
      'safety-ids',
      '--counties',
      '1',
      '--villages-per-county',
      '2',
      '--spares',
      '2',
      '--out',
      out,
      '--json',
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    for (const name of ['frame.csv', 'spares.csv'])
      expect(leaks(readFileSync(join(out, name), 'utf8'), planted), name).toEqual([]);
    expect(leaks(result.stdout, planted)).toEqual([]);
    expect((await cli(['verify', out])).status).toBe(0);
  });

  it('a household key that is an ID number (--column household_id=户主证件号码) is masked in the outputs', async () => {
    const dir = tempDir();
    const { header, rows } = demoRows();
    // A household-level file keyed by the head's ID number.
    const heads = rows.filter((row) => row[header.indexOf('与户主关系')] === '户主');
    const keep = header
      .map((_, index) => index)
      .filter((index) => !['人编号', '与户主关系', '户编号'].includes(header[index]!));
    const path = join(dir, 'heads.csv');
    writeFileSync(
      path,
      `${[keep.map((index) => (header[index] === '证件号码' ? '户主证件号码' : header[index]!)), ...heads.map((row) => keep.map((index) => row[index]!))].map(csvLine).join('\n')}\n`,
    );
    const ids = heads.map((row) => row[header.indexOf('证件号码')]!);
    const out = join(dir, 'draw');
    const result = await cli([
      'monthly',
      path,
      ...DRAW,
      '--column',
      'household_id=户主证件号码',
      '--out',
      out,
      '--json',
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).households[0].household_id).toMatch(/^[0-9]{4}\*{10}[0-9X]{4}$/);
    for (const name of ['households.csv', 'spares.csv'])
      expect(leaks(readFileSync(join(out, name), 'utf8'), ids), name).toEqual([]);
    expect(leaks(result.stdout, ids)).toEqual([]);
    expect((await cli(['verify', out])).status).toBe(0);
  });
});

describe('no message shows an ID or a phone number', () => {
  it('an .xlsx registry with 证件号码 stored as numbers: the error masks the number', async () => {
    const dir = tempDir();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('户');
    const { header, rows } = demoRows();
    sheet.addRow(header);
    for (const row of rows.slice(0, 5))
      sheet.addRow(row.map((cell, index) => (header[index] === '证件号码' ? Number(cell) : cell)));
    const path = join(dir, 'registry.xlsx');
    await workbook.xlsx.writeFile(path);
    const result = await cli(['inspect', path]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/as a number/);
    // Neither the ID nor the 18 digits Excel kept of it.
    expect(result.stderr).not.toMatch(/[0-9]{9}/);
    for (const row of rows.slice(0, 5))
      expect(result.stderr).not.toContain(row[header.indexOf('证件号码')]!.slice(0, 15));
  });

  it('a person twice after --column person_id=证件号码: the error masks the key, valid ID or not', async () => {
    const dir = tempDir();
    const { header, rows } = demoRows();
    const id = header.indexOf('证件号码');
    for (const [index, duplicate] of [rows[0]![id]!, '530426195906154157' /* a bad check digit */].entries()) {
      const copy = rows.map((row) => [...row]);
      copy[0]![id] = duplicate;
      copy[7]![id] = duplicate;
      const path = join(dir, `registry-${index}.csv`);
      writeFileSync(path, `${[header, ...copy].map(csvLine).join('\n')}\n`);
      for (const args of [
        ['inspect', path],
        ['monthly', path, ...DRAW],
        ['inspect', path, '--json'],
        ['inspect', path, '--lang', 'zh-CN'],
      ]) {
        const result = await cli([...args, '--column', 'person_id=证件号码']);
        expect(result.stdout + result.stderr, args.join(' ')).toContain(
          `${duplicate.slice(0, 4)}${'*'.repeat(10)}${duplicate.slice(-4)}`,
        );
        expect(result.stdout + result.stderr, args.join(' ')).not.toContain(duplicate);
      }
    }
  });

  it('problems quoting a cell mask IDs and phones in it (inspect)', async () => {
    const dir = tempDir();
    const { header, rows } = demoRows();
    const copy = rows.map((row) => [...row]);
    // An unknown status that is an ID number, a household size that is a phone number.
    copy[3]![header.indexOf('脱贫属性')] = residentId(77);
    copy[4]![header.indexOf('人数')] = mobile(5);
    const path = join(dir, 'registry.csv');
    writeFileSync(path, `${[header, ...copy].map(csvLine).join('\n')}\n`);
    for (const args of [
      ['inspect', path],
      ['inspect', path, '--json'],
      ['monthly', path, ...DRAW],
    ]) {
      const result = await cli(args);
      expect(result.stdout + result.stderr, args.join(' ')).not.toContain(residentId(77));
      expect(result.stdout + result.stderr, args.join(' ')).not.toContain(mobile(5));
    }
  });
});

describe('property: IDs and phones in random columns never leak', () => {
  const { header, rows } = demoRows();
  const base = rows.filter((row) => row[0] === '永胜县');
  const INNOCENT = ['备注', '其他', '说明', 'note', 'x', '家庭住址', '开户行账号'];
  it('any output format, any column, whole cells or inside text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.constantFrom(...INNOCENT, ...PERSONAL_HEADERS), { minLength: 1, maxLength: 4 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat({ max: 9999 }), fc.constantFrom('whole', 'inside', 'padded')), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.boolean(),
        async (extra, placements, excel) => {
          const dir = tempDir();
          const cells = base.map((row) => [...row, ...extra.map(() => '')]);
          const planted: string[] = [];
          for (const [rowIndex, column, n, how] of placements) {
            const value = n % 2 === 0 ? residentId(n) : mobile(n);
            const target = cells[rowIndex % cells.length]!;
            // Into a new column, or over an existing innocent one (姓名, 自然村 …) that no rule depends on.
            const columns = [
              header.indexOf('姓名'),
              header.indexOf('自然村'),
              ...extra.map((_, index) => header.length + index),
            ];
            const at = columns[column % columns.length]!;
            target[at] = how === 'whole' ? value : how === 'padded' ? ` ${value} ` : `见${value}号`;
            planted.push(value);
          }
          const path = join(dir, 'registry.csv');
          writeFileSync(path, `${[[...header, ...extra], ...cells].map(csvLine).join('\n')}\n`);
          const out = join(dir, 'draw');
          const result = await cli(['monthly', path, ...DRAW, '--out', out, '--json', ...(excel ? ['--excel'] : [])]);
          expect(result.status, result.stderr).toBe(0);
          const texts = [
            result.stdout,
            result.stderr,
            ...readdirSync(out)
              .filter((file) => !file.endsWith('.xlsx'))
              .map((file) => readFileSync(join(out, file), 'utf8')),
          ];
          for (const text of texts) {
            expect(leaks(text, planted)).toEqual([]);
            expect(maskPersonalText(text)).toBe(text);
          }
          if (excel) {
            // Half the runs (to keep them short) also read the registry with inspect.
            const inspected = await cli(['inspect', path]);
            expect(leaks(inspected.stdout + inspected.stderr, planted)).toEqual([]);
          }
        },
      ),
      { numRuns: 20, seed: 13 },
    );
  }, 600_000);
});

describe('household keys that are ID numbers: shown masked, never silently unexcludable', () => {
  /** A person-level registry whose 户编号 is the head's ID number (as some exports key households). */
  function keyedByHeadId(dir: string): { path: string; ids: string[] } {
    const { header, rows } = demoRows();
    const column = (name: string) => header.indexOf(name);
    const headIds = new Map(
      rows
        .filter((row) => row[column('与户主关系')] === '户主')
        .map((row) => [row[column('户编号')]!, row[column('证件号码')]!]),
    );
    const keyed = rows.map((row) =>
      row.map((cell, index) => (index === column('户编号') ? (headIds.get(cell) ?? cell) : cell)),
    );
    const path = join(dir, 'keyed.csv');
    writeFileSync(path, `${[header, ...keyed].map(csvLine).join('\n')}\n`);
    return { path, ids: [...headIds.values()] };
  }

  it('the terminal summary and the notice mask them (colour on or off); --reveal-ids shows them', async () => {
    const dir = tempDir();
    const { path, ids } = keyedByHeadId(dir);
    for (const env of [{}, { FORCE_COLOR: '1', NO_COLOR: '' }]) {
      const notice = join(dir, `notice-${Object.keys(env).length}.html`);
      const result = await cli(['monthly', path, ...DRAW, '--notice', notice], { env });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/[0-9]{4}\*{10}[0-9X]{4}/);
      expect(leaks(result.stdout + result.stderr, ids)).toEqual([]);
      expect(leaks(readFileSync(notice, 'utf8'), ids)).toEqual([]);
    }
    const revealed = await cli(['monthly', path, ...DRAW, '--reveal-ids']);
    expect(leaks(revealed.stdout, ids).length).toBeGreaterThan(0);
  });

  it('--exclude of such a draw at the household stage is refused (its keys are masked), not a silent exclusion of nothing', async () => {
    const dir = tempDir();
    const { path } = keyedByHeadId(dir);
    const first = join(dir, 'first');
    expect((await cli(['monthly', path, ...DRAW, '--out', first])).status).toBe(0);
    const next = ['monthly', path, ...DRAW.map((arg) => (arg === 'safety-ids' ? 'next' : arg)), '--exclude', first];
    const refused = await cli([...next, '--exclude-stages', 'household']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(
      /households of this draw cannot be excluded: \d+ of its household IDs are ID or phone numbers, masked/,
    );
    expect(refused.stderr).not.toMatch(/ {4}at /);
    expect((await cli([...next])).status).toBe(2); // the default stages include household
    const villages = await cli([...next, '--exclude-stages', 'village', '--json']);
    expect(villages.status, villages.stderr).toBe(0);
    expect(JSON.parse(villages.stdout).manifest.exclusions.excluded.villages).toBe(3);
  });

  it('a village or township name holding an ID or mobile number refuses the registry, and the message masks it', async () => {
    const dir = tempDir();
    const { header, rows } = demoRows();
    const village = header.indexOf('行政村');
    const planted = mobile(7);
    const path = join(dir, 'village.csv');
    writeFileSync(
      path,
      `${[header, ...rows.map((row, index) => (index < 3 ? row.map((cell, at) => (at === village ? `${cell}${planted}` : cell)) : row))].map(csvLine).join('\n')}\n`,
    );
    for (const args of [
      ['monthly', path, ...DRAW],
      ['inspect', path],
    ]) {
      const result = await cli(args);
      expect(result.status).toBe(args[0] === 'inspect' ? 1 : 2);
      expect(result.stdout + result.stderr).toMatch(/the 行政村 ".*" holds an ID or mobile number/);
      expect(leaks(result.stdout + result.stderr, [planted])).toEqual([]);
    }
  });
});

describe('hostile review of 0.5.0: IDs in excluded.csv, in messages, in published texts and labels; the seed shown as typed', () => {
  const BASE = ['--month', '2026-11', '--level', 'county', '--scope', '永胜县'];

  it('a masked draw refuses to record ID-number household keys in excluded.csv (from a --reveal-ids draw or from a list)', async () => {
    const dir = tempDir();
    const { header, rows } = demoRows();
    const column = (name: string) => header.indexOf(name);
    const headIds = new Map(
      rows
        .filter((row) => row[column('与户主关系')] === '户主')
        .map((row) => [row[column('户编号')]!, row[column('证件号码')]!]),
    );
    const path = join(dir, 'keyed.csv');
    writeFileSync(
      path,
      `${[header, ...rows.map((row) => row.map((cell, index) => (index === column('户编号') ? headIds.get(cell)! : cell)))].map(csvLine).join('\n')}\n`,
    );
    const revealed = join(dir, 'revealed');
    expect((await cli(['monthly', path, ...BASE, '--seed', 'a', '--reveal-ids', '--out', revealed])).status).toBe(0);
    const list = join(dir, 'list.csv');
    writeFileSync(list, `household_id\n${[...headIds.values()][0]}\n`);
    for (const source of [revealed, list]) {
      const out = join(dir, `next-${source === list ? 'list' : 'draw'}`);
      const result = await cli([
        'monthly',
        path,
        ...BASE,
        '--seed',
        'b',
        '--exclude',
        source,
        '--exclude-stages',
        'household',
        '--out',
        out,
      ]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/have an ID or phone number as household ID .*excluded\.csv cannot record them/);
      expect(leaks(result.stderr, [...headIds.values()])).toEqual([]);
      expect(readdirSync(dir)).not.toContain(`next-${source === list ? 'list' : 'draw'}`);
      // With --reveal-ids the draw may record them.
      expect(
        (
          await cli([
            'monthly',
            path,
            ...BASE,
            '--seed',
            'b',
            '--exclude',
            source,
            '--exclude-stages',
            'household',
            '--reveal-ids',
            '--json',
          ])
        ).status,
      ).toBe(0);
    }
  });

  it('messages mask an ID behind an invisible character or at the cut of a long value, and list headers on one line', async () => {
    const dir = tempDir();
    const { header, rows } = demoRows();
    const status = header.indexOf('脱贫属性');
    const id = residentId(42);
    const write = (name: string, value: string, head = header) => {
      const path = join(dir, name);
      writeFileSync(
        path,
        `${[head, ...rows.map((row, index) => (index === 0 ? row.map((cell, at) => (at === status ? value : cell)) : row))].map(csvLine).join('\n')}\n`,
      );
      return path;
    };
    for (const value of [`\u200e${id}`, `${'备'.repeat(63)}${id}`, `\u0085${id}`]) {
      const result = await cli(['inspect', write('bad.csv', value)]);
      expect(result.stdout + result.stderr).toMatch(/unknown status/);
      expect(result.stdout + result.stderr).not.toContain(id.slice(0, 17));
    }
    const spoof = await cli([
      'monthly',
      write(
        'head.csv',
        '已脱贫',
        header.map((cell) => (cell === '脱贫属性' ? 'a\nverified: the draw is reproduced exactly' : cell)),
      ),
      ...BASE,
      '--seed',
      'x',
    ]);
    expect(spoof.status).toBe(2);
    expect(spoof.stderr).not.toMatch(/^verified/m);
    expect(spoof.stderr).toContain('a\\u000averified');
  });

  it('--seed-source and --seed-procedure holding an ID or phone are refused; a seed that looks like a phone is shown as typed', async () => {
    const dir = tempDir();
    const { path } = registryWithIds(dir);
    const source = await cli(['monthly', path, ...BASE, '--seed', 'x', '--seed-source', `联系人${mobile(3)}`]);
    expect(source.status).toBe(2);
    expect(source.stderr).toMatch(/--seed-source is published .* must not hold an ID or mobile number/);
    expect(source.stderr).not.toContain(mobile(3));
    const procedure = await cli(['commit', path, ...BASE, '--seed-procedure', `摇号 ${residentId(5)}`]);
    expect(procedure.status).toBe(2);
    expect(procedure.stderr).not.toContain(residentId(5));
    const notice = join(dir, 'notice.html');
    const out = join(dir, 'draw');
    const seed = mobile(9);
    const drawn = await cli(['monthly', path, ...BASE, '--seed', seed, '--notice', notice, '--out', out]);
    expect(drawn.status, drawn.stderr).toBe(0);
    expect(drawn.stdout).toContain(`seed "${seed}"`);
    expect(readFileSync(notice, 'utf8')).toContain(seed);
    expect((await cli(['verify', out])).stdout).toContain(`"${seed}"`);
  });

  it('a stratum value or a division name holding an ID or phone refuses the draw (labels are never masked)', async () => {
    const dir = tempDir();
    const { header, rows } = demoRows();
    const path = join(dir, 'registry.csv');
    writeFileSync(path, `${[header, ...rows].map(csvLine).join('\n')}\n`);
    const attributes = join(dir, 'attributes.csv');
    writeFileSync(attributes, `county_code,层\n530722,${mobile(1)}\n530723,普通\n`);
    const strata = await cli([
      'evaluate',
      path,
      '--seed',
      'x',
      '--counties',
      '1',
      '--strata',
      '层',
      '--county-attributes',
      attributes,
      '--json',
    ]);
    expect(strata.status).toBe(2);
    expect(strata.stderr).toMatch(/stratum value holds an ID or mobile number/);
    expect(strata.stderr).not.toContain(mobile(1));
    const divisions = join(dir, 'divisions.csv');
    const table = readFileSync(join(ROOT_DIR, 'fixtures', 'divisions', 'yunnan-counties.csv'), 'utf8').replace(
      '永胜县',
      `永胜县${residentId(8)}`,
    );
    writeFileSync(divisions, table);
    const refused = await cli(['monthly', path, '--month', '2026-11', '--seed', 'x', '--divisions', divisions]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/division table holds an ID or mobile number/);
    expect(refused.stderr).not.toContain(residentId(8));
  });
});
