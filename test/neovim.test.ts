// Another editor: Debian's Neovim (0.7) headless as an LSP client of `xent lsp --stdio`, the same server VS Code
// runs. It must show the rule diagnostics and a formula hover. Needs `nvim` (.ci/run installs it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..');

test('Neovim shows xent diagnostics and a hover through `xent lsp --stdio`', () => {
  const which = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  assert.equal(which.status, 0, 'nvim is not installed: run .ci/run (it installs Debian\'s neovim) or apt-get install neovim');
  const dir = mkdtempSync(join(tmpdir(), 'xent-nvim-'));
  const file = join(dir, 'mistake.xent');
  writeFileSync(
    file,
    [
      'experiment m {',
      '  task: multiclass',
      '  classes: [cat, dog, horse]',
      '  labels: onehot',
      '  model {',
      '    dense(3, activation: softmax)',
      '  }',
      '  loss: sparse_categorical_crossentropy',
      '}',
      '',
    ].join('\n'),
  );
  const out = join(dir, 'out.json');
  const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(root, 'test', 'editors', 'neovim-client.lua')}`], {
    env: { ...process.env, XENT_CLI: join(root, 'dist', 'cli.js'), XENT_FILE: file, XENT_OUT: out, XDG_STATE_HOME: dir, XDG_DATA_HOME: dir },
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(run.status, 0, `nvim exited with ${run.status}: ${run.stderr}`);
  const seen = JSON.parse(readFileSync(out, 'utf8')) as { diagnostics: { lnum: number; code: string; message: string }[]; hover?: string; errors: string[] };
  assert.deepEqual(seen.errors, []);
  const sparse = seen.diagnostics.find((d) => d.code === 'sparse-loss-onehot-labels');
  assert.ok(sparse, `diagnostics seen: ${JSON.stringify(seen.diagnostics)}`);
  assert.equal(sparse.lnum, 7);
  assert.ok(seen.hover && /L = −/.test(seen.hover), `hover seen: ${seen.hover}`);
});
