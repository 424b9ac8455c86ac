/**
 * Shared shapes of the score functions (scores/): what every score returns, and how a streaming
 * accumulator keeps a scikit-learn error until it is finalised.
 *
 * API
 *   interface ScoreResult { value: number | number[] | null; warnings: MetricWarning[] }
 *       value: a number; per-class numbers (average null); null only where the metric has no value at all.
 *       warnings: what scikit-learn / Keras would emit with warnings.warn, in emission order.
 *   interface StoredError { code; message; pythonType }
 *       A MetricError as plain data, so accumulator states survive structuredClone / postMessage.
 *   keepFirstError(a, b): StoredError | null    the error of a merged state (a's first: chunks merge in order)
 *   raise(error): never                         rethrow a stored error as a MetricError
 *   type ScoreChunk = LossChunk                 the chunk the accumulators take (yTrue, yPred, rowStart, n)
 */
import { MetricError, type MetricErrorCode, type MetricWarning, type PythonErrorType } from '../classification/errors';
import type { LossChunk } from '../losses/types';

export type ScoreChunk = LossChunk;

/** The averages of the ranking scores (roc_auc_score, average_precision_score); none is null. */
export type RankingAverage = 'micro' | 'macro' | 'weighted' | 'samples';

export interface ScoreResult {
  readonly value: number | number[] | null;
  readonly warnings: MetricWarning[];
}

export interface StoredError {
  readonly code: MetricErrorCode;
  readonly message: string;
  readonly pythonType: PythonErrorType;
  /** 0-based global row of the first offending row, -1 when not row-bound (for ordering merged errors) */
  readonly row: number;
}

/** The error a merged state keeps: the one on the lowest row (row-independent errors first). */
export function keepFirstError(a: StoredError | null, b: StoredError | null): StoredError | null {
  if (a === null) return b;
  if (b === null) return a;
  return b.row < a.row ? b : a;
}

export function raise(error: StoredError): never {
  throw new MetricError(error.code, error.message, error.pythonType);
}
