/** Error messages and hints of src/core/*, src/run/* and src/options.ts (keys core.*, run.*, options.*). */
import type { MessageSection } from './section.js';

export const CORE_ERROR_MESSAGES = {
} as const satisfies MessageSection;
