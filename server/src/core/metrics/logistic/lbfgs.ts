/**
 * L-BFGS for unconstrained problems, following L-BFGS-B 3.0 (Zhu, Byrd, Lu, Nocedal; Morales &
 * Nocedal 2011) as scipy.optimize.minimize(method="L-BFGS-B") runs it without bounds — the solver
 * behind scikit-learn's LogisticRegression(solver="lbfgs"). Same direction, first step, line search,
 * update rule and stopping tests, so it stops where scipy stops (to rounding) and reports the same
 * iteration count.
 *
 * API
 *   type ObjectiveFn = (x: Float64Array, grad: Float64Array) => number
 *       Returns f(x) and writes ∇f(x) into grad.
 *   interface LbfgsOptions {
 *     maxIter: number;      scipy maxiter (scikit-learn: max_iter)
 *     pgtol: number;        stop when max |∇f| ≤ pgtol (scipy gtol; scikit-learn: tol)
 *     ftol?: number;        stop when (f_old − f) ≤ ftol·max(|f_old|, |f|, 1); scikit-learn passes 64·ε
 *                           (scipy's default is 2.220446049250313e-9)
 *     m?: number;           corrections kept (scipy maxcor), default 10
 *     maxls?: number;       line-search evaluations per iteration; scikit-learn passes 50 (scipy: 20)
 *   }
 *   interface LbfgsResult {
 *     x: Float64Array; f: number; grad: Float64Array;
 *     nIter: number;        completed iterations (scipy nit)
 *     nFev: number;         objective evaluations
 *     status: 0 | 1 | 2;    0 converged, 1 iteration limit, 2 abnormal (line search failed)
 *     message: string;      scipy's message, e.g. "CONVERGENCE: NORM OF PROJECTED GRADIENT <= PGTOL"
 *   }
 *   minimizeLbfgs(fn, x0, options): LbfgsResult
 *
 * The algorithm, as mainlb/lnsrlb do it when no variable is bounded:
 *   - direction d = −H∇f with H the L-BFGS inverse Hessian of the last m pairs (sₖ, yₖ) and
 *     H₀ = I/θ, θ = yᵀy / sᵀy of the newest pair (L-BFGS-B's compact form B = θI − WMWᵀ with every
 *     variable free gives the same d); with no pairs yet, d = −∇f/θ with θ = 1;
 *   - first trial step 1/‖d‖₂ on the very first iteration, 1 afterwards; Moré–Thuente line search
 *     with ftol 1e-3, gtol 0.9, xtol 0.1, stpmax 1e10; a search that needs maxls evaluations, or a
 *     direction that is not a descent direction, restores the iterate and restarts from an empty
 *     memory (or stops abnormally when the memory was already empty);
 *   - after each iteration scipy's driver counts it and stops at maxiter BEFORE the convergence
 *     tests (so the last allowed iteration reports status 1 even when it happens to converge), then
 *     max |∇f| ≤ pgtol, then the relative reduction test;
 *   - the pair (s, y) is skipped when sᵀy ≤ ε·(−gᵀd·stp) (not sufficiently positive curvature).
 */

import { continueLineSearch, startLineSearch, type LineSearchParams } from './line-search';

export type ObjectiveFn = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  readonly maxIter: number;
  readonly pgtol: number;
  readonly ftol?: number;
  readonly m?: number;
  readonly maxls?: number;
}

export interface LbfgsResult {
  readonly x: Float64Array;
  readonly f: number;
  readonly grad: Float64Array;
  readonly nIter: number;
  readonly nFev: number;
  readonly status: 0 | 1 | 2;
  readonly message: string;
}

const EPSMCH = 2.220446049250313e-16;
const BIG = 1e10;

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]);
    if (v > m || Number.isNaN(v)) m = v;
  }
  return m;
}

