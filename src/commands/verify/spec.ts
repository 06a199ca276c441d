/**
 * `spotcheck verify`'s own options, each defined once (src/commands/_shared/optionSpec.ts), in the
 * order of its help. Each takes its last value when given twice, as verify's options always have.
 * (What it reads back from a manifest comes from the draw commands' specs.)
 */
import { parseExpectedHash } from '../../core/manifestCompare.js';
import { SpotcheckError } from '../../errors.js';
import { msg, t } from '../../i18n.js';
import { single, variadic } from '../_shared/optionSpec.js';
import { REGISTRY_OPTIONS, jsonFlag } from '../_shared/options.js';

export const VERIFY_OPTIONS = {
  /** The registry files to draw from instead of the recorded ones (empty: the recorded ones). */
  registry: variadic({
    flags: '--registry <files...>',
    help: 'help.verify.registry',
    normalise: (raw: string[] | undefined): readonly string[] => Object.freeze(raw ?? []),
  }),
  divisions: { ...REGISTRY_OPTIONS.divisions, help: 'help.verify.divisions', lastWins: true },
  /** The manifest hash published: all 64 hex digits, or a prefix of 16 or more; null when not given. */
  expect: single({
    flags: '--expect <hash>',
    help: 'help.verify.expect',
    lastWins: true,
    normalise: (raw: string | undefined) => {
      if (raw === undefined) return null;
      const expect = parseExpectedHash(raw);
      if (expect === null) throw new SpotcheckError('USAGE', msg('cmd.verify.expectMalformed', { got: raw }));
      return expect;
    },
  }),
  exclusionsFrom: variadic({
    flags: '--exclusions-from <paths...>',
    help: 'help.verify.exclusionsFrom',
    normalise: (raw: string[] | undefined): readonly string[] => Object.freeze(raw ?? []),
  }),
  json: jsonFlag(() =>
    t('help.shared.jsonResult', {
      shape: '{ verified, expected?, caveats?, checks: [{ check, ok, detail, caveat? }] }',
    }),
  ),
} as const;
