// The shape of an evaluated loss: one module per loss (its file in this folder), registered with one line in
// index.ts. A module links its catalogue entry by name and says, for an experiment that declares it:
//   setup        the declared parameters read and checked as the library's constructor checks them
//                (before any data), and what y_pred holds (the metrics read probabilities derived from it);
//   onLayout     on the label layout the data shows: the accumulator to feed, reading y_true as class indices
//                or as rows, or the library's own refusal of targets of that shape;
//   accumulator  create / update / merge / finish over the engine's accumulators (metrics/losses/), with the
//                reduction applied and its note.

import type { Framework } from '../../catalogue/types';
import type { LossChunk, LossRecord, LossResult } from '../../metrics/losses/types';
import type { CallModel, Task } from '../../model/types';

export type TargetLayout = 'indices' | 'onehot' | 'indicator';

/** What y_pred holds for the loss: the metrics read it as is, or softmax / sigmoid of logits, or exp of log-probabilities. */
export type Predictions = 'probabilities' | 'logits' | 'log-probabilities';

/** What the plan knows before any data is read. */
export interface LossInputs {
  readonly call: CallModel;
  readonly task: Task;
  readonly k: number;
}

/** The layout of the first chunk: targets as indices or rows (of trueCols values), predictions of predCols. */
export interface LayoutSeen {
  readonly layout: TargetLayout;
  readonly trueCols: number;
  readonly predCols: number;
}

/**
 * The loss's accumulator with its options bound: plain-data states (postMessage-safe), so chunks may be scored
 * apart and merged; finish applies the declared reduction and says what it did.
 */
export interface LossAccumulator<S = unknown> {
  create(): S;
  update(state: S, chunk: LossChunk): S;
  merge(a: S, b: S): S;
  /** The state's records, live (the scorer locates the rows they name while the chunk is at hand). */
  records(state: S): readonly LossRecord[];
  finish(state: S): { readonly result: LossResult; readonly value: number | null; readonly note?: string };
}

export type LayoutDecision =
  | { readonly accumulator: LossAccumulator; readonly yTrue: 'indices' | 'matrix' }
  /** The library's error for targets of this shape (the message may need the row count, known at the end). */
  | { readonly refused: (rows: number) => string };

export interface LossSetup {
  readonly predictions: Predictions;
  /** The loss takes rows of class probabilities as targets (cross_entropy): the one-hot check accepts them. */
  readonly softTargets?: boolean;
  onLayout(seen: LayoutSeen): LayoutDecision;
}

export type SetupResult =
  | LossSetup
  /** scikit-learn's log_loss: computed once by the scorer for the headline set, the metric and the loss. */
  | { readonly sharedLogLoss: true; readonly normalize: boolean }
  /** Refused before any data is read: the library's constructor error. */
  | { readonly error: string };

export interface EvaluatedLoss {
  /** The catalogue entries (by name) this module computes. */
  readonly names: readonly string[];
  readonly library: 'keras' | 'pytorch' | 'scikit-learn';
  /** For a name two libraries share (bce): the framework under which this module is the one. */
  readonly framework?: Framework;
  setup(inputs: LossInputs): SetupResult;
}