export function minimizeLbfgs(fn: ObjectiveFn, x0: ArrayLike<number>, options: LbfgsOptions): LbfgsResult {
  const n = x0.length;
  const m = options.m ?? 10;
  const maxls = options.maxls ?? 20;
  const ftol = options.ftol ?? 2.220446049250313e-9;
  const { maxIter, pgtol } = options;
  const lsParams: LineSearchParams = { ftol: 1e-3, gtol: 0.9, xtol: 0.1, stpmin: 0, stpmax: BIG };

  const x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let f = fn(x, g);
  let nFev = 1;
  const done = (status: 0 | 1 | 2, message: string, nIter: number): LbfgsResult => ({
    x,
    f,
    grad: g,
    nIter,
    nFev,
    status,
    message,
  });

  if (maxAbs(g) <= pgtol) return done(0, 'CONVERGENCE: NORM OF PROJECTED GRADIENT <= PGTOL', 0);

  // correction pairs, oldest first
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  let theta = 1;
  let iter = 0;
  const d = new Float64Array(n);
  const xOld = new Float64Array(n);
  let gOld = new Float64Array(n);
  const alpha = new Float64Array(m);

  for (;;) {
    // ---- search direction d = −H g
    for (let i = 0; i < n; i++) d[i] = -g[i];
    const k = S.length;
    if (k === 0) {
      if (theta !== 1) for (let i = 0; i < n; i++) d[i] /= theta;
    } else {
      for (let j = k - 1; j >= 0; j--) {
        const a = rho[j] * dot(S[j], d);
        alpha[j] = a;
        const y = Y[j];
        for (let i = 0; i < n; i++) d[i] -= a * y[i];
      }
      for (let i = 0; i < n; i++) d[i] /= theta;
      for (let j = 0; j < k; j++) {
        const b = rho[j] * dot(Y[j], d);
        const s = S[j];
        const c = alpha[j] - b;
        for (let i = 0; i < n; i++) d[i] += c * s[i];
      }
    }

    // ---- line search (lnsrlb)
    const fOld = f;
    xOld.set(x);
    gOld = Float64Array.from(g);
    const dnorm = Math.sqrt(dot(d, d));
    let stp = iter === 0 ? Math.min(1 / dnorm, BIG) : 1;
    let gd = dot(g, d);
    const gdOld = gd;
    let failed = gd >= 0; // not a descent direction
    let nBack = 0;
    if (!failed) {
      const ls = startLineSearch(f, gd, stp, lsParams);
      if (ls.task !== 'FG') failed = true;
      while (!failed) {
        stp = ls.stp;
        for (let i = 0; i < n; i++) x[i] = stp * d[i] + xOld[i];
        const gNew = new Float64Array(n);
        f = fn(x, gNew);
        g = gNew;
        nFev++;
        nBack++;
        gd = dot(g, d);
        continueLineSearch(ls, f, gd);
        if (ls.task !== 'FG') break;
        if (nBack >= maxls) failed = true;
      }
    }
    if (failed) {
      // restore the previous iterate
      x.set(xOld);
      g = gOld;
      f = fOld;
      if (S.length === 0) return done(2, 'ABNORMAL: ', iter);
      // refresh the memory and try again from steepest descent
      S.length = 0;
      Y.length = 0;
      rho.length = 0;
      theta = 1;
      continue;
    }

    // ---- a new iterate
    iter++;
    const sbgnrm = maxAbs(g);
    if (iter >= maxIter) return done(1, 'STOP: TOTAL NO. OF ITERATIONS REACHED LIMIT', iter);
    if (sbgnrm <= pgtol) return done(0, 'CONVERGENCE: NORM OF PROJECTED GRADIENT <= PGTOL', iter);
    if (fOld - f <= ftol * Math.max(Math.abs(fOld), Math.abs(f), 1)) {
      return done(0, 'CONVERGENCE: RELATIVE REDUCTION OF F <= FACTR*EPSMCH', iter);
    }

    // ---- update the correction pairs
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) y[i] = g[i] - gOld[i];
    const rr = dot(y, y);
    let dr: number;
    let ddum: number;
    const s = new Float64Array(n);
    if (stp === 1) {
      dr = gd - gdOld;
      ddum = -gdOld;
      s.set(d);
    } else {
      dr = (gd - gdOld) * stp;
      ddum = -gdOld * stp;
      for (let i = 0; i < n; i++) s[i] = stp * d[i];
    }
    if (dr <= EPSMCH * ddum) continue; // skip the update
    if (S.length === m) {
      S.shift();
      Y.shift();
      rho.shift();
    }
    S.push(s);
    Y.push(y);
    rho.push(1 / dot(s, y));
    theta = rr / dr;
  }
}
