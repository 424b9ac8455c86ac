// Layers: keras.layers and keras.applications (Keras 3). Data only.
// Positional first arguments and the aliases kernel = kernel_size, pool = pool_size follow
// ../shared/design/language-decisions.md ("Layers and their parameters").

import type { CatalogueEntry, ParamSpec } from './types';
import {
  BIAS_INITIALIZER,
  DATA_FORMAT,
  INITIALIZERS,
  KERNEL_INITIALIZER,
  USE_BIAS,
  activationParam,
  rate,
  units,
} from './params';

// ---------------------------------------------------------------------------------------------
// Convolutions and pooling

const FILTERS: ParamSpec = {
  name: 'filters',
  type: 'integer',
  positional: true,
  min: 1,
  rangeCode: 'invalid-units',
  summary: 'Number of filters: the number of output channels; an integer ≥ 1.',
};

const KERNEL_SIZE: ParamSpec = {
  name: 'kernel_size',
  type: 'shape',
  aliases: ['kernel'],
  summary: 'Size of the convolution window: an integer, or one integer per spatial dimension.',
};

const CONV_STRIDES: ParamSpec = {
  name: 'strides',
  type: 'shape',
  default: 1,
  summary: 'Step of the window: an integer, or one per spatial dimension.',
};

const DILATION_RATE: ParamSpec = {
  name: 'dilation_rate',
  type: 'shape',
  default: 1,
  summary: 'Spacing between the kernel elements (1 = ordinary convolution).',
};

const GROUPS: ParamSpec = {
  name: 'groups',
  type: 'integer',
  default: 1,
  min: 1,
  summary: 'Number of groups the input channels are split into (filters must be divisible by it).',
};

function padding(values: readonly string[]): ParamSpec {
  return {
    name: 'padding',
    type: 'name',
    values,
    default: 'valid',
    summary:
      values.includes('causal')
        ? 'valid (no padding), same (output as long as the input) or causal (no look-ahead, for time series).'
        : 'valid (no padding) or same (output the same size as the input, with stride 1).',
  };
}

function conv(dims: 1 | 2 | 3): CatalogueEntry {
  const paddings = dims === 1 ? ['valid', 'same', 'causal'] : ['valid', 'same'];
  const input = dims === 1 ? '(steps, channels)' : dims === 2 ? '(rows, cols, channels)' : '(d1, d2, d3, channels)';
  return {
    name: `conv${dims}d`,
    kind: 'layer',
    aliases: [`convolution${dims}d`],
    summary: `${dims}-D convolution: slides \`filters\` learned kernels over ${input} input.`,
    formula: 'y = f(W ∗ x + b)',
    details:
      `Keras \`Conv${dims}D(filters, kernel_size, ...)\`. Output channels = filters. ` +
      (dims === 1 ? 'causal padding keeps step t from seeing later steps. ' : '') +
      'The activation defaults to linear.',
    keras: `keras.layers.Conv${dims}D`,
    unitsParam: 'filters',
    params: [
      FILTERS,
      KERNEL_SIZE,
      CONV_STRIDES,
      padding(paddings),
      DATA_FORMAT,
      DILATION_RATE,
      GROUPS,
      activationParam(null),
      USE_BIAS,
      KERNEL_INITIALIZER,
      BIAS_INITIALIZER,
    ],
  };
}

function pool(op: 'max' | 'avg', dims: 1 | 2 | 3): CatalogueEntry {
  const long = op === 'max' ? 'max' : 'average';
  const Cls = op === 'max' ? 'MaxPooling' : 'AveragePooling';
  return {
    name: `${op}_pool${dims}d`,
    kind: 'layer',
    aliases: [`${long}_pooling${dims}d`],
    summary: `${dims}-D ${long} pooling: the ${long} of each window of \`pool_size\`.`,
    formula: op === 'max' ? 'yⱼ = max over the window j of xᵢ' : 'yⱼ = (1/|window j|) Σ over the window j of xᵢ',
    details:
      `Keras \`${Cls}${dims}D(pool_size, strides, padding)\`. strides defaults to pool_size, so windows do not ` +
      'overlap. Reduces the spatial size; the number of channels is unchanged.',
    keras: `keras.layers.${Cls}${dims}D`,
    params: [
      {
        name: 'pool_size',
        type: 'shape',
        positional: true,
        default: 2,
        aliases: ['pool'],
        summary:
          dims === 1
            ? 'Window size (default 2).'
            : `Window size: an integer for every dimension, or ${dims} integers (default 2, i.e. ${
                dims === 2 ? '(2, 2)' : '(2, 2, 2)'
              }).`,
      },
      {
        name: 'strides',
        type: 'shape',
        default: null,
        summary: 'Step of the window; none = pool_size.',
      },
      {
        name: 'padding',
        type: 'name',
        values: ['valid', 'same'],
        default: 'valid',
        summary: 'valid (no padding) or same (pad so that output size = ceil(input / strides)).',
      },
      DATA_FORMAT,
    ],
  };
}

