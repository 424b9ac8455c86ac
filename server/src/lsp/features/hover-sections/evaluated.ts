// The evaluated hover section: after an evaluation, and while the experiment's text is the one evaluated,
// - the loss (its name or the `loss` key) and the log_loss metric show the formula with the user's numbers
//   (L = −(1/3) · (−0.6852) = 0.2284) and, where y_true rows are distributions, H(p, q) = H(p) + KL(p‖q);
// - a metric of `metrics:` shows what it came to: its value with every effective parameter (defaults
//   included), the library whose rules gave it, a note, or the library's reason it was not computed;
// - the `y_true` key shows that decomposition too;
// - a y_pred row shows that sample's term of the log loss (−log 0.4 = 0.9163) and its share of the mean.

import type { ListLiteral, Property } from '../../../core/syntax/ast';
import type { Located } from '../../../core/syntax/locate';
import { evaluatedOutcome } from '../../evaluation';
import { declaredMarkdown, entropyDecomposition, lossWithNumbers, sampleContribution } from '../../evaluation/explain';
import { declaredAt } from '../../../../../shared/headline';
import { targetAt } from '../catalogue-text/target';
import type { HoverSection } from './types';

const join = (...parts: (string | undefined)[]) => parts.filter(Boolean).join('\n\n') || undefined;

/** Whether the path goes through the experiment's top-level property `key`. */
function inProperty(path: readonly Located[], key: string): boolean {
  return path[1]?.kind === 'property' && path[1].key.name === key;
}

/** The 0-based row of y_pred under the cursor, when the cursor is on a row of an inline `data { y_pred: [...] }`. */
export function yPredRow(path: readonly Located[]): number | undefined {
  const data = path[1];
  if (data?.kind !== 'property' || data.key.name !== 'data' || path[2]?.kind !== 'block') return undefined;
  const entry = path[3];
  if (entry?.kind !== 'property' || (entry as Property).key.name !== 'y_pred') return undefined;
  const list = path[4];
  const row = path[5];
  if (list?.kind !== 'list' || !row || row === (entry as Property).key) return undefined;
  const items = (list as ListLiteral).items;
  let lo = 0;
  let hi = items.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].start < row.start) lo = mid + 1;
    else if (items[mid].start > row.start) hi = mid - 1;
    else return items[mid] === row ? mid : undefined;
  }
  return undefined;
}

export const evaluatedSection: HoverSection = ({ analysis, model, path }) => {
  if (!model) return undefined;
  const outcome = evaluatedOutcome(analysis, model);
  if (!outcome || outcome.result.error) return undefined;
  const r = outcome.result;
  const target = targetAt(path);

  // A Keras loss with reduction: sum reports the sum of the per-sample terms, not their mean.
  const reduction = model.loss?.args.get('reduction')?.value;
  const lossSum = { sum: (reduction?.kind === 'identifier' && reduction.name === 'sum') || (reduction?.kind === 'string' && reduction.value === 'sum') };
  if (target?.kind === 'entry' && target.entry.kind === 'loss' && inProperty(path, 'loss') && r.loss?.name === target.entry.name) {
    return join(lossWithNumbers(r, 'loss', lossSum), entropyDecomposition(r));
  }
  if (target?.kind === 'key' && target.scope === 'experiment' && target.node.name === 'loss' && r.loss) {
    return join(lossWithNumbers(r, 'loss', lossSum), entropyDecomposition(r));
  }
  if (target?.kind === 'entry' && target.entry.kind === 'metric' && inProperty(path, 'metrics')) {
    const index = model.metrics.findIndex((call) => call.nameNode.start === target.node.start);
    const declared = index >= 0 ? declaredAt(r, index, target.entry.name) : undefined;
    if (target.entry.name !== 'log_loss') return declared && declaredMarkdown(declared, r);
    return join(declared && declaredMarkdown(declared, r), lossWithNumbers(r, 'log_loss', { declared }), entropyDecomposition(r));
  }
  if (target?.kind === 'key' && target.scope === 'data' && target.node.name === 'y_true') return entropyDecomposition(r);

  const row = yPredRow(path);
  return row === undefined ? undefined : sampleContribution(model, row, r);
};
