// Starts code-server (VS Code's server and web workbench) and headless Debian Chromium through playwright-core,
// and stops both, whatever happens. Shared by the VS Code stand-in (code.mjs, which runs extension tests) and
// the UI test (ui.mjs). Every wait is bounded; every process started here is killed at the end.

import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, ensureCodeServer } from './setup.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** User settings every test session starts with (the workbench without welcome pages, tips, updates, telemetry). */
export const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'window.commandCenter': true,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'editor.codeLens': true,
  'editor.hover.delay': 300,
  'editor.lightbulb.enabled': 'on',
  'files.hotExit': 'off',
  'security.workspace.trust.enabled': false,
};

/** Settings that put an untrusted folder in Restricted Mode without the startup dialog. */
export const RESTRICTED_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'security.workspace.trust.emptyWindow': false,
  'security.workspace.trust.untrustedFiles': 'open',
};

export function log(message) {
  process.stderr.write(`[vscode-web] ${message}\n`);
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Rejects after `ms` with a message naming what was waited for. */
export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s waiting for ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Starts code-server on a free port of 127.0.0.1 with its own user-data, extensions and XDG folders under
 * `dataDir` (or the given ones), and the given user settings (written over `User/settings.json` of the user data
 * folder: these are test profiles). Resolves once /healthz answers.
 */
export async function startCodeServer({ dataDir, userDataDir, extensionsDir, settings = {}, extraArgs = [], env = {}, echo = false } = {}) {
  const entry = ensureCodeServer();
  const port = await freePort();
  const dirs = {
    userData: userDataDir ?? join(dataDir, 'user-data'),
    extensions: extensionsDir ?? join(dataDir, 'extensions'),
    config: join(dataDir, 'xdg', 'config'),
    data: join(dataDir, 'xdg', 'data'),
    cache: join(dataDir, 'xdg', 'cache'),
    state: join(dataDir, 'xdg', 'state'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify({ ...BASE_SETTINGS, ...settings }, null, 2));
  const config = join(dataDir, 'config.yaml');
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const logFile = join(dataDir, 'code-server.log');
  const out = createWriteStream(logFile);
  const args = [
    entry,
    '--config', config,
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...extraArgs,
  ];
  const child = spawn(process.execPath, args, {
    // Its own process group: stop() kills code-server with its extension host, pty host and watchers.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      EXTENSIONS_GALLERY: '{}',
      XDG_CONFIG_HOME: dirs.config,
      XDG_DATA_HOME: dirs.data,
      XDG_CACHE_HOME: dirs.cache,
      XDG_STATE_HOME: dirs.state,
      ...env,
    },
  });
  let output = '';
  const collect = (chunk) => {
    out.write(chunk);
    output += String(chunk);
    if (output.length > 200_000) output = output.slice(-100_000);
    if (echo) process.stderr.write(chunk);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let exited = null;
  // However this process ends (an exception, a signal turned into process.exit), code-server's group goes too.
  const killOnExit = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
  };
  process.on('exit', killOnExit);
  child.on('exit', (code, signal) => (exited = { code, signal }));

  const origin = `http://127.0.0.1:${port}`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (exited === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {}
      for (let i = 0; i < 50 && exited === null; i++) await sleep(100);
    }
    // Whatever is left of the group (the extension host, file watchers) goes too.
    killOnExit();
    process.off('exit', killOnExit);
    out.end();
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== null) {
      await stop();
      throw new Error(`code-server exited (${exited.code ?? exited.signal}) before answering /healthz:\n${output.slice(-4000)}`);
    }
    try {
      const res = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {}
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer ${origin}/healthz within 60 s:\n${output.slice(-4000)}`);
    }
    await sleep(200);
  }
  return {
    port,
    origin,
    authority: `127.0.0.1:${port}`,
    logFile,
    output: () => output,
    stop,
  };
}

/** The workbench URL for a folder, with extension development/test parameters in the payload. */
export function workbenchUrl(server, { folder, extensionDevelopmentPath, extensionTestsPath } = {}) {
  const params = new URLSearchParams();
  if (folder) params.set('folder', folder);
  const payload = [];
  const remote = (p) => `vscode-remote://${server.authority}${p}`;
  for (const p of [extensionDevelopmentPath ?? []].flat()) payload.push(['extensionDevelopmentPath', remote(p)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  if (payload.length) params.set('payload', JSON.stringify(payload));
  return `${server.origin}/?${params.toString()}`;
}

/** Headless Debian Chromium through playwright-core. */
export async function launchChromium({ viewport = { width: 1280, height: 800 } } = {}) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
  try {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1, reducedMotion: 'reduce' });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.setDefaultNavigationTimeout(60_000);
    return { browser, context, page };
  } catch (err) {
    await browser.close().catch(() => {});
    throw err;
  }
}
