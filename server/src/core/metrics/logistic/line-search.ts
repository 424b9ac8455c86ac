/**
 * The Moré–Thuente line search of MINPACK-2 (dcsrch / dcstep), as L-BFGS-B (and so scipy's
 * minimize(method="L-BFGS-B"), and so scikit-learn's lbfgs solver) uses it.
 *
 * API
 *   interface LineSearchState { task; ...private bracketing state }   plain data
 *   startLineSearch(f, g, stp, params): LineSearchState
 *       f, g: the objective and its directional derivative at step 0; stp: the first trial step.
 *       Returns task 'FG' (evaluate at state.stp) or 'ERROR…'.
 *   continueLineSearch(state, f, g): void
 *       Feed f and the directional derivative at state.stp; sets state.task to 'FG' (evaluate again at
 *       the new state.stp), 'CONVERGENCE' (strong Wolfe conditions hold) or 'WARNING: …'.
 *   interface LineSearchParams { ftol; gtol; xtol; stpmin; stpmax }
 *       L-BFGS-B calls it with ftol = 1e-3, gtol = 0.9, xtol = 0.1, stpmin = 0, stpmax = 1e10
 *       (unconstrained problems).
 *
 * A transcription of the published algorithm (J. J. Moré and D. J. Thuente, "Line search algorithms
 * with guaranteed sufficient decrease", ACM TOMS 20 (1994); MINPACK-2 dcsrch/dcstep), operation for
 * operation, so that trial steps agree with scipy's to rounding.
 */

export interface LineSearchParams {
  readonly ftol: number;
  readonly gtol: number;
  readonly xtol: number;
  readonly stpmin: number;
  readonly stpmax: number;
}

export type LineSearchTask =
  | 'FG'
  | 'CONVERGENCE'
  | 'WARNING: ROUNDING ERRORS PREVENT PROGRESS'
  | 'WARNING: XTOL TEST SATISFIED'
  | 'WARNING: STP = STPMAX'
  | 'WARNING: STP = STPMIN'
  | 'ERROR: STP .LT. STPMIN'
  | 'ERROR: STP .GT. STPMAX'
  | 'ERROR: INITIAL G .GE. ZERO';

export interface LineSearchState {
  task: LineSearchTask;
  stp: number;
  params: LineSearchParams;
  brackt: boolean;
  stage: 1 | 2;
  ginit: number;
  gtest: number;
  gx: number;
  gy: number;
  finit: number;
  fx: number;
  fy: number;
  stx: number;
  sty: number;
  stmin: number;
  stmax: number;
  width: number;
  width1: number;
}

const XTRAPL = 1.1;
const XTRAPU = 4.0;

export function startLineSearch(f: number, g: number, stp: number, params: LineSearchParams): LineSearchState {
  const s: LineSearchState = {
    task: 'FG',
    stp,
    params,
    brackt: false,
    stage: 1,
    ginit: g,
    gtest: params.ftol * g,
    gx: g,
    gy: g,
    finit: f,
    fx: f,
    fy: f,
    stx: 0,
    sty: 0,
    stmin: 0,
    stmax: stp + XTRAPU * stp,
    width: params.stpmax - params.stpmin,
    width1: (params.stpmax - params.stpmin) / 0.5,
  };
  if (stp < params.stpmin) s.task = 'ERROR: STP .LT. STPMIN';
  else if (stp > params.stpmax) s.task = 'ERROR: STP .GT. STPMAX';
  else if (g >= 0) s.task = 'ERROR: INITIAL G .GE. ZERO';
  return s;
}

