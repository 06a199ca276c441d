/** Helpers shared by errors.test.ts and help.test.ts (moved from test/i18n.test.ts, issue 14). */
import { hanCharacters } from '../helpers.js';

export const hanCount = (text: string) => hanCharacters(text).length;
