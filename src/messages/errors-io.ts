/** Error messages and hints of src/io/* (keys io.*). */
import type { MessageSection } from './section.js';

export const IO_ERROR_MESSAGES = {
} as const satisfies MessageSection;
