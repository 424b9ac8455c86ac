// `xent sql`: prints the query that computes an experiment's sufficient statistics inside a SQL engine.
// (Being written: issue 13 item 3.)

import type { Streams } from './streams';

export async function sqlCommand(_args: string[], io: Streams): Promise<number> {
  io.stderr.write('xent sql: not available yet\n');
  return 2;
}
