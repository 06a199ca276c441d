/**
 * Writing an output directory whole or not at all: every file is first written to a temporary file
 * in the same directory, then all are renamed into place (the manifest last). An existing non-empty
 * directory is refused unless --force.
 */
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SpotcheckError } from '../errors.js';

async function prepareDirectory(dir: string, force: boolean): Promise<void> {
  let exists = false;
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) throw new SpotcheckError('OUTPUT', '--out names a file, not a directory', { file: dir });
    exists = true;
  } catch (error) {
    if (error instanceof SpotcheckError) throw error;
  }
  if (exists) {
    const entries = await readdir(dir);
    if (entries.length > 0 && !force) {
      throw new SpotcheckError('OUTPUT', `the output directory is not empty (${entries.length} entries)`, {
        file: dir,
        hint: 'choose a new --out directory, or add --force to replace the draw in it',
      });
    }
    return;
  }
  try {
    await mkdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? `its parent directory ${dirname(dir)} does not exist` : code === 'EACCES' || code === 'EROFS' ? 'permission denied' : code;
    throw new SpotcheckError('OUTPUT', `cannot create the output directory: ${why}`, { file: dir });
  }
}

/** Writes `files` (name → content) into `dir`; the entries are renamed into place in the given order. */
export async function writeOutputDirectory(dir: string, files: ReadonlyMap<string, string>, force: boolean): Promise<void> {
  await prepareDirectory(dir, force);
  const staged: Array<{ temporary: string; final: string }> = [];
  try {
    for (const [name, content] of files) {
      const temporary = join(dir, `.${name}.${process.pid}.tmp`);
      await writeFile(temporary, content, { flag: 'wx' });
      staged.push({ temporary, final: join(dir, name) });
    }
  } catch (error) {
    await Promise.all(staged.map(({ temporary }) => rm(temporary, { force: true })));
    if (error instanceof SpotcheckError) throw error;
    throw new SpotcheckError('OUTPUT', `cannot write the output files (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { file: dir });
  }
  for (const { temporary, final } of staged) await rename(temporary, final);
}
