// Where a command reads and writes: the process's streams in the CLI, buffers in the tests.
export interface Streams {
  readonly stdout: { write(s: string): unknown };
  readonly stderr: { write(s: string): unknown };
  /** Where `--data -` reads from (process.stdin when absent). */
  readonly stdin?: AsyncIterable<Uint8Array>;
}
