// What every feature module receives: the connection, the documents, the settings and a guard.
// A feature is `{ capabilities, register(ctx) }` (features/index.ts lists them); none talks to another.

import type { CancellationToken, Connection, ServerCapabilities } from 'vscode-languageserver';
import type { RuleSeverities } from '../core/rules';
import type { DocumentStore } from './documents';
import type { XentSettings } from './settings';

export interface ServerContext {
  readonly connection: Connection;
  readonly store: DocumentStore;
  settings(uri?: string): XentSettings;
  /** The rule severities of a document: its nearest .xent.json with the xent.rules setting over it. */
  ruleSeverities(uri: string): RuleSeverities;
  /**
   * Wraps a request handler: an exception is logged and answered with `fallback` (the server never dies of a
   * feature's bug); a cancelled request answers the error RequestCancelled (-32800), before running or after;
   * after `shutdown` every request answers InvalidRequest (-32600). A handler may throw a ResponseError of its
   * own, which is answered as it is.
   */
  guard<P, R>(name: string, fallback: R, handler: (params: P, token: CancellationToken) => R | Promise<R>): (params: P, token: CancellationToken) => Promise<R>;
  log(message: string): void;
  /** The workspace folders' file-system paths, or none (lsp/workspace.ts: the one source of them). */
  workspaceFolders(): Promise<readonly string[]>;
  /** Called after the settings (or the workspace trust) change. */
  onSettingsChanged(listener: () => void): void;
}

export interface Feature {
  readonly name: string;
  readonly capabilities: ServerCapabilities;
  register(ctx: ServerContext): void;
}