export function continueLineSearch(s: LineSearchState, f: number, g: number): void {
  const { gtol, xtol, stpmin, stpmax } = s.params;
  const ftest = s.finit + s.stp * s.gtest;
  if (s.stage === 1 && f <= ftest && g >= 0) s.stage = 2;

  // warnings
  if (s.brackt && (s.stp <= s.stmin || s.stp >= s.stmax)) s.task = 'WARNING: ROUNDING ERRORS PREVENT PROGRESS';
  if (s.brackt && s.stmax - s.stmin <= xtol * s.stmax) s.task = 'WARNING: XTOL TEST SATISFIED';
  if (s.stp === stpmax && f <= ftest && g <= s.gtest) s.task = 'WARNING: STP = STPMAX';
  if (s.stp === stpmin && (f > ftest || g >= s.gtest)) s.task = 'WARNING: STP = STPMIN';
  // convergence (strong Wolfe)
  if (f <= ftest && Math.abs(g) <= gtol * -s.ginit) s.task = 'CONVERGENCE';
  if (s.task.startsWith('WARN') || s.task.startsWith('CONV')) return;

  // a new trial step
  if (s.stage === 1 && f <= s.fx && f > ftest) {
    // the modified function ψ(α) = f(α) − f(0) − ftol·α·f'(0)
    const fm = f - s.stp * s.gtest;
    let fxm = s.fx - s.stx * s.gtest;
    let fym = s.fy - s.sty * s.gtest;
    const gm = g - s.gtest;
    let gxm = s.gx - s.gtest;
    let gym = s.gy - s.gtest;
    const r = dcstep(s.stx, fxm, gxm, s.sty, fym, gym, s.stp, fm, gm, s.brackt, s.stmin, s.stmax);
    s.stx = r.stx;
    fxm = r.fx;
    gxm = r.dx;
    s.sty = r.sty;
    fym = r.fy;
    gym = r.dy;
    s.stp = r.stp;
    s.brackt = r.brackt;
    s.fx = fxm + s.stx * s.gtest;
    s.fy = fym + s.sty * s.gtest;
    s.gx = gxm + s.gtest;
    s.gy = gym + s.gtest;
  } else {
    const r = dcstep(s.stx, s.fx, s.gx, s.sty, s.fy, s.gy, s.stp, f, g, s.brackt, s.stmin, s.stmax);
    s.stx = r.stx;
    s.fx = r.fx;
    s.gx = r.dx;
    s.sty = r.sty;
    s.fy = r.fy;
    s.gy = r.dy;
    s.stp = r.stp;
    s.brackt = r.brackt;
  }

  // bisection when the interval does not shrink fast enough
  if (s.brackt) {
    if (Math.abs(s.sty - s.stx) >= 0.66 * s.width1) s.stp = s.stx + 0.5 * (s.sty - s.stx);
    s.width1 = s.width;
    s.width = Math.abs(s.sty - s.stx);
  }
  // the interval of uncertainty for the next step
  if (s.brackt) {
    s.stmin = Math.min(s.stx, s.sty);
    s.stmax = Math.max(s.stx, s.sty);
  } else {
    s.stmin = s.stp + XTRAPL * (s.stp - s.stx);
    s.stmax = s.stp + XTRAPU * (s.stp - s.stx);
  }
  s.stp = Math.max(s.stp, stpmin);
  s.stp = Math.min(s.stp, stpmax);
  // unusual termination: take the best point so far
  if ((s.brackt && (s.stp <= s.stmin || s.stp >= s.stmax)) || (s.brackt && s.stmax - s.stmin <= xtol * s.stmax)) {
    s.stp = s.stx;
  }
  s.task = 'FG';
}

interface StepResult {
  stx: number;
  fx: number;
  dx: number;
  sty: number;
  fy: number;
  dy: number;
  stp: number;
  brackt: boolean;
}

