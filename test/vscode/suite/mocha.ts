// Runs mocha inside VS Code's extension host (the `run(): Promise<void>` contract of extensionTestsPath).
// Mocha is bundled into the suite by esbuild (test/vscode/build.mjs); the extension host loads plain JS.
// Besides mocha's spec output, one line `XENT-SUITE-RESULT {json}` lists every test and its outcome, so the
// runner outside (test/vscode.test.ts) can say precisely what passed and what failed.

import { format } from 'node:util';
import Mocha from 'mocha';

// The extension host forwards console output to the workbench without printf formatting: format here.
const reporterLog = Mocha.reporters.Base.consoleLog;
Mocha.reporters.Base.consoleLog = (...args: unknown[]) => reporterLog(format(...args));

export interface TestOutcome {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  error?: string;
  ms?: number;
}

export function runMocha(name: string, register: () => void): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, reporter: 'spec', timeout: 60_000, slow: 10_000 });
  // Binds mocha's suite()/test() (imported from 'mocha' by the spec modules) to this instance.
  mocha.suite.emit('pre-require', globalThis, name, mocha);
  register();
  return new Promise((resolve, reject) => {
    const outcomes: TestOutcome[] = [];
    const runner = mocha.run((failures) => {
      console.log(`XENT-SUITE-RESULT ${JSON.stringify({ suite: name, failures, tests: outcomes })}`);
      if (failures > 0) reject(new Error(`${name}: ${failures} test(s) failed`));
      else resolve();
    });
    runner.on('pass', (t) => outcomes.push({ title: t.fullTitle(), state: 'passed', ms: t.duration }));
    runner.on('fail', (t, err: Error) => outcomes.push({ title: t.fullTitle(), state: 'failed', error: String(err?.message ?? err).slice(0, 2000) }));
    runner.on('pending', (t) => outcomes.push({ title: t.fullTitle(), state: 'pending' }));
  });
}
