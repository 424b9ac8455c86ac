// The layering of docs/architecture.md, enforced: every import of every source file (type-only ones included) is
// read with the TypeScript parser (test/support/imports.ts) and checked against the tables below. A new import
// that breaks the order fails here with the file and line; the tables are the documentation (architecture.md
// copies them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findCycles, graphOf, importsOf, layerViolations, readSources, type ImportGraph, type LayerTable } from './support/imports';

const root = join(__dirname, '..');
const SOURCE_FOLDERS = ['shared', 'server/src', 'client/src'];
const sources = readSources(root, SOURCE_FOLDERS);
const graph = graphOf(sources);

/**
 * The front ends and what they may import. `shared/` holds what the server and the client both need by design
 * (the evaluation result as `xent/evaluate` and `xent eval --json` send it, and its one-line headline): it imports
 * nothing, so the client bundles no server code. The CLI starts the language server for `xent lsp`.
 */
const FRONT_ENDS: LayerTable = {
  unitOf(file) {
    if (file.startsWith('shared/')) return 'shared';
    if (file.startsWith('client/src/')) return 'client';
    if (file.startsWith('server/src/core/')) return 'core';
    if (file.startsWith('server/src/lsp/')) return 'lsp';
    if (file.startsWith('server/src/cli/')) return 'cli';
    return undefined;
  },
  allowed: {
    shared: [],
    core: ['shared'],
    lsp: ['core', 'shared'],
    cli: ['core', 'shared', 'lsp'],
    client: ['shared'],
  },
};

/**
 * The core's folders in order: each may import only the folders listed (and itself). `diagnostic` is
 * core/diagnostic.ts, the one diagnostic shape. metrics and data are leaves (numbers and bytes, no language);
 * model borrows metrics' label order (numpy's sort, which classes follow). check holds analyze(), the pipeline
 * parse → model → checks → rules, so it stands above rules.
 */
export const CORE_LAYERS: Readonly<Record<string, readonly string[]>> = {
  syntax: [],
  diagnostic: ['syntax'],
  catalogue: ['syntax', 'diagnostic'],
  metrics: [],
  data: [],
  model: ['syntax', 'diagnostic', 'catalogue', 'metrics'],
  rules: ['syntax', 'diagnostic', 'catalogue', 'metrics', 'model'],
  check: ['syntax', 'diagnostic', 'catalogue', 'metrics', 'model', 'rules'],
  format: ['syntax', 'diagnostic'],
  fixes: ['syntax', 'diagnostic', 'catalogue', 'metrics', 'model', 'rules', 'check', 'format'],
  eval: ['syntax', 'diagnostic', 'catalogue', 'metrics', 'data', 'model'],
  scale: ['syntax', 'diagnostic', 'catalogue', 'metrics', 'data', 'model', 'eval'],
};

const CORE: LayerTable = {
  unitOf(file) {
    const m = /^server\/src\/core\/([^/]+?)(?:\.ts)?(?:\/|$)/.exec(file);
    return m?.[1];
  },
  allowed: CORE_LAYERS,
};

/** A feature module is a file directly in lsp/features/ (index.ts lists them); its helpers live in subfolders. */
const FEATURES = 'server/src/lsp/features/';
const isFeature = (file: string) => file.startsWith(FEATURES) && !file.slice(FEATURES.length).includes('/') && file !== `${FEATURES}index.ts`;

test('the sources are read: every folder of the table has files and imports resolve', () => {
  assert.ok(sources.size > 100, `expected the sources, found ${sources.size}`);
  for (const unit of Object.keys(CORE_LAYERS)) {
    assert.ok([...sources.keys()].some((f) => CORE.unitOf(f) === unit), `no file in core unit ${unit}`);
  }
  const unresolved = [...graph].flatMap(([file, imports]) =>
    imports.filter((i) => i.specifier.startsWith('.') && !i.target).map((i) => `${file}:${i.line} ${i.specifier}`),
  );
  assert.deepEqual(unresolved, [], 'relative imports that name no source file');
});

test('every folder (and root file) of the core has a row in CORE_LAYERS', () => {
  const units = new Set([...sources.keys()].flatMap((f) => CORE.unitOf(f) ?? []));
  assert.deepEqual([...units].filter((u) => !(u in CORE_LAYERS)).sort(), [], 'add the new unit to CORE_LAYERS and docs/architecture.md');
});

test('the core imports nothing from vscode, the language server, the CLI or the client', () => {
  const editorShaped = /^(vscode|vscode-languageserver|vscode-languageclient|vscode-jsonrpc)(\/|$)/;
  const offenders: string[] = [];
  for (const [file, imports] of graph) {
    if (CORE.unitOf(file) === undefined) continue;
    for (const i of imports) if (editorShaped.test(i.specifier)) offenders.push(`${file}:${i.line} imports ${i.specifier}`);
  }
  assert.deepEqual(offenders, []);
});

