// Publishes each open document's diagnostics after every change, with the per-rule severity overrides of
// the `xent.rules` setting applied, merged with the diagnostics of its last evaluations (published again when
// an evaluation finishes); clears them when the document closes.

import type { Diagnostic } from '../../core/diagnostic';
import type { Feature, ServerContext } from '../context';
import { toLspDiagnostic } from '../convert';
import { evaluationDiagnostics, onEvaluationChanged } from '../evaluation';
import type { XentSettings } from '../settings';

/** Applies `xent.rules`: "off" drops a rule's diagnostics, a severity replaces the rule's own. */
export function applyRuleSettings(diagnostics: readonly Diagnostic[], settings: XentSettings): { d: Diagnostic; severity: Diagnostic['severity'] }[] {
  const out: { d: Diagnostic; severity: Diagnostic['severity'] }[] = [];
  for (const d of diagnostics) {
    const override = settings.rules[d.code];
    if (override === 'off') continue;
    out.push({ d, severity: override ?? d.severity });
  }
  return out;
}

function publish(ctx: ServerContext, uri: string): void {
  const state = ctx.store.get(uri);
  if (!state) return;
  const version = state.document.version;
  // The document's own diagnostics, and those of its last evaluations (a missing data file, a data problem).
  const all = [...state.analysis.diagnostics, ...evaluationDiagnostics(ctx, uri, state.analysis)];
  const diagnostics = applyRuleSettings(all, ctx.settings(uri)).map(({ d, severity }) => toLspDiagnostic(d, uri, severity));
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
