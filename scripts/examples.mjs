#!/usr/bin/env node
// `npm run examples`: the main job on the bundled examples. Checks every examples/*.xent (several carry a
// deliberate mistake, announced by a `# <- severity code:` comment on its line), then scores each file.
// Exits 2 only when the tool itself failed (an unreadable file, a crash); found mistakes are the point.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'dist', 'cli.js');
const files = readdirSync(join(root, 'examples'))
  .filter((f) => f.endsWith('.xent'))
  .sort()
  .map((f) => join('examples', f));
if (files.length === 0) {
  console.error('no examples/*.xent found');
  process.exit(2);
}
let failed = false;
const run = (args) => {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, stdio: 'inherit' });
  if (r.status === null || r.status >= 2) failed = true;
};
console.log(`# xent check ${files.join(' ')}`);
run(['check', ...files]);
for (const f of files) {
  console.log(`\n# xent eval ${f}`);
  run(['eval', f]);
}
process.exit(failed ? 2 : 0);
