/** What `spotcheck generate` does when it runs (loaded by ./index.ts's action only): writes the synthetic registry. */
import { stat } from 'node:fs/promises';
import { type GenerateParameters, generatedHeader, generateRows } from '../../core/generate.js';
import { SpotcheckError } from '../../errors.js';
import { msg, t } from '../../i18n.js';
import { loadDivisions } from '../../io/load.js';
import { normaliseOptions, type RawOptions } from '../_shared/optionSpec.js';
import { CsvFileWriter } from './csvWriter.js';
import { GENERATE_OPTIONS } from './spec.js';

/** Writes the synthetic registry the options describe. */
export async function generateAction(raw: RawOptions): Promise<void> {
  const {
    out,
    nonpoorOut,
    encoding,
    bom,
    crlf,
    divisions: divisionsFile,
    force,
    ...synthetic
  } = normaliseOptions(GENERATE_OPTIONS, raw);
  // The other options are what the synthetic rows are made from.
  const parameters: GenerateParameters = synthetic;
  const divisions = await loadDivisions(divisionsFile);
  const header = generatedHeader(parameters);
  const targets = [out, ...(nonpoorOut === null ? [] : [nonpoorOut])];
  if (!force) {
    for (const target of targets) {
      const exists = await stat(target).then(
        () => true,
        () => false,
      );
      if (exists) throw new SpotcheckError('OUTPUT', msg('cmd.generate.fileExists'), { file: target });
    }
  }
  // Non-registered households go to --nonpoor-out when given: recognised by 户类型 / status = 非贫困户.
  const typeColumn = Math.max(
    header.indexOf('户类型'),
    parameters.layout === 'household' ? header.indexOf('status') : -1,
  );
  const writers = targets.map(
    (target) => new CsvFileWriter(target, encoding === 'gb18030' ? 'gbk' : 'utf-8', bom, crlf ? '\r\n' : '\n'),
  );
  try {
    for (const writer of writers) await writer.write(header);
    const rows = [0, 0];
    for (const row of generateRows(divisions.table, parameters)) {
      const target = typeColumn >= 0 && row[typeColumn] === '非贫困户' && writers.length > 1 ? 1 : 0;
      await writers[target]!.write(row);
      rows[target]!++;
    }
    for (const writer of writers) await writer.close();
    const [first, second] = targets.map((target, index) =>
      t('cmd.generate.file', { file: target, rows: rows[index]! }),
    );
    const files = second === undefined ? first! : t('cmd.generate.twoFiles', { first: first!, second });
    const layout = t(parameters.layout === 'person' ? 'cmd.layout.person' : 'cmd.layout.household');
    process.stdout.write(
      `${t('cmd.generate.wrote', { households: parameters.households, layout, encoding: encoding === 'gb18030' ? 'GBK' : 'UTF-8', files })}\n`,
    );
  } catch (error) {
    await Promise.all(writers.map((writer) => writer.abort()));
    if (error instanceof SpotcheckError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new SpotcheckError('OUTPUT', msg('cmd.generate.writeFailed', { reason: code ?? (error as Error).message }), {
      file: out,
    });
  }
}
