/**
 * The shape of src/'s imports (issue 14): no import cycles, and each layer imports only the layers
 * below it. Read from the sources by test/importGraph.ts, with no tool beyond the TypeScript compiler.
 *
 *   core/      the pure sampling and estimation: imports nothing from io/, commands/, run/, render/,
 *              cli.ts, main.ts (it may still import errors.ts, i18n.ts and messages/ until the core
 *              stops rendering text itself)
 *   io/        the registry and file formats: imports nothing from commands/, run/, render/
 *   commands/  imported only by cli.ts and by other commands (their shared helpers)
 *   errors.ts, i18n.ts, messages/: below everything that words a message: they import only each
 *              other (i18n.ts above errors.ts above messages/) and core/
 *
 * A runtime cycle (an import that survives compilation, in both directions) fails; so does a cycle
 * through `import type`: it costs nothing at run time but still ties the two modules together.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cycles, describeCycle, readImportGraph, type Edge, type ImportGraph } from './importGraph.js';
import { ROOT } from './helpers.js';

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
    name: 'core/ imports only core/, data/, errors.ts, i18n.ts and messages/',
    from: inLayers('core'),
    mayImport: inLayers('core', 'data', 'errors.ts', 'i18n.ts', 'messages'),
  },
  {
    name: 'io/ imports nothing from commands/, run/, render/, cli.ts, main.ts',
    from: inLayers('io'),
    mayImport: (module) => !inLayers('commands', 'run', 'render', 'cli.ts', 'main.ts')(module),
  },
  {
    name: 'only cli.ts and commands/ import commands/',
    from: (module) => !inLayers('cli.ts', 'commands')(module),
    mayImport: (module) => !inLayers('commands')(module),
  },
  {
    name: 'errors.ts, i18n.ts and messages/ import only each other and core/ (no render/, io/ …)',
    from: inLayers('errors.ts', 'i18n.ts', 'messages'),
    mayImport: inLayers('errors.ts', 'i18n.ts', 'messages', 'core'),
  },
  {
    name: 'messages/ does not import errors.ts (errors.ts words its errors through messages/render.ts)',
    from: inLayers('messages'),
    mayImport: (module) => module !== 'errors.ts',
  },
];

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

  for (const rule of RULES) {
    it(`keeps its layers: ${rule.name}`, () => {
      expect(violations(graph, rule), rule.name).toEqual([]);
    });
  }
});
