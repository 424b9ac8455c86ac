// Helpers shared by the rules of the metrics group (each rule is its own file, server/src/core/rules/<rule-id>.ts).

import type { CallModel } from '../../model/types';
import type { Value } from '../../syntax/ast';
import { nameValue } from '../facts';

export const ACCURACIES = new Set(['accuracy', 'binary_accuracy', 'categorical_accuracy', 'sparse_categorical_accuracy']);

export const AVERAGED = new Set(['f1', 'precision', 'recall', 'fbeta']);

export const SKLEARN: Record<string, string> = { f1: 'f1_score', precision: 'precision_score', recall: 'recall_score', fbeta: 'fbeta_score', auc: 'roc_auc_score' };

/** Share of y_true at or above which one class "dominates" (issue 4: 80%). */
export const IMBALANCE = 0.8;

export function averageOf(metric: CallModel): { node: Value; value: string } | undefined {
  const node = metric.args.get('average')?.value;
  const value = nameValue(node);
  return node && value !== undefined ? { node, value } : undefined;
}
