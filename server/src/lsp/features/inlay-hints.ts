// Inlay hints after `loss:` and after each metric in `metrics: [...]`: the last computed value ("= 0.4594",
// "= cat 0.8000 · dog 0.5000" for average none, "= [[2, 0], [1, 3]]" for a confusion matrix), or "— error"
// when the library refused it, with the reason in the tooltip. The values are the result's `declared` list
// (the numbers of `xent eval --json`), matched to the metrics of the text by their order and name. Like the
// lenses, hints keep the last result while the user types (the tooltip then says it predates the latest
// changes), and show nothing for a loss or metric the last result does not hold.

import { type InlayHint, type InlayHintParams } from 'vscode-languageserver';
import type { Analysis } from '../../core/check';
import type { ExperimentResult } from '../../core/eval/types';
import type { Feature, ServerContext } from '../context';
import { evaluationService } from '../evaluation';
import { declaredAt, declaredSignature, declaredText, formatMetric, lossValue } from '../../../../shared/headline';
import { clientRefresher } from '../evaluation/refresh';
import type { LensOutcome } from '../evaluation/commands';

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

function tooltipOf(what: string, r: ExperimentResult, fresh: boolean, detail?: string): string {
  const samples = `${r.samples} ${r.samples === 1 ? 'sample' : 'samples'}`;
  const head = `${what} of experiment ${r.name} on ${samples}${fresh ? '' : ' (computed before the latest changes)'}`;
  return detail ? `${head}\n\n${detail}` : head;
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
    if (loss && loss.experiment === model.name && r.loss?.name === loss.name) {
      const value = lossValue(r);
      const what = `The ${loss.name} loss${r.loss.library ? ` (${r.loss.library})` : ''}`;
      if (value !== undefined) hints.push({ offset: loss.node.end, label: `= ${formatMetric(loss.name, value)}`, tooltip: tooltipOf(what, r, o.fresh, r.loss.note) });
      else if (r.loss.error) hints.push({ offset: loss.node.end, label: '— error', tooltip: tooltipOf(what, r, o.fresh, r.loss.error) });
    }
    model.metrics.forEach((metric, i) => {
      if (metric.experiment !== model.name) return;
      const d = declaredAt(r, i, metric.entry?.name ?? metric.name);
      if (!d) return;
      const text = declaredText(d);
      const detail = d.error ?? [d.note, typeof d.value === 'string' ? d.value : undefined].filter(Boolean).join('\n\n');
      hints.push({
        offset: metric.node.end,
        label: d.error !== null || d.value === null ? text : `= ${text}`,
        tooltip: tooltipOf(declaredSignature(d), r, o.fresh, detail || undefined),
      });
    });
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
