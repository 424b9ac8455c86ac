// The `xent` command line: a thin layer over the language core (no LSP imports here). dist/cli.js
// (launcher.ts) starts this bundle, dist/cli-main.js.

import { runCli } from './run';

// A reader that stops early (`xent eval FILE | head -1`) closes the pipe: the next write fails with EPIPE.
// That is the reader's choice, not an error of xent: end quietly with 0, as `cat` and `grep` do, instead of
// dying with a stack trace. Any other stream error is reported once and exits 2.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') process.exit(stream === process.stdout ? 0 : (process.exitCode ?? 0));
    try {
      if (stream !== process.stderr) process.stderr.write(`xent: cannot write the output: ${err.message}\n`);
    } finally {
      process.exit(2);
    }
  });
}

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`xent: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 2;
  },
);
