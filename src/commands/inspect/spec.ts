/** `spotcheck inspect`'s options, each defined once (src/commands/_shared/optionSpec.ts), in the order of its help. */
import { REGISTRY_OPTIONS, jsonFlag } from '../_shared/options.js';

export const INSPECT_OPTIONS = {
  json: jsonFlag('help.inspect.json'),
  ...REGISTRY_OPTIONS,
} as const;
