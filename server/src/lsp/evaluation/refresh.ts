// Asks the client to re-request lenses or inlay hints after results arrive (workspace/codeLens/refresh,
// workspace/inlayHint/refresh). Bursts (evaluate all) are coalesced into one request; a client that answers
// with an error (it does not support the request) is not asked again.

import type { Connection } from 'vscode-languageserver';

export function clientRefresher(connection: Connection, method: 'workspace/codeLens/refresh' | 'workspace/inlayHint/refresh', delayMs = 30): () => void {
  let supported = true;
  let timer: NodeJS.Timeout | undefined;
  return () => {
    if (!supported || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      connection.sendRequest(method).then(
        () => undefined,
        () => {
          supported = false;
        },
      );
    }, delayMs);
  };
}
