/**
 * The scan pipeline (src/io/pipelineScan.ts): records scanned on a worker and handed to the sink on
 * the main thread through shared batches must be exactly the records, lines, first lines and
 * offsets the single-thread scanner hands the sink — on the benchmark's variants (quoted cells, ""
 * quotes, line breaks in cells, BOM, CRLF, GBK), cut into chunks of every size so that records span
 * chunks, and on files whose chunks hold more records than a batch; the scanner's `Unsure`, early
 * invalid UTF-8 and the sink's errors end it as they end the single-thread scan. Then the CLI
 * through the pipeline (SPOTCHECK_PIPELINE_MIN_BYTES=0) draws byte for byte what it draws without.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { FastCsvScanner, type RecordSink, Unsure } from '../../src/io/fastcsv.js';
import { BOMS, decodeField } from '../../src/io/fields.js';
import { idleScanWorkerId, scanOnWorker } from '../../src/io/pipelineScan.js';
import { loadDivisions } from '../../src/io/load.js';
import { scanRegistry } from '../../src/io/scanPass1.js';
import type { Encoding } from '../../src/io/registry.js';
import { benchVariants } from '../benchVariantsKit.js';
import { cli, ROOT, tempDir } from '../helpers.js';

/** Everything a sink is handed, one line per call. */
function recordingSink(encoding: Encoding, declared?: readonly number[]): RecordSink & { calls: string[] } {
  const calls: string[] = [];
  const fields = (data: Uint8Array, starts: Int32Array, ends: Int32Array, count: number) =>
    Array.from({ length: count }, (_, index) => decodeField(data, starts[index]!, ends[index]!, encoding));
  return {
    calls,
    header(data, starts, ends, count, line) {
      calls.push(JSON.stringify(['header', line, fields(data, starts, ends, count)]));
      return declared;
    },
    record(data, starts, ends, count, line, offset, firstLine) {
      calls.push(JSON.stringify([line, firstLine, offset, fields(data, starts, ends, count)]));
    },
  };
}

/** What the single-thread scanner hands the sink, fed the whole file in one chunk; 'unsure' when it gives up. */
function singleThread(bytes: Buffer, encoding: Encoding, declared?: readonly number[]): string[] | 'unsure' {
  const sink = recordingSink(encoding, declared);
  const scanner = new FastCsvScanner(sink, BOMS[encoding]);
  try {
    scanner.push(bytes);
    scanner.end();
  } catch (error) {
    if (error instanceof Unsure) return 'unsure';
    throw error;
  }
  return sink.calls;
}

/** What the pipeline hands the sink, the file read `chunkBytes` at a time. */
async function pipeline(path: string, encoding: Encoding, chunkBytes?: number, declared?: readonly number[]) {
  const sink = recordingSink(encoding, declared);
  const progress: number[] = [];
  const end = await scanOnWorker(
    path,
    { bom: BOMS[encoding], checkUtf8: encoding === 'utf-8', earlyUtf8: false, chunkBytes },
    sink,
    (bytes) => progress.push(bytes),
  );
  return { end, calls: sink.calls, progress };
}

function write(bytes: Buffer, name = 'registry.csv'): string {
  const path = join(tempDir(), name);
  writeFileSync(path, bytes);
  return path;
}