function globalPool(op: 'max' | 'avg', dims: 1 | 2): CatalogueEntry {
  const long = op === 'max' ? 'max' : 'average';
  const Cls = op === 'max' ? 'GlobalMaxPooling' : 'GlobalAveragePooling';
  return {
    name: `global_${op}_pool${dims}d`,
    kind: 'layer',
    aliases: [`global_${long}_pooling${dims}d`],
    summary: `Global ${long} pooling over every ${dims === 1 ? 'time step' : 'spatial position'}: one value per channel.`,
    formula: op === 'max' ? 'yₖ = maxᵢ xᵢₖ' : 'yₖ = (1/n) Σᵢ xᵢₖ',
    details: `Keras \`${Cls}${dims}D\`. Turns feature maps into a vector of length channels, usually before the dense head.`,
    keras: `keras.layers.${Cls}${dims}D`,
    params: [
      DATA_FORMAT,
      {
        name: 'keepdims',
        type: 'boolean',
        default: false,
        summary: 'Keep the pooled dimensions with size 1.',
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Recurrent layers

const RECURRENT_FLAGS: readonly ParamSpec[] = [
  rate('dropout', 0.0, 'Fraction in [0, 1) of the inputs dropped during training.'),
  rate('recurrent_dropout', 0.0, 'Fraction in [0, 1) of the recurrent state dropped during training.'),
  {
    name: 'return_sequences',
    type: 'boolean',
    default: false,
    summary: 'Return the output at every time step (needed before another recurrent layer), not only the last.',
  },
  {
    name: 'return_state',
    type: 'boolean',
    default: false,
    summary: 'Also return the final state.',
  },
  {
    name: 'go_backwards',
    type: 'boolean',
    default: false,
    summary: 'Process the sequence backwards.',
  },
  {
    name: 'stateful',
    type: 'boolean',
    default: false,
    summary: 'Carry the last state of each batch over as the initial state of the next.',
  },
  {
    name: 'unroll',
    type: 'boolean',
    default: false,
    summary: 'Unroll the loop (faster for short sequences, more memory).',
  },
];

const RECURRENT_ACTIVATION: ParamSpec = {
  name: 'recurrent_activation',
  type: 'name',
  valuesFrom: 'activation',
  default: 'sigmoid',
  summary: 'The activation of the gates (default sigmoid).',
};

// ---------------------------------------------------------------------------------------------
// Pretrained backbones (opaque without their top; with it, classes units and classifier_activation: model/layer-params.ts)

function backbone(name: string, keras: string, summary: string, extra: readonly ParamSpec[] = []): CatalogueEntry {
  return {
    name,
    kind: 'layer',
    summary,
    details:
      `\`keras.applications.${keras}\`, usually with \`include_top: false\` and \`pooling: avg\` as a feature ` +
      'extractor followed by a dense head; its output size is then not known, so the output rules stay silent ' +
      'when it is the last layer. With include_top true (Keras\'s default) it ends in its own classifier: `classes` ' +
      'units (1000, ImageNet\'s) with `classifier_activation` (softmax), which the output rules check like a dense layer.',
    keras: `keras.applications.${keras}`,
    opaque: true,
    params: [
      {
        name: 'weights',
        type: 'name',
        values: ['imagenet', 'none'],
        alsoAccepts: ['string'],
        default: 'imagenet',
        summary: 'imagenet (pretrained), none (random initialisation), or the path of a weights file.',
      },
      {
        name: 'include_top',
        type: 'boolean',
        default: true,
        summary: 'Keep the original fully-connected classifier on top (false for a feature extractor).',
      },
      {
        name: 'pooling',
        type: 'name',
        values: ['avg', 'max', 'none'],
        default: null,
        summary: 'With include_top false: global avg or max pooling of the last feature map; none keeps the 4-D map.',
      },
      {
        name: 'input_shape',
        type: 'shape',
        default: null,
        summary: 'The input image shape, such as [224, 224, 3] (needed with include_top false and a non-default size).',
      },
      {
        name: 'classes',
        type: 'integer',
        default: 1000,
        min: 1,
        summary: 'Number of classes of the top classifier (only with include_top true and no pretrained weights).',
      },
      {
        name: 'classifier_activation',
        type: 'name',
        valuesFrom: 'activation',
        default: 'softmax',
        summary: 'Activation of the top classifier (only with include_top true).',
      },
      ...extra,
    ],
  };
}

// ---------------------------------------------------------------------------------------------

export const LAYERS: readonly CatalogueEntry[] = [
  {
    name: 'input',
    kind: 'layer',
    summary: 'The model input: declares the shape of one sample (without the batch axis).',
    details: 'Keras `keras.Input(shape)`. `input(8)` is 8 features; `input([600, 1])` is 600 time steps of 1 channel.',
    keras: 'keras.Input / keras.layers.InputLayer',
    params: [
      {
        name: 'shape',
        type: 'shape',
        positional: true,
        summary: 'The shape of one sample: an integer or a list such as [28, 28, 1].',
      },
    ],
  },
  {
    name: 'dense',
    kind: 'layer',
    summary: 'Fully connected layer: every output unit is a weighted sum of every input, plus a bias.',
    formula: 'y = f(W·x + b)',
    details:
      'Keras `Dense(units, activation=None)`. As the output layer of a classifier: K units with softmax ' +
      '(multiclass), 1 unit with sigmoid (binary), L units with sigmoid (multilabel), or a linear activation with ' +
      '`from_logits: true` in the loss.',
    keras: 'keras.layers.Dense',
    unitsParam: 'units',
    params: [units(), activationParam(null), USE_BIAS, KERNEL_INITIALIZER, BIAS_INITIALIZER],
  },
  {
    name: 'dropout',
    kind: 'layer',
    summary: 'Randomly sets a fraction `rate` of its inputs to 0 during training (regularisation).',
    formula: 'training: y = x·m/(1 − r), mᵢ ~ Bernoulli(1 − r);  inference: y = x',
    details: 'Keras `Dropout(rate)`. The surviving inputs are scaled by 1/(1 − r) so the expected sum is unchanged.',
    keras: 'keras.layers.Dropout',
    params: [
      rate('rate', undefined, 'Fraction of the inputs to drop, in [0, 1).', true),
      {
        name: 'seed',
        type: 'integer',
        default: null,
        summary: 'Random seed of the dropout mask.',
      },
    ],
  },
  {
    name: 'activation',
    kind: 'layer',
    summary: 'Applies an activation function to its input.',
    details: 'Keras `Activation("relu")`. `activation(softmax)` after a linear dense layer is the same as `dense(K, activation: softmax)`.',
    keras: 'keras.layers.Activation',
    activationLayer: true,
    params: [
      {
        name: 'activation',
        type: 'name',
        valuesFrom: 'activation',
        positional: true,
        summary: 'The activation function to apply.',
      },
    ],
  },
  {
    name: 'flatten',
    kind: 'layer',
    summary: 'Flattens each sample to one dimension, e.g. (7, 7, 64) → (3136).',
    details: 'Keras `Flatten()`, usually between convolutional layers and the dense head.',
    keras: 'keras.layers.Flatten',
    params: [DATA_FORMAT],
  },
  {
    name: 'reshape',
    kind: 'layer',
    summary: 'Reshapes each sample to `target_shape` (the number of elements must match).',
    details: 'Keras `Reshape(target_shape)`; one dimension may be −1 (inferred).',
    keras: 'keras.layers.Reshape',
    params: [
      {
        name: 'target_shape',
        type: 'shape',
        positional: true,
        summary: 'The new shape of one sample, without the batch axis.',
      },
    ],
  },
  {
    name: 'batch_norm',
    kind: 'layer',
    aliases: ['batch_normalization'],
    summary: 'Batch normalisation: normalises each feature over the batch, then scales and shifts it.',
    formula: 'y = γ·(x − μ_B)/√(σ_B² + ε) + β',
    details:
      'Keras `BatchNormalization()`. During training μ_B, σ_B² are the batch statistics; at inference the moving ' +
      'averages (updated with `momentum`) are used.',
    keras: 'keras.layers.BatchNormalization',
    params: [
      { name: 'axis', type: 'integer', default: -1, summary: 'The feature axis to normalise (−1 = channels last).' },
      {
        name: 'momentum',
        type: 'number',
        default: 0.99,
        min: 0,
        max: 1,
        summary: 'Momentum of the moving mean and variance.',
      },
      {
        name: 'epsilon',
        type: 'number',
        default: 0.001,
        min: 0,
        minExclusive: true,
        summary: 'Small ε > 0 added to the variance.',
      },
      { name: 'center', type: 'boolean', default: true, summary: 'Learn the offset β.' },
      { name: 'scale', type: 'boolean', default: true, summary: 'Learn the scale γ.' },
    ],
  },
  {
    name: 'layer_norm',
    kind: 'layer',
    aliases: ['layer_normalization'],
    summary: 'Layer normalisation: normalises each sample over its features, then scales and shifts it.',
    formula: 'y = γ·(x − μ)/√(σ² + ε) + β,  μ, σ² over the features of one sample',
    details: 'Keras `LayerNormalization()`. Independent of the batch; common in Transformers and RNNs.',
    keras: 'keras.layers.LayerNormalization',
    params: [
      { name: 'axis', type: 'integer', default: -1, summary: 'The axis (or axes) to normalise over.' },
      {
        name: 'epsilon',
        type: 'number',
        default: 0.001,
        min: 0,
        minExclusive: true,
        summary: 'Small ε > 0 added to the variance.',
      },
      { name: 'center', type: 'boolean', default: true, summary: 'Learn the offset β.' },
      { name: 'scale', type: 'boolean', default: true, summary: 'Learn the scale γ.' },
    ],
  },
  {
    name: 'leaky_relu',
    kind: 'layer',
    summary: 'Leaky ReLU as a layer: x for x ≥ 0, α·x below.',
    formula: 'y = x if x ≥ 0, α·x otherwise',
    details:
      'Keras `LeakyReLU(negative_slope=0.3)` (Keras 2 called the argument alpha; xent accepts both). Note the layer ' +
      'defaults to 0.3, the leaky_relu activation function to 0.2.',
    keras: 'keras.layers.LeakyReLU',
    activationLayer: true,
    appliesActivation: 'leaky_relu',
    params: [
      {
        name: 'negative_slope',
        type: 'number',
        positional: true,
        default: 0.3,
        min: 0,
        aliases: ['alpha'],
        summary: 'Slope α ≥ 0 for negative inputs.',
      },
    ],
  },
  {
    name: 'prelu',
    kind: 'layer',
    summary: 'Parametric ReLU: a leaky ReLU whose negative slope is learned per unit.',
    formula: 'y = x if x ≥ 0, α·x otherwise (α learned)',
    details:
      'Keras `PReLU()`. For the output-activation rules it behaves as leaky_relu (unbounded, not a probability).',
    keras: 'keras.layers.PReLU',
    activationLayer: true,
    appliesActivation: 'leaky_relu',
    params: [
      {
        name: 'alpha_initializer',
        type: 'name',
        values: INITIALIZERS,
        default: 'zeros',
        summary: 'Initial value of the learned slopes.',
      },
      {
        name: 'shared_axes',
        type: 'shape',
        default: null,
        summary: 'Axes along which the slope is shared (for example [1, 2] for one slope per channel).',
      },
    ],
  },
  {
    name: 'relu',
    kind: 'layer',
    summary: 'ReLU as a layer: max(0, x), optionally capped and leaky.',
    formula: 'y = max(0, x)',
    details: 'Keras `ReLU()`, the same as `activation(relu)`.',
    keras: 'keras.layers.ReLU',
    activationLayer: true,
    appliesActivation: 'relu',
    params: [
      { name: 'max_value', type: 'number', default: null, min: 0, summary: 'Upper saturation value; none = unbounded.' },
      { name: 'negative_slope', type: 'number', default: 0.0, min: 0, summary: 'Slope below the threshold.' },
      { name: 'threshold', type: 'number', default: 0.0, summary: 'Inputs below this value are damped.' },
    ],
  },
  {
    name: 'elu',
    kind: 'layer',
    summary: 'ELU as a layer: x for x > 0, α·(eˣ − 1) below.',
    formula: 'y = x if x > 0, α·(eˣ − 1) otherwise',
    details: 'Keras `ELU(alpha=1.0)`, the same as `activation(elu)`.',
    keras: 'keras.layers.ELU',
    activationLayer: true,
    appliesActivation: 'elu',
    params: [{ name: 'alpha', type: 'number', default: 1.0, summary: 'Scale α of the negative part.' }],
  },
  {
    name: 'softmax',
    kind: 'layer',
    summary: 'Softmax as a layer: turns its inputs into a probability distribution.',
    formula: 'yₖ = e^(xₖ)/Σⱼ e^(xⱼ)',
    details: 'Keras `Softmax()`, the same as `activation(softmax)`.',
    keras: 'keras.layers.Softmax',
    activationLayer: true,
    appliesActivation: 'softmax',
    params: [{ name: 'axis', type: 'integer', default: -1, summary: 'The axis along which softmax is applied.' }],
  },
  conv(1),
  conv(2),
  conv(3),
  pool('max', 1),
  pool('max', 2),
  pool('max', 3),
  pool('avg', 1),
  pool('avg', 2),
  pool('avg', 3),
  globalPool('avg', 1),
  globalPool('avg', 2),
  globalPool('max', 1),
  globalPool('max', 2),
  {
    name: 'lstm',
    kind: 'layer',
    summary: 'Long short-term memory: a recurrent layer with input, forget and output gates.',
    formula:
      '(iₜ, fₜ, oₜ) = σ(W·xₜ + U·hₜ₋₁ + b);  c̃ₜ = tanh(W′·xₜ + U′·hₜ₋₁ + b′);  cₜ = fₜ⊙cₜ₋₁ + iₜ⊙c̃ₜ;  hₜ = oₜ⊙tanh(cₜ)',
    details:
      'Keras `LSTM(units)`. Returns the last hidden state hₜ (units values) unless return_sequences is true. ' +
      'The gates use recurrent_activation (sigmoid); the cell uses activation (tanh).',
    keras: 'keras.layers.LSTM',
    unitsParam: 'units',
    params: [
      units('Dimensionality of the hidden state and output; an integer ≥ 1.'),
      activationParam('tanh'),
      RECURRENT_ACTIVATION,
      USE_BIAS,
      ...RECURRENT_FLAGS,
    ],
  },
  {
    name: 'gru',
    kind: 'layer',
    summary: 'Gated recurrent unit: a lighter recurrent layer with update and reset gates.',
    formula: 'zₜ = σ(W_z·xₜ + U_z·hₜ₋₁);  rₜ = σ(W_r·xₜ + U_r·hₜ₋₁);  h̃ₜ = tanh(W·xₜ + rₜ⊙(U·hₜ₋₁));  hₜ = zₜ⊙hₜ₋₁ + (1 − zₜ)⊙h̃ₜ',
    details:
      'Keras `GRU(units)`; biases omitted above. With reset_after true (the Keras default, cuDNN-compatible) the ' +
      'reset gate is applied after the matrix product, as shown.',
    keras: 'keras.layers.GRU',
    unitsParam: 'units',
    params: [
      units('Dimensionality of the hidden state and output; an integer ≥ 1.'),
      activationParam('tanh'),
      RECURRENT_ACTIVATION,
      USE_BIAS,
      ...RECURRENT_FLAGS,
      {
        name: 'reset_after',
        type: 'boolean',
        default: true,
        summary: 'Apply the reset gate after the matrix multiplication (the cuDNN convention).',
      },
    ],
  },
  {
    name: 'simple_rnn',
    kind: 'layer',
    aliases: ['simplernn'],
    summary: 'Fully connected recurrent layer: the output is fed back as the next step\'s state.',
    formula: 'hₜ = f(W·xₜ + U·hₜ₋₁ + b)',
    details: 'Keras `SimpleRNN(units)`. Suffers from vanishing gradients on long sequences; prefer lstm or gru.',
    keras: 'keras.layers.SimpleRNN',
    unitsParam: 'units',
    params: [
      units('Dimensionality of the hidden state and output; an integer ≥ 1.'),
      activationParam('tanh'),
      USE_BIAS,
      ...RECURRENT_FLAGS,
    ],
  },
  {
    name: 'bidirectional',
    kind: 'layer',
    summary: 'Runs a recurrent layer forwards and backwards and merges the two outputs.',
    formula: 'y = merge(RNN→(x), RNN←(x))',
    details:
      'Keras `Bidirectional(LSTM(64))`. Write `bidirectional(lstm(64))`, or `bidirectional(64)` for an LSTM of 64 ' +
      'units. With merge_mode concat (the default) the output has twice the wrapped layer\'s units.',
    keras: 'keras.layers.Bidirectional',
    params: [
      {
        name: 'layer',
        type: 'name',
        valuesFrom: 'layer',
        alsoAccepts: ['integer'],
        positional: true,
        min: 1,
        rangeCode: 'invalid-units',
        summary: 'The recurrent layer to wrap, as a call such as lstm(64), or a unit count for an LSTM.',
      },
      {
        name: 'merge_mode',
        type: 'name',
        values: ['concat', 'sum', 'mul', 'ave', 'none'],
        default: 'concat',
        summary: 'How the forward and backward outputs are combined; none returns both.',
      },
    ],
  },
  {
    name: 'embedding',
    kind: 'layer',
    summary: 'Maps integer token ids to dense vectors of size output_dim.',
    formula: 'y = E[x],  E ∈ ℝ^(input_dim × output_dim)',
    details: 'Keras `Embedding(input_dim, output_dim)`. The input holds integers in [0, input_dim).',
    keras: 'keras.layers.Embedding',
    params: [
      {
        name: 'input_dim',
        type: 'integer',
        positional: true,
        min: 1,
        summary: 'Size of the vocabulary: the largest token id + 1.',
      },
      {
        name: 'output_dim',
        type: 'integer',
        min: 1,
        summary: 'Size of each embedding vector.',
      },
      {
        name: 'embeddings_initializer',
        type: 'name',
        values: ['uniform', ...INITIALIZERS],
        default: 'uniform',
        summary: 'How the embedding matrix is initialised.',
      },
      {
        name: 'mask_zero',
        type: 'boolean',
        default: false,
        summary: 'Treat id 0 as padding and mask it for later layers (then ids run 1..input_dim − 1).',
      },
    ],
  },
  {
    name: 'concatenate',
    kind: 'layer',
    summary: 'Concatenates several inputs along an axis.',
    details: 'Keras `Concatenate(axis=-1)`, for multi-branch models.',
    keras: 'keras.layers.Concatenate',
    params: [{ name: 'axis', type: 'integer', default: -1, summary: 'The axis to concatenate along.' }],
  },
  backbone('resnet50', 'ResNet50', 'ResNet-50 convolutional backbone (He et al., 2015), optionally ImageNet-pretrained.'),
  backbone('densenet121', 'DenseNet121', 'DenseNet-121 convolutional backbone (Huang et al., 2017), optionally ImageNet-pretrained.'),
  backbone(
    'mobilenet_v2',
    'MobileNetV2',
    'MobileNetV2 convolutional backbone (Sandler et al., 2018), small and fast, optionally ImageNet-pretrained.',
    [
      {
        name: 'alpha',
        type: 'number',
        default: 1.0,
        min: 0,
        minExclusive: true,
        summary: 'Width multiplier: scales the number of filters in every layer.',
      },
    ],
  ),
  backbone(
    'efficientnet_b0',
    'EfficientNetB0',
    'EfficientNet-B0 convolutional backbone (Tan & Le, 2019), optionally ImageNet-pretrained.',
  ),
  backbone('vgg16', 'VGG16', 'VGG-16 convolutional backbone (Simonyan & Zisserman, 2014), optionally ImageNet-pretrained.'),
];
