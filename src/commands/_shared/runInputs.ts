/**
 * The files and folders a drawing command reads, from its normalised options: what --out --force
 * and --notice must never replace (src/io/drawDirectory.ts). Read from the options object by name,
 * so that monthly, evaluate and funds share it.
 */
import { findHistory } from '../../io/exclude.js';

const text = (value: unknown): string[] => (typeof value === 'string' && value !== '' ? [value] : []);
const texts = (value: unknown): string[] => (Array.isArray(value) ? value.flatMap(text) : []);
const field = (value: unknown, key: string): unknown =>
  value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;

/**
 * Registry files, --nonpoor, --county-attributes, --divisions, --funds, --exclude paths, the draws
 * --history finds (and its folder's ledger-free contents are left to the draw), the ledger, the plan
 * and the --commitment file.
 */
export async function runInputs(options: object): Promise<string[]> {
  const o = options as Record<string, unknown>;
  const inputs = [
    ...texts(o.registries),
    ...texts(o.nonpoor),
    ...text(o.countyAttributes),
    ...text(o.divisions),
    ...text(o.fundsFile),
    ...text(o.ledger),
    ...text(field(o.plan, 'path')),
    ...text(field(o.commitment, 'path')),
    ...(Array.isArray(o.exclude) ? o.exclude.flatMap((spec: unknown) => text(field(spec, 'path'))) : []),
  ];
  const history = o.history;
  const dir = field(history, 'dir');
  const cooldown = field(history, 'cooldown');
  if (typeof dir === 'string' && typeof cooldown === 'number' && typeof o.month === 'string') {
    // The draws it will read; an unreadable history is reported by the draw itself.
    inputs.push(...(await findHistory(dir, o.month, cooldown).catch(() => [] as string[])));
  }
  return inputs;
}
