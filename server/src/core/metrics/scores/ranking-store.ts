/**
 * RankingStore: the samples a ranking metric (roc_auc_score, average_precision_score) needs, kept whole.
 *
 * Ranking metrics sort all scores, so they cannot stream with flat memory: the engine allocates a store only
 * when auc or average_precision is declared, and appends each chunk. Memory is O(n): 8 bytes per y_true entry
 * and per score, in typed arrays that grow by doubling.
 *
 * API
 *   interface RankingStoreOptions {
 *     cols: number                 columns of y_score: 1 (binary: P(class 1) or a decision value) or K ≥ 2
 *     yTrue: 'indices' | 'indicator'
 *                                  a class index 0..K−1 per row (binary / multiclass), or n × cols 0/1
 *                                  indicator rows (multilabel; cols = the number of labels)
 *     initialCapacity?: number     rows to allocate at first (default 1024)
 *   }
 *   class RankingStore
 *     constructor(options)
 *     static fromState(state: RankingStoreState): RankingStore
 *     readonly cols; readonly yTrueLayout
 *     rows: number                                  samples appended so far
 *     append(yTrue: ArrayLike<number>, scores: ArrayLike<number>, rows?: number): void
 *         rows (default scores.length / cols) samples; yTrue has rows entries ('indices') or rows·cols
 *         ('indicator'); scores are rows × cols row-major. Throws MetricError('invalid-argument') when the
 *         lengths do not fit. Values are stored as given (validation is the metric's: scikit-learn's checks
 *         and messages live in roc-auc.ts / average-precision.ts).
 *     merge(other: RankingStore | RankingStoreState): this     appends other's samples after this one's
 *     trueValues(): Float64Array        a view of the stored y_true (rows or rows·cols entries)
 *     scoreValues(): Float64Array       a view of the stored scores (rows·cols entries)
 *     state(): RankingStoreState        plain data (trimmed copies), postMessage-safe
 *
 * The sample order does not change roc_auc_score or average_precision_score (ties are grouped by
 * distinct score, and the counts are integers), so chunks may be merged in any order.
 */
import { MetricError } from '../classification/errors';

export interface RankingStoreOptions {
  readonly cols: number;
  readonly yTrue: 'indices' | 'indicator';
  readonly initialCapacity?: number;
}

export interface RankingStoreState {
  readonly kind: 'ranking-store';
  readonly cols: number;
  readonly yTrue: 'indices' | 'indicator';
  readonly rows: number;
  readonly trueValues: Float64Array;
  readonly scores: Float64Array;
}

export class RankingStore {
  readonly cols: number;
  readonly yTrueLayout: 'indices' | 'indicator';
  private n = 0;
  private capacity: number;
  private yTrueBuf: Float64Array;
  private scoreBuf: Float64Array;

  constructor(options: RankingStoreOptions) {
    const { cols, yTrue } = options;
    if (!Number.isInteger(cols) || cols < 1) {
      throw new MetricError('invalid-argument', `RankingStore: cols must be a positive integer, got ${cols}`);
    }
    if (yTrue !== 'indices' && yTrue !== 'indicator') {
      throw new MetricError('invalid-argument', `RankingStore: yTrue must be 'indices' or 'indicator', got ${String(yTrue)}`);
    }
    this.cols = cols;
    this.yTrueLayout = yTrue;
    this.capacity = Math.max(1, Math.floor(options.initialCapacity ?? 1024));
    this.yTrueBuf = new Float64Array(this.capacity * this.trueWidth);
    this.scoreBuf = new Float64Array(this.capacity * cols);
  }

  static fromState(state: RankingStoreState): RankingStore {
    const store = new RankingStore({ cols: state.cols, yTrue: state.yTrue, initialCapacity: Math.max(1, state.rows) });
    store.merge(state);
    return store;
  }

  get rows(): number {
    return this.n;
  }

  /** entries of y_true per row */
  private get trueWidth(): number {
    return this.yTrueLayout === 'indices' ? 1 : this.cols;
  }

  private reserve(rows: number): void {
    const need = this.n + rows;
    if (need <= this.capacity) return;
    let cap = this.capacity;
    while (cap < need) cap *= 2;
    const t = new Float64Array(cap * this.trueWidth);
    t.set(this.yTrueBuf.subarray(0, this.n * this.trueWidth));
    const s = new Float64Array(cap * this.cols);
    s.set(this.scoreBuf.subarray(0, this.n * this.cols));
    this.yTrueBuf = t;
    this.scoreBuf = s;
    this.capacity = cap;
  }

  append(yTrue: ArrayLike<number>, scores: ArrayLike<number>, rows?: number): void {
    const n = rows ?? scores.length / this.cols;
    const tw = this.trueWidth;
    if (!Number.isInteger(n) || n < 0 || scores.length < n * this.cols || yTrue.length < n * tw) {
      throw new MetricError(
        'invalid-argument',
        `RankingStore.append: expected ${this.cols} score column(s) and ${tw} y_true value(s) per row ` +
          `(got ${scores.length} scores and ${yTrue.length} y_true values)`,
      );
    }
    this.reserve(n);
    const t0 = this.n * tw;
    const s0 = this.n * this.cols;
    for (let i = 0; i < n * tw; i++) this.yTrueBuf[t0 + i] = yTrue[i];
    for (let i = 0; i < n * this.cols; i++) this.scoreBuf[s0 + i] = scores[i];
    this.n += n;
  }

  merge(other: RankingStore | RankingStoreState): this {
    const layout = other instanceof RankingStore ? other.yTrueLayout : other.yTrue;
    if (other.cols !== this.cols || layout !== this.yTrueLayout) {
      throw new MetricError('incompatible-accumulators', 'cannot merge ranking stores of different shapes');
    }
    if (other instanceof RankingStore) this.append(other.trueValues(), other.scoreValues(), other.rows);
    else this.append(other.trueValues, other.scores, other.rows);
    return this;
  }

  trueValues(): Float64Array {
    return this.yTrueBuf.subarray(0, this.n * this.trueWidth);
  }

  scoreValues(): Float64Array {
    return this.scoreBuf.subarray(0, this.n * this.cols);
  }

  state(): RankingStoreState {
    return {
      kind: 'ranking-store',
      cols: this.cols,
      yTrue: this.yTrueLayout,
      rows: this.n,
      trueValues: this.trueValues().slice(),
      scores: this.scoreValues().slice(),
    };
  }
}