/** MINPACK-2 dcstep: a safeguarded cubic/quadratic step and the updated interval. */
function dcstep(
  stx: number,
  fx: number,
  dx: number,
  sty: number,
  fy: number,
  dy: number,
  stp: number,
  fp: number,
  dp: number,
  brackt: boolean,
  stpmin: number,
  stpmax: number,
): StepResult {
  const sgnd = dp * (dx / Math.abs(dx));
  let stpf: number;

  if (fp > fx) {
    // case 1: higher function value; the minimum is bracketed
    const theta = (3 * (fx - fp)) / (stp - stx) + dx + dp;
    const s = Math.max(Math.abs(theta), Math.abs(dx), Math.abs(dp));
    let gamma = s * Math.sqrt((theta / s) * (theta / s) - (dx / s) * (dp / s));
    if (stp < stx) gamma = -gamma;
    const p = gamma - dx + theta;
    const q = gamma - dx + gamma + dp;
    const r = p / q;
    const stpc = stx + r * (stp - stx);
    const stpq = stx + (dx / ((fx - fp) / (stp - stx) + dx) / 2) * (stp - stx);
    if (Math.abs(stpc - stx) < Math.abs(stpq - stx)) stpf = stpc;
    else stpf = stpc + (stpq - stpc) / 2;
    brackt = true;
  } else if (sgnd < 0) {
    // case 2: lower function value and derivatives of opposite sign
    const theta = (3 * (fx - fp)) / (stp - stx) + dx + dp;
    const s = Math.max(Math.abs(theta), Math.abs(dx), Math.abs(dp));
    let gamma = s * Math.sqrt((theta / s) * (theta / s) - (dx / s) * (dp / s));
    if (stp > stx) gamma = -gamma;
    const p = gamma - dp + theta;
    const q = gamma - dp + gamma + dx;
    const r = p / q;
    const stpc = stp + r * (stx - stp);
    const stpq = stp + (dp / (dp - dx)) * (stx - stp);
    if (Math.abs(stpc - stp) > Math.abs(stpq - stp)) stpf = stpc;
    else stpf = stpq;
    brackt = true;
  } else if (Math.abs(dp) < Math.abs(dx)) {
    // case 3: lower function value, same-sign derivatives, decreasing magnitude
    const theta = (3 * (fx - fp)) / (stp - stx) + dx + dp;
    const s = Math.max(Math.abs(theta), Math.abs(dx), Math.abs(dp));
    let gamma = s * Math.sqrt(Math.max(0, (theta / s) * (theta / s) - (dx / s) * (dp / s)));
    if (stp > stx) gamma = -gamma;
    const p = gamma - dp + theta;
    const q = gamma + (dx - dp) + gamma;
    const r = p / q;
    let stpc: number;
    if (r < 0 && gamma !== 0) stpc = stp + r * (stx - stp);
    else if (stp > stx) stpc = stpmax;
    else stpc = stpmin;
    const stpq = stp + (dp / (dp - dx)) * (stx - stp);
    if (brackt) {
      stpf = Math.abs(stpc - stp) < Math.abs(stpq - stp) ? stpc : stpq;
      if (stp > stx) stpf = Math.min(stp + 0.66 * (sty - stp), stpf);
      else stpf = Math.max(stp + 0.66 * (sty - stp), stpf);
    } else {
      stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
      stpf = Math.min(stpmax, stpf);
      stpf = Math.max(stpmin, stpf);
    }
  } else {
    // case 4: lower function value, same-sign derivatives, magnitude not decreasing
    if (brackt) {
      const theta = (3 * (fp - fy)) / (sty - stp) + dy + dp;
      const s = Math.max(Math.abs(theta), Math.abs(dy), Math.abs(dp));
      let gamma = s * Math.sqrt((theta / s) * (theta / s) - (dy / s) * (dp / s));
      if (stp > sty) gamma = -gamma;
      const p = gamma - dp + theta;
      const q = gamma - dp + gamma + dy;
      const r = p / q;
      stpf = stp + r * (sty - stp);
    } else if (stp > stx) stpf = stpmax;
    else stpf = stpmin;
  }

  // update the interval that contains a minimiser
  if (fp > fx) {
    sty = stp;
    fy = fp;
    dy = dp;
  } else {
    if (sgnd < 0) {
      sty = stx;
      fy = fx;
      dy = dx;
    }
    stx = stp;
    fx = fp;
    dx = dp;
  }
  return { stx, fx, dx, sty, fy, dy, stp: stpf, brackt };
}
