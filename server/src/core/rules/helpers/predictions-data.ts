// Helpers shared by the rules of the predictions-data group (each rule is its own file, server/src/core/rules/<rule-id>.ts).

import type { InlineArray } from '../../model/inline-data';
import { arrayAnchor, type Facts, fromLogitsAnchor, type InlineData, plural } from '../facts';
import type { Anchor, RuleContext } from '../types';

/**
 * scikit-learn's tolerance for a row sum (sklearn/metrics/_classification.py, log_loss →
 * _validate_multiclass_probabilistic_prediction): isclose(y_prob_sum, 1, rtol=sqrt(eps)) with the default
 * atol 1e-8, i.e. |s − 1| ≤ 1e-8 + √ε·1 with ε the float64 machine epsilon (≈ 2.49e-8).
 */
export const ROW_SUM_TOLERANCE = 1e-8 + Math.sqrt(2.220446049250313e-16);

export function takesLogits(f: Facts): boolean {
  return f.loss?.entry?.params.some((p) => p.name === 'from_logits') ?? false;
}


export function lossRelated(f: Facts): Anchor[] {
  if (!f.loss) return [];
  const a = fromLogitsAnchor(f.loss);
  return [{ ...a, note: `${a.note}: y_pred is read as probabilities` }];
}

export function lengthFinding(a: InlineArray, aKey: string, b: InlineArray, bKey: string, data: InlineData, ctx: RuleContext, fix: string): void {
  if (a.rows === b.rows) return;
  ctx.report({
    at: arrayAnchor(a, aKey, data),
    related: [arrayAnchor(b, bKey, data)],
    message:
      `${aKey} has ${plural(a.rows, 'row')} but ${bKey} has ${b.rows}: scikit-learn raises "Found input variables with inconsistent numbers of samples: ` +
      `[${b.rows}, ${a.rows}]" and Keras refuses arrays of different lengths. ${fix}`,
    data: { rows: a.rows, expected: b.rows },
  });
}
