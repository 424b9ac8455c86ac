/**
 * The objective scikit-learn's lbfgs solver minimises for LogisticRegression (L2 penalty), with its
 * gradient: sklearn/linear_model/_linear_loss.py LinearModelLoss.loss_gradient over
 * sklearn/_loss HalfBinomialLoss (two classes) or HalfMultinomialLoss (K > 2 classes), scaled as
 * _logistic_regression_path scales it.
 *
 *   scikit-learn ≥ 1.4 ('mean'):  F(w) = (1/n) Σᵢ ℓᵢ(w) + ‖W‖² / (2·C·n)
 *   scikit-learn < 1.4 ('sum'):   F(w) = Σᵢ ℓᵢ(w) + ‖W‖² / (2·C)
 *
 * (the same minimiser; the scaling changes where L-BFGS-B's gradient test stops — scikit-learn PR
 * #26721, released in 1.4). W is the coefficient matrix without the intercept: the intercept is not
 * penalised.
 *   binary (HalfBinomialLoss):    rᵢ = w·xᵢ + b,  ℓᵢ = log(1 + e^rᵢ) − yᵢ·rᵢ,  yᵢ ∈ {0, 1}
 *   multinomial (HalfMultinomial): rᵢₖ = Wₖ·xᵢ + bₖ,  ℓᵢ = log Σₖ e^rᵢₖ − rᵢ,yᵢ   (K rows of W: the
 *                                  symmetric, over-parametrised softmax; the L2 term makes it unique)
 *
 * API
 *   interface LogisticProblem { X; n; p; y; nClasses; fitIntercept; C; scaling }
 *       X row-major n × p; y class indices 0..nClasses−1 (binary: 1 = the positive class, classes[1]).
 *   parameterCount(problem): number
 *       binary: p + intercept; multinomial: K·(p + intercept).
 *   makeObjective(problem): (w, grad) => number          for minimizeLbfgs
 *   Parameter layout, as scikit-learn's w0: binary [w₀ … w_{p−1}, b]; multinomial the (K, p + 1)
 *   matrix raveled in Fortran order, element (k, j) at j·K + k (intercepts in the last column).
 */

export interface LogisticProblem {
  readonly X: ArrayLike<number>;
  readonly n: number;
  readonly p: number;
  readonly y: ArrayLike<number>;
  readonly nClasses: number;
  readonly fitIntercept: boolean;
  readonly C: number;
  readonly scaling: 'mean' | 'sum';
}

export function parameterCount(pr: LogisticProblem): number {
  const cols = pr.p + (pr.fitIntercept ? 1 : 0);
  return pr.nClasses === 2 ? cols : pr.nClasses * cols;
}

/** log(1 + e^x) as scikit-learn's log1pexp (sklearn/_loss/_loss.pyx). */
function log1pexp(x: number): number {
  if (x <= -37) return Math.exp(x);
  if (x <= -2) return Math.log1p(Math.exp(x));
  if (x <= 18) return Math.log(1 + Math.exp(x));
  if (x <= 33.3) return x + Math.exp(-x);
  return x;
}

/** closs_half_binomial: log(1 + e^r) − y·r, stable on both sides. */
function halfBinomialLoss(y: number, r: number): number {
  if (r <= 0) return log1pexp(r) - y * r;
  return log1pexp(-r) + (1 - y) * r;
}

/** cgradient_half_binomial: expit(r) − y. */
function halfBinomialGradient(y: number, r: number): number {
  if (r > -37) {
    const e = Math.exp(-r);
    return (1 - y - y * e) / (1 + e);
  }
  return Math.exp(r) - y;
}

export function makeObjective(pr: LogisticProblem): (w: Float64Array, grad: Float64Array) => number {
  const { X, n, p, y, nClasses: K, fitIntercept, C, scaling } = pr;
  const lossScale = scaling === 'mean' ? 1 / n : 1;
  const l2 = scaling === 'mean' ? 1 / (C * n) : 1 / C;

  if (K === 2) {
    return (w, grad) => {
      const b = fitIntercept ? w[p] : 0;
      let loss = 0;
      grad.fill(0);
      let gb = 0;
      for (let i = 0; i < n; i++) {
        const base = i * p;
        let r = b;
        for (let j = 0; j < p; j++) r += w[j] * X[base + j];
        const yi = y[i];
        loss += halfBinomialLoss(yi, r);
        const gi = halfBinomialGradient(yi, r) * lossScale;
        for (let j = 0; j < p; j++) grad[j] += X[base + j] * gi;
        gb += gi;
      }
      let ww = 0;
      for (let j = 0; j < p; j++) {
        ww += w[j] * w[j];
        grad[j] += l2 * w[j];
      }
      if (fitIntercept) grad[p] = gb;
      return loss * lossScale + 0.5 * l2 * ww;
    };
  }

  const raw = new Float64Array(K);
  return (w, grad) => {
    let loss = 0;
    grad.fill(0);
    for (let i = 0; i < n; i++) {
      const base = i * p;
      let max = -Infinity;
      for (let k = 0; k < K; k++) {
        let r = fitIntercept ? w[p * K + k] : 0;
        for (let j = 0; j < p; j++) r += w[j * K + k] * X[base + j];
        raw[k] = r;
        if (r > max) max = r;
      }
      const yi = y[i];
      const ry = raw[yi];
      let sumExp = 0;
      for (let k = 0; k < K; k++) {
        raw[k] = Math.exp(raw[k] - max);
        sumExp += raw[k];
      }
      // logsumexp(r) − r_y, as scikit-learn's closs_half_multinomial: log Σ e^(r − max) + max − r_y
      loss += Math.log(sumExp) + max - ry;
      for (let k = 0; k < K; k++) {
        const gk = (raw[k] / sumExp - (k === yi ? 1 : 0)) * lossScale;
        for (let j = 0; j < p; j++) grad[j * K + k] += X[base + j] * gk;
        if (fitIntercept) grad[p * K + k] += gk;
      }
    }
    let ww = 0;
    for (let j = 0; j < p; j++) {
      for (let k = 0; k < K; k++) {
        const v = w[j * K + k];
        ww += v * v;
        grad[j * K + k] += l2 * v;
      }
    }
    return loss * lossScale + 0.5 * l2 * ww;
  };
}
