// Activations: keras.activations (Keras 3). Data only.
// `range` drives the output-activation rules: probability (sigmoid-like), simplex (softmax), linear (logits),
// non-negative / unbounded / bounded-signed (not probabilities: wrong before a cross-entropy).

import type { CatalogueEntry } from './types';

const NOT_PROBABILITY =
  'Its outputs are not probabilities, so it does not belong on the output layer of a classifier trained with a ' +
  'cross-entropy loss.';

export const ACTIVATIONS: readonly CatalogueEntry[] = [
  {
    name: 'linear',
    kind: 'activation',
    aliases: ['none'],
    summary: 'Identity: passes its input through unchanged (outputs are logits on an output layer).',
    formula: 'f(x) = x',
    details:
      'The default of dense and conv layers (`activation: none`). On the output layer it produces logits: ' +
      'pair it with `from_logits: true` in a cross-entropy loss, otherwise the loss reads scores as probabilities.',
    keras: 'keras.activations.linear / "linear"',
    range: 'linear',
    params: [],
  },
  {
    name: 'relu',
    kind: 'activation',
    summary: 'Rectified linear unit: max(0, x).',
    formula: 'relu(x) = max(0, x)',
    details: 'The usual hidden-layer activation. ' + NOT_PROBABILITY,
    keras: 'keras.activations.relu / "relu"',
    range: 'non-negative',
    params: [
      {
        name: 'negative_slope',
        type: 'number',
        default: 0.0,
        min: 0,
        summary: 'Slope for inputs below the threshold (0 = plain ReLU).',
      },
      {
        name: 'max_value',
        type: 'number',
        default: null,
        min: 0,
        summary: 'Upper saturation value; none = unbounded.',
      },
      {
        name: 'threshold',
        type: 'number',
        default: 0.0,
        summary: 'Inputs below this value are damped (set to 0 or scaled by negative_slope).',
      },
    ],
  },
  {
    name: 'relu6',
    kind: 'activation',
    summary: 'ReLU capped at 6.',
    formula: 'relu6(x) = min(max(0, x), 6)',
    details: 'Used in mobile networks (MobileNet). ' + NOT_PROBABILITY,
    keras: 'keras.activations.relu6 / "relu6"',
    range: 'non-negative',
    params: [],
  },
  {
    name: 'leaky_relu',
    kind: 'activation',
    summary: 'Leaky ReLU: x for x ≥ 0, α·x below (a small slope keeps gradients alive).',
    formula: 'leaky_relu(x) = x if x ≥ 0, α·x otherwise  (α = negative_slope)',
    details:
      'The activation function defaults to α = 0.2; the leaky_relu layer defaults to 0.3. ' + NOT_PROBABILITY,
    keras: 'keras.activations.leaky_relu / "leaky_relu"',
    range: 'unbounded',
    params: [
      {
        name: 'negative_slope',
        type: 'number',
        default: 0.2,
        min: 0,
        aliases: ['alpha'],
        summary: 'Slope α for negative inputs.',
      },
    ],
  },
  {
    name: 'elu',
    kind: 'activation',
    summary: 'Exponential linear unit: x for x > 0, α·(eˣ − 1) below.',
    formula: 'elu(x) = x if x > 0, α·(eˣ − 1) otherwise',
    details: 'Smooth, with outputs in (−α, ∞). ' + NOT_PROBABILITY,
    keras: 'keras.activations.elu / "elu"',
    range: 'unbounded',
    params: [
      {
        name: 'alpha',
        type: 'number',
        default: 1.0,
        summary: 'Scale α of the negative part (outputs saturate at −α).',
      },
    ],
  },
  {
    name: 'selu',
    kind: 'activation',
    summary: 'Scaled ELU with fixed constants chosen for self-normalising networks.',
    formula: 'selu(x) = λ·x if x > 0, λ·α·(eˣ − 1) otherwise  (λ ≈ 1.0507, α ≈ 1.6733)',
    details: 'Meant with lecun_normal initialisation and alpha dropout. ' + NOT_PROBABILITY,
    keras: 'keras.activations.selu / "selu"',
    range: 'unbounded',
    params: [],
  },
  {
    name: 'gelu',
    kind: 'activation',
    summary: 'Gaussian error linear unit: x weighted by the standard normal CDF Φ(x).',
    formula: 'gelu(x) = x·Φ(x) = ½·x·(1 + erf(x/√2))',
    details:
      'With `approximate: true`: ½·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). Used in Transformers. ' + NOT_PROBABILITY,
    keras: 'keras.activations.gelu / "gelu"',
    range: 'unbounded',
    params: [
      {
        name: 'approximate',
        type: 'boolean',
        default: false,
        summary: 'Use the tanh approximation.',
      },
    ],
  },
  {
    name: 'silu',
    kind: 'activation',
    aliases: ['swish'],
    summary: 'Sigmoid linear unit (swish): x·σ(x).',
    formula: 'silu(x) = x·σ(x) = x/(1 + e^(−x))',
    details: 'Smooth and non-monotonic; used in EfficientNet. ' + NOT_PROBABILITY,
    keras: 'keras.activations.silu / "silu" (alias "swish")',
    range: 'unbounded',
    params: [],
  },
  {
    name: 'mish',
    kind: 'activation',
    summary: 'Mish: x·tanh(softplus(x)).',
    formula: 'mish(x) = x·tanh(log(1 + eˣ))',
    details: NOT_PROBABILITY,
    keras: 'keras.activations.mish / "mish"',
    range: 'unbounded',
    params: [],
  },
  {
    name: 'softplus',
    kind: 'activation',
    summary: 'Softplus: a smooth ReLU, log(1 + eˣ).',
    formula: 'softplus(x) = log(1 + eˣ)',
    details: 'Outputs are positive. ' + NOT_PROBABILITY,
    keras: 'keras.activations.softplus / "softplus"',
    range: 'non-negative',
    params: [],
  },
  {
    name: 'softsign',
    kind: 'activation',
    summary: 'Softsign: x/(1 + |x|), in (−1, 1).',
    formula: 'softsign(x) = x/(1 + |x|)',
    details: 'Like tanh with polynomial tails. Outputs are in (−1, 1): ' + NOT_PROBABILITY,
    keras: 'keras.activations.softsign / "softsign"',
    range: 'bounded-signed',
    params: [],
  },
  {
    name: 'tanh',
    kind: 'activation',
    summary: 'Hyperbolic tangent, in (−1, 1).',
    formula: 'tanh(x) = (eˣ − e^(−x))/(eˣ + e^(−x)) = 2·σ(2x) − 1',
    details:
      'Zero-centred; the default activation of LSTM/GRU/SimpleRNN cells. Outputs are in (−1, 1), so negative ' +
      'values make log(p) undefined: ' +
      NOT_PROBABILITY,
    keras: 'keras.activations.tanh / "tanh"',
    range: 'bounded-signed',
    params: [],
  },
  {
    name: 'sigmoid',
    kind: 'activation',
    summary: 'Logistic sigmoid: squashes a score into a probability in (0, 1).',
    formula: 'σ(x) = 1/(1 + e^(−x))',
    details:
      'The output activation for binary tasks (one unit: P(class 1)) and multilabel tasks (one independent ' +
      'probability per label), paired with binary_crossentropy. Its outputs do not sum to 1 across units, so it ' +
      'is not a distribution over exclusive classes.',
    keras: 'keras.activations.sigmoid / "sigmoid"',
    range: 'probability',
    params: [],
  },
  {
    name: 'hard_sigmoid',
    kind: 'activation',
    summary: 'Piecewise-linear approximation of the sigmoid, in [0, 1].',
    formula: 'hard_sigmoid(x) = max(0, min(1, x/6 + 1/2))',
    details: 'Keras 3 uses x/6 + 1/2 (Keras 2 used 0.2·x + 0.5). Cheaper than σ; reaches exactly 0 and 1.',
    keras: 'keras.activations.hard_sigmoid / "hard_sigmoid"',
    range: 'probability',
    params: [],
  },
  {
    name: 'hard_silu',
    kind: 'activation',
    aliases: ['hard_swish'],
    summary: 'Hard SiLU (hard swish): x·hard_sigmoid(x).',
    formula: 'hard_silu(x) = x·relu6(x + 3)/6',
    details: 'A cheap approximation of silu used in MobileNetV3. ' + NOT_PROBABILITY,
    keras: 'keras.activations.hard_silu / "hard_silu" (alias "hard_swish")',
    range: 'unbounded',
    params: [],
  },
  {
    name: 'exponential',
    kind: 'activation',
    summary: 'Exponential: eˣ.',
    formula: 'f(x) = eˣ',
    details: 'Positive and unbounded above. ' + NOT_PROBABILITY,
    keras: 'keras.activations.exponential / "exponential"',
    range: 'non-negative',
    params: [],
  },
  {
    name: 'softmax',
    kind: 'activation',
    summary: 'Softmax: turns K scores into a probability distribution over K exclusive classes.',
    formula: 'softmax(x)ₖ = e^(xₖ)/Σⱼ e^(xⱼ)',
    details:
      'The output activation for single-label multiclass tasks, paired with categorical_crossentropy (one-hot ' +
      'labels) or sparse_categorical_crossentropy (integer labels). Outputs are positive and sum to 1. ' +
      'On a single unit it always outputs 1.0; on a multilabel task it forces labels to compete. ' +
      'With `from_logits: true` the loss applies softmax again (a double softmax).',
    keras: 'keras.activations.softmax / "softmax"',
    range: 'simplex',
    params: [
      {
        name: 'axis',
        type: 'integer',
        default: -1,
        summary: 'The axis along which the normalisation is applied.',
      },
    ],
  },
  {
    name: 'log_softmax',
    kind: 'activation',
    summary: 'Logarithm of the softmax: log-probabilities, in (−∞, 0].',
    formula: 'log_softmax(x)ₖ = xₖ − log Σⱼ e^(xⱼ)',
    details:
      'Numerically stable log-probabilities. Keras cross-entropy losses expect probabilities or logits, not ' +
      'log-probabilities (with `from_logits: true` they give the right loss, since softmax of log-probabilities ' +
      'is the distribution itself).',
    keras: 'keras.activations.log_softmax / "log_softmax"',
    range: 'unbounded',
    params: [
      {
        name: 'axis',
        type: 'integer',
        default: -1,
        summary: 'The axis along which the normalisation is applied.',
      },
    ],
  },
];
