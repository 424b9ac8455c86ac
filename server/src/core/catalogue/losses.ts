// Losses: Keras 3 (keras.losses), PyTorch (torch.nn) and scikit-learn's log_loss. Data only.
// Each loss xent evaluates has its engine module in core/eval/losses/ (registered in its index.ts).

import type { CatalogueEntry } from './types';
import { AXIS, FROM_LOGITS, LABEL_SMOOTHING, REDUCTION, TORCH_IGNORE_INDEX, TORCH_LABEL_SMOOTHING, TORCH_POS_WEIGHT, TORCH_REDUCTION, torchWeight } from './params';

const CLIP_NOTE =
  'Keras clips probabilities to [ε, 1 − ε] with ε = 1e-7 (`keras.config.epsilon()`) before taking the log, ' +
  'so a confident wrong prediction costs at most −log(1e-7) ≈ 16.12 per sample.';

const LOGITS_NOTE =
  'With `from_logits: true`, y_pred holds logits and the loss applies the activation itself (numerically stabler); ' +
  'with the default `false`, y_pred must already be probabilities.';

export const LOSSES: readonly CatalogueEntry[] = [
  {
    name: 'binary_crossentropy',
    kind: 'loss',
    summary: 'Binary cross-entropy (log loss) between 0/1 targets and predicted probabilities of class 1.',
    formula: 'L = −(1/N) Σᵢ [yᵢ·log pᵢ + (1 − yᵢ)·log(1 − pᵢ)]',
    details:
      'The loss for binary and multilabel tasks: one sigmoid output per label, each target 0 or 1. ' +
      'Per sample it is −log p when y = 1 and −log(1 − p) when y = 0 (−log 0.1 = 2.303, −log 0.9 = 0.105). ' +
      'With several outputs per sample Keras averages over the last axis, then over the batch. ' +
      CLIP_NOTE +
      ' ' +
      LOGITS_NOTE +
      ' Label smoothing s replaces y by y·(1 − s) + 0.5·s. ' +
      'It equals scikit-learn `log_loss` on the same data (up to clipping).',
    keras: 'keras.losses.BinaryCrossentropy / "binary_crossentropy"',
    sklearn: 'sklearn.metrics.log_loss',
    family: 'binary',
    crossEntropy: true,
    params: [FROM_LOGITS, LABEL_SMOOTHING, AXIS, REDUCTION],
  },
  {
    name: 'categorical_crossentropy',
    kind: 'loss',
    summary: 'Categorical cross-entropy between one-hot targets and a predicted probability distribution (softmax).',
    formula: 'L = −(1/N) Σᵢ Σₖ yᵢₖ·log pᵢₖ',
    details:
      'The loss for single-label multiclass tasks with one-hot labels and a softmax output of K units. ' +
      'For a one-hot row only the true class counts: [0, 1, 0] against [0.4, 0.4, 0.2] gives −log 0.4 = 0.916. ' +
      'Per sample it is the cross-entropy H(p, q) = −Σₖ pₖ·log qₖ of the target p and the prediction q, and ' +
      'H(p, q) = H(p) + KL(p‖q); with one-hot targets H(p) = 0, so the loss equals the KL divergence. ' +
      'Keras first rescales each prediction row to sum to 1, then clips to [1e-7, 1 − 1e-7]. ' +
      LOGITS_NOTE +
      ' Label smoothing s replaces y by y·(1 − s) + s/K. ' +
      'For integer labels use sparse_categorical_crossentropy instead.',
    keras: 'keras.losses.CategoricalCrossentropy / "categorical_crossentropy"',
    sklearn: 'sklearn.metrics.log_loss',
    family: 'categorical',
    crossEntropy: true,
    params: [FROM_LOGITS, LABEL_SMOOTHING, AXIS, REDUCTION],
  },
  {
    name: 'sparse_categorical_crossentropy',
    kind: 'loss',
    summary: 'Categorical cross-entropy with integer class indices as targets instead of one-hot rows.',
    formula: 'L = −(1/N) Σᵢ log pᵢ,yᵢ',
    details:
      'The same loss as categorical_crossentropy, but y_true holds the class index yᵢ ∈ {0, …, K − 1} and the loss ' +
      'picks the predicted probability of that class. One-hot labels are an error here: Keras stops with a ' +
      'shape error, because it expects one integer per sample. ' +
      'A label outside [0, K) fails at run time ("Received a label value of 3 which is outside the valid range of [0, 3)"). ' +
      'Probabilities are clipped to [1e-7, 1 − 1e-7]. ' +
      LOGITS_NOTE +
      ' It has no label_smoothing; `ignore_class` names a label value (such as −1 for padding) whose samples ' +
      'are left out of the loss.',
    keras: 'keras.losses.SparseCategoricalCrossentropy / "sparse_categorical_crossentropy"',
    sklearn: 'sklearn.metrics.log_loss',
    family: 'sparse',
    crossEntropy: true,
    params: [
      FROM_LOGITS,
      {
        name: 'ignore_class',
        type: 'integer',
        default: null,
        summary: 'A label value whose samples are ignored in the loss (for example −1 for padding); none = ignore nothing.',
      },
      REDUCTION,
    ],
  },
  {
    name: 'kl_divergence',
    kind: 'loss',
    aliases: ['kld', 'kullback_leibler_divergence'],
    summary: 'Kullback–Leibler divergence of the predicted distribution q from the target distribution p.',
    formula: 'KL(p‖q) = Σₖ pₖ·log(pₖ/qₖ)',
    details:
      'How many extra nats a code built for q costs on data from p; 0 when q = p, never negative. ' +
      'It is the cross-entropy minus the target\'s own entropy: H(p, q) = H(p) + KL(p‖q). ' +
      'For one-hot targets H(p) = 0 and KL equals categorical cross-entropy; for soft targets ' +
      '(distillation, label distributions) the two differ by the constant H(p). ' +
      'Keras clips both y_true and y_pred to [1e-7, 1] and sums over the last axis; it expects probabilities.',
    keras: 'keras.losses.KLDivergence / "kl_divergence"',
    family: 'divergence',
    crossEntropy: false,
    params: [REDUCTION],
  },
  {
    name: 'binary_focal_crossentropy',
    kind: 'loss',
    summary: 'Binary cross-entropy scaled by (1 − pₜ)^γ to down-weight easy examples (Lin et al., 2017).',
    formula: 'L = −(1/N) Σᵢ αₜ·(1 − pₜ)^γ·log pₜ,  pₜ = y·p + (1 − y)·(1 − p)',
    details:
      'With γ = 0 and no class balancing it is binary_crossentropy. The focal factor (1 − pₜ)^γ shrinks the loss of ' +
      'well-classified samples. With `apply_class_balancing: true`, αₜ = α for class 1 and 1 − α for class 0 ' +
      '(otherwise αₜ = 1). ' +
      CLIP_NOTE +
      ' Label smoothing s replaces y by y·(1 − s) + 0.5·s.',
    keras: 'keras.losses.BinaryFocalCrossentropy / "binary_focal_crossentropy"',
    family: 'binary',
    crossEntropy: true,
    params: [
      {
        name: 'apply_class_balancing',
        type: 'boolean',
        default: false,
        summary: 'Weight class 1 by α and class 0 by 1 − α.',
      },
      {
        name: 'alpha',
        type: 'number',
        default: 0.25,
        min: 0,
        max: 1,
        summary: 'Balancing weight of class 1 (class 0 gets 1 − α); used only with apply_class_balancing.',
      },
      {
        name: 'gamma',
        type: 'number',
        default: 2.0,
        min: 0,
        summary: 'Focusing parameter γ ≥ 0; 0 turns the focal factor off.',
      },
      FROM_LOGITS,
      LABEL_SMOOTHING,
      AXIS,
      REDUCTION,
    ],
  },
  {
    name: 'categorical_focal_crossentropy',
    kind: 'loss',
    summary: 'Categorical cross-entropy scaled by α·(1 − p)^γ to focus training on hard examples.',
    formula: 'L = −(1/N) Σᵢ Σₖ α·(1 − pᵢₖ)^γ·yᵢₖ·log pᵢₖ',
    details:
      'One-hot targets and a softmax output, as for categorical_crossentropy; with α = 1 and γ = 0 it is ' +
      'categorical_crossentropy. Keras rescales rows to sum to 1 and clips to [1e-7, 1 − 1e-7]. ' +
      LOGITS_NOTE +
      ' Label smoothing s replaces y by y·(1 − s) + s/K.',
    keras: 'keras.losses.CategoricalFocalCrossentropy / "categorical_focal_crossentropy"',
    family: 'categorical',
    crossEntropy: true,
    params: [
      {
        name: 'alpha',
        type: 'number',
        default: 0.25,
        min: 0,
        max: 1,
        summary: 'Weighting factor α applied to every class.',
      },
      {
        name: 'gamma',
        type: 'number',
        default: 2.0,
        min: 0,
        summary: 'Focusing parameter γ ≥ 0; 0 turns the focal factor off.',
      },
      FROM_LOGITS,
      LABEL_SMOOTHING,
      AXIS,
      REDUCTION,
    ],
  },
  {
    name: 'categorical_hinge',
    kind: 'loss',
    summary: 'Multiclass hinge loss on one-hot targets: the margin between the true class score and the best other one.',
    formula: 'L = (1/N) Σᵢ max(0, 1 + maxₖ[(1 − yᵢₖ)·ŷᵢₖ] − Σₖ yᵢₖ·ŷᵢₖ)',
    details:
      'Expects one-hot targets and raw scores; zero once the true class beats every other class by a margin of 1. ' +
      'Not a cross-entropy: the outputs are not read as probabilities.',
    keras: 'keras.losses.CategoricalHinge / "categorical_hinge"',
    family: 'hinge',
    crossEntropy: false,
    params: [REDUCTION],
  },
  {
    name: 'hinge',
    kind: 'loss',
    summary: 'Binary hinge loss (SVM): zero once the signed score has margin ≥ 1.',
    formula: 'L = (1/N) Σᵢ max(0, 1 − yᵢ·ŷᵢ),  yᵢ ∈ {−1, 1}',
    details:
      'Targets are −1 or 1; Keras converts 0/1 targets to −1/1 first. The output should be a raw score ' +
      '(linear or tanh), not a probability.',
    keras: 'keras.losses.Hinge / "hinge"',
    family: 'hinge',
    crossEntropy: false,
    params: [REDUCTION],
  },
  {
    name: 'squared_hinge',
    kind: 'loss',
    summary: 'Squared binary hinge loss: penalises margin violations quadratically.',
    formula: 'L = (1/N) Σᵢ max(0, 1 − yᵢ·ŷᵢ)²,  yᵢ ∈ {−1, 1}',
    details: 'Targets are −1 or 1; Keras converts 0/1 targets to −1/1 first.',
    keras: 'keras.losses.SquaredHinge / "squared_hinge"',
    family: 'hinge',
    crossEntropy: false,
    params: [REDUCTION],
  },
  {
    name: 'poisson',
    kind: 'loss',
    summary: 'Poisson negative log-likelihood, for count targets.',
    formula: 'L = (1/N) Σᵢ (ŷᵢ − yᵢ·log(ŷᵢ + ε))',
    details: 'For non-negative count targets and non-negative predictions (ε = 1e-7). Not a classification loss.',
    keras: 'keras.losses.Poisson / "poisson"',
    family: 'regression',
    crossEntropy: false,
    params: [REDUCTION],
  },
  {
    name: 'mean_squared_error',
    kind: 'loss',
    aliases: ['mse'],
    summary: 'Mean squared error: a regression loss.',
    formula: 'L = (1/N) Σᵢ (yᵢ − ŷᵢ)²',
    details:
      'A regression loss. On probabilities it is the Brier score, which trains a classifier far more slowly than ' +
      'cross-entropy (the gradient vanishes as the sigmoid saturates).',
    keras: 'keras.losses.MeanSquaredError / "mean_squared_error"',
    sklearn: 'sklearn.metrics.mean_squared_error',
    family: 'regression',
    crossEntropy: false,
    params: [REDUCTION],
  },
  {
    name: 'mean_absolute_error',
    kind: 'loss',
    aliases: ['mae'],
    summary: 'Mean absolute error: a regression loss.',
    formula: 'L = (1/N) Σᵢ |yᵢ − ŷᵢ|',
    details: 'A regression loss, robust to outliers; not suited to classification.',
    keras: 'keras.losses.MeanAbsoluteError / "mean_absolute_error"',
    sklearn: 'sklearn.metrics.mean_absolute_error',
    family: 'regression',
    crossEntropy: false,
    params: [REDUCTION],
  },
  {
    name: 'huber',
    kind: 'loss',
    summary: 'Huber loss: quadratic for small errors, linear for large ones.',
    formula: 'L = (1/N) Σᵢ { ½·eᵢ² if |eᵢ| ≤ δ; δ·(|eᵢ| − ½·δ) otherwise },  eᵢ = yᵢ − ŷᵢ',
    details: 'A regression loss that is less sensitive to outliers than mean squared error.',
    keras: 'keras.losses.Huber / "huber"',
    family: 'regression',
    crossEntropy: false,
    params: [
      {
        name: 'delta',
        type: 'number',
        default: 1.0,
        min: 0,
        minExclusive: true,
        summary: 'The error size δ at which the loss changes from quadratic to linear.',
      },
      REDUCTION,
    ],
  },
  {
    name: 'log_cosh',
    kind: 'loss',
    aliases: ['logcosh'],
    summary: 'Logarithm of the hyperbolic cosine of the error: a smooth regression loss.',
    formula: 'L = (1/N) Σᵢ log(cosh(ŷᵢ − yᵢ))',
    details: 'Behaves like ½·e² for small errors and like |e| − log 2 for large ones. A regression loss.',
    keras: 'keras.losses.LogCosh / "log_cosh"',
    family: 'regression',
    crossEntropy: false,
    params: [REDUCTION],
  },
  {
    name: 'cosine_similarity',
    kind: 'loss',
    summary: 'Negative cosine similarity between target and prediction vectors.',
    formula: 'L = −(1/N) Σᵢ (yᵢ·ŷᵢ)/(‖yᵢ‖·‖ŷᵢ‖)',
    details:
      'Ranges from −1 (same direction, the best) to 1 (opposite). Compares directions only, ignoring magnitudes; ' +
      'not a classification loss.',
    keras: 'keras.losses.CosineSimilarity / "cosine_similarity"',
    family: 'regression',
    crossEntropy: false,
    params: [AXIS, REDUCTION],
  },
  {
    name: 'log_loss',
    kind: 'loss',
    summary: 'scikit-learn\'s log loss: the mean negative log-likelihood of the true classes (cross-entropy).',
    formula: 'L = −(1/N) Σᵢ Σₖ yᵢₖ·log pᵢₖ  (binary: −(1/N) Σᵢ [yᵢ·log pᵢ + (1 − yᵢ)·log(1 − pᵢ)])',
    details:
      'y_true holds class labels (any encoding scikit-learn can binarize); y_pred holds probabilities, one column per ' +
      'class in sorted label order, or for a binary task a 1-D vector of P(class 1) ' +
      '(log_loss([1, 0, 0], [0.7, 0.2, 0.1]) = 0.2284). ' +
      'scikit-learn clips to [ε, 1 − ε] with ε the float64 machine epsilon (≈ 2.2e-16), not Keras\'s 1e-7, ' +
      'and warns when a row does not sum to 1. `normalize: false` returns the sum instead of the mean.',
    sklearn: 'sklearn.metrics.log_loss',
    keras: 'keras.losses.BinaryCrossentropy / keras.losses.CategoricalCrossentropy (same quantity)',
    family: 'log-loss',
    crossEntropy: true,
    params: [
      {
        name: 'normalize',
        type: 'boolean',
        default: true,
        summary: 'true returns the mean loss per sample, false the sum over samples.',
      },
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// PyTorch (torch.nn). y_pred holds what the loss takes: logits, log-probabilities or probabilities.
// Computed in float32 as ATen's CPU kernels compute them (docs/metrics-losses.md, "PyTorch losses").

const TORCH_NOTE =
  'A PyTorch loss: the experiment follows PyTorch (`framework: pytorch`, implied by this name). ' +
  'xent computes it in float32 as PyTorch does on CPU; the metrics read ';

export const TORCH_LOSSES: readonly CatalogueEntry[] = [
  {
    name: 'cross_entropy',
    kind: 'loss',
    framework: 'pytorch',
    summary: 'PyTorch\'s cross-entropy: log_softmax of logits, then the negative log-likelihood of class indices (or of class probabilities).',
    formula:
      'ℓᵢ = −w[yᵢ]·log softmax(xᵢ)[yᵢ];  mean = Σᵢ ℓᵢ / Σᵢ w[yᵢ]  (rows with yᵢ = ignore_index left out)\n' +
      'label smoothing s: (1 − s)·ℓ + (s/K)·Σₖ −wₖ·log softmax(x)ₖ\n' +
      'probability targets t: ℓᵢ = −Σₖ wₖ·tₖ·log softmax(xᵢ)ₖ;  mean = Σᵢ ℓᵢ / N',
    details:
      'torch.nn.CrossEntropyLoss takes **logits** (no softmax on the last layer: a softmax there is applied twice) and, as ' +
      'y_true, class indices (`labels: integer`) or rows of class probabilities (`labels: onehot`, rows that sum to 1). ' +
      'With `weight`, the mean divides by the sum of the weights of the targets that are not ignored (class-index targets), ' +
      'by N for probability targets. `ignore_index` (−100) rows count nothing; when every row is ignored the mean is nan, ' +
      'as PyTorch gives. A target outside [0, K) raises "Target 5 is out of bounds."; probability targets refuse an ' +
      'ignore_index ≥ 0 ("ignore_index is not supported for floating point target"). ' +
      TORCH_NOTE + 'softmax of the logits.',
    pytorch: 'torch.nn.CrossEntropyLoss / F.cross_entropy',
    keras: 'keras.losses.SparseCategoricalCrossentropy(from_logits=True) (class indices) / keras.losses.CategoricalCrossentropy(from_logits=True) (rows)',
    family: 'categorical-or-sparse',
    crossEntropy: true,
    takes: 'logits',
    params: [torchWeight('One weight per class (a list of K numbers), applied to the loss of each target\'s class.'), TORCH_IGNORE_INDEX, TORCH_REDUCTION, TORCH_LABEL_SMOOTHING],
  },
  {
    name: 'nll_loss',
    kind: 'loss',
    framework: 'pytorch',
    summary: 'PyTorch\'s negative log-likelihood loss: y_pred holds log-probabilities (log_softmax), y_true class indices.',
    formula: 'ℓᵢ = −w[yᵢ]·y_pred[i, yᵢ];  mean = Σᵢ ℓᵢ / Σᵢ w[yᵢ]  (rows with yᵢ = ignore_index left out)',
    details:
      'torch.nn.NLLLoss picks the log-probability of the target class; it applies no log and no softmax itself, so the model ' +
      'must end in **log_softmax** (cross_entropy = log_softmax + nll_loss). Given probabilities instead, it returns minus ' +
      'their mean, a wrong number without an error. `weight`, `ignore_index` (−100) and the weighted mean are those of ' +
      'cross_entropy; a target outside [0, K) raises "Target 3 is out of bounds."; rows of probabilities as targets raise ' +
      '"0D or 1D target tensor expected, multi-target not supported". ' +
      TORCH_NOTE + 'exp of the log-probabilities.',
    pytorch: 'torch.nn.NLLLoss / F.nll_loss',
    family: 'sparse',
    crossEntropy: true,
    takes: 'log-probabilities',
    params: [torchWeight('One weight per class (a list of K numbers), applied to the loss of each target\'s class.'), TORCH_IGNORE_INDEX, TORCH_REDUCTION],
  },
  {
    name: 'bce_with_logits',
    kind: 'loss',
    framework: 'pytorch',
    summary: 'PyTorch\'s binary cross-entropy on logits: a sigmoid and the binary cross-entropy in one stable formula, with pos_weight.',
    formula: 'ℓ = (1 − t)·x − ((pw − 1)·t + 1)·log σ(x),  log σ(x) = min(x, 0) − log1p(e^(−|x|))',
    details:
      'torch.nn.BCEWithLogitsLoss takes **logits** (no sigmoid on the last layer) and 0/1 targets of the same shape: one value ' +
      'per sample for a binary task, one column per label for multilabel. `pos_weight` multiplies the loss of positive targets ' +
      '(one number, or one per label: pos_weight = negatives / positives balances a rare label). `weight` rescales each ' +
      'column\'s loss. The mean is over every element (samples × labels). Stable for any logit: −40 for a positive costs 40. ' +
      TORCH_NOTE + 'sigmoid of the logits.',
    pytorch: 'torch.nn.BCEWithLogitsLoss / F.binary_cross_entropy_with_logits',
    keras: 'keras.losses.BinaryCrossentropy(from_logits=True)',
    family: 'binary',
    crossEntropy: true,
    takes: 'logits',
    params: [torchWeight('A weight per label column (a list, one per column) or one number for all.'), TORCH_REDUCTION, TORCH_POS_WEIGHT],
  },
  {
    name: 'bce',
    kind: 'loss',
    summary: 'Binary cross-entropy on probabilities: Keras\'s binary_crossentropy, or PyTorch\'s BCELoss when the experiment is PyTorch.',
    formula: 'ℓ = −[t·max(log p, −100) + (1 − t)·max(log(1 − p), −100)]  (PyTorch; Keras clips p to [1e-7, 1 − 1e-7] instead)',
    details:
      'Which library\'s semantics apply is the experiment\'s `framework`: `framework: pytorch` (declared, or implied by a ' +
      'PyTorch-only loss such as cross_entropy in the same file\'s experiment) makes it torch.nn.BCELoss; otherwise it is ' +
      'Keras\'s binary_crossentropy. BCELoss takes probabilities (a sigmoid on the last layer), clamps each log at −100 ' +
      '(p = 0 for a positive costs 100), raises "all elements of input should be between 0 and 1" on anything outside [0, 1], ' +
      'and takes `weight` (per column) and `reduction` (mean, sum, none). Keras\'s version takes from_logits and ' +
      'label_smoothing. The evaluation result says which library was used (`loss.library`).',
    pytorch: 'torch.nn.BCELoss / F.binary_cross_entropy (framework: pytorch)',
    keras: 'keras.losses.BinaryCrossentropy / "binary_crossentropy" (otherwise)',
    family: 'binary',
    crossEntropy: true,
    params: [
      torchWeight('PyTorch only: a weight per label column (a list, one per column) or one number for all.'),
      { ...REDUCTION, summary: 'mean (PyTorch) or sum_over_batch_size (Keras): the mean; sum; or none (one value per sample).', defaultNote: 'mean under PyTorch (the same value: no sample weights).' },
      { ...FROM_LOGITS, summary: 'Keras only: whether y_pred holds logits. PyTorch\'s BCELoss has no such switch (use bce_with_logits).' },
      { ...LABEL_SMOOTHING, summary: 'Keras only: moves the targets towards 0.5 (0 = no smoothing).' },
      AXIS,
    ],
  },
];
