// What has been evaluated in a document, for an editor's status bar and its "Show Report" fallbacks:
//   xent/outcomes { uri } → { experiments: string[], outcomes: { name, at, stale, headline }[] }
//     experiments: every experiment of the document, in the file's order; outcomes: those with a result
//     (an explicit evaluation or the background check of small data files), the most recent first.
//   xent/outcomesChanged { uri } (server → client notification): a result of the document changed.
// Restricted Mode: no outcomes (nothing is evaluated there).

import type { Feature, ServerContext } from '../context';
import { evaluationService, onEvaluationChanged } from '../evaluation';
import { headline } from '../../../../shared/headline';

export interface OutcomeSummary {
  readonly name: string;
  /** When it was computed (ISO time). */
  readonly at: string;
  /** The text or a data file changed since. */
  readonly stale: boolean;
  /** The lens's headline ("log_loss 0.4194 · accuracy 0.813 · 50 samples · 3 ms"). */
  readonly headline: string;
}

export interface OutcomesAnswer {
  readonly experiments: string[];
  readonly outcomes: OutcomeSummary[];
}

export function outcomesOf(ctx: ServerContext, uri: string): OutcomesAnswer {
  const service = evaluationService(ctx);
  const state = ctx.store.get(uri);
  if (!state) return { experiments: [], outcomes: [] };
  const experiments = [...new Set(state.analysis.models.map((m) => m.name))];
  if (service.restricted(uri)) return { experiments, outcomes: [] };
  const outcomes = experiments
    .flatMap((name) => {
      const r = service.report(uri, name);
      return r ? [{ name, at: r.evaluatedAt, stale: r.stale, headline: headline(r.result) }] : [];
    })
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return { experiments, outcomes };
}

export const outcomesFeature: Feature = {
  name: 'outcomes',
  capabilities: {},
  register(ctx: ServerContext) {
    ctx.connection.onRequest(
      'xent/outcomes',
      ctx.guard<{ uri?: unknown }, OutcomesAnswer>('xent/outcomes', { experiments: [], outcomes: [] }, (params) =>
        typeof params?.uri === 'string' ? outcomesOf(ctx, params.uri) : { experiments: [], outcomes: [] },
      ),
    );
    onEvaluationChanged(ctx, (uri) => void ctx.connection.sendNotification('xent/outcomesChanged', { uri }));
  },
};
