/**
 * README "一个月的抽查，逐条照做" (issue 15): the month's walk-through in Chinese, run exactly as written
 * by bash in an empty directory, as an inspector with LANG=zh_CN.UTF-8 would run it. `spotcheck` on
 * the script's PATH is test/spotcheckClient.mjs, which has this process run the built CLI in-process
 * (cli(), dist/main.js run() as bin/spotcheck runs it) instead of starting node and loading dist/ 13
 * times. Then the month is checked: every level drew, none took a village drawn above it, the
 * prefecture's funds check took counties the province did not, the files are Excel-ready, the notice
 * is signed by the committee init set up, and the verifications the README promises passed.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ROOT, cli, tempDir } from '../helpers.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const HEADING = '### 一个月的抽查，逐条照做';

/** The walk-through's script: the first ```bash block under its heading. */
function walkthrough(): string {
  const section = README.slice(README.indexOf(HEADING));
  const block = /```bash\n([\s\S]*?)```/.exec(section);
  if (README.indexOf(HEADING) < 0 || !block) throw new Error(`README.md has no ${HEADING} with a bash block`);
  return block[1]!;
}

/** Runs `script` with bash -euo pipefail in `cwd`, each `spotcheck` served by cli() in this process. */
async function runScript(
  script: string,
  cwd: string,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const bin = join(tempDir(), 'bin');
  mkdirSync(bin);
  symlinkSync(join(ROOT, 'test', 'spotcheckClient.mjs'), join(bin, 'spotcheck'));
  const socket = join(tempDir(), 'cli.sock');
  // Half-open: the client ends its side once it has sent the request, and waits for the answer.
  const server = createServer({ allowHalfOpen: true }, (connection) => {
    const chunks: Buffer[] = [];
    connection.on('data', (chunk: Buffer) => chunks.push(chunk));
    connection.on('end', async () => {
      const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { cwd: string; args: string[] };
      const result = await cli(request.args, { cwd: request.cwd, env: { LANG: 'zh_CN.UTF-8' } }).catch(
        (error: unknown) => ({ status: 70, stdout: '', stderr: `test server: ${String(error)}\n` }),
      );
      connection.end(JSON.stringify(result));
    });
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  try {
    const child = spawn('bash', ['-e', '-u', '-o', 'pipefail', '-c', script], {
      cwd,
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, SPOTCHECK_TEST_SOCKET: socket, LANG: 'zh_CN.UTF-8' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    return { status, stdout, stderr };
  } finally {
    server.close();
  }
}

const rows = (file: string): Array<Record<string, string>> =>
  parse(readFileSync(file, 'utf8'), { columns: true, bom: true }) as Array<Record<string, string>>;

describe('README: 一个月的抽查，逐条照做', () => {
  it('runs exactly as written, in Chinese, and gives the month it describes', async () => {
    const dir = tempDir();
    const { status, stdout, stderr } = await runScript(walkthrough(), dir);
    expect(status, `${stdout}\n${stderr}`).toBe(0);
    expect(stderr).not.toMatch(/错误|error/i);

    // Every command spoke Chinese; the two verifications and the ledger check passed.
    expect(stdout).toContain('已写出 spotcheck.config.json');
    expect(stdout).not.toMatch(/^(Drawn|Frame|Written to)/m);
    expect(stdout.match(/^核验通过：抽取结果完全复现/gm)).toHaveLength(2);
    // Verifying the township's draw found and checked the three draws it excluded.
    for (const above of ['省纪委', '文山州纪委', '丘北县纪委'])
      expect(stdout).toMatch(new RegExp(`^通过 排除依据 \\.\\./\\.\\./${above}/2026-12：来源在场`, 'm'));
    expect(stdout).toMatch(/文山州纪委\/台账\.ledger：2 条记录\n台账完整/);

    // Each level took only villages no level above it took; the funds check only counties the province did not.
    const levels = ['省纪委', '文山州纪委', '丘北县纪委', '雅茂镇纪委'];
    const villagesAbove = new Set<string>();
    for (const level of levels) {
      const villages = rows(join(dir, level, '2026-12', 'villages.csv')).map((row) => row.村键!);
      expect(villages.length, level).toBeGreaterThan(0);
      for (const key of villages) expect(villagesAbove.has(key), `${level} ${key}`).toBe(false);
      for (const key of villages) villagesAbove.add(key);
    }
    const countyCodes = (draw: string) => rows(join(dir, draw, 'counties.csv')).map((row) => row.县代码!);
    const provinceCounties = countyCodes('省纪委/2026-12');
    const fundsCounties = countyCodes('文山州纪委/2026-12-资金');
    expect(fundsCounties.length).toBeGreaterThan(0);
    for (const code of fundsCounties) expect(provinceCounties).not.toContain(code);

    // The county's draw: what init set up (level, scope, Excel-ready files, the workbook), the month
    // typed as 2026年12月 recorded as 2026-12, IDs kept as text for Excel, the notice signed by the committee.
    const county = join(dir, '丘北县纪委');
    expect(JSON.parse(readFileSync(join(county, 'spotcheck.config.json'), 'utf8'))).toMatchObject({
      committee: '丘北县纪委监委',
      excel: true,
      xlsx: true,
      monthly: { level: 'county', scope: '丘北县' },
    });
    const manifest = JSON.parse(readFileSync(join(county, '2026-12', 'manifest.json'), 'utf8'));
    expect(manifest.parameters).toMatchObject({ month: '2026-12', level: 'county', excel: true, formula_guard: 2 });
    expect(manifest.plan.applied).toMatchObject({
      committee: '丘北县纪委监委',
      'monthly.level': 'county',
      'monthly.scope': '丘北县',
    });
    const households = readFileSync(join(county, '2026-12', 'households.csv'), 'utf8');
    expect(households.startsWith('\ufeff')).toBe(true);
    expect(households).toMatch(/,'5326\d{12},/);
    expect(
      readFileSync(join(county, '2026-12', 'check-workbook.xlsx'))
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    const notice = readFileSync(join(county, '2026-12-公告.html'), 'utf8');
    expect(notice).toContain('<title>2026年12月 县级巩固拓展脱贫攻坚成果监督检查 抽查结果公告</title>');
    expect(notice).toMatch(/<div class="closing" id="closing">\n<p class="issuer" id="issuer">丘北县纪委监委<\/p>/);
    expect(notice).toMatch(/\d\d:\d\d:\d\d \+08:00/);
  }, 120_000);
});
