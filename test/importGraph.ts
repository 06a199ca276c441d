/**
 * The import graph of src/, read from the sources themselves (no dependency beyond the TypeScript
 * compiler the build already uses): every `import … from`, `export … from`, bare `import '…'` and
 * `import('…')` with a relative path, resolved to a file under src/.
 *
 * An edge is "runtime" when the import is still there in the JavaScript tsc emits — TypeScript drops
 * `import type`, `export type`, imports whose every name is marked `type`, and imports whose names
 * are used only as types — and "type" otherwise. Which is which is decided by transpiling the file
 * (ts.transpileModule) and reading the imports left in its output, so the rule is the compiler's,
 * not a guess. A type-only cycle costs nothing at run time but still ties two modules together.
 *
 * Used by test/repo/layering.test.ts, which checks the graph for cycles and for imports against the layers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import ts from 'typescript';

export type EdgeKind = 'runtime' | 'type';

export interface Edge {
  /** Importing module, relative to src/ with forward slashes (e.g. "io/registry.ts"). */
  readonly from: string;
  /** Imported module, the same way. */
  readonly to: string;
  readonly kind: EdgeKind;
  /** 1-based line of the import statement in `from`. */
  readonly line: number;
}

export interface ImportGraph {
  /** Every module under src/, sorted. */
  readonly modules: readonly string[];
  /** One edge per (from, to) pair: runtime if any import of `to` in `from` survives compilation. */
  readonly edges: readonly Edge[];
}

function sourceFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) found.push(path);
    }
  };
  walk(root);
  return found.map((path) => relative(root, path).split(sep).join('/')).sort();
}

/** The relative specifiers a file imports, with their lines (source positions when `text` is the .ts). */
function specifiers(fileName: string, text: string): { specifier: string; line: number }[] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true);
  const found: { specifier: string; line: number }[] = [];
  const add = (node: ts.Node, literal: ts.Expression | undefined): void => {
    if (literal !== undefined && ts.isStringLiteral(literal) && literal.text.startsWith('.')) {
      found.push({ specifier: literal.text, line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1 });
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node, node.moduleSpecifier);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword)
      add(node, node.arguments[0]);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** "./x.js" from "io/registry.ts" → "io/x.ts" (NodeNext: the .js of a .ts file). */
function resolve(from: string, specifier: string, modules: ReadonlySet<string>): string | undefined {
  const base = posix.normalize(posix.join(posix.dirname(from), specifier));
  const candidates = [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, `${base}/index.ts`];
  return candidates.find((candidate) => modules.has(candidate));
}

const TRANSPILE: ts.TranspileOptions = {
  // ES modules as the build emits them (package.json "type": "module"); a lone file would read as CommonJS under NodeNext.
  compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
  reportDiagnostics: false,
};

export function readImportGraph(srcRoot: string): ImportGraph {
  const modules = sourceFiles(srcRoot);
  const known = new Set(modules);
  const edges = new Map<string, Edge>();
  for (const from of modules) {
    const text = readFileSync(join(srcRoot, from), 'utf8');
    const runtime = new Set<string>();
    const output = ts.transpileModule(text, { ...TRANSPILE, fileName: from }).outputText;
    for (const { specifier } of specifiers(from.replace(/\.ts$/, '.js'), output)) {
      const to = resolve(from, specifier, known);
      if (to !== undefined) runtime.add(to);
    }
    for (const { specifier, line } of specifiers(from, text)) {
      const to = resolve(from, specifier, known);
      if (to === undefined) continue; // a worker script or data file, not a module of src/
      const key = `${from}\0${to}`;
      if (!edges.has(key)) edges.set(key, { from, to, kind: runtime.has(to) ? 'runtime' : 'type', line });
    }
  }
  return { modules, edges: [...edges.values()] };
}

/** A group of modules that import each other (directly or round about), and one cycle through them. */
interface Cycle {
  /** Every module of the group, sorted. */
  readonly modules: readonly string[];
  /** One shortest cycle through the group's first module, for reading: [a, b, a]. */
  readonly path: readonly string[];
}

/**
 * The strongly connected components with more than one module (or a module importing itself),
 * over the edges of the given kinds. Tarjan's algorithm; deterministic (modules and edges sorted).
 */
export function cycles(graph: ImportGraph, kinds: readonly EdgeKind[]): Cycle[] {
  const next = new Map<string, string[]>(graph.modules.map((module) => [module, []]));
  for (const edge of graph.edges) if (kinds.includes(edge.kind)) next.get(edge.from)?.push(edge.to);
  for (const targets of next.values()) targets.sort();

  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const connect = (module: string): void => {
    order.set(module, index);
    low.set(module, index);
    index += 1;
    stack.push(module);
    onStack.add(module);
    for (const target of next.get(module) ?? []) {
      if (!order.has(target)) {
        connect(target);
        low.set(module, Math.min(low.get(module)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(module, Math.min(low.get(module)!, order.get(target)!));
      }
    }
    if (low.get(module) === order.get(module)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== module);
      if (component.length > 1 || (next.get(module) ?? []).includes(module)) components.push(component.sort());
    }
  };
  for (const module of graph.modules) if (!order.has(module)) connect(module);

  // Breadth-first from the component's first module back to itself: every member reaches every other.
  const shortestCycle = (component: readonly string[]): string[] => {
    const members = new Set(component);
    const start = component[0]!;
    const previous = new Map<string, string>();
    const queue = [start];
    while (queue.length > 0) {
      const module = queue.shift()!;
      for (const target of next.get(module) ?? []) {
        if (!members.has(target)) continue;
        if (target === start) {
          const path = [start];
          for (let step = module; step !== start; step = previous.get(step)!) path.splice(1, 0, step);
          return [...path, start];
        }
        if (!previous.has(target)) {
          previous.set(target, module);
          queue.push(target);
        }
      }
    }
    return [...component, start];
  };
  return components
    .map((component) => ({ modules: component, path: shortestCycle(component) }))
    .sort((a, b) => (a.modules.join() < b.modules.join() ? -1 : 1));
}

/**
 * "a.ts → b.ts ⇢ a.ts" (⇢: an import of types only, gone at run time), and the other members of the
 * group when there are more.
 */
export function describeCycle(graph: ImportGraph, cycle: Cycle): string {
  const runtime = new Set(
    graph.edges.filter((edge) => edge.kind === 'runtime').map((edge) => `${edge.from}\0${edge.to}`),
  );
  const path = cycle.path
    .map((module, i) =>
      i === 0 ? module : `${runtime.has(`${cycle.path[i - 1]}\0${module}`) ? ' → ' : ' ⇢ '}${module}`,
    )
    .join('');
  const others = cycle.modules.filter((module) => !cycle.path.includes(module));
  return path + (others.length > 0 ? ` (with ${others.join(', ')})` : '');
}
