/**
 * Help texts, error messages and printed lines of the draw commands: monthly, funds, evaluate,
 * estimate and the options they share (src/commands/shared.ts). Keys: help.<command>.*, cmd.<command>.*.
 */
import type { MessageSection } from './section.js';

export const DRAW_COMMAND_MESSAGES = {
} as const satisfies MessageSection;
