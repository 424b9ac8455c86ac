// The layering rule of docs/architecture.md: the language core imports nothing editor-shaped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..');
const core = join(root, 'server', 'src', 'core');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : name.endsWith('.ts') ? [full] : [];
  });
}

const FORBIDDEN = [/^vscode$/, /^vscode-languageserver/, /^vscode-languageclient/, /^vscode-jsonrpc/, /\/lsp\//, /\/cli\//, /^\.\.\/\.\.\/(lsp|cli)/];

test('the language core imports nothing from vscode, the language server or the CLI', () => {
  const files = sources(core);
  assert.ok(files.length > 10, 'expected the core sources');
  const offenders: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (FORBIDDEN.some((re) => re.test(spec))) offenders.push(`${relative(root, file)} imports ${spec}`);
    }
  }
  assert.deepEqual(offenders, []);
});

test('the check catches a forbidden import (the regexp sees both import forms)', () => {
  const sample = `import { x } from 'vscode-languageserver/node';\nconst y = require('vscode');`;
  const specs = [...sample.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]);
  assert.deepEqual(specs, ['vscode-languageserver/node', 'vscode']);
  assert.ok(specs.every((s) => FORBIDDEN.some((re) => re.test(s))));
});
