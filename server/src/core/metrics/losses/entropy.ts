/**
 * Entropy, cross-entropy and Kullback–Leibler divergence of distribution targets, averaged over rows,
 * as a streaming, mergeable accumulator — what the hover shows as H(p, q) = H(p) + KL(p‖q) on the
 * user's own data (seed 004: one-hot [0, 1, 0] against [0.4, 0.4, 0.2] gives H(p) = 0,
 * H(p, q) = KL(p‖q) = −log 0.4 = 0.9163).
 *
 *   H(p)     = (1/n) Σᵢ −Σₖ pᵢₖ·log pᵢₖ
 *   H(p, q)  = (1/n) Σᵢ −Σₖ pᵢₖ·log qᵢₖ
 *   KL(p‖q)  = (1/n) Σᵢ  Σₖ pᵢₖ·log(pᵢₖ / qᵢₖ)
 *
 * natural log (nats), with the conventions of scipy.special (entr, xlogy, rel_entr):
 *   0·log 0 = 0 and 0·log q = 0 (a class with pₖ = 0 contributes nothing, whatever qₖ is);
 *   pₖ > 0 with qₖ = 0 makes H(p, q) and KL(p‖q) +∞ (a 'zero-probability' warning names the row).
 * With these conventions H(p, q) = H(p) + KL(p‖q) holds term by term, so it holds on the data up to
 * rounding (each of the three is computed directly, as scipy does, not as a difference of the others).
 * Nothing is clipped or renormalised: this is the exact information-theoretic quantity, unlike Keras's
 * kl_divergence (clips to [1e-7, 1]) and categorical_crossentropy (renormalises and clips).
 *
 * API
 *   interface EntropyOptions { nClasses: number }          K, the columns of p and q
 *   createEntropy(options): EntropyState                    plain data, postMessage-safe
 *   updateEntropy(state, chunk): EntropyState               chunk.yTrue = p, chunk.yPred = q, both n × K
 *                                                           row-major (one-hot rows are distributions)
 *   mergeEntropy(a, b): EntropyState
 *   finalizeEntropy(state): EntropyResult                   { entropy, crossEntropy, klDivergence,
 *                                                             rows, records }; values null on error
 *   entropyMetrics(p, q, options): EntropyResult            one-shot
 *
 * Records: 'probability-out-of-range' (a value < 0 or > 1) and 'non-finite-value' are errors;
 * 'rows-not-normalized' (a p or q row whose sum is off 1 by more than scikit-learn's tolerance,
 * 1e-8 + √ε) and 'zero-probability' are warnings.
 */

import { emptySum, mergeSums, sumValue, SumBatch, type ExactSum } from './exact-sum';
import {
  addRecord,
  fmt,
  hasError,
  mergeRecords,
  rowName,
  rowsOf,
  sortRecords,
  type LossChunk,
  type LossRecord,
} from './types';

export interface EntropyOptions {
  readonly nClasses: number;
}

export interface EntropyState {
  readonly kind: 'entropy';
  readonly options: EntropyOptions;
  rows: number;
  entropy: ExactSum;
  crossEntropy: ExactSum;
  klDivergence: ExactSum;
  records: LossRecord[];
}

export interface EntropyResult {
  readonly entropy: number | null;
  readonly crossEntropy: number | null;
  readonly klDivergence: number | null;
  readonly rows: number;
  readonly records: readonly LossRecord[];
}

const SUM_TOL = 1e-8 + Math.sqrt(2.220446049250313e-16);

export function createEntropy(options: EntropyOptions): EntropyState {
  return {
    kind: 'entropy',
    options: { ...options },
    rows: 0,
    entropy: emptySum(),
    crossEntropy: emptySum(),
    klDivergence: emptySum(),
    records: [],
  };
}

