// Publishes each open document's diagnostics after every change, merged with the diagnostics of its last
// evaluations (published again when an evaluation finishes); clears them when the document closes. The rule
// severities (.xent.json, xent.rules) are the core's: analyze() applied them to the document's diagnostics, and the
// evaluation's go through the same applySeverities here.

import { applySeverities } from '../../core/rules';
import type { Feature, ServerContext } from '../context';
import { toLspDiagnostic } from '../convert';
import { evaluationDiagnostics, onEvaluationChanged } from '../evaluation';

function publish(ctx: ServerContext, uri: string): void {
  const state = ctx.store.get(uri);
  if (!state) return;
  const version = state.document.version;
  // The document's own diagnostics, and those of its last evaluations (a missing data file, a data problem).
  const all = [...state.analysis.diagnostics, ...applySeverities(evaluationDiagnostics(ctx, uri, state.analysis), ctx.ruleSeverities(uri))];
  const diagnostics = all.map((d) => toLspDiagnostic(d, uri));
  void ctx.connection.sendDiagnostics({ uri, version, diagnostics });
}

export const diagnosticsFeature: Feature = {
  name: 'diagnostics',
  capabilities: {},
  register(ctx) {
    ctx.store.documents.onDidChangeContent((e) => {
      try {
        publish(ctx, e.document.uri);
      } catch (err) {
        ctx.log(`xent: diagnostics failed: ${String(err)}`);
      }
    });
    ctx.store.documents.onDidClose((e) => void ctx.connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }));
    ctx.onSettingsChanged(() => ctx.store.all().forEach((d) => publish(ctx, d.uri)));
    onEvaluationChanged(ctx, (uri) => publish(ctx, uri));
  },
};
