#!/usr/bin/env node
// Installs what the real-VS-Code tests need, idempotently and only when missing:
//  - Debian packages (apt-get install -y, as root or through sudo): Chromium, ripgrep, and the headers and tools
//    code-server's native modules build with;
//  - code-server 4.100.3 (VS Code 1.100.3's server and web workbench) from npm, into .cache/code-server/
//    (git-ignored), outside the project's own dependencies.
//
// Usage: node test/vscode/setup.mjs   (prints the path of code-server's entry point)
// or import { ensureCodeServer } from './setup.mjs'.
//
// Details, all checked on Debian 12 with Node 20 and npm 11:
//  - @vscode/ripgrep's install script downloads ripgrep from GitHub unless it finds
//    $TMPDIR/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz; the install runs with
//    a TMPDIR of its own holding a tarball of Debian's /usr/bin/rg, so no download is attempted.
//  - npm 11 reports dependencies' install scripts that no `allowScripts` entry covers ("npm warn install-scripts").
//    code-server's postinstall (it installs lib/vscode's own dependencies and builds node-pty, spdlog, kerberos, …)
//    and argon2's install are approved in the cache folder's package.json (`allowScripts`, what
//    `npm install-scripts approve` writes). Should a future npm skip them anyway, the postinstall is run here by
//    hand; either way the result is checked file by file.
//  - node-pty's install runs `npx node-gyp`: npm_config_yes=true answers npx's prompt; node-gyp builds against
//    the installed Node's headers (/usr/include/node), so nothing is downloaded from nodejs.org.
//  - The install goes to a staging folder and is renamed into place once complete, so an interrupted or
//    concurrent install never leaves a half-installed code-server behind.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// XENT_CODE_SERVER_CACHE moves the cache (a CI cache folder, or a scratch one to try a fresh install).
export const CACHE = process.env.XENT_CODE_SERVER_CACHE ? resolve(process.env.XENT_CODE_SERVER_CACHE) : join(ROOT, '.cache', 'code-server');
export const INSTALL_DIR = join(CACHE, CODE_SERVER_VERSION);
export const CODE_SERVER_DIR = join(INSTALL_DIR, 'node_modules', 'code-server');
export const CODE_SERVER_ENTRY = join(CODE_SERVER_DIR, 'out', 'node', 'entry.js');
export const CHROMIUM = '/usr/bin/chromium';

// chromium: the UI test's browser (chromium-driver is listed by the issue; playwright itself speaks CDP);
// the -dev packages, build-essential and python3: code-server's native modules (kerberos, node-pty, spdlog).
const DEBIAN_PACKAGES = ['libkrb5-dev', 'libsecret-1-dev', 'libx11-dev', 'libxkbfile-dev', 'ripgrep', 'chromium', 'chromium-driver', 'build-essential', 'python3'];
const RIPGREP_CACHE = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_TARBALL = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

