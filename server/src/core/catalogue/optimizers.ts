// Optimizers: keras.optimizers (Keras 3). Data only.
// Notation in the update rules: w the weights, g the gradient, η the learning rate, t the step count.

import type { CatalogueEntry, ParamSpec } from './types';
import { OPTIMIZER_COMMON, epsilon, learningRate, unitInterval } from './params';

const BETA_1 = unitInterval('beta_1', 0.9, 'Decay rate β₁ of the first-moment (mean) estimate, in [0, 1).');
const BETA_2 = unitInterval('beta_2', 0.999, 'Decay rate β₂ of the second-moment (uncentred variance) estimate, in [0, 1).');
const AMSGRAD: ParamSpec = {
  name: 'amsgrad',
  type: 'boolean',
  default: false,
  summary: 'Use the AMSGrad variant (keeps the maximum of past second moments).',
};

const ADAM_LR_NOTE =
  'Adam-family optimizers work well with learning rates around 1e-3; above 1e-2 training often diverges.';

/** The common optimizer arguments, without the one an optimizer redefines with its own default. */
function common(except?: string): readonly ParamSpec[] {
  return except === undefined ? OPTIMIZER_COMMON : OPTIMIZER_COMMON.filter((p) => p.name !== except);
}

export const OPTIMIZERS: readonly CatalogueEntry[] = [
  {
    name: 'sgd',
    kind: 'optimizer',
    summary: 'Stochastic gradient descent, optionally with (Nesterov) momentum.',
    formula: 'v ← μ·v − η·g;  w ← w + v  (Nesterov: w ← w + μ·v − η·g)',
    details:
      'With momentum μ = 0 (the default) the step is plain w ← w − η·g. Default learning rate 0.01. ' +
      'Momentum must lie in [0, 1).',
    keras: 'keras.optimizers.SGD / "sgd"',
    params: [
      learningRate(0.01),
      unitInterval('momentum', 0.0, 'Momentum μ in [0, 1): how much of the previous step is kept.'),
      {
        name: 'nesterov',
        type: 'boolean',
        default: false,
        summary: 'Use Nesterov momentum (look ahead along the velocity before taking the gradient step).',
      },
      ...common(),
    ],
  },
  {
    name: 'adam',
    kind: 'optimizer',
    summary: 'Adam: adaptive moment estimation, per-weight step sizes from running gradient moments.',
    formula:
      'm ← β₁·m + (1 − β₁)·g;  v ← β₂·v + (1 − β₂)·g²;  m̂ = m/(1 − β₁ᵗ);  v̂ = v/(1 − β₂ᵗ);  w ← w − η·m̂/(√v̂ + ε)',
    details:
      'Default learning rate 0.001, β₁ = 0.9, β₂ = 0.999, ε = 1e-7 (Keras; the paper uses 1e-8). ' +
      'Keras applies the bias corrections through the step size, η·√(1 − β₂ᵗ)/(1 − β₁ᵗ), so its ε plays the role ' +
      'of the paper\'s ε̂. ' +
      ADAM_LR_NOTE +
      ' Keras 3 accepts only `learning_rate` (the old `lr` spelling is an error).',
    keras: 'keras.optimizers.Adam / "adam"',
    adamFamily: true,
    params: [learningRate(0.001), BETA_1, BETA_2, epsilon(), AMSGRAD, ...common()],
  },
  {
    name: 'adamw',
    kind: 'optimizer',
    summary: 'Adam with decoupled weight decay (Loshchilov & Hutter).',
    formula: 'w ← w − η·λ·w;  then the Adam step w ← w − η·m̂/(√v̂ + ε)',
    details:
      'Weight decay λ (default 0.004) shrinks the weights directly instead of adding an L2 term to the loss, ' +
      'so it is not rescaled by the adaptive denominator. Other defaults as Adam. ' +
      ADAM_LR_NOTE,
    keras: 'keras.optimizers.AdamW / "adamw"',
    adamFamily: true,
    params: [
      learningRate(0.001),
      {
        name: 'weight_decay',
        type: 'number',
        default: 0.004,
        min: 0,
        rangeCode: 'optimizer-param-range',
        summary: 'Decoupled weight decay λ ≥ 0.',
      },
      BETA_1,
      BETA_2,
      epsilon(),
      AMSGRAD,
      ...common('weight_decay'),
    ],
  },
  {
    name: 'nadam',
    kind: 'optimizer',
    summary: 'Nadam: Adam with Nesterov momentum.',
    formula: 'w ← w − η·(β₁·m̂ + (1 − β₁)·g/(1 − β₁ᵗ))/(√v̂ + ε)',
    details:
      'm, v, m̂, v̂ as in Adam; the Nesterov look-ahead mixes the corrected momentum with the current gradient ' +
      '(Keras also applies a momentum schedule, Dozat 2016). Defaults as Adam. ' +
      ADAM_LR_NOTE,
    keras: 'keras.optimizers.Nadam / "nadam"',
    adamFamily: true,
    params: [learningRate(0.001), BETA_1, BETA_2, epsilon(), ...common()],
  },
  {
    name: 'adamax',
    kind: 'optimizer',
    summary: 'Adamax: Adam with the infinity norm in place of the second moment.',
    formula: 'm ← β₁·m + (1 − β₁)·g;  u ← max(β₂·u, |g|);  w ← w − (η/(1 − β₁ᵗ))·m/(u + ε)',
    details: 'Sometimes more stable than Adam with embeddings. Defaults as Adam. ' + ADAM_LR_NOTE,
    keras: 'keras.optimizers.Adamax / "adamax"',
    adamFamily: true,
    params: [
      learningRate(0.001),
      BETA_1,
      unitInterval('beta_2', 0.999, 'Decay rate β₂ of the exponentially weighted infinity norm, in [0, 1).'),
      epsilon(),
      ...common(),
    ],
  },
  {
    name: 'rmsprop',
    kind: 'optimizer',
    summary: 'RMSprop: divides the gradient by a running root mean square of recent gradients.',
    formula: 'v ← ρ·v + (1 − ρ)·g²;  w ← w − η·g/√(v + ε)',
    details:
      'Defaults: learning rate 0.001, ρ = 0.9, momentum 0, ε = 1e-7. With `centered: true` the running mean of g ' +
      'is subtracted: w ← w − η·g/√(v − ḡ² + ε). With momentum μ > 0 the step is accumulated: ' +
      's ← μ·s + η·g/√(v + ε); w ← w − s.',
    keras: 'keras.optimizers.RMSprop / "rmsprop"',
    params: [
      learningRate(0.001),
      unitInterval('rho', 0.9, 'Discount factor ρ of the running mean of squared gradients, in [0, 1).'),
      unitInterval('momentum', 0.0, 'Momentum μ in [0, 1).'),
      epsilon(),
      {
        name: 'centered',
        type: 'boolean',
        default: false,
        summary: 'Normalise by the estimated variance of the gradient instead of its second moment.',
      },
      ...common(),
    ],
  },
  {
    name: 'adagrad',
    kind: 'optimizer',
    summary: 'Adagrad: per-weight step sizes shrinking with the sum of all past squared gradients.',
    formula: 'G ← G + g²;  w ← w − η·g/√(G + ε)',
    details:
      'Good for sparse features; the step size only ever decreases. Defaults: learning rate 0.001, ' +
      'initial accumulator 0.1, ε = 1e-7.',
    keras: 'keras.optimizers.Adagrad / "adagrad"',
    params: [
      learningRate(0.001),
      {
        name: 'initial_accumulator_value',
        type: 'number',
        default: 0.1,
        min: 0,
        rangeCode: 'optimizer-param-range',
        summary: 'Starting value of the accumulator G (≥ 0).',
      },
      epsilon(),
      ...common(),
    ],
  },
  {
    name: 'adadelta',
    kind: 'optimizer',
    summary: 'Adadelta: scales steps by the ratio of running RMS of past updates and of gradients.',
    formula:
      'E[g²] ← ρ·E[g²] + (1 − ρ)·g²;  Δw = −(√(E[Δw²] + ε)/√(E[g²] + ε))·g;  E[Δw²] ← ρ·E[Δw²] + (1 − ρ)·Δw²;  w ← w + η·Δw',
    details:
      'The original method needs no learning rate (η = 1); Keras multiplies the update by η, default 0.001. ' +
      'ρ = 0.95, ε = 1e-7.',
    keras: 'keras.optimizers.Adadelta / "adadelta"',
    params: [
      learningRate(0.001),
      unitInterval('rho', 0.95, 'Decay rate ρ of the running averages, in [0, 1).'),
      epsilon(),
      ...common(),
    ],
  },
  {
    name: 'ftrl',
    kind: 'optimizer',
    summary: 'FTRL-Proximal ("follow the regularized leader"), for shallow models with large sparse inputs.',
    formula:
      'n ← n + g²;  σ = (n^(−p) − n₋₁^(−p))/η;  z ← z + g − σ·w;  w = 0 if |z| < λ₁, else (sgn(z)·λ₁ − z)/((β + √n)/η + λ₂)',
    details:
      'McMahan et al., 2013. p = learning_rate_power (−0.5), λ₁ and λ₂ the L1/L2 regularisation strengths, ' +
      'β the beta parameter. Defaults: learning rate 0.001, initial accumulator 0.1.',
    keras: 'keras.optimizers.Ftrl / "ftrl"',
    params: [
      learningRate(0.001),
      {
        name: 'learning_rate_power',
        type: 'number',
        default: -0.5,
        max: 0,
        rangeCode: 'optimizer-param-range',
        summary: 'Power p ≤ 0 controlling how the per-weight rate decreases (0 = fixed rate).',
      },
      {
        name: 'initial_accumulator_value',
        type: 'number',
        default: 0.1,
        min: 0,
        rangeCode: 'optimizer-param-range',
        summary: 'Starting value of the accumulator n (≥ 0).',
      },
      {
        name: 'l1_regularization_strength',
        type: 'number',
        default: 0.0,
        min: 0,
        rangeCode: 'optimizer-param-range',
        summary: 'L1 strength λ₁ ≥ 0 (drives weights to exactly 0).',
      },
      {
        name: 'l2_regularization_strength',
        type: 'number',
        default: 0.0,
        min: 0,
        rangeCode: 'optimizer-param-range',
        summary: 'L2 stabilisation strength λ₂ ≥ 0.',
      },
      {
        name: 'l2_shrinkage_regularization_strength',
        type: 'number',
        default: 0.0,
        min: 0,
        rangeCode: 'optimizer-param-range',
        summary: 'L2 shrinkage (magnitude penalty added to the loss) ≥ 0.',
      },
      {
        name: 'beta',
        type: 'number',
        default: 0.0,
        min: 0,
        rangeCode: 'optimizer-param-range',
        summary: 'The β of the paper, added to √n in the per-weight rate.',
      },
      ...common(),
    ],
  },
  {
    name: 'lion',
    kind: 'optimizer',
    summary: 'Lion: sign-based momentum optimizer (Chen et al., 2023).',
    formula: 'c = β₁·m + (1 − β₁)·g;  w ← w − η·sign(c);  m ← β₂·m + (1 − β₂)·g',
    details:
      'Every step has the same magnitude η per weight, so Lion wants a learning rate 3–10× smaller than AdamW ' +
      '(and a weight decay 3–10× larger). Defaults: learning rate 0.001, β₁ = 0.9, β₂ = 0.99.',
    keras: 'keras.optimizers.Lion / "lion"',
    params: [
      learningRate(0.001),
      unitInterval('beta_1', 0.9, 'Interpolation β₁ between momentum and gradient for the update direction, in [0, 1).'),
      unitInterval('beta_2', 0.99, 'Decay rate β₂ of the momentum, in [0, 1).'),
      ...common(),
    ],
  },
];
