/**
 * verify given what is not a draw (issue 15): a registry CSV (UTF-8 or GBK), a workbook, a folder
 * without manifest.json are refused as such, with the usage, not with a JSON parser's text.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, DEMO, tempDir } from '../../helpers.js';

const NOT_MANIFEST = {
  en: "not a draw's manifest: verify takes a draw folder (the --out of monthly, funds or evaluate) or its manifest.json; a registry is given with --registry\n  usage: spotcheck verify DRAW-FOLDER [--registry FILE…] (see spotcheck verify --help)\n",
  zh: '不是抽取清单：verify 的参数是抽取结果目录（monthly、funds 或 evaluate 的 --out）或其中的 manifest.json；登记数据文件用 --registry 给出\n  用法：spotcheck verify 抽取结果目录 [--registry 登记数据文件…]（详见 spotcheck verify --help）\n',
};

describe('verify given what is not a draw', () => {
  it('says that verify takes a draw folder or its manifest.json, for a registry CSV, in English and Chinese', async () => {
    const english = await cli(['verify', DEMO]);
    expect(english.status).toBe(2);
    expect(english.stdout).toBe('');
    expect(english.stderr).toBe(`spotcheck: error: ${DEMO}: ${NOT_MANIFEST.en}`);
    const chinese = await cli(['verify', DEMO, '--lang', 'zh-CN']);
    expect(chinese.status).toBe(2);
    expect(chinese.stderr).toBe(`spotcheck: 错误：${DEMO}: ${NOT_MANIFEST.zh}`);
    const json = await cli(['verify', DEMO, '--json']);
    expect(JSON.parse(json.stdout)).toEqual({
      verified: false,
      error: expect.objectContaining({ code: 'USAGE', id: 'cmd.verify.notManifest', file: DEMO }),
    });
  });

  it('says the same, without mojibake, for a GBK registry and a workbook', async () => {
    const dir = tempDir();
    // "行政县,乡镇" in GBK, then a workbook's zip signature.
    writeFileSync(join(dir, 'gbk.csv'), Buffer.from('d0d0d5fed8a82cd7e7d5f20d0a', 'hex'));
    writeFileSync(join(dir, 'registry.xlsx'), Buffer.from('504b0304140006000800', 'hex'));
    for (const name of ['gbk.csv', 'registry.xlsx']) {
      const result = await cli(['verify', join(dir, name), '--lang', 'zh-CN']);
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(`spotcheck: 错误：${join(dir, name)}: ${NOT_MANIFEST.zh}`);
      expect(result.stderr).not.toMatch(/JSON|\ufffd/);
    }
  });

  it('says that a folder without manifest.json is not a draw folder', async () => {
    const dir = join(tempDir(), 'not-a-draw');
    mkdirSync(dir);
    const english = await cli(['verify', dir]);
    expect(english.status).toBe(2);
    expect(english.stderr).toBe(
      `spotcheck: error: ${dir}: not a draw folder: it has no manifest.json; verify takes a draw folder (the --out of monthly, funds or evaluate) or its manifest.json\n  usage: spotcheck verify DRAW-FOLDER [--registry FILE…] (see spotcheck verify --help)\n`,
    );
    const chinese = await cli(['verify', dir, '--lang', 'zh-CN']);
    expect(chinese.status).toBe(2);
    expect(chinese.stderr).toMatch(/^spotcheck: 错误：.*: 不是抽取结果目录：其中没有 manifest\.json；/);
  });

  it('still calls a broken manifest (it starts as JSON) not valid JSON', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'manifest.json'), '{ "format": ');
    const result = await cli(['verify', dir]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/manifest\.json: manifest is not valid JSON/);
  });
});
