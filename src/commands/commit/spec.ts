/**
 * `spotcheck commit`'s own options, each defined once (src/commands/_shared/optionSpec.ts), in the
 * order of its help; each subcommand takes them after the options of its draw command.
 */
import { SpotcheckError } from '../../errors.js';
import { msg } from '../../i18n.js';
import { single } from '../_shared/optionSpec.js';
import { forceFlag, jsonFlag, noticeOption } from '../_shared/options.js';
import { parsePublicText } from '../_shared/parse.js';

export const COMMIT_OPTIONS = {
  seedProcedure: single({
    flags: '--seed-procedure <text>',
    help: 'help.commit.seedProcedure',
    normalise: (raw: string | undefined) => {
      if (raw === undefined) throw new SpotcheckError('USAGE', msg('commit.seedProcedureRequired'));
      return parsePublicText('--seed-procedure', raw);
    },
  }),
  out: single({
    flags: '--out <file.json>',
    help: 'help.commit.out',
    normalise: (raw: string | undefined) => {
      if (raw !== undefined && !/\.json$/i.test(raw))
        throw new SpotcheckError('USAGE', msg('commit.outNotJson', { got: raw }));
      return raw ?? null;
    },
  }),
  notice: noticeOption('help.commit.notice'),
  force: forceFlag('help.commit.force'),
  json: jsonFlag('help.commit.json'),
} as const;
