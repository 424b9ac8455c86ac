// Writes docs/rules.md from the code registry (server/src/core/rules/) and scripts/rules-doc/intro.md.
// `node scripts/gen-rules-doc.mjs --check` only compares, and exits 1 when docs/rules.md is stale.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
require('esbuild-register/dist/node').register({ target: 'node20' });
const { rulesMarkdown } = require('./rules-doc/render.ts');
const target = fileURLToPath(new URL('../docs/rules.md', import.meta.url));
const text = rulesMarkdown();
if (process.argv.includes('--check')) {
  if (readFileSync(target, 'utf8') !== text) {
    console.error('docs/rules.md is stale: run npm run docs:rules');
    process.exit(1);
  }
} else writeFileSync(target, text);
