// Issue 10, case 1: a symlink swapped between a file inside the workspace and one outside, as fast as another
// process can, while the language server evaluates 300 times. The server's path check (realpath) and the
// worker's read are far apart in time; only the readers' verified open (open once, fstat the descriptor,
// dev+ino and the kernel's name of the opened file inside the workspace) keeps every read inside. The
// outside file holds a marker in its header and 7 rows (the inside one 4): no result, diagnostic or message
// may contain the marker, and no evaluation may count 7 samples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchServer, within } from './support/server-process';

const MARKER = 'OUTSIDE_MARKER_q7';
const EVALUATIONS = 300;

interface EvalAnswer {
  results: { name: string; error: string | null; samples: number }[];
}

test(`a symlink swapped in and out of the workspace during ${EVALUATIONS} evaluations never lets outside data in`, { timeout: 180_000 }, async () => {
  const base = mkdtempSync(join(tmpdir(), 'xent-race-'));
  const ws = join(base, 'ws');
  const outside = join(base, 'outside');
  mkdirSync(ws);
  mkdirSync(outside);
  const inside = join(ws, 'inside.csv');
  const secret = join(outside, 'secret.csv');
  writeFileSync(inside, 'label,p_a,p_b\na,0.9,0.1\nb,0.2,0.8\na,0.6,0.4\nb,0.3,0.7\n');
  // Scorable if it were read (its extra column is not used): 7 samples, and the marker in its header.
  writeFileSync(secret, `label,p_a,p_b,${MARKER}\n${'a,0.5,0.5,x\nb,0.4,0.6,y\n'.repeat(3)}a,0.1,0.9,${MARKER}\n`);
  const link = join(ws, 'data.csv');
  symlinkSync(inside, link);

  // Another process swaps the link (atomically, by rename) as fast as it can until it is killed.
  const swapper = spawn(
    process.execPath,
    [
      '-e',
      `const fs = require('fs');
       const [link, a, b] = process.argv.slice(1);
       const tmp = link + '.swap';
       for (let i = 0; ; i++) {
         try { fs.unlinkSync(tmp); } catch {}
         fs.symlinkSync(i % 2 ? b : a, tmp);
         fs.renameSync(tmp, link);
       }`,
      link,
      inside,
      secret,
    ],
    { stdio: 'ignore' },
  );
  const s = await launchServer({ workspace: ws });
  const seen: string[] = [];
  s.connection.onNotification('window/showMessage', (m: { message: string }) => seen.push(m.message));
  s.connection.onNotification('window/logMessage', (m: { message: string }) => seen.push(m.message));
  try {
    const experiment = (i: number) =>
      `experiment race {\n  # evaluation ${i}\n  classes: [a, b]\n  loss: sparse_categorical_crossentropy\n  data: csv("data.csv", y_true: "label", y_pred: ["p_a", "p_b"])\n}\n`;
    const uri = await s.open(join(ws, 'race.xent'), experiment(0));
    const outcomes = { scored: 0, refused: 0 };
    for (let i = 1; i <= EVALUATIONS; i++) {
      // A new comment inside the experiment: new content, so the result never comes from the cache.
      await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: i + 1 }, contentChanges: [{ text: experiment(i) }] });
      const answer = await within(10_000, `evaluation ${i}`, s.connection.sendRequest<EvalAnswer>('xent/evaluate', { uri }));
      const text = JSON.stringify(answer);
      assert.ok(!text.includes(MARKER), `evaluation ${i} echoed the outside file: ${text}`);
      const r = answer.results[0];
      assert.notEqual(r.samples, 7, `evaluation ${i} scored the outside file`);
      if (r.error === null) {
        assert.equal(r.samples, 4);
        outcomes.scored++;
      } else {
        assert.match(r.error, /outside|changed|symbolic link/, `evaluation ${i}`);
        outcomes.refused++;
      }
    }
    for (const p of s.published) assert.ok(!JSON.stringify(p).includes(MARKER), `a diagnostic echoed the outside file: ${JSON.stringify(p)}`);
    for (const m of seen) assert.ok(!m.includes(MARKER), `a message echoed the outside file: ${m}`);
    // The race was real: both sides of the link were met.
    assert.ok(outcomes.scored > 0 && outcomes.refused > 0, `scored ${outcomes.scored}, refused ${outcomes.refused}`);
  } finally {
    swapper.kill('SIGKILL');
    try {
      await within(5_000, 'shutdown', s.connection.sendRequest('shutdown'));
      await s.connection.sendNotification('exit');
      await within(5_000, 'exit', s.exited);
    } finally {
      s.kill();
      s.connection.dispose();
    }
  }
});
