// Helpers shared by the rules of the loss-labels group (each rule is its own file, server/src/core/rules/<rule-id>.ts).

import type { RuleContext } from '../types';

/** Exported for the output rules: a categorical loss on one unit is reported by categorical-loss-single-output. */
export function isCategoricalSingleOutput(ctx: RuleContext): boolean {
  const { loss, lossFamily, output } = ctx.facts;
  return !!loss && !!output && output.units === 1 && (lossFamily === 'categorical' || lossFamily === 'sparse');
}
