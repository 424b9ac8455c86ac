// Parameter specifications shared by several catalogue entries (data only).
// Each constant is the parameter as Keras 3 / scikit-learn name and default it.

import type { ParamSpec } from './types';

// ---------------------------------------------------------------------------------------------
// Losses

export const FROM_LOGITS: ParamSpec = {
  name: 'from_logits',
  type: 'boolean',
  default: false,
  summary: 'Whether y_pred holds logits (raw scores) rather than probabilities; true applies sigmoid/softmax inside the loss.',
};

export const LABEL_SMOOTHING: ParamSpec = {
  name: 'label_smoothing',
  type: 'number',
  default: 0,
  min: 0,
  max: 1,
  rangeCode: 'label-smoothing-range',
  summary: 'Float in [0, 1]: moves the targets towards the uniform distribution (0 = no smoothing).',
};

export const AXIS: ParamSpec = {
  name: 'axis',
  type: 'integer',
  default: -1,
  summary: 'The axis holding the classes (-1 = the last one).',
};

export const REDUCTION: ParamSpec = {
  name: 'reduction',
  type: 'name',
  default: 'sum_over_batch_size',
  values: ['sum_over_batch_size', 'auto', 'sum', 'mean', 'mean_with_sample_weight', 'none'],
  summary: 'How per-sample losses are combined: sum_over_batch_size (the mean), sum, or none (one value per sample).',
};

// PyTorch's loss parameters keep PyTorch's names and defaults (torch.nn.CrossEntropyLoss and friends).

export function torchWeight(summary: string): ParamSpec {
  return { name: 'weight', type: 'numbers', default: null, min: 0, summary };
}

export const TORCH_IGNORE_INDEX: ParamSpec = {
  name: 'ignore_index',
  type: 'integer',
  default: -100,
  summary: 'A target value whose rows are left out of the loss and of the mean\'s divisor (−100 by default, as padding).',
};

export const TORCH_REDUCTION: ParamSpec = {
  name: 'reduction',
  type: 'name',
  default: 'mean',
  values: ['mean', 'sum', 'none'],
  summary: 'mean (weighted mean over the targets), sum, or none (one loss per sample; xent shows their mean).',
};

export const TORCH_LABEL_SMOOTHING: ParamSpec = {
  name: 'label_smoothing',
  type: 'number',
  default: 0,
  min: 0,
  max: 1,
  rangeCode: 'label-smoothing-range',
  summary: 'Float in [0, 1]: mixes the target with the uniform distribution, (1 − s)·target + s/K.',
};

export const TORCH_POS_WEIGHT: ParamSpec = {
  name: 'pos_weight',
  type: 'numbers',
  default: null,
  min: 0,
  summary: 'The weight of positive targets: one number, or one per label (negatives / positives balances a rare label).',
};

// ---------------------------------------------------------------------------------------------
// Optimizers

export function learningRate(defaultValue: number): ParamSpec {
  return {
    name: 'learning_rate',
    type: 'number',
    default: defaultValue,
    min: 0,
    minExclusive: true,
    rangeCode: 'learning-rate-invalid',
    summary: 'The step size η; must be > 0.',
  };
}

/** A decay rate or momentum term in [0, 1). */
export function unitInterval(name: string, defaultValue: number, summary: string): ParamSpec {
  return {
    name,
    type: 'number',
    default: defaultValue,
    min: 0,
    max: 1,
    maxExclusive: true,
    rangeCode: 'optimizer-param-range',
    summary,
  };
}

export function epsilon(defaultValue = 1e-7): ParamSpec {
  return {
    name: 'epsilon',
    type: 'number',
    default: defaultValue,
    min: 0,
    minExclusive: true,
    rangeCode: 'optimizer-param-range',
    summary: 'A small constant ε > 0 added to the denominator for numerical stability.',
  };
}

