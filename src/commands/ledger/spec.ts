/** `spotcheck ledger verify`'s options, each defined once (commands/_shared/optionSpec.ts), in the order of its help. */
import { SpotcheckError } from '../../errors.js';
import { msg, t } from '../../i18n.js';
import { single } from '../_shared/optionSpec.js';
import { COMMITTEE_OPTIONS, jsonFlag } from '../_shared/options.js';

export const LEDGER_VERIFY_OPTIONS = {
  /** The published head the ledger must hold: 64 hex digits, any case; null when not given. */
  head: single({
    flags: '--head <sha256>',
    help: 'help.ledger.verify.head',
    normalise: (raw: string | undefined) => {
      const head = raw?.trim().toLowerCase() ?? null;
      if (head !== null && !/^[0-9a-f]{64}$/.test(head))
        throw new SpotcheckError('USAGE', msg('cmd.ledger.headInvalid', { got: String(raw) }));
      return head;
    },
  }),
  // The zone of the repeated draws' times (the committee's setting; the ledger keeps UTC).
  timeZone: { ...COMMITTEE_OPTIONS.timeZone, help: 'help.ledger.verify.timeZone' },
  json: jsonFlag(() => t('help.shared.jsonResult', { shape: '{ intact, entries, head, problems, repeats }' })),
} as const;
