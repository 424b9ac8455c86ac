// The evaluation service of a server (one per ServerContext), and the entry points other features use:
// the diagnostics feature merges evaluationDiagnostics into what it publishes, and the hover section, which
// receives no context, asks evaluatedOutcome for the result of the experiment under the cursor.

import type { Analysis } from '../../core/check';
import type { Diagnostic } from '../../core/diagnostic';
import type { ExperimentModel } from '../../core/model/types';
import type { ServerContext } from '../context';
import { EvaluationService, type Outcome } from './service';

export { EvaluationService, RESTRICTED, type EvaluateAnswer, type Outcome } from './service';

const services = new WeakMap<ServerContext, EvaluationService>();
const all = new Set<EvaluationService>();

/** The server's evaluation service, created and wired to the documents and settings on first use. */
export function evaluationService(ctx: ServerContext): EvaluationService {
  let service = services.get(ctx);
  if (service) return service;
  const created = new EvaluationService(ctx);
  services.set(ctx, created);
  all.add(created);
  ctx.store.documents.onDidChangeContent((e) => {
    const state = ctx.store.get(e.document.uri);
    if (state) created.bind(state.analysis, e.document.uri);
  });
  ctx.store.documents.onDidClose((e) => created.documentClosed(e.document.uri));
  ctx.onSettingsChanged(() => created.settingsChanged());
  service = created;
  return service;
}

/** Evaluation threads of the server stuck in a system call (terminated, not gone); 0 if none ever ran. */
export function evaluationThreadsStuck(ctx: ServerContext): number {
  return services.get(ctx)?.threadsStuck() ?? 0;
}

/** Stops the server's evaluations and their threads (on shutdown and exit); nothing is created if none ran. */
export function disposeEvaluation(ctx: ServerContext): void {
  services.get(ctx)?.dispose();
}

/** The evaluation diagnostics of a document on its current text (the diagnostics feature publishes them). */
export function evaluationDiagnostics(ctx: ServerContext, uri: string, analysis: Analysis): Diagnostic[] {
  return evaluationService(ctx).diagnostics(uri, analysis);
}

/** Calls `listener(uri)` when a document's evaluation diagnostics may have changed. */
export function onEvaluationChanged(ctx: ServerContext, listener: (uri: string) => void): void {
  evaluationService(ctx).onDidChange(listener);
}

/** The evaluation of this experiment's current content, if there is one (for the hover). */
export function evaluatedOutcome(analysis: Analysis, model: ExperimentModel): Outcome | undefined {
  for (const s of all) {
    const o = s.freshOutcome(analysis, model);
    if (o) return o;
  }
  return undefined;
}