export function updateEntropy(state: EntropyState, chunk: LossChunk): EntropyState {
  const K = state.options.nClasses;
  const rowStart = chunk.rowStart ?? 0;
  const n = rowsOf(chunk, K);
  if (K < 1 || n < 0 || chunk.yTrue.length !== n * K) {
    addRecord(state.records, {
      severity: 'error',
      code: 'length-mismatch',
      message:
        `entropy, chunk at ${rowName(rowStart)}: p has ${chunk.yTrue.length} values and q ${chunk.yPred.length}, ` +
        `which do not make whole rows of ${K} columns`,
      row: rowStart,
      count: 1,
    });
    return state;
  }
  const P = chunk.yTrue;
  const Q = chunk.yPred;
  const first = { nonFinite: -1, range: -1, sum: -1, zero: -1 };
  const value = { nonFinite: 0, range: 0, sum: 0 };
  const count = { nonFinite: 0, range: 0, sum: 0, zero: 0 };
  let sumWhat = 'y_true';
  const hs = new SumBatch(state.entropy);
  const ces = new SumBatch(state.crossEntropy);
  const kls = new SumBatch(state.klDivergence);

  for (let i = 0; i < n; i++) {
    const base = i * K;
    let h = 0;
    let ce = 0;
    let kl = 0;
    let ps = 0;
    let qs = 0;
    let nonFinite = false;
    let range = false;
    let zero = false;
    for (let k = 0; k < K; k++) {
      const p = P[base + k];
      const q = Q[base + k];
      if (!Number.isFinite(p) || !Number.isFinite(q)) {
        if (!nonFinite && count.nonFinite === 0) (first.nonFinite = i), (value.nonFinite = Number.isFinite(p) ? q : p);
        nonFinite = true;
        continue;
      }
      if (p < 0 || p > 1 || q < 0 || q > 1) {
        if (!range && count.range === 0) (first.range = i), (value.range = p < 0 || p > 1 ? p : q);
        range = true;
        continue;
      }
      ps += p;
      qs += q;
      if (p === 0) continue; // entr(0) = xlogy(0, q) = rel_entr(0, q) = 0
      h += -p * Math.log(p);
      if (q === 0) {
        zero = true;
        ce = Infinity;
        kl = Infinity;
      } else {
        ce += -p * Math.log(q);
        kl += p * Math.log(p / q);
      }
    }
    if (nonFinite) count.nonFinite++;
    if (range) count.range++;
    if (nonFinite || range) continue;
    if (zero && count.zero++ === 0) first.zero = i;
    const pBad = !(Math.abs(ps - 1) <= SUM_TOL);
    if ((pBad || !(Math.abs(qs - 1) <= SUM_TOL)) && count.sum++ === 0) {
      first.sum = i;
      value.sum = pBad ? ps : qs;
      sumWhat = pBad ? 'y_true' : 'y_pred';
    }
    hs.push(h);
    ces.push(ce);
    kls.push(kl);
  }
  hs.done();
  ces.done();
  kls.done();
  state.rows += n;
  const recs = state.records;
  if (count.nonFinite > 0)
    addRecord(recs, {
      severity: 'error',
      code: 'non-finite-value',
      message: `${rowName(rowStart + first.nonFinite)}: the distribution contains ${fmt(value.nonFinite)}`,
      row: rowStart + first.nonFinite,
      count: count.nonFinite,
      value: value.nonFinite,
    });
  if (count.range > 0)
    addRecord(recs, {
      severity: 'error',
      code: 'probability-out-of-range',
      message: `${rowName(rowStart + first.range)}: the probability ${fmt(value.range)} is outside [0, 1]`,
      row: rowStart + first.range,
      count: count.range,
      value: value.range,
    });
  if (count.sum > 0)
    addRecord(recs, {
      severity: 'warning',
      code: 'rows-not-normalized',
      message:
        `${rowName(rowStart + first.sum)}: the ${sumWhat} row sums to ${fmt(value.sum)}, not 1; ` +
        `H(p), H(p, q) and KL(p‖q) use the rows as they are`,
      row: rowStart + first.sum,
      count: count.sum,
      value: value.sum,
    });
  if (count.zero > 0)
    addRecord(recs, {
      severity: 'warning',
      code: 'zero-probability',
      message:
        `${rowName(rowStart + first.zero)}: y_pred gives probability 0 to a class the target gives weight to, ` +
        `so H(p, q) and KL(p‖q) are infinite`,
      row: rowStart + first.zero,
      count: count.zero,
    });
  return state;
}

export function mergeEntropy(a: EntropyState, b: EntropyState): EntropyState {
  if (a.options.nClasses !== b.options.nClasses) throw new Error('mergeEntropy: different numbers of classes');
  return {
    kind: 'entropy',
    options: { ...a.options },
    rows: a.rows + b.rows,
    entropy: mergeSums(a.entropy, b.entropy),
    crossEntropy: mergeSums(a.crossEntropy, b.crossEntropy),
    klDivergence: mergeSums(a.klDivergence, b.klDivergence),
    records: mergeRecords(a.records, b.records),
  };
}

export function finalizeEntropy(state: EntropyState): EntropyResult {
  const records = [...state.records];
  if (state.rows === 0 && !hasError(records))
    addRecord(records, { severity: 'error', code: 'empty-input', message: 'no rows', row: -1, count: 1 });
  const sorted = sortRecords(records);
  if (hasError(sorted)) return { entropy: null, crossEntropy: null, klDivergence: null, rows: state.rows, records: sorted };
  const n = state.rows;
  return {
    entropy: sumValue(state.entropy) / n,
    crossEntropy: sumValue(state.crossEntropy) / n,
    klDivergence: sumValue(state.klDivergence) / n,
    rows: n,
    records: sorted,
  };
}

export function entropyMetrics(p: ArrayLike<number>, q: ArrayLike<number>, options: EntropyOptions): EntropyResult {
  const state = createEntropy(options);
  updateEntropy(state, { yTrue: p, yPred: q });
  return finalizeEntropy(state);
}
