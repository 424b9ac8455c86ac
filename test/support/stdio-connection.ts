// The one way tests speak JSON-RPC to a server process over its stdio pipes.
//
// vscode-jsonrpc's stream reader re-arms a 10 s "partial message" timer for as long as its buffer holds an
// incomplete message, and disposing the connection does not clear it. A test that kills a server while it
// is writing (stop() sends `exit`, then SIGTERM) leaves half a message behind, and that timer then keeps
// the test file's process alive forever: CI once waited 86 minutes on test/lsp.test.ts for it. Tests have
// no use for partial-message events, so the timer is turned off.

import type { ChildProcess } from 'node:child_process';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export function stdioConnection(child: ChildProcess): MessageConnection {
  const reader = new StreamMessageReader(child.stdout!);
  reader.partialMessageTimeout = 0;
  return createMessageConnection(reader, new StreamMessageWriter(child.stdin!));
}
