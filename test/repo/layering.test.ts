/**
 * The shape of src/'s imports (issue 14): no import cycles, and each layer imports only the layers
 * below it. Read from the sources by test/importGraph.ts, with no tool beyond the TypeScript compiler.
 *
 *   core/      the pure sampling and estimation: imports only core/, data/, errors.ts and messages/.
 *              It knows no language: it says what happened as message facts (msg(): a catalogue key
 *              and its values) and SpotcheckErrors, which the edge words. So it never imports
 *              i18n.ts, which holds the process's current language, directly or through another module.
 *   errors.ts, messages/: stateless (the error type, the catalogue, render() in a language given
 *              explicitly): they import only each other (messages/ below errors.ts) and core/, never i18n.ts
 *   i18n.ts    the current language and t()/word() in it: imports only errors.ts, messages/ and core/
 *              (it tells errors.ts where the current language is, so that errors are worded when read)
 *   io/        the registry and file formats: imports nothing from commands/, render/
 *   render/    what several commands print or publish (style, progress, the notice's HTML)
 *   commands/  one folder per command (its options, run, summary, notice), imported only by cli.ts
 *              and by other commands (verify re-draws with monthly/, evaluate/, funds/);
 *              commands/_shared/ holds what the commands share and imports no command's folder
 *
 * A runtime cycle (an import that survives compilation, in both directions) fails; so does a cycle
 * through `import type`: it costs nothing at run time but still ties the two modules together.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cycles, describeCycle, readImportGraph, type Edge, type ImportGraph } from '../importGraph.js';
import { ROOT } from '../helpers.js';

/** The top of a module's path: its folder under src/ ("core", "io" …) or its file name ("i18n.ts"). */
const layer = (module: string): string => module.split('/')[0]!;

interface Rule {
  readonly name: string;
  readonly from: (module: string) => boolean;
  readonly mayImport: (module: string) => boolean;
}

const inLayers =
  (...layers: string[]) =>
  (module: string) =>
    layers.includes(layer(module));

const RULES: readonly Rule[] = [
  {
    name: 'core/ imports only core/, data/, errors.ts and messages/ (not i18n.ts: no language state)',
    from: inLayers('core'),
    mayImport: inLayers('core', 'data', 'errors.ts', 'messages'),
  },
  {
    name: 'io/ imports nothing from commands/, render/, cli.ts, main.ts',
    from: inLayers('io'),
    mayImport: (module) => !inLayers('commands', 'render', 'cli.ts', 'main.ts')(module),
  },
  {
    name: 'render/ imports nothing from commands/, cli.ts, main.ts',
    from: inLayers('render'),
    mayImport: (module) => !inLayers('commands', 'cli.ts', 'main.ts')(module),
  },
  {
    name: "commands/_shared/ imports no command's own folder",
    from: (module) => module.startsWith('commands/_shared/'),
    mayImport: (module) => !module.startsWith('commands/') || module.startsWith('commands/_shared/'),
  },
  {
    name: 'only cli.ts and commands/ import commands/',
    from: (module) => !inLayers('cli.ts', 'commands')(module),
    mayImport: (module) => !inLayers('commands')(module),
  },
  {
    name: 'errors.ts and messages/ import only each other and core/ (not i18n.ts, render/, io/ …)',
    from: inLayers('errors.ts', 'messages'),
    mayImport: inLayers('errors.ts', 'messages', 'core'),
  },
  {
    name: 'messages/ does not import errors.ts (errors.ts words its errors through messages/render.ts)',
    from: inLayers('messages'),
    mayImport: (module) => module !== 'errors.ts',
  },
  {
    name: 'i18n.ts imports only errors.ts, messages/ and core/',
    from: inLayers('i18n.ts'),
    mayImport: inLayers('errors.ts', 'messages', 'core'),
  },
];

/** Every module `start` imports, directly or through others (type-only imports too), with the chain to it. */
function reachable(graph: ImportGraph, start: string): Map<string, readonly string[]> {
  const chains = new Map<string, readonly string[]>([[start, [start]]]);
  const queue = [start];
  while (queue.length > 0) {
    const module = queue.shift()!;
    for (const edge of graph.edges) {
      if (edge.from !== module || chains.has(edge.to)) continue;
      chains.set(edge.to, [...chains.get(module)!, edge.to]);
      queue.push(edge.to);
    }
  }
  return chains;
}

function violations(graph: ImportGraph, rule: Rule): string[] {
  return graph.edges
    .filter((edge: Edge) => rule.from(edge.from) && !rule.mayImport(edge.to))
    .map(
      (edge) => `src/${edge.from}:${edge.line} imports src/${edge.to}${edge.kind === 'type' ? ' (types only)' : ''}`,
    );
}

describe('import graph of src/', () => {
  const graph = readImportGraph(join(ROOT, 'src'));

  it('is read: every module found, with its imports', () => {
    expect(graph.modules).toContain('cli.ts');
    expect(graph.modules).toContain('core/tickets.ts');
    expect(graph.edges).toContainEqual(expect.objectContaining({ from: 'main.ts', to: 'cli.ts', kind: 'runtime' }));
    // The compiler's rule decides what is left at run time: an `import type` never is.
    expect(graph.edges.filter((edge) => edge.kind === 'type').length).toBeGreaterThan(0);
  });

  it('has no runtime import cycle', () => {
    expect(
      cycles(graph, ['runtime']).map((cycle) => describeCycle(graph, cycle)),
      'modules that import each other at run time',
    ).toEqual([]);
  });

  it('has no import cycle through type-only imports either (⇢: types only)', () => {
    const atRuntime = new Set(cycles(graph, ['runtime']).map((cycle) => cycle.modules.join()));
    const throughTypes = cycles(graph, ['runtime', 'type']).filter((cycle) => !atRuntime.has(cycle.modules.join()));
    expect(
      throughTypes.map((cycle) => describeCycle(graph, cycle)),
      'modules that import each other, some only for types',
    ).toEqual([]);
  });

  it('keeps the language out of core/: no core/ module reaches i18n.ts, directly or through another module', () => {
    const core = graph.modules.filter(inLayers('core'));
    expect(core.length).toBeGreaterThan(20);
    const chains = core.flatMap((module) => {
      const chain = reachable(graph, module).get('i18n.ts');
      return chain === undefined ? [] : [chain.map((step) => `src/${step}`).join(' → ')];
    });
    expect(chains, 'core/ modules that reach the current language').toEqual([]);
    // The check sees such a chain where there is one: main.ts reaches i18n.ts.
    expect(reachable(graph, 'main.ts').get('i18n.ts')).toEqual(['main.ts', 'i18n.ts']);
  });

  for (const rule of RULES) {
    it(`keeps its layers: ${rule.name}`, () => {
      expect(violations(graph, rule), rule.name).toEqual([]);
    });
  }
});
