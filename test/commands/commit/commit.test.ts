/**
 * Issue 12, "Commit before the seed": `spotcheck commit` → draw with --commitment → verify, end to
 * end on the built binary, tried as an inspector who would like to change the registry or a
 * parameter once the seed is known, and as a member of the public checking the draw.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/core/manifest.js';
import { cli, DEMO, ROOT, tempDir } from '../../helpers.js';

const PROCEDURE = '福利彩票3D 2026-12-05 开奖号码';
const COUNTY = ['--month', '2026-11', '--level', 'county', '--scope', '永胜县'];
const SLOW = 600_000;

/** Commits (default subcommand: monthly) to a county draw of `registry`; returns the commitment file and its hash. */
async function commitTo(
  dir: string,
  registry: string,
  extra: string[] = [],
): Promise<{ file: string; hash: string; notice: string }> {
  const file = join(dir, 'commitment-2026-11.json');
  const notice = join(dir, 'commitment-2026-11.html');
  const result = await cli([
    'commit',
    registry,
    ...COUNTY,
    ...extra,
    '--seed-procedure',
    PROCEDURE,
    '--out',
    file,
    '--notice',
    notice,
  ]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  const hash = (JSON.parse(readFileSync(file, 'utf8')) as { commitment_sha256: string }).commitment_sha256;
  expect(result.stdout).toContain(`Commitment sha256 ${hash}`);
  return { file, hash, notice };
}

const reseal = (value: Record<string, unknown>): Record<string, unknown> => {
  const { commitment_sha256: _old, ...rest } = value;
  // The same rule as src/core/commitment.ts, written out here as a third party would.
  return { ...rest, commitment_sha256: sha256(canonicalJson(rest)) };
};
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

describe('commit → draw --commitment → verify', () => {
  it(
    'draws and verifies a committed draw; the manifest records the commitment and the folder keeps its copy',
    async () => {
      const dir = tempDir();
      const { file, hash, notice } = await commitTo(dir, DEMO);
      const commitment = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      expect(commitment.format).toBe('spotcheck-commitment-1');
      expect(commitment.command).toBe('monthly');
      expect(commitment.seed_procedure).toBe(PROCEDURE);
      expect(commitment).not.toHaveProperty('parameters.seed');
      expect((commitment.inputs as unknown[])[0]).toEqual({
        name: 'demo-registry.csv',
        bytes: readFileSync(DEMO).length,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      });

      const out = join(dir, 'draw');
      const drawNotice = join(dir, 'draw.html');
      const draw = await cli([
        'monthly',
        DEMO,
        ...COUNTY,
        '--seed',
        '8-3-6',
        '--seed-source',
        PROCEDURE,
        '--commitment',
        file,
        '--out',
        out,
        '--notice',
        drawNotice,
      ]);
      expect(draw.stderr).toBe('');
      expect(draw.status).toBe(0);
      expect(readFileSync(drawNotice, 'utf8')).toContain(`抽取承诺</th><td>SHA-256 ${hash}`);
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Record<string, unknown>;
      expect(manifest.commitment).toEqual({
        sha256: hash,
        created_at: commitment.created_at,
        seed_procedure: PROCEDURE,
        path: 'commitment.json',
      });
      expect(readFileSync(join(out, 'commitment.json'), 'utf8')).toBe(readFileSync(file, 'utf8'));

      const verify = await cli(['verify', out]);
      expect(verify.status).toBe(0);
      expect(verify.stdout).toMatch(
        new RegExp(`ok +commitment commitment.json: sha256 ${hash} .*seed procedure "${PROCEDURE}"`),
      );
      expect(verify.stdout).toMatch(/verified: the draw is reproduced exactly/);

      // The folder alone, copied to another path, verifies with the registry: the commitment travels with it.
      const moved = join(tempDir(), 'copy');
      mkdirSync(moved);
      for (const name of readdirSync(out)) copyFileSync(join(out, name), join(moved, name));
      const again = await cli(['verify', moved, '--registry', DEMO]);
      expect(again.stdout).toContain(`sha256 ${hash}`);
      expect(again.status).toBe(0);

      // The page to publish names the hash, the registry's SHA-256 and the procedure, and nothing personal.
      const html = readFileSync(notice, 'utf8');
      expect(html).toContain(hash);
      expect(html).toContain((commitment.inputs as Array<{ sha256: string }>)[0]!.sha256);
      expect(html).toContain(PROCEDURE);
      expect(html).toMatch(/^<!DOCTYPE html>/);
      expect(html).not.toMatch(/<script|https?:\/\/[^"\s]*\.(js|css)/);
      const rows = readFileSync(DEMO, 'utf8')
        .split('\n')
        .slice(1, 200)
        .map((line) => line.split(','));
      for (const text of [html, readFileSync(file, 'utf8')]) {
        expect(text).not.toMatch(/\d{17}[\dX]/);
        for (const row of rows.filter((cells) => cells.length > 8)) {
          expect(text).not.toContain(row[6]!); // 姓名
          expect(text).not.toContain(row[4]!); // 户编号
        }
      }
    },
    SLOW,
  );

  it(
    'refuses a registry edited after the commitment (one byte, same size), naming the file, and writes nothing',
    async () => {
      const dir = tempDir();
      const registry = join(dir, 'registry.csv');
      copyFileSync(DEMO, registry);
      const { file } = await commitTo(dir, registry);
      const text = readFileSync(registry, 'utf8');
      const edited = text.replace('未脱贫', '已脱贫');
      expect(Buffer.byteLength(edited)).toBe(Buffer.byteLength(text));
      writeFileSync(registry, edited);
      const out = join(dir, 'draw');
      const result = await cli(['monthly', registry, ...COUNTY, '--seed', '8-3-6', '--commitment', file, '--out', out]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/the draw differs from its commitment/);
      expect(result.stderr).toMatch(
        /registry file registry\.csv has SHA-256 [0-9a-f]{64} \(854303 bytes\) but the commitment says [0-9a-f]{64} \(854303 bytes\)/,
      );
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);

      // Files are matched by content: the original bytes under another name keep to the commitment,
      // and the edited file given beside them is named as one not committed to.
      const extra = await cli(['monthly', DEMO, registry, ...COUNTY, '--seed', '8-3-6', '--commitment', file]);
      expect(extra.status).toBe(2);
      expect(extra.stderr).toMatch(
        /registry file registry\.csv \(SHA-256 [0-9a-f]{64}, 854303 bytes\) is not in the commitment/,
      );
      expect(extra.stderr).not.toMatch(/demo-registry/);
    },
    SLOW,
  );

  it(
    'refuses a parameter changed after the commitment (--households, --scope, --level, --month), naming it',
    async () => {
      const dir = tempDir();
      const { file } = await commitTo(dir, DEMO);
      const draw = async (args: string[]) =>
        await cli(['monthly', DEMO, '--seed', '8-3-6', '--commitment', file, ...args]);
      const households = await draw([...COUNTY, '--households', '4']);
      expect(households.status).toBe(2);
      expect(households.stderr).toMatch(/parameter --households 4 vs committed 5/);
      const scope = await draw(['--month', '2026-11', '--level', 'county', '--scope', '峨山彝族自治县']);
      expect(scope.status).toBe(2);
      expect(scope.stderr).toMatch(/parameter --scope "峨山彝族自治县" vs committed "永胜县"/);
      const level = await draw(['--month', '2026-11', '--level', 'prefecture', '--scope', '丽江市']);
      expect(level.status).toBe(2);
      expect(level.stderr).toMatch(/parameter --level "prefecture" vs committed "county"/);
      const month = await draw(['--month', '2026-12', '--level', 'county', '--scope', '永胜县']);
      expect(month.status).toBe(2);
      expect(month.stderr).toMatch(/parameter --month "2026-12" vs committed "2026-11"/);
      // Another command with the same commitment.
      const other = await cli([
        'funds',
        DEMO,
        '--month',
        '2026-11',
        '--seed',
        'x',
        '--scope',
        '丽江市',
        '--commitment',
        file,
      ]);
      expect(other.status).toBe(2);
      expect(other.stderr).toMatch(/the command is funds, the commitment is to a monthly draw/);
    },
    SLOW,
  );

  it(
    'refuses an edited commitment; a resealed one draws, but verify prints a hash that is not the published one',
    async () => {
      const dir = tempDir();
      const { file, hash } = await commitTo(dir, DEMO);
      const original = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
      const changed = { ...original, parameters: { ...original.parameters, households: 4 } };
      const edited = join(dir, 'edited.json');
      writeFileSync(edited, JSON.stringify(changed, null, 2));
      const refused = await cli([
        'monthly',
        DEMO,
        ...COUNTY,
        '--households',
        '4',
        '--seed',
        '8-3-6',
        '--commitment',
        edited,
      ]);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toMatch(
        /the commitment was edited: its commitment_sha256 is not the SHA-256 of its content/,
      );

      const resealed = join(dir, 'resealed.json');
      writeFileSync(resealed, JSON.stringify(reseal(changed), null, 2));
      const out = join(dir, 'draw');
      expect(
        (
          await cli([
            'monthly',
            DEMO,
            ...COUNTY,
            '--households',
            '4',
            '--seed',
            '8-3-6',
            '--commitment',
            resealed,
            '--out',
            out,
          ])
        ).status,
      ).toBe(0);
      const verify = await cli(['verify', out]);
      const printed = verify.stdout.match(/commitment commitment\.json: sha256 ([0-9a-f]{64})/)?.[1];
      expect(printed).toBeDefined();
      expect(printed).not.toBe(hash); // the public compares it with the published one and sees the swap

      // The copy in the folder edited after the draw: verify refuses it (exit 1).
      writeFileSync(join(out, 'commitment.json'), JSON.stringify({ ...changed, seed_procedure: 'dice' }, null, 2));
      const tampered = await cli(['verify', out]);
      expect(tampered.status).toBe(1);
      expect(tampered.stdout).toMatch(
        /DIFF commitment commitment\.json: the copy in the draw folder cannot be used: .*edited/,
      );
    },
    SLOW,
  );

  it(
    'commits to evaluate and funds draws too',
    async () => {
      const dir = tempDir();
      const registry = join(ROOT, 'fixtures', 'eval-registry.csv');
      const nonpoor = join(ROOT, 'fixtures', 'eval-nonpoor.csv');
      const evaluation = join(dir, 'evaluate.json');
      expect(
        (
          await cli([
            'commit',
            'evaluate',
            registry,
            '--nonpoor',
            nonpoor,
            '--counties',
            '4',
            '--seed-procedure',
            PROCEDURE,
            '--out',
            evaluation,
            '--quiet',
          ])
        ).status,
      ).toBe(0);
      expect(JSON.parse(readFileSync(evaluation, 'utf8'))).toMatchObject({
        command: 'evaluate',
        inputs: [{ name: 'eval-registry.csv' }, { name: 'eval-nonpoor.csv', role: 'nonpoor' }],
      });
      const drawn = join(dir, 'evaluate');
      expect(
        (
          await cli([
            'evaluate',
            registry,
            '--nonpoor',
            nonpoor,
            '--counties',
            '4',
            '--seed',
            '2026',
            '--commitment',
            evaluation,
            '--out',
            drawn,
          ])
        ).status,
      ).toBe(0);
      expect((await cli(['verify', drawn])).stdout).toMatch(/ok +commitment commitment\.json[\s\S]*verified/);
      const changed = await cli([
        'evaluate',
        registry,
        '--nonpoor',
        nonpoor,
        '--counties',
        '5',
        '--seed',
        '2026',
        '--commitment',
        evaluation,
      ]);
      expect(changed.status).toBe(2);
      expect(changed.stderr).toMatch(/parameter --counties 5 vs committed 4/);
      const withoutNonpoor = await cli([
        'evaluate',
        registry,
        '--counties',
        '4',
        '--seed',
        '2026',
        '--commitment',
        evaluation,
      ]);
      expect(withoutNonpoor.status).toBe(2);
      expect(withoutNonpoor.stderr).toMatch(
        /registry file eval-nonpoor\.csv .* was committed to but is not among the draw's files/,
      );

      const funds = join(ROOT, 'fixtures', 'funds-registry.csv');
      const fundsCommitment = join(dir, 'funds.json');
      const scope = ['--month', '2026-11', '--scope', '文山壮族苗族自治州'];
      expect(
        (await cli(['commit', 'funds', funds, ...scope, '--seed-procedure', PROCEDURE, '--out', fundsCommitment]))
          .status,
      ).toBe(0);
      const fundsOut = join(dir, 'funds');
      expect(
        (await cli(['funds', funds, ...scope, '--seed', '2026', '--commitment', fundsCommitment, '--out', fundsOut]))
          .status,
      ).toBe(0);
      expect((await cli(['verify', fundsOut])).status).toBe(0);
      const coverage = await cli([
        'funds',
        funds,
        ...scope,
        '--coverage',
        '0.6',
        '--seed',
        '2026',
        '--commitment',
        fundsCommitment,
      ]);
      expect(coverage.status).toBe(2);
      expect(coverage.stderr).toMatch(/parameter --coverage "0\.6" vs committed "0\.5"/);
    },
    SLOW,
  );

  it(
    'takes the draw options from a plan file when committing, and the commitment from a plan when drawing',
    async () => {
      const dir = tempDir();
      writeFileSync(
        join(dir, 'spotcheck.config.json'),
        JSON.stringify({
          monthly: { level: 'county', scope: '永胜县', households: 3 },
          commitment: 'c.json',
          ledger: 'draws.ledger',
        }),
      );
      const made = await cli(['commit', DEMO, '--month', '2026-11', '--seed-procedure', PROCEDURE, '--out', 'c.json'], {
        cwd: dir,
      });
      expect(made.status).toBe(0);
      expect(JSON.parse(readFileSync(join(dir, 'c.json'), 'utf8'))).toMatchObject({
        parameters: { level: 'county', scope: '永胜县', households: 3 },
      });
      expect(existsSync(join(dir, 'draws.ledger'))).toBe(false); // the plan's output keys are the draw's
      const drawn = await cli(['monthly', DEMO, '--month', '2026-11', '--seed', '8-3-6', '--out', 'draw'], {
        cwd: dir,
      });
      expect(drawn.status).toBe(0);
      expect(JSON.parse(readFileSync(join(dir, 'draw', 'manifest.json'), 'utf8')).commitment.path).toBe(
        'commitment.json',
      );
      const changed = await cli(['monthly', DEMO, '--month', '2026-11', '--seed', '8-3-6', '--households', '4'], {
        cwd: dir,
      });
      expect(changed.status).toBe(2);
      expect(changed.stderr).toMatch(/parameter --households 4 vs committed 3/);
    },
    SLOW,
  );

  it(
    'refuses a --commitment that is missing, not JSON or not a commitment, and a commit without a seed procedure',
    async () => {
      const dir = tempDir();
      const draw = async (file: string) => await cli(['monthly', DEMO, ...COUNTY, '--seed', 'x', '--commitment', file]);
      const missing = await draw(join(dir, 'nope.json'));
      expect(missing.status).toBe(2);
      expect(missing.stderr).toMatch(/cannot read the commitment: there is no such file/);
      writeFileSync(join(dir, 'broken.json'), '{ "format": ');
      const broken = await draw(join(dir, 'broken.json'));
      expect(broken.status).toBe(2);
      expect(broken.stderr).toMatch(/the commitment is not valid JSON/);
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ format: 'spotcheck-manifest-1' }));
      const wrong = await draw(join(dir, 'manifest.json'));
      expect(wrong.status).toBe(2);
      expect(wrong.stderr).toMatch(
        /not a spotcheck commitment: format must be "spotcheck-commitment-1", got "spotcheck-manifest-1"/,
      );
      const noProcedure = await cli(['commit', DEMO, ...COUNTY, '--out', join(dir, 'c.json')]);
      expect(noProcedure.status).toBe(2);
      expect(noProcedure.stderr).toMatch(/--seed-procedure is required/);
      expect(existsSync(join(dir, 'c.json'))).toBe(false);
      const withSeed = await cli(['commit', DEMO, ...COUNTY, '--seed', 'x', '--seed-procedure', PROCEDURE]);
      expect(withSeed.status).toBe(2);
      expect(withSeed.stderr).toMatch(/unknown option '--seed'/);
      const chinese = await draw(join(dir, 'nope.json'));
      expect(
        (
          await cli([
            'monthly',
            DEMO,
            ...COUNTY,
            '--seed',
            'x',
            '--commitment',
            join(dir, 'nope.json'),
            '--lang',
            'zh-CN',
          ])
        ).stderr,
      ).toMatch(/无法读取承诺文件/);
      expect(chinese.status).toBe(2);
    },
    SLOW,
  );
});
