// The model hover section: what the hovered name amounts to in this experiment, from the semantic model.
// An experiment name shows the experiment's facts, each declared or inferred and where ("labels: onehot
// (inferred from y_true, line 12)"); a parent in `extends` shows the parent's; a key shows the value in effect;
// a class shows its index among the classes; a metric without `average` shows the average in effect.

import { classFact, dataKeyFact, experimentSummary, keyFact, metricFact } from '../catalogue-text/facts';
import { targetAt } from '../catalogue-text/target';
import type { HoverSection } from './types';

export const factsSection: HoverSection = ({ analysis, model, path }) => {
  const target = targetAt(path);
  switch (target?.kind) {
    case 'experiment':
      return model && experimentSummary(model);
    case 'parent': {
      const parent = analysis.models.find((m) => m.name === target.node.name);
      return parent ? experimentSummary(parent) : undefined;
    }
    case 'key':
      if (!model) return undefined;
      return target.scope === 'data' ? dataKeyFact(model, target.node.name) : keyFact(model, target.node.name);
    case 'class':
      return classFact(model, target.name, target.isIndex);
    case 'entry':
      return model && target.entry.kind === 'metric' ? metricFact(model, target.node) : undefined;
    default:
      return undefined;
  }
};
