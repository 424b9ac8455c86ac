// Where a command writes: process.stdout / process.stderr in the CLI, buffers in the tests.
export interface Streams {
  readonly stdout: { write(s: string): unknown };
  readonly stderr: { write(s: string): unknown };
}
