/**
 * The evaluation's terminal summary in Chinese names its design in Chinese (issue 15): no
 * "prefecture/proportional/SRS", no "all taken; no spares", no English status after a village; the
 * English summary keeps its words.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from '../../helpers.js';

const REGISTRY = join(ROOT, 'fixtures', 'eval-registry.csv');

describe('evaluate: the summary in Chinese', () => {
  it('words the strata, selection, allocation, shortfall strata and notes in Chinese, and keeps them in English', async () => {
    const args = ['evaluate', REGISTRY, '--seed', 'x', '--households', 'poor=50,exited=5,nonpoor=5'];
    const zh = await cli([...args, '--lang', 'zh-CN']);
    expect(zh.status, zh.stderr).toBe(0);
    expect(zh.stdout).toMatch(/县按州市分层、简单随机（SRS）抽取 · 按比例分配/);
    expect(zh.stdout).toMatch(/ \/ 未脱贫 的 户：要求 50，仅有 \d+ — 已全部抽中，无备用户/);
    expect(zh.stdout).toMatch(/ \/ 非贫困户 的 户：要求 5，仅有 0 — 该村没有此类户/);
    expect(zh.stdout).not.toMatch(/prefecture|proportional|all taken|no such household| \/ (poor|exited|nonpoor)\b/);
    expect(zh.stdout).toMatch(/ \d{6} 简单随机 π=/);
    expect(zh.stdout).not.toMatch(/\b(srs|pps|certainty)\b/);
    const pps = await cli([...args, '--lang', 'zh-CN', '--county-selection', 'pps', '--strata', 'poverty-county']);
    expect(pps.stdout).toMatch(/县按是否贫困县分层、按户数成比例（PPS）抽取/);
    expect(pps.stdout).toMatch(/ \d{6} (按户数成比例|必选) π=/);
    const en = await cli(args);
    expect(en.stdout).toMatch(/SRS counties by prefecture · proportional allocation/);
    expect(en.stdout).toMatch(/ \/ poor: asked 50, has \d+ — all taken; no spares/);
  });
});