/** Files a complete install has: the postinstall's symlink, the native modules it builds, ripgrep. */
function missingFiles(dir = CODE_SERVER_DIR) {
  const vscode = join(dir, 'lib', 'vscode');
  const required = [
    join(dir, 'out', 'node', 'entry.js'),
    join(vscode, 'out', 'server-main.js'),
    join(vscode, 'node_modules.asar'),
    join(vscode, 'node_modules', 'node-pty', 'build', 'Release', 'pty.node'),
    join(vscode, 'node_modules', '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node'),
    join(vscode, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'),
    join(vscode, 'extensions', 'node_modules'),
  ];
  return required.filter((f) => !existsSync(f));
}

function log(message) {
  process.stderr.write(`[vscode-test setup] ${message}\n`);
}

function run(cmd, args, options = {}) {
  log(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
}

function packageInstalled(name) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

/** apt-get installs the Debian packages that are not installed yet. */
export function ensureDebianPackages() {
  if (spawnSync('dpkg-query', ['--version']).status !== 0) {
    const missing = [CHROMIUM, '/usr/bin/rg'].filter((f) => !existsSync(f));
    if (missing.length) throw new Error(`not a Debian system and ${missing.join(', ')} missing: install Chromium and ripgrep by hand`);
    return;
  }
  const missing = DEBIAN_PACKAGES.filter((p) => !packageInstalled(p));
  if (missing.length === 0) return;
  const root = process.getuid?.() === 0;
  if (!root && spawnSync('sudo', ['-n', 'true']).status !== 0) {
    throw new Error(`Debian packages missing: ${missing.join(' ')}. Install them (apt-get install -y ${missing.join(' ')}) or run as root.`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const cmd = root ? 'apt-get' : 'sudo';
  const base = root ? [] : ['-n', 'apt-get'];
  log(`installing Debian packages: ${missing.join(' ')}`);
  run(cmd, [...base, 'update', '-qq'], { env });
  run(cmd, [...base, 'install', '-y', '-qq', '--no-install-recommends', ...missing], { env });
}

function ensureRipgrepTarball(tmp) {
  const dir = join(tmp, RIPGREP_CACHE);
  const tarball = join(dir, RIPGREP_TARBALL);
  if (existsSync(tarball)) return;
  if (!existsSync('/usr/bin/rg')) throw new Error('/usr/bin/rg not found: apt-get install -y ripgrep');
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['czf', tarball, '-C', '/usr/bin', 'rg']);
}

function npmEnv(tmp) {
  const env = { ...process.env, TMPDIR: tmp, npm_config_yes: 'true', npm_config_unsafe_perm: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  // node-gyp builds against the running Node's own headers when they are installed (Debian/NodeSource nodejs),
  // instead of downloading them.
  const header = '/usr/include/node/node_version.h';
  if (!env.npm_config_nodedir && existsSync(header)) {
    const h = readFileSync(header, 'utf8');
    const v = ['MAJOR', 'MINOR', 'PATCH'].map((k) => new RegExp(`#define NODE_${k}_VERSION (\\d+)`).exec(h)?.[1]).join('.');
    if (`v${v}` === process.version) env.npm_config_nodedir = '/usr';
  }
  return env;
}

function npmVersion() {
  return execFileSync('npm', ['--version'], { encoding: 'utf8' }).trim();
}

function install() {
  const staging = join(CACHE, `staging-${process.pid}`);
  const tmp = join(CACHE, 'tmp');
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  mkdirSync(tmp, { recursive: true });
  ensureRipgrepTarball(tmp);
  writeFileSync(
    join(staging, 'package.json'),
    JSON.stringify(
      {
        name: 'xent-code-server-cache',
        private: true,
        description: 'code-server for the real-VS-Code tests of xent (test/vscode/setup.mjs); not a project dependency.',
        dependencies: { 'code-server': CODE_SERVER_VERSION },
        // Reviewed install scripts: code-server's postinstall installs lib/vscode's dependencies; argon2 builds
        // its native binding (node-pre-gyp, falling back to a local build).
        allowScripts: { [`code-server@${CODE_SERVER_VERSION}`]: true, argon2: true },
      },
      null,
      2,
    ) + '\n',
  );
  const env = npmEnv(tmp);
  const started = Date.now();
  try {
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: staging, env });
    const dir = join(staging, 'node_modules', 'code-server');
    if (!existsSync(join(dir, 'lib', 'vscode', 'node_modules.asar'))) {
      // The postinstall did not run (an npm that skips install scripts): run it as npm would.
      log('code-server postinstall did not run; running it');
      const agent = `npm/${npmVersion()} node/${process.version} ${process.platform} ${process.arch} workspaces/false`;
      run('sh', ['./postinstall.sh'], { cwd: dir, env: { ...env, npm_config_user_agent: agent } });
    }
    const missing = missingFiles(dir);
    if (missing.length) throw new Error(`code-server ${CODE_SERVER_VERSION} installed incompletely; missing:\n  ${missing.join('\n  ')}`);
    try {
      renameSync(staging, INSTALL_DIR);
    } catch (err) {
      // Another process finished first: keep its install.
      if (!existsSync(INSTALL_DIR) || missingFiles().length) throw err;
      rmSync(staging, { recursive: true, force: true });
    }
    log(`code-server ${CODE_SERVER_VERSION} installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
}

/** Installs whatever is missing and returns the path of code-server's entry point. */
export function ensureCodeServer({ debianPackages = true } = {}) {
  if (debianPackages) ensureDebianPackages();
  if (existsSync(INSTALL_DIR) && missingFiles().length === 0) return CODE_SERVER_ENTRY;
  if (existsSync(INSTALL_DIR)) {
    log(`incomplete install in ${INSTALL_DIR} (missing ${missingFiles().join(', ')}); reinstalling`);
    rmSync(INSTALL_DIR, { recursive: true, force: true });
  }
  mkdirSync(CACHE, { recursive: true });
  try {
    install();
  } catch (err) {
    throw new Error(
      `code-server ${CODE_SERVER_VERSION} could not be installed into ${CACHE}: ${err instanceof Error ? err.message : String(err)}\n` +
        'It needs the npm registry, Node 20, a C++ tool chain (build-essential, python3) and libkrb5-dev, libsecret-1-dev, ' +
        'libx11-dev, libxkbfile-dev; see docs/testing.md.',
    );
  }
  return CODE_SERVER_ENTRY;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    console.log(ensureCodeServer());
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
