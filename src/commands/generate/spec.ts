/**
 * `spotcheck generate`'s options, each defined once (src/commands/_shared/optionSpec.ts), in the
 * order of its help. Each takes its last value when given twice, as generate's options always have.
 */
import { SpotcheckError } from '../../errors.js';
import { msg } from '../../i18n.js';
import { flag, repeatable, single } from '../_shared/optionSpec.js';
import { REGISTRY_OPTIONS, forceFlag } from '../_shared/options.js';
import { parseEncodingChoice, parseLayout, parsePositiveInteger, parseSeed } from '../_shared/parse.js';

/** A share from 0 to 1 (--nonpoor-share, --poor-village-share). */
function parseShare(option: string, raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new SpotcheckError('USAGE', msg('cmd.generate.shareInvalid', { option, got: raw }));
  }
  return value;
}

export const GENERATE_OPTIONS = {
  out: single({
    flags: '--out <file>',
    help: 'help.generate.out',
    lastWins: true,
    normalise: (raw: string | undefined) => {
      if (raw === undefined) throw new SpotcheckError('USAGE', msg('cmd.generate.outRequired'));
      return raw;
    },
  }),
  households: single({
    flags: '--households <n>',
    help: 'help.generate.households',
    shownDefault: '"1000"',
    lastWins: true,
    normalise: (raw: string | undefined) => parsePositiveInteger('--households', raw ?? '1000', 100_000_000),
  }),
  counties: single({
    flags: '--counties <n>',
    help: 'help.generate.counties',
    lastWins: true,
    normalise: (raw: string | undefined) => (raw === undefined ? null : parsePositiveInteger('--counties', raw)),
  }),
  prefectures: repeatable({
    flags: '--prefecture <name|code>',
    help: 'help.generate.prefecture',
    normalise: (raw: string[] | undefined): readonly string[] => Object.freeze(raw ?? []),
  }),
  seed: single({
    flags: '--seed <text>',
    help: 'help.generate.seed',
    shownDefault: '"spotcheck-synthetic"',
    lastWins: true,
    normalise: (raw: string | undefined) => parseSeed(raw ?? 'spotcheck-synthetic'),
  }),
  layout: single({
    flags: '--layout <layout>',
    help: 'help.generate.layout',
    shownDefault: '"person"',
    lastWins: true,
    normalise: (raw: string | undefined) => parseLayout(raw ?? 'person'),
  }),
  withCodes: flag({ flags: '--with-codes', help: 'help.generate.withCodes' }),
  withFunds: flag({ flags: '--with-funds', help: 'help.generate.withFunds' }),
  nonpoorShare: single({
    flags: '--nonpoor-share <share>',
    help: 'help.generate.nonpoorShare',
    shownDefault: '"0"',
    lastWins: true,
    normalise: (raw: string | undefined) => parseShare('--nonpoor-share', raw ?? '0'),
  }),
  nonpoorOut: single({
    flags: '--nonpoor-out <file>',
    help: 'help.generate.nonpoorOut',
    lastWins: true,
    normalise: (raw: string | undefined, given) => {
      if (raw !== undefined && parseShare('--nonpoor-share', String(given.nonpoorShare ?? '0')) === 0)
        throw new SpotcheckError('USAGE', msg('cmd.generate.nonpoorOutNeedsShare'));
      return raw ?? null;
    },
  }),
  poorVillageShare: single({
    flags: '--poor-village-share <share>',
    help: 'help.generate.poorVillageShare',
    shownDefault: '"0.4"',
    lastWins: true,
    normalise: (raw: string | undefined) => parseShare('--poor-village-share', raw ?? '0.4'),
  }),
  householdsPerVillage: single({
    flags: '--households-per-village <n>',
    help: 'help.generate.householdsPerVillage',
    shownDefault: '"60"',
    lastWins: true,
    normalise: (raw: string | undefined) => parsePositiveInteger('--households-per-village', raw ?? '60'),
  }),
  encoding: single({
    flags: '--encoding <name>',
    help: 'help.generate.encoding',
    shownDefault: '"utf-8"',
    lastWins: true,
    normalise: (raw: string | undefined) => parseEncodingChoice(raw ?? 'utf-8'),
  }),
  bom: flag({
    flags: '--bom',
    help: 'help.generate.bom',
    normalise: (raw: boolean | undefined, given) => {
      if (raw === true && parseEncodingChoice(String(given.encoding ?? 'utf-8')) !== 'utf-8')
        throw new SpotcheckError('USAGE', msg('cmd.generate.bomNeedsUtf8'));
      return raw === true;
    },
  }),
  crlf: flag({ flags: '--crlf', help: 'help.generate.crlf' }),
  divisions: { ...REGISTRY_OPTIONS.divisions, help: 'help.generate.divisions', lastWins: true },
  force: forceFlag('help.generate.force'),
} as const;