describe('the scan pipeline hands the sink what the single-thread scanner does', () => {
  it('on the benchmark\'s variants, cut into chunks of every size (records across chunks, "" unescaped, BOM, GBK)', async () => {
    const variants = await benchVariants(30);
    for (const [variant, outputs] of variants) {
      const encoding: Encoding = variant === 'person-gbk' ? 'gb18030' : 'utf-8';
      for (const [name, bytes] of Object.entries(outputs)) {
        const expected = singleThread(bytes, encoding);
        expect(expected, `${variant} ${name}`).not.toBe('unsure');
        const path = write(bytes, name);
        for (const chunkBytes of [1, 7, 300, 4096, undefined]) {
          const { end, calls, progress } = await pipeline(path, encoding, chunkBytes);
          expect(end.kind, `${variant} ${name} in chunks of ${chunkBytes}`).toBe('done');
          expect(calls, `${variant} ${name} in chunks of ${chunkBytes}`).toEqual(expected);
          if (end.kind !== 'done') continue;
          expect(end.records).toBe(calls.length - 1);
          expect(end.digest.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
          expect(end.digest.bytes).toBe(bytes.length);
          // Progress after every chunk, as the single-thread scan reports it.
          expect(progress.at(-1)).toBe(bytes.length);
          if (chunkBytes !== undefined) expect(progress).toHaveLength(Math.ceil(bytes.length / chunkBytes));
        }
      }
    }
  });

  it('honours the columns the sink declares, as one thread does: "" unescaped in those only, the others raw', async () => {
    const bytes = Buffer.from(`id,note,village\n1,"a ""b"" c","x ""y"""\n2,"plain","z"\n3,"q ""r""","w"\n`);
    const path = write(bytes);
    for (const declared of [[0], [0, 2], [1], [], undefined]) {
      const expected = singleThread(bytes, 'utf-8', declared);
      for (const chunkBytes of [5, 4096]) {
        const { end, calls } = await pipeline(path, 'utf-8', chunkBytes, declared);
        expect(end.kind).toBe('done');
        expect(calls, `declared ${JSON.stringify(declared)} in chunks of ${chunkBytes}`).toEqual(expected);
      }
    }
    // An undeclared column keeps its raw bytes: its "" pairs are still there.
    expect(singleThread(bytes, 'utf-8', [0])).toContain('[2,2,16,["1","a \\"\\"b\\"\\" c","x \\"\\"y\\"\\""]]');
  });

  it('on a file larger than a chunk, with a BOM, quoted line breaks and "" in cells, in GBK too', async () => {
    const rows = ['户编号,备注,人数'];
    for (let index = 0, length = 0; length < 3 << 20; index++) {
      rows.push(`${index},${index % 7 === 0 ? `"第""${index}""行\n（续）,逗号"` : `备注${index}`},${index % 9}`);
      length += rows.at(-1)!.length + 2;
    }
    const text = `${rows.join('\r\n')}\r\n`;
    for (const [encoding, bytes] of [
      ['utf-8', Buffer.concat([Buffer.from(BOMS['utf-8']), Buffer.from(text, 'utf8')])],
      ['gb18030', iconv.encode(text, 'gbk')],
    ] as const) {
      const expected = singleThread(bytes, encoding);
      const { end, calls } = await pipeline(write(bytes), encoding);
      expect(end.kind).toBe('done');
      expect(calls.length).toBe(rows.length);
      expect(calls).toEqual(expected);
    }
  });

  it('on chunks of more records than a batch holds (the rest of the chunk copied into the next batch)', async () => {
    // 1.5M one-byte records: each 2 MiB chunk holds a million, many batches' worth.
    const bytes = Buffer.from(`n\n${'1\n'.repeat(300_000)}`);
    const expected = singleThread(bytes, 'utf-8');
    const { end, calls } = await pipeline(write(bytes), 'utf-8');
    expect(end.kind).toBe('done');
    expect(calls.length).toBe(300_001);
    expect(calls).toEqual(expected);
  });
});

describe('the scan pipeline ends as the single-thread scan does', () => {
  it("the records before the scanner's Unsure reach the sink, then it reports unsure", async () => {
    const bytes = Buffer.from(`a,b\n1,2\n3,4\n5,"6"x\n7,8\n`);
    const { end, calls } = await pipeline(write(bytes), 'utf-8', 5);
    expect(end.kind).toBe('unsure');
    expect(calls).toEqual(['["header",1,["a","b"]]', '[2,2,4,["1","2"]]', '[3,3,8,["3","4"]]']);
  });

  it('invalid UTF-8 ends it before the chunk is scanned when the check is early', async () => {
    const bytes = Buffer.concat([Buffer.from('a,b\n1,2\n'), Buffer.from([0xff]), Buffer.from(',3\n')]);
    const sink = recordingSink('utf-8');
    const path = write(bytes);
    const early = await scanOnWorker(
      path,
      { bom: BOMS['utf-8'], checkUtf8: true, earlyUtf8: true, chunkBytes: 8 },
      sink,
    );
    expect(early.kind).toBe('invalid-utf8');
    expect(sink.calls).toEqual(['["header",1,["a","b"]]', '[2,2,4,["1","2"]]']);
    const late = await pipeline(path, 'utf-8', 8);
    expect(late.end.kind === 'done' && late.end.digest.invalidUtf8At).toBe(8);
  });

  it("rejects with the sink's error and stops the worker, whichever batch it is in", async () => {
    const bytes = Buffer.from(`n\n${'1\n'.repeat(100_000)}`);
    const path = write(bytes);
    for (const failAt of [0, 1, 5_000, 99_999]) {
      let seen = 0;
      const sink: RecordSink = {
        header() {},
        record() {
          if (seen++ === failAt) throw new Error(`record ${failAt}`);
        },
      };
      await expect(
        scanOnWorker(path, { bom: null, checkUtf8: true, earlyUtf8: false, chunkBytes: 4096 }, sink),
      ).rejects.toThrow(`record ${failAt}`);
      expect(seen).toBe(failAt + 1);
    }
  });

  it("rejects with the sink's error on the header, the worker waiting for the header's answer stopped (no hang)", async () => {
    const path = write(Buffer.from(`n\n${'1\n'.repeat(10_000)}`));
    const sink: RecordSink = {
      header() {
        throw new Error('no such header');
      },
      record() {
        throw new Error('no record after a refused header');
      },
    };
    await expect(
      scanOnWorker(path, { bom: null, checkUtf8: true, earlyUtf8: false, chunkBytes: 4096 }, sink),
    ).rejects.toThrow('no such header');
  });

  it("rejects with the worker's system error and its code (a file gone before the worker opens it), as one thread would", async () => {
    const path = join(tempDir(), 'gone.csv');
    const failure = scanOnWorker(path, { bom: null, checkUtf8: true, earlyUtf8: false }, recordingSink('utf-8'));
    await expect(failure).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('one worker, file after file', () => {
  it('scans file after file on the same worker, each header answered afresh; a worker stopped by an error is not reused', async () => {
    const quoted = write(Buffer.from(`id,note,village\n1,"a ""b"" c","x ""y"""\n2,"plain","z"\n`), 'quoted.csv');
    const other = write(Buffer.from(`n,m\n"1""",2\n3,"4"""\n`), 'other.csv');
    const bad = write(Buffer.from(`a,b\n1,2\n3,"4"x\n`), 'bad.csv');
    await pipeline(quoted, 'utf-8');
    const first = idleScanWorkerId();
    expect(first).not.toBeNull();
    // A subset, then every column, then another subset: each file as one thread scans it with its own answer.
    for (const [path, declared] of [
      [quoted, [0]],
      [other, undefined],
      [quoted, [2]],
      [other, [1]],
    ] as const) {
      const { end, calls } = await pipeline(path, 'utf-8', 3, declared);
      expect(end.kind).toBe('done');
      expect(calls, `${path} ${JSON.stringify(declared)}`).toEqual(singleThread(readFileSync(path), 'utf-8', declared));
      expect(idleScanWorkerId()).toBe(first);
    }
    // Unsure is a clean end: the worker is kept, and the next file is scanned whole.
    expect((await pipeline(bad, 'utf-8')).end.kind).toBe('unsure');
    expect(idleScanWorkerId()).toBe(first);
    expect((await pipeline(other, 'utf-8')).calls).toEqual(singleThread(readFileSync(other), 'utf-8'));
    // A sink's error stops that worker: the next file gets a new one, and scans whole.
    const failing: RecordSink = {
      header() {},
      record() {
        throw new Error('refused');
      },
    };
    await expect(scanOnWorker(quoted, { bom: null, checkUtf8: true, earlyUtf8: false }, failing)).rejects.toThrow(
      'refused',
    );
    expect(idleScanWorkerId()).toBeNull();
    const { end, calls } = await pipeline(quoted, 'utf-8');
    expect(end.kind).toBe('done');
    expect(calls).toEqual(singleThread(readFileSync(quoted), 'utf-8'));
    expect(idleScanWorkerId()).not.toBe(first);
  });
  it("lets the worker go once a registry's pass 1 is over (its batches are not held through pass 2)", async () => {
    const previous = process.env.SPOTCHECK_PIPELINE_MIN_BYTES;
    process.env.SPOTCHECK_PIPELINE_MIN_BYTES = '0';
    try {
      // A worker kept from an earlier file: the registry's scan takes it, and must let it go at the end.
      await pipeline(write(Buffer.from('a,b\n1,2\n')), 'utf-8');
      expect(idleScanWorkerId()).not.toBeNull();
      const { table } = await loadDivisions(null);
      const registry = await scanRegistry([join(ROOT, 'fixtures', 'demo-registry.csv')], {
        encoding: 'auto',
        columns: {},
        divisions: table,
      });
      expect(registry.inputs[0]!.parser).toBe('fast');
      expect(registry.frame.villages.length).toBeGreaterThan(0);
      expect(idleScanWorkerId()).toBeNull();
    } finally {
      if (previous === undefined) delete process.env.SPOTCHECK_PIPELINE_MIN_BYTES;
      else process.env.SPOTCHECK_PIPELINE_MIN_BYTES = previous;
    }
  });
});

describe('the CLI through the pipeline (SPOTCHECK_PIPELINE_MIN_BYTES=0)', () => {
  it("draws byte for byte what it draws on one thread, from each of the benchmark's variants", async () => {
    const variants = await benchVariants(60);
    for (const [variant, outputs] of variants) {
      const dir = tempDir();
      const files = Object.entries(outputs).map(([name, bytes]) => {
        writeFileSync(join(dir, name), bytes);
        return join(dir, name);
      });
      const draw = async (out: string, env: Record<string, string>) => {
        const args = ['monthly', ...files, '--month', '2026-11', '--seed', 'pipe', '--out', out, '--lang', 'en'];
        const result = await cli(args, { env });
        expect(result.status, `${variant}: ${result.stderr}`).toBe(0);
        // Every file whole, but for the manifest's time of the draw (and its own hash, which covers it).
        const text = (name: string) =>
          readFileSync(join(out, name), 'utf8').replace(/^ *"(created_at|manifest_sha256)": .*$/gm, '');
        return {
          stdout: result.stdout.replaceAll(out, 'OUT').replace(/manifest sha256 [0-9a-f]+/, ''),
          ...Object.fromEntries(readdirSync(out).map((name) => [name, text(name)])),
        };
      };
      const single = await draw(join(dir, 'single'), {});
      const piped = await draw(join(dir, 'piped'), { SPOTCHECK_PIPELINE_MIN_BYTES: '0' });
      expect(piped, variant).toEqual(single);
      // A threshold a third of the registry: of a split registry, the first files on one thread, the
      // later ones through the worker that the earlier bytes justify (WorkerRule), and pass 2's digests on one too.
      const total = Object.values(outputs).reduce((sum, bytes) => sum + bytes.length, 0);
      const mixed = await draw(join(dir, 'mixed'), { SPOTCHECK_PIPELINE_MIN_BYTES: String(Math.ceil(total / 3)) });
      expect(mixed, variant).toEqual(single);
    }
  });
});
