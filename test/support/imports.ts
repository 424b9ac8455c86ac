// The import graph of the sources, read with the TypeScript compiler's own parser (so nothing hides from it: type-only
// imports, `export … from`, `import x = require()`, `require()`, `import()` and `typeof import()` types), and the
// checks test/architecture.test.ts runs over it: cycles between files, and imports a layer table does not allow.
// Pure functions over a list of files, so the test can run them on a small synthetic tree too.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import ts from 'typescript';

/** One import of a file. */
export interface ImportRef {
  /** As written: './ast', 'vscode', 'node:fs'. */
  readonly specifier: string;
  /** The imported file (root-relative, `/`-separated) for a relative specifier that names a file, else undefined. */
  readonly target?: string;
  /** `import type`, `export type`, an all-type named import list, or a `typeof import()` type: erased at build. */
  readonly typeOnly: boolean;
  /** 1-based line of the import. */
  readonly line: number;
}

/** Each file (root-relative, `/`-separated) with its imports. */
export type ImportGraph = ReadonlyMap<string, readonly ImportRef[]>;

/** The module specifiers of a TypeScript source with where they stand. */
export function importsOf(fileName: string, text: string): Omit<ImportRef, 'target'>[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: Omit<ImportRef, 'target'>[] = [];
  const add = (node: ts.Node, literal: ts.Expression | undefined, typeOnly: boolean) => {
    if (!literal || !ts.isStringLiteralLike(literal)) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    found.push({ specifier: literal.text, typeOnly, line });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      const allTypes = !!clause && !clause.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly);
      add(node, node.moduleSpecifier, !!clause && (clause.isTypeOnly || allTypes));
    } else if (ts.isExportDeclaration(node)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : undefined;
      add(node, node.moduleSpecifier, node.isTypeOnly || (!!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isCallExpression(node)) {
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      const isDynamic = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      if ((isRequire || isDynamic) && node.arguments.length === 1) add(node, node.arguments[0], false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal as ts.Expression, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const toPosix = (p: string) => p.split(sep).join('/');

/** The file a relative specifier names, the way TypeScript and esbuild resolve it, or undefined. */
export function resolveImport(fromFile: string, specifier: string, exists: (file: string) => boolean): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = posix.normalize(posix.join(posix.dirname(fromFile), specifier));
  for (const candidate of [`${base}.ts`, `${base}.tsx`, `${base}.d.ts`, `${base}/index.ts`, base]) if (exists(candidate)) return candidate;
  return undefined;
}

/** The graph of the given files (root-relative paths), from their text. */
export function graphOf(files: ReadonlyMap<string, string>): ImportGraph {
  const graph = new Map<string, ImportRef[]>();
  for (const [file, text] of files) {
    graph.set(
      file,
      importsOf(file, text).map((i) => {
        const target = resolveImport(file, i.specifier, (f) => files.has(f));
        return target ? { ...i, target } : i;
      }),
    );
  }
  return graph;
}

/** Every `.ts` file under the given folders of `root`, with its text (root-relative, `/`-separated keys). */
export function readSources(root: string, folders: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.ts')) out.set(toPosix(relative(root, full)), readFileSync(full, 'utf8'));
    }
  };
  for (const f of folders) if (existsSync(join(root, f))) walk(join(root, f));
  return out;
}

/**
 * The import cycles between files: each strongly connected component of more than one file (or a file importing
 * itself), as a path through it that comes back to its start ("a → b → a"). Tarjan's algorithm, iteratively.
 */
export function findCycles(graph: ImportGraph): string[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;
  const targets = (f: string) => [...new Set((graph.get(f) ?? []).flatMap((i) => (i.target && graph.has(i.target) ? [i.target] : [])))];
  for (const start of [...graph.keys()].sort()) {
    if (index.has(start)) continue;
    const work: { file: string; edges: string[]; i: number }[] = [];
    const enter = (file: string) => {
      index.set(file, next);
      low.set(file, next);
      next++;
      stack.push(file);
      onStack.add(file);
      work.push({ file, edges: targets(file), i: 0 });
    };
    enter(start);
    while (work.length > 0) {
      const top = work[work.length - 1];
      if (top.i < top.edges.length) {
        const to = top.edges[top.i++];
        if (!index.has(to)) enter(to);
        else if (onStack.has(to)) low.set(top.file, Math.min(low.get(top.file)!, index.get(to)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].file;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.file)!));
      }
      if (low.get(top.file) === index.get(top.file)) {
        const component: string[] = [];
        let f: string;
        do {
          f = stack.pop()!;
          onStack.delete(f);
          component.push(f);
        } while (f !== top.file);
        if (component.length > 1 || targets(top.file).includes(top.file)) components.push(component.sort());
      }
    }
  }
  return components.map((c) => cyclePath(c, targets)).sort();
}

/** A shortest way round a strongly connected component, from its first file back to it. */
function cyclePath(component: string[], targets: (f: string) => string[]): string {
  const members = new Set(component);
  const start = component[0];
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const f = queue.shift()!;
    for (const t of targets(f)) {
      if (!members.has(t)) continue;
      if (t === start) {
        const path = [f];
        while (path[0] !== start) path.unshift(previous.get(path[0])!);
        return [...path, start].join(' → ');
      }
      if (!previous.has(t)) {
        previous.set(t, f);
        queue.push(t);
      }
    }
  }
  return component.join(' → ');
}

/** A rule of a layer table: files of `unit` may import the files of the listed units (and their own unit's). */
export interface LayerTable {
  /** Which unit a file belongs to (undefined: not under the table). */
  unitOf(file: string): string | undefined;
  /** unit → the other units it may import. */
  readonly allowed: Readonly<Record<string, readonly string[]>>;
}

/** The imports between units that the table does not allow, as "file:line imports target (from → to)". */
export function layerViolations(graph: ImportGraph, table: LayerTable): string[] {
  const out: string[] = [];
  for (const [file, imports] of graph) {
    const from = table.unitOf(file);
    if (from === undefined) continue;
    for (const i of imports) {
      if (!i.target) continue;
      const to = table.unitOf(i.target);
      if (to === undefined || to === from) continue;
      if (!(table.allowed[from] ?? []).includes(to)) out.push(`${file}:${i.line} imports ${i.target} (${from} → ${to})`);
    }
  }
  return out.sort();
}

/** The folder of a root-relative path, for messages. */
export const folderOf = (file: string) => toPosix(dirname(file));
