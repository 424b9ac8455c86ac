// Whole-model values (`model: logistic_regression(...)`): scikit-learn estimators. Data only.

import type { CatalogueEntry } from './types';

export const MODELS: readonly CatalogueEntry[] = [
  {
    name: 'logistic_regression',
    kind: 'model',
    summary: 'Logistic regression: a linear score passed through the sigmoid, fitted by L2-regularised log loss.',
    formula: 'p = σ(w·x + b);  minimise ½‖w‖² + C·Σᵢ [−yᵢ·log pᵢ − (1 − yᵢ)·log(1 − pᵢ)]',
    details:
      'scikit-learn `LogisticRegression()` with its defaults: L2 penalty, lbfgs solver, C = 1.0, an unpenalised ' +
      'intercept. Smaller C means stronger regularisation. xent fits it on `features` and `y_true` and scores ' +
      'P(class 1) = predict_proba[:, 1] (the seed: coef 1.00926, intercept 0.14308, log loss 0.4594). ' +
      'For more than two classes scikit-learn fits a multinomial (softmax) model.',
    sklearn: 'sklearn.linear_model.LogisticRegression',
    params: [
      {
        name: 'C',
        type: 'number',
        default: 1.0,
        min: 0,
        minExclusive: true,
        summary: 'Inverse of the regularisation strength, > 0 (smaller = stronger regularisation).',
      },
      {
        name: 'fit_intercept',
        type: 'boolean',
        default: true,
        summary: 'Fit the bias b (not regularised).',
      },
      {
        name: 'max_iter',
        type: 'integer',
        default: 100,
        min: 1,
        summary: 'Maximum number of solver iterations.',
      },
      {
        name: 'tol',
        type: 'number',
        default: 1e-4,
        min: 0,
        minExclusive: true,
        summary: 'Tolerance of the stopping criterion, > 0.',
      },
    ],
  },
];
