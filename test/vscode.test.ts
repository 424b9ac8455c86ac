// The extension in a real VS Code and a real browser (docs/testing.md): code-server 4.100.3 (VS Code 1.100.3's
// server, web workbench and Node extension host), driven by headless Debian Chromium through playwright-core.
//
//  1. setup       Debian packages when missing, code-server into .cache/code-server/ when missing
//  2. trusted     the mocha suite in the extension host (test/vscode/suite/extension.spec.ts), through
//                 @vscode/test-electron's runTests with test/vscode/code.mjs as the VS Code executable
//  3. restricted  the Restricted Mode suite (test/vscode/suite/restricted.spec.ts), the folder untrusted
//  4. ui          clicks through the workbench (test/vscode/ui.mjs), saves docs/images/*.png
//
// Each part runs as a child process (`node test/vscode/run.mjs PART`) in its own process group, bounded by a
// timeout and killed with everything it started if it overruns. Nothing is skipped: a machine that cannot run
// these tests fails them, saying why. Full logs: .cache/vscode-test/logs/PART.log.

import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { test } from 'node:test';

const ROOT = join(__dirname, '..');
const RUN = join(ROOT, 'test', 'vscode', 'run.mjs');
const LOGS = join(ROOT, '.cache', 'vscode-test', 'logs');

interface PartResult {
  code: number | null;
  output: string;
  seconds: number;
}

function runPart(part: string, timeoutMs: number): Promise<PartResult> {
  mkdirSync(LOGS, { recursive: true });
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [RUN, part], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.on('data', (b) => (output += String(b)));
    child.stderr.on('data', (b) => (output += String(b)));
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {}
    };
    const timer = setTimeout(() => {
      output += `\n[vscode.test.ts] ${part} did not finish within ${timeoutMs / 1000} s: stopped\n`;
      // SIGTERM first: the part stops code-server and Chromium on its way out; SIGKILL if it has not in 20 s.
      killGroup('SIGTERM');
      setTimeout(() => killGroup('SIGKILL'), 20_000).unref();
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      // Whatever the part left behind in its group (it stops code-server and Chromium itself; this is the net).
      killGroup('SIGKILL');
      writeFileSync(join(LOGS, `${part}.log`), output);
      resolve({ code, output, seconds: (Date.now() - started) / 1000 });
    });
  });
}

/** The lines worth reading in a failure message: the suites' own report, not the workbench's chatter. */
function summary(output: string): string {
  const lines = output.split('\n');
  const result = lines.find((l) => l.startsWith('XENT-SUITE-RESULT ') || l.startsWith('XENT-UI-RESULT '));
  let failed = '';
  if (result?.startsWith('XENT-SUITE-RESULT ')) {
    const r = JSON.parse(result.slice('XENT-SUITE-RESULT '.length)) as { tests: { title: string; state: string; error?: string }[] };
    failed = r.tests.map((t) => `  ${t.state === 'passed' ? '✔' : '✘'} ${t.title}${t.error ? `\n      ${t.error.split('\n')[0]}` : ''}`).join('\n');
  } else if (result?.startsWith('XENT-UI-RESULT ')) {
    const r = JSON.parse(result.slice('XENT-UI-RESULT '.length)) as { step: string; ok: boolean; error?: string }[];
    failed = r.map((s) => `  ${s.ok ? '✔' : '✘'} ${s.step}${s.error ? `\n      ${s.error.split('\n')[0]}` : ''}`).join('\n');
  }
  const tail = lines.filter((l) => /^\[vscode-(web|test)|Error|error|✘|timed out|FAILED|could not/.test(l)).slice(-25).join('\n');
  return `${failed || '(no test report: the run stopped before the tests ran)'}\n--- last messages ---\n${tail}`;
}

let setupError: string | undefined;

function check(part: string, r: PartResult): void {
  console.log(`${part}: exit ${r.code} in ${r.seconds.toFixed(1)} s (log: .cache/vscode-test/logs/${part}.log)`);
  assert.equal(r.code, 0, `${part} failed (exit ${r.code}) after ${r.seconds.toFixed(0)} s:\n${summary(r.output)}`);
}

test('setup: Debian packages and code-server 4.100.3 in .cache/code-server', { timeout: 9 * 60_000 }, async () => {
  const r = await runPart('setup', 8 * 60_000);
  if (r.code !== 0) {
    setupError = r.output.split('\n').filter((l) => l.trim()).slice(-12).join('\n');
    assert.fail(`code-server could not be installed on this machine, so the extension cannot be tested in a real VS Code:\n${setupError}`);
  }
  check('setup', r);
});

test('extension host suite in a trusted folder: activation, diagnostics, quick fix, hover, lens, report', { timeout: 6 * 60_000 }, async () => {
  if (setupError !== undefined) assert.fail('code-server is not installed: the setup test above says why');
  check('trusted', await runPart('trusted', 5 * 60_000));
});

test('extension host suite in Restricted Mode: no evaluation, the lens says why', { timeout: 5 * 60_000 }, async () => {
  if (setupError !== undefined) assert.fail('code-server is not installed: the setup test above says why');
  check('restricted', await runPart('restricted', 4 * 60_000));
});

test('UI in Chromium: squiggle, Problems, light-bulb fix, hover, evaluate lens, report heat map (docs/images/*.png)', { timeout: 6 * 60_000 }, async () => {
  if (setupError !== undefined) assert.fail('code-server is not installed: the setup test above says why');
  check('ui', await runPart('ui', 5 * 60_000));
});
