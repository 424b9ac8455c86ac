#!/usr/bin/env node
// A stand-in for the `code` executable that runs extension tests in code-server's web workbench, driven by
// headless Chromium: give it to @vscode/test-electron as `runTests({ vscodeExecutablePath })`.
//
// It accepts VS Code's command-line arguments:
//   FOLDER                              the folder to open (the first positional argument that is a directory)
//   --extensionDevelopmentPath=PATH     the extension under development (repeatable)
//   --extensionTestsPath=PATH           the tests module (`run(): Promise<void>`), run in the extension host
//   --user-data-dir=DIR, --extensions-dir=DIR
//   --disable-workspace-trust           trust every folder (otherwise: workspace trust on, no startup dialog,
//                                       so a folder opens in Restricted Mode)
//   --disable-extensions                passed on to code-server
// and ignores the desktop-only ones (--no-sandbox, --disable-gpu-sandbox, --disable-updates, --skip-welcome, …).
//
// Environment:
//   VSCODE_WEB_WORKSPACE_TRUST=enabled  keep workspace trust on even with --disable-workspace-trust (which
//                                       runTests always adds): the folder opens in Restricted Mode
//   VSCODE_WEB_TEST_TIMEOUT=SECONDS     give up (exit 1) after this long; default 300
//   VSCODE_WEB_SCREENSHOT=FILE.png      a screenshot of the workbench when the tests end (for failures)
//
// It starts code-server on a free port of 127.0.0.1, opens /?folder=…&payload=[extensionDevelopmentPath,
// extensionTestsPath] in Chromium with window.codeAutomationExit exposed, prints the browser's console (the
// extension host's output is forwarded there), and exits with the code the workbench reports. code-server and
// Chromium are always stopped before it exits.

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RESTRICTED_SETTINGS, launchChromium, log, startCodeServer, workbenchUrl, withTimeout } from './driver.mjs';

function parseArgs(argv) {
  const opts = { folders: [], extensionDevelopmentPath: [], extensionTestsPath: undefined, userDataDir: undefined, extensionsDir: undefined, disableWorkspaceTrust: false, passThrough: [], ignored: [] };
  const withValue = new Set(['--extensionDevelopmentPath', '--extensionTestsPath', '--user-data-dir', '--extensions-dir', '--locale', '--log']);
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value;
    if (arg.startsWith('--') && arg.includes('=')) {
      value = arg.slice(arg.indexOf('=') + 1);
      arg = arg.slice(0, arg.indexOf('='));
    } else if (withValue.has(arg)) value = argv[++i];
    switch (arg) {
      case '--extensionDevelopmentPath':
        opts.extensionDevelopmentPath.push(resolve(value));
        break;
      case '--extensionTestsPath':
        opts.extensionTestsPath = resolve(value);
        break;
      case '--user-data-dir':
        opts.userDataDir = resolve(value);
        break;
      case '--extensions-dir':
        opts.extensionsDir = resolve(value);
        break;
      case '--disable-workspace-trust':
        opts.disableWorkspaceTrust = true;
        break;
      case '--disable-extensions':
        opts.passThrough.push('--disable-extensions');
        break;
      case '--locale':
        opts.passThrough.push('--locale', value);
        break;
      default:
        if (!arg.startsWith('-')) opts.folders.push(resolve(arg));
        else opts.ignored.push(value === undefined ? arg : `${arg}=${value}`);
    }
  }
  return opts;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const timeout = Number(process.env.VSCODE_WEB_TEST_TIMEOUT ?? 300) * 1000;
  const trustEnabled = process.env.VSCODE_WEB_WORKSPACE_TRUST === 'enabled' || !opts.disableWorkspaceTrust;
  const folder = opts.folders.find((f) => {
    try {
      return statSync(f).isDirectory();
    } catch {
      return false;
    }
  });
  for (const f of opts.folders) if (f !== folder) log(`ignoring ${f}: only one folder is opened, files are not`);
  if (opts.ignored.length) log(`ignoring desktop-only arguments: ${opts.ignored.join(' ')}`);

  const dataDir = mkdtempSync(join(tmpdir(), 'vscode-web-'));
  let server;
  let browser;
  let exitCode = 1;
  const cleanup = async () => {
    await browser?.close().catch(() => {});
    await server?.stop().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      log(`${signal}: stopping code-server and Chromium`);
      void cleanup().finally(() => process.exit(130));
    });
  }
  try {
    server = await startCodeServer({
      dataDir,
      userDataDir: opts.userDataDir,
      extensionsDir: opts.extensionsDir,
      settings: trustEnabled ? RESTRICTED_SETTINGS : {},
      extraArgs: opts.passThrough,
    });
    log(`code-server ${server.origin}; workspace trust ${trustEnabled ? 'on' : 'off'}; folder ${folder ?? '(none)'}`);
    const launched = await launchChromium();
    browser = launched.browser;
    const { page } = launched;
    let reportExit;
    const exited = new Promise((r) => (reportExit = r));
    await page.exposeFunction('codeAutomationExit', (code) => reportExit(Number(code)));
    page.on('console', (msg) => {
      // "%c INFO" styled with "color: #33f": keep the text (and the level, unless it is INFO).
      const text = msg
        .text()
        .replace(/%c/g, '')
        .replace(/^\s*INFO\s+color:\s*#[0-9a-f]+\s?/i, '')
        .replace(/^\s*(\w+)\s+color:\s*#[0-9a-f]+\s?/i, '$1 ');
      // The workbench's own chatter (and the extension host's, which arrives here too) goes to stdout as is.
      process.stdout.write(`${text}\n`);
    });
    page.on('pageerror', (err) => process.stderr.write(`[page error] ${err.message}\n`));
    page.on('crash', () => reportExit(1));
    const url = workbenchUrl(server, { folder, extensionDevelopmentPath: opts.extensionDevelopmentPath, extensionTestsPath: opts.extensionTestsPath });
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    if (!opts.extensionTestsPath) {
      log('no --extensionTestsPath: the workbench stays open until the timeout or Ctrl+C');
    }
    exitCode = await withTimeout(exited, timeout, 'the extension tests to finish (window.codeAutomationExit)').catch(async (err) => {
      log(err.message);
      return 1;
    });
    if (process.env.VSCODE_WEB_SCREENSHOT) await page.screenshot({ path: process.env.VSCODE_WEB_SCREENSHOT }).catch(() => {});
    if (exitCode !== 0) log(`code-server's log:\n${server.output().slice(-6000)}`);
  } catch (err) {
    log(err instanceof Error ? (err.stack ?? err.message) : String(err));
    exitCode = 1;
  } finally {
    await cleanup();
  }
  process.exit(exitCode);
}

await main();
