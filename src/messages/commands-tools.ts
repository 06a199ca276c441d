/**
 * Help texts, error messages and printed lines of verify, inspect, ledger, generate and sql.
 * Keys: help.<command>.*, cmd.<command>.*.
 */
import type { MessageSection } from './section.js';

export const TOOL_COMMAND_MESSAGES = {
} as const satisfies MessageSection;
