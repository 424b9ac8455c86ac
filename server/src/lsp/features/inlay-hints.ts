// Inlay hints after `loss:` and after each metric in `metrics: [...]`: the last computed value ("= 0.4594"),
// with a tooltip naming the experiment and the number of samples. Like the lenses, they keep the last result
// while the user types (the tooltip then says it predates the latest changes), and show nothing for a loss
// or metric the last result did not compute.

import { type InlayHint, type InlayHintParams } from 'vscode-languageserver';
import type { Analysis } from '../../core/check';
import type { ExperimentResult } from '../../core/eval/types';
import type { Feature, ServerContext } from '../context';
import { evaluationService } from '../evaluation';
import { formatMetric, lossValue, metricRef, metricValue } from '../evaluation/headline';
import { clientRefresher } from '../evaluation/refresh';
import type { LensOutcome } from './code-lens';

export interface HintInput {
  readonly analysis: Analysis;
  outcome(name: string): LensOutcome | undefined;
  /** Offsets [from, to] of the requested range. */
  readonly from: number;
  readonly to: number;
}

export interface Hint {
  /** Offset the hint stands at (just after the loss or metric). */
  readonly offset: number;
  readonly label: string;
  readonly tooltip: string;
}

function tooltipOf(what: string, r: ExperimentResult, fresh: boolean): string {
  const samples = `${r.samples} ${r.samples === 1 ? 'sample' : 'samples'}`;
  return `${what} of experiment ${r.name} on ${samples}${fresh ? '' : ' (computed before the latest changes)'}`;
}

export function buildHints({ analysis, outcome, from, to }: HintInput): Hint[] {
  const hints: Hint[] = [];
  for (const model of analysis.models) {
    if (model.node.end < from || model.node.start > to) continue;
    const o = outcome(model.name);
    if (!o || o.result.error) continue;
    const r = o.result;
    // Only what this experiment's own text says: an inherited loss stands in the parent, with the parent's numbers.
    const loss = model.loss;
    const value = lossValue(r);
    if (loss && loss.experiment === model.name && value !== undefined && r.loss?.name === loss.name) {
      hints.push({ offset: loss.node.end, label: `= ${formatMetric(loss.name, value)}`, tooltip: tooltipOf(`The ${loss.name} loss`, r, o.fresh) });
    }
    for (const metric of model.metrics) {
      if (metric.experiment !== model.name) continue;
      const v = metricValue(r, metricRef(metric));
      if (v !== undefined) hints.push({ offset: metric.node.end, label: `= ${formatMetric(metric.name, v)}`, tooltip: tooltipOf(metric.name, r, o.fresh) });
    }
  }
  return hints.filter((h) => h.offset >= from && h.offset <= to);
}

export const inlayHintsFeature: Feature = {
  name: 'inlay-hints',
  capabilities: { inlayHintProvider: { resolveProvider: false } },
  register(ctx: ServerContext) {
    const service = evaluationService(ctx);
    const refresh = clientRefresher(ctx.connection, 'workspace/inlayHint/refresh');
    service.onDidChange(() => refresh());

    ctx.connection.languages.inlayHint.on(
      ctx.guard<InlayHintParams, InlayHint[]>('inlayHint', [], (params) => {
        const uri = params.textDocument.uri;
        const state = ctx.store.get(uri);
        if (!state) return [];
        const { analysis } = state;
        const source = analysis.parse.source;
        service.bind(analysis, uri);
        return buildHints({
          analysis,
          from: source.offsetAt(params.range.start),
          to: source.offsetAt(params.range.end),
          outcome(name) {
            const o = service.lastOutcome(uri, name);
            const model = analysis.models.find((m) => m.name === name);
            return o && { result: o.result, fresh: !!model && service.isFresh(o, analysis, model) };
          },
        }).map((h) => ({ position: source.positionAt(h.offset), label: h.label, paddingLeft: true, tooltip: h.tooltip }));
      }),
    );
  },
};
