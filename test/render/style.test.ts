/**
 * Styles without colour (start-up, issue 16): chalk is loaded only when there is colour to write, and
 * PLAIN stands in for it otherwise. PLAIN must write exactly what chalk writes at level 0, for every
 * style spotcheck uses and any arguments.
 */
import { Chalk } from 'chalk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PLAIN, type Style, styleFor } from '../../src/render/style.js';

const PATHS: readonly ((style: Style) => (...text: unknown[]) => string)[] = [
  (style) => style.bold,
  (style) => style.cyan,
  (style) => style.dim,
  (style) => style.yellow,
  (style) => style.green,
  (style) => style.green.bold,
  (style) => style.red,
  (style) => style.red.bold,
];

describe('styles', () => {
  it('PLAIN writes what chalk writes without colour, for every style and any arguments', () => {
    const chalk: Style = new Chalk({ level: 0 });
    const argument = fc.oneof(fc.string({ unit: 'grapheme' }), fc.integer(), fc.constant(''));
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), fc.array(argument, { minLength: 1, maxLength: 3 }), (path, text) => {
        expect(path(PLAIN)(...text)).toBe(path(chalk)(...text));
      }),
      { numRuns: 300 },
    );
    expect(PLAIN.level).toBe(chalk.level);
  });

  it('a stream that is not a terminal gets PLAIN; FORCE_COLOR gets colour', async () => {
    const stream = { isTTY: false } as NodeJS.WriteStream;
    const saved = { force: process.env.FORCE_COLOR, no: process.env.NO_COLOR };
    try {
      delete process.env.NO_COLOR;
      delete process.env.FORCE_COLOR;
      expect(await styleFor(stream)).toBe(PLAIN);
      process.env.FORCE_COLOR = '1';
      const coloured = await styleFor(stream);
      expect(coloured.level).toBe(1);
      expect(coloured.red('x')).toBe('\u001b[31mx\u001b[39m');
    } finally {
      for (const [name, value] of [
        ['FORCE_COLOR', saved.force],
        ['NO_COLOR', saved.no],
      ] as const)
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
    }
  });
});