test('front ends: the client imports nothing from server/src; shared/ imports nothing; the core no front end', () => {
  assert.deepEqual(layerViolations(graph, FRONT_ENDS), []);
  const packagesInShared = [...graph].flatMap(([file, imports]) =>
    FRONT_ENDS.unitOf(file) === 'shared' ? imports.filter((i) => !i.target).map((i) => `${file}:${i.line} imports ${i.specifier}`) : [],
  );
  assert.deepEqual(packagesInShared, [], 'shared/ is plain data and functions: no package, no node builtin');
  const cliIntoLsp = [...graph].flatMap(([file, imports]) =>
    FRONT_ENDS.unitOf(file) === 'cli' ? imports.filter((i) => i.target?.startsWith('server/src/lsp/') && i.target !== 'server/src/lsp/server.ts').map((i) => `${file}:${i.line} imports ${i.target}`) : [],
  );
  assert.deepEqual(cliIntoLsp, [], 'the CLI uses only the server entry point (for `xent lsp`)');
});

test("the core's folders import only the folders before them (CORE_LAYERS)", () => {
  assert.deepEqual(layerViolations(graph, CORE), []);
});

test('no import cycle between files, type-only imports included', () => {
  assert.deepEqual(findCycles(graph), []);
});

test('LSP feature modules do not import each other (shared logic lives outside features/*.ts)', () => {
  const offenders: string[] = [];
  for (const [file, imports] of graph) {
    if (!file.startsWith(FEATURES) || file === `${FEATURES}index.ts`) continue;
    for (const i of imports) if (i.target && isFeature(i.target) && i.target !== file) offenders.push(`${file}:${i.line} imports ${i.target}`);
  }
  assert.deepEqual(offenders, []);
});

// ---- the checker itself, on small synthetic trees: it must catch what it is there to catch ----------------------

function tree(files: Record<string, string>): { graph: ImportGraph; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'xent-arch-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, dirname(file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  const g = graphOf(readSources(dir, ['server/src', 'client/src']));
  return { graph: g, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

test('the checker reports a cycle, also one closed by a type-only import, and only real cycles', () => {
  const t = tree({
    'server/src/core/model/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
    'server/src/core/model/b.ts': "import type { C } from '../check/c';\nexport const b = 1 as unknown as C;\n",
    'server/src/core/check/c.ts': "export type { A } from '../model/a';\nexport type C = number;\n",
    'server/src/core/syntax/leaf.ts': 'export const leaf = 1;\n',
    'server/src/core/syntax/user.ts': "import { leaf } from './leaf';\nexport const user = leaf;\n",
    'server/src/core/syntax/self.ts': "import * as me from './self';\nexport const self = me;\n",
  });
  try {
    assert.deepEqual(findCycles(t.graph), [
      'server/src/core/check/c.ts → server/src/core/model/a.ts → server/src/core/model/b.ts → server/src/core/check/c.ts',
      'server/src/core/syntax/self.ts → server/src/core/syntax/self.ts',
    ]);
  } finally {
    t.dispose();
  }
});

test('the checker reports a layer broken by a type-only import, a feature importing a feature, and the client importing the server', () => {
  const t = tree({
    'server/src/core/syntax/ast.ts': "import type { Model } from '../model';\nexport type Ast = Model;\n",
    'server/src/core/model/index.ts': 'export type Model = { name: string };\n',
    'server/src/lsp/features/hover.ts': "import { lensText } from './code-lens';\nexport const hover = lensText;\n",
    'server/src/lsp/features/code-lens.ts': "import { x } from './catalogue-text/x';\nexport const lensText = x;\n",
    'server/src/lsp/features/catalogue-text/x.ts': 'export const x = 1;\n',
    'client/src/status.ts': "import type { R } from '../../server/src/core/model';\nexport type S = R;\n",
  });
  try {
    assert.deepEqual(layerViolations(t.graph, CORE), ['server/src/core/syntax/ast.ts:1 imports server/src/core/model/index.ts (syntax → model)']);
    assert.deepEqual(layerViolations(t.graph, FRONT_ENDS), ['client/src/status.ts:1 imports server/src/core/model/index.ts (client → core)']);
    const featureImports = [...t.graph].flatMap(([file, imports]) => (isFeature(file) ? imports.filter((i) => i.target && isFeature(i.target)).map((i) => `${file} → ${i.target}`) : []));
    assert.deepEqual(featureImports, ['server/src/lsp/features/hover.ts → server/src/lsp/features/code-lens.ts']);
  } finally {
    t.dispose();
  }
});

test('the parser sees every import form, and which are type-only', () => {
  const text = [
    "import { a } from './a';",
    "import type { B } from './b';",
    "import { type C, type D } from './cd';",
    "import E, { type F } from './ef';",
    "export { g } from './g';",
    "export type { H } from './h';",
    "export * from './star';",
    "import i = require('./i');",
    "const j = require('./j');",
    "const k = () => import('./k');",
    "type L = typeof import('./l');",
    "import './side-effect';",
    '// import { no } from "./comment";',
    "const s = \"import { no } from './string'\";",
  ].join('\n');
  const found = importsOf('x.ts', text).map((i) => `${i.specifier}${i.typeOnly ? ' (type)' : ''}`);
  assert.deepEqual(found, ['./a', './b (type)', './cd (type)', './ef', './g', './h (type)', './star', './i', './j', './k', './l (type)', './side-effect']);
});
