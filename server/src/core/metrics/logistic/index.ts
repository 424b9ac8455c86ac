/**
 * Logistic regression as scikit-learn's LogisticRegression(solver="lbfgs") fits it (pure TypeScript).
 *
 *   logistic-regression.ts   fitLogisticRegression, decisionFunction, predictProba
 *   objective.ts             scikit-learn's scaled objective and gradient (binary / multinomial)
 *   lbfgs.ts                 L-BFGS following L-BFGS-B's unconstrained path and stopping tests
 *   line-search.ts           Moré–Thuente (MINPACK-2 dcsrch / dcstep)
 */

export * from './logistic-regression';
export * from './objective';
export * from './lbfgs';
export * from './line-search';