/** The arguments every Keras 3 optimizer accepts (keras.optimizers.Optimizer). */
export const OPTIMIZER_COMMON: readonly ParamSpec[] = [
  {
    name: 'weight_decay',
    type: 'number',
    default: null,
    min: 0,
    rangeCode: 'optimizer-param-range',
    summary: 'If set, decoupled weight decay: w ← w − η·λ·w each step.',
  },
  {
    name: 'clipnorm',
    type: 'number',
    default: null,
    min: 0,
    minExclusive: true,
    rangeCode: 'optimizer-param-range',
    summary: 'If set, each weight\'s gradient is clipped so that its norm is at most this value.',
  },
  {
    name: 'clipvalue',
    type: 'number',
    default: null,
    min: 0,
    minExclusive: true,
    rangeCode: 'optimizer-param-range',
    summary: 'If set, each gradient element is clipped to [−clipvalue, clipvalue].',
  },
  {
    name: 'global_clipnorm',
    type: 'number',
    default: null,
    min: 0,
    minExclusive: true,
    rangeCode: 'optimizer-param-range',
    summary: 'If set, all gradients are clipped together so that their global norm is at most this value.',
  },
  {
    name: 'use_ema',
    type: 'boolean',
    default: false,
    summary: 'Keep an exponential moving average of the weights and use it at the end of training.',
  },
  {
    name: 'ema_momentum',
    type: 'number',
    default: 0.99,
    min: 0,
    max: 1,
    rangeCode: 'optimizer-param-range',
    summary: 'Momentum of the weights\' moving average (only with use_ema).',
  },
];

// ---------------------------------------------------------------------------------------------
// Layers

export const INITIALIZERS: readonly string[] = [
  'glorot_uniform',
  'glorot_normal',
  'he_uniform',
  'he_normal',
  'lecun_uniform',
  'lecun_normal',
  'orthogonal',
  'zeros',
  'ones',
  'random_normal',
  'random_uniform',
  'truncated_normal',
  'variance_scaling',
  'identity',
  'constant',
];

export function units(summary = 'Number of output units (dimensionality of the output); an integer ≥ 1.'): ParamSpec {
  return {
    name: 'units',
    type: 'integer',
    positional: true,
    min: 1,
    rangeCode: 'invalid-units',
    summary,
  };
}

export function activationParam(defaultValue: string | null, summary?: string): ParamSpec {
  return {
    name: 'activation',
    type: 'name',
    valuesFrom: 'activation',
    default: defaultValue,
    summary:
      summary ??
      (defaultValue === null
        ? 'The activation applied to the output; none (the default) leaves it linear.'
        : `The activation applied to the output (default ${defaultValue}).`),
  };
}

export const USE_BIAS: ParamSpec = {
  name: 'use_bias',
  type: 'boolean',
  default: true,
  summary: 'Whether the layer adds a learned bias vector.',
};

export const KERNEL_INITIALIZER: ParamSpec = {
  name: 'kernel_initializer',
  type: 'name',
  values: INITIALIZERS,
  default: 'glorot_uniform',
  summary: 'How the weight matrix is initialised.',
};

export const BIAS_INITIALIZER: ParamSpec = {
  name: 'bias_initializer',
  type: 'name',
  values: INITIALIZERS,
  default: 'zeros',
  summary: 'How the bias vector is initialised.',
};

export const DATA_FORMAT: ParamSpec = {
  name: 'data_format',
  type: 'name',
  values: ['channels_last', 'channels_first', 'none'],
  default: null,
  summary: 'channels_last (…, channels) or channels_first (channels, …); none uses the Keras config (channels_last).',
};

/** A rate in [0, 1): dropout fractions. */
export function rate(name: string, defaultValue: number | undefined, summary: string, positional = false): ParamSpec {
  return {
    name,
    type: 'number',
    ...(defaultValue === undefined ? {} : { default: defaultValue }),
    ...(positional ? { positional: true } : {}),
    min: 0,
    max: 1,
    maxExclusive: true,
    summary,
  };
}
