// A throwaway PostgreSQL 15 server for the tests (Debian's `postgresql` package; .ci/run installs it):
// initdb into a temporary folder, the server listening only on a Unix socket in that folder
// (listen_addresses = ''), fsync off, trust authentication. As root (CI, these machines) initdb and the server
// run as the `postgres` user the package creates, through runuser, with the folder owned by it. `stop()`
// stops the server and removes the folder; call it in a finally / after hook so a failure removes it too.

import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's PostgreSQL 15 (bookworm's `postgresql`); on a Debian whose `postgresql` is newer, that version. */
export const POSTGRES_BIN = postgresBin();

function postgresBin(): string {
  const base = '/usr/lib/postgresql';
  if (existsSync(join(base, '15', 'bin'))) return join(base, '15', 'bin');
  const versions = existsSync(base) ? readdirSync(base).filter((v) => /^\d+$/.test(v) && existsSync(join(base, v, 'bin', 'initdb'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  return join(base, versions[0] ?? '15', 'bin');
}

export interface Postgres {
  /** Runs psql with these arguments (connection options added), input on stdin; stdout, or throws with stderr. */
  psql(args: readonly string[], input?: string): string;
  /** Stops the server and removes its folder (idempotent). */
  stop(): void;
  readonly dir: string;
}

/** Throws with what to install when PostgreSQL 15 is missing: the tests fail, they never skip. */
export function requirePostgres(): void {
  for (const tool of ['initdb', 'pg_ctl', 'psql']) {
    if (!existsSync(join(POSTGRES_BIN, tool))) {
      throw new Error(`PostgreSQL 15 is not installed (${join(POSTGRES_BIN, tool)} is missing): apt-get install postgresql (.ci/run installs it)`);
    }
  }
}

export function startPostgres(): Postgres {
  requirePostgres();
  const dir = mkdtempSync(join(tmpdir(), 'xent-pg-'));
  const data = join(dir, 'data');
  const socket = join(dir, 'socket');
  const log = join(dir, 'server.log');
  const root = process.getuid?.() === 0;
  // As root, PostgreSQL refuses to run: the server and initdb run as `postgres`, which must own the folder.
  const asServer = (tool: string, args: string[]): [string, string[]] => (root ? ['runuser', ['-u', 'postgres', '--', join(POSTGRES_BIN, tool), ...args]] : [join(POSTGRES_BIN, tool), args]);
  let running = false;
  const stop = () => {
    process.removeListener('exit', stop);
    if (running) {
      const [cmd, args] = asServer('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      spawnSync(cmd, args, { stdio: 'ignore', timeout: 30_000 });
      running = false;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    mkdirSync(socket);
    writeFileSync(log, '');
    if (root) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
      for (const p of [dir, socket, log]) chownSync(p, uid, gid);
    }
    run(...asServer('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']));
    const options = `-c listen_addresses='' -c unix_socket_directories='${socket}' -c port=5432 -c fsync=off -c full_page_writes=off -c synchronous_commit=off`;
    run(...asServer('pg_ctl', ['-D', data, '-l', log, '-o', options, '-w', '-t', '60', 'start']));
    running = true;
    // A test process that ends without its after hook (an uncaught error, process.exit) still stops the server.
    process.once('exit', stop);
  } catch (err) {
    stop();
    throw err;
  }
  return {
    dir,
    stop,
    psql(args, input) {
      const r = spawnSync(join(POSTGRES_BIN, 'psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', socket, '-p', '5432', '-U', 'postgres', '-d', 'postgres', ...args], {
        input,
        encoding: 'utf8',
        timeout: 120_000,
      });
      if (r.status !== 0) throw new Error(`psql ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr}`);
      return r.stdout;
    },
  };
}

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr || r.stdout}`);
}
