// The words of the language itself: experiment keys, data keys, tasks, label encodings, averages and data
// sources. Data only.

import type { CatalogueEntry } from './types';

export const KEYS: readonly CatalogueEntry[] = [
  {
    name: 'task',
    kind: 'key',
    summary: 'The kind of classification: binary, multiclass or multilabel.',
    details:
      'Takes one of `binary` (two classes, one label per sample), `multiclass` (K > 2 exclusive classes) or ' +
      '`multilabel` (any subset of L labels per sample). Inferred from inline data when not declared.',
    valueKinds: ['task'],
    params: [],
  },
  {
    name: 'classes',
    kind: 'key',
    summary: 'The class names, or their number.',
    details:
      'A list of names (identifiers or strings), `classes: [cat, dog, horse]`, or a count, `classes: 3`. ' +
      'The order is the column order of one-hot labels and predictions; integer label k means the k-th name ' +
      '(from 0). Fewer than 2 classes is an error.',
    params: [],
  },
  {
    name: 'labels',
    kind: 'key',
    summary: 'How y_true is encoded: integer, onehot or indicator.',
    details:
      'Takes `integer` (one class index or name per sample), `onehot` (one row of K values with a single 1) or, ' +
      'for multilabel, `indicator` (a 0/1 row per sample). It must match the loss: sparse_categorical_crossentropy ' +
      'wants integer labels, categorical_crossentropy one-hot. Inferred from inline data when not declared.',
    valueKinds: ['encoding'],
    params: [],
  },
  {
    name: 'model',
    kind: 'key',
    summary: 'The model: a block of layers in order, or a whole model such as logistic_regression(...).',
    details:
      '`model { input(8) dense(16, activation: relu) dense(3, activation: softmax) }` lists the layers; ' +
      '`model: logistic_regression(C: 1.0)` names a scikit-learn model that xent fits on `features`. ' +
      'The rules read the output units and activation from the last layers.',
    valueKinds: ['layer', 'model'],
    params: [],
  },
  {
    name: 'loss',
    kind: 'key',
    summary: 'The training loss, optionally with options: `loss: categorical_crossentropy(label_smoothing: 0.1)`.',
    details:
      'A loss name, or a call with options. Required when the model declares layers (a network cannot be ' +
      'trained without one); an experiment that only scores predictions may omit it.',
    valueKinds: ['loss'],
    params: [],
  },
  {
    name: 'framework',
    kind: 'key',
    summary: 'The deep-learning library whose semantics the loss follows: keras or pytorch.',
    details:
      '`framework: pytorch` or `framework: keras`. When not declared it is inferred from the loss: a PyTorch-only name ' +
      '(cross_entropy, nll_loss, bce_with_logits) means pytorch; otherwise keras. It decides what the shared name `bce` ' +
      'is (torch.nn.BCELoss under pytorch, Keras\'s binary_crossentropy otherwise); each other loss name belongs to one ' +
      'library and is computed by its rules. Under pytorch, y_pred holds what the loss takes (logits for cross_entropy ' +
      'and bce_with_logits, log-probabilities for nll_loss, probabilities for bce) and the loss is computed in float32.',
    valueKinds: ['framework'],
    params: [],
  },
  {
    name: 'optimizer',
    kind: 'key',
    summary: 'The optimizer, optionally with options: `optimizer: adam(learning_rate: 0.001)`.',
    details: 'An optimizer name or a call with options. Informational: xent checks its options but does not train.',
    valueKinds: ['optimizer'],
    params: [],
  },
  {
    name: 'metrics',
    kind: 'key',
    summary: 'The metrics to compute: `metrics: [accuracy, f1(average: macro), log_loss]`.',
    details:
      'A list of metric names or calls with options. The evaluate lens computes them on the data. A bare f1 ' +
      '(precision, recall) uses average binary on a binary task and macro otherwise.',
    valueKinds: ['metric'],
    params: [],
  },
  {
    name: 'data',
    kind: 'key',
    summary: 'The data to check and score: an inline block, or csv(...) / npy(...) / parquet(...) files.',
    details:
      '`data { y_true: [...] y_pred: [...] }` inline (also `features` for a fitted model), or ' +
      '`data: csv("runs/val.csv", y_true: "label", y_pred: ["p_cat", "p_dog"])`, or ' +
      '`data: npy(y_true: "y.npy", y_pred: "p.npy")`, or `data: parquet("runs/val.parquet", y_true: "label", ' +
      'y_pred: "p_*")`. Paths are relative to the .xent file.',
    valueKinds: ['data-key', 'data-source'],
    params: [],
  },
];

export const DATA_KEYS: readonly CatalogueEntry[] = [
  {
    name: 'y_true',
    kind: 'data-key',
    summary: 'The true labels, one per sample.',
    details:
      'Class indices `[0, 2, 1]`, class names `[cat, horse, dog]`, one-hot rows `[[1, 0, 0], ...]`, or for ' +
      'multilabel 0/1 indicator rows. In a csv or parquet: the column name; in npy: the file path.',
    params: [],
  },
  {
    name: 'y_pred',
    kind: 'data-key',
    summary: 'The predictions, one per sample: probabilities (or logits with from_logits: true).',
    details:
      'A row of K probabilities per sample, one column per class in `classes` order. For a binary task a single ' +
      'number P(classes[1]) per sample (as scikit-learn) or a row of 2. In a csv or parquet: a column name or a ' +
      'list of column names; in npy: the file path.',
    params: [],
  },
  {
    name: 'features',
    kind: 'data-key',
    summary: 'The input features, for a model that xent fits (logistic_regression).',
    details: 'One number per sample (one feature) or one row per sample. In a csv: column names; in npy: the file path.',
    params: [],
  },
];

export const TASKS: readonly CatalogueEntry[] = [
  {
    name: 'binary',
    kind: 'task',
    summary: 'Two classes, exactly one per sample (spam / not spam).',
    details:
      'Output: 1 sigmoid unit with binary_crossentropy (y_pred = P(class 1)), or 2 softmax units with a ' +
      'categorical loss. Labels are 0/1 (or two class names).',
    params: [],
  },
  {
    name: 'multiclass',
    kind: 'task',
    summary: 'More than two exclusive classes, exactly one per sample (cat / dog / horse).',
    details:
      'Output: K softmax units with categorical_crossentropy (one-hot labels) or sparse_categorical_crossentropy ' +
      '(integer labels). binary_crossentropy here inflates accuracy.',
    params: [],
  },
  {
    name: 'multilabel',
    kind: 'task',
    summary: 'Several independent labels, any number of which may apply to a sample (tags).',
    details:
      'Output: L sigmoid units with binary_crossentropy; labels are 0/1 indicator rows. softmax and ' +
      'categorical losses are wrong here: they force the labels to compete.',
    params: [],
  },
];

export const FRAMEWORKS: readonly CatalogueEntry[] = [
  {
    name: 'keras',
    kind: 'framework',
    summary: 'Keras 3: the loss follows keras.losses (float32 by default, probabilities clipped to [1e-7, 1 − 1e-7]).',
    details:
      'The default when no PyTorch-only loss is declared. `bce` is keras.losses.BinaryCrossentropy; `from_logits` says ' +
      'whether y_pred holds logits.',
    params: [],
  },
  {
    name: 'pytorch',
    kind: 'framework',
    summary: 'PyTorch: the loss follows torch.nn (float32, as on CPU); y_pred holds what the loss takes.',
    details:
      'Implied by cross_entropy, nll_loss or bce_with_logits. `bce` is torch.nn.BCELoss (its log clamped at −100); ' +
      'cross_entropy and bce_with_logits take logits, nll_loss log-probabilities, and the metrics read softmax / ' +
      'sigmoid / exp of them.',
    params: [],
  },
];

export const ENCODINGS: readonly CatalogueEntry[] = [
  {
    name: 'integer',
    kind: 'encoding',
    summary: 'One class per sample as an index 0..K−1 or a class name.',
    details:
      'y_true = [0, 2, 1] or [cat, horse, dog]. The encoding for sparse_categorical_crossentropy, and for ' +
      'binary_crossentropy with 0/1 labels. Indices must lie in [0, K).',
    params: [],
  },
  {
    name: 'onehot',
    kind: 'encoding',
    summary: 'One row of K values per sample, with a single 1 at the true class.',
    details:
      'y_true = [[1, 0, 0], [0, 0, 1]]. The encoding for categorical_crossentropy (Keras to_categorical produces ' +
      'it); argmax of a row gives the integer label. The row width must equal the number of classes.',
    params: [],
  },
  {
    name: 'indicator',
    kind: 'encoding',
    summary: 'Multilabel: one 0/1 row of L values per sample, any number of 1s.',
    details: 'y_true = [[1, 0, 1], [0, 1, 0]]. The encoding for multilabel tasks with sigmoid outputs and binary_crossentropy.',
    params: [],
  },
];

export const AVERAGES: readonly CatalogueEntry[] = [
  {
    name: 'binary',
    kind: 'average',
    summary: 'Report only the score of the positive class (pos_label); binary tasks only.',
    formula: 'F1 = F1 of class pos_label',
    details: 'scikit-learn\'s default. An error on multiclass and multilabel tasks.',
    params: [],
  },
  {
    name: 'micro',
    kind: 'average',
    summary: 'Pool TP, FP and FN over all classes, then compute the score once.',
    formula: 'P = Σₖ TPₖ/Σₖ (TPₖ + FPₖ),  R = Σₖ TPₖ/Σₖ (TPₖ + FNₖ)',
    details: 'Every sample counts alike, so large classes dominate. On single-label tasks micro P = R = F1 = accuracy.',
    params: [],
  },
  {
    name: 'macro',
    kind: 'average',
    summary: 'The unweighted mean of the per-class scores.',
    formula: 'F1 = (1/K) Σₖ F1ₖ',
    details: 'Every class counts alike, so a small class done badly pulls the score down. xent\'s default beyond binary.',
    params: [],
  },
  {
    name: 'weighted',
    kind: 'average',
    summary: 'The mean of the per-class scores weighted by support (true samples per class).',
    formula: 'F1 = Σₖ (nₖ/N)·F1ₖ',
    details: 'Accounts for imbalance; the result need not lie between precision and recall.',
    params: [],
  },
  {
    name: 'samples',
    kind: 'average',
    summary: 'Multilabel only: compute the score per sample over its labels, then average over samples.',
    formula: 'F1 = (1/N) Σᵢ F1ᵢ',
    details: 'An error unless the task is multilabel.',
    params: [],
  },
  {
    name: 'none',
    kind: 'average',
    summary: 'No averaging: one score per class.',
    formula: '(F1₀, F1₁, …, F1ₖ₋₁)',
    details: 'scikit-learn `average=None`.',
    params: [],
  },
];

export const DATA_SOURCES: readonly CatalogueEntry[] = [
  {
    name: 'csv',
    kind: 'data-source',
    summary: 'Read y_true, y_pred and features from columns of a CSV file with a header row.',
    details:
      '`csv("runs/val.csv", y_true: "label", y_pred: ["p_cat", "p_dog", "p_horse"])`. The path is relative to ' +
      'the .xent file. y_pred lists one probability column per class (or one column, P(class 1), for binary).',
    params: [
      {
        name: 'path',
        type: 'string',
        positional: true,
        summary: 'The CSV file, relative to the .xent file.',
      },
      {
        name: 'y_true',
        type: 'columns',
        summary: 'The column holding the true labels.',
      },
      {
        name: 'y_pred',
        type: 'columns',
        default: null,
        summary: 'The prediction column(s): one per class, or one (P(class 1)) for binary.',
      },
      {
        name: 'features',
        type: 'columns',
        default: null,
        summary: 'The feature column(s), for a model that xent fits.',
      },
    ],
  },
  {
    name: 'npy',
    kind: 'data-source',
    summary: 'Read y_true, y_pred and features from NumPy .npy files.',
    details: '`npy(y_true: "runs/y_val.npy", y_pred: "runs/p_val.npy")`. Paths are relative to the .xent file.',
    params: [
      {
        name: 'y_true',
        type: 'string',
        summary: 'The .npy file of true labels (1-D indices or 2-D one-hot/indicator rows).',
      },
      {
        name: 'y_pred',
        type: 'string',
        default: null,
        summary: 'The .npy file of predictions (1-D or n×K).',
      },
      {
        name: 'features',
        type: 'string',
        default: null,
        summary: 'The .npy file of features (1-D or n×d).',
      },
    ],
  },
  {
    name: 'parquet',
    kind: 'data-source',
    summary: 'Read y_true and y_pred from columns of a Parquet file, a directory of .parquet files or a glob.',
    details:
      '`parquet("runs/val.parquet", y_true: "label", y_pred: ["p_cat", "p_dog", "p_horse"])`, or `"runs/parts"` ' +
      '(every *.parquet in it, by name) or `"runs/part-*.parquet"`. Columns are named as in csv(); rows stream ' +
      'one row group at a time. The path is relative to the .xent file.',
    params: [
      {
        name: 'path',
        type: 'string',
        positional: true,
        summary: 'The Parquet file, directory or glob, relative to the .xent file.',
      },
      {
        name: 'y_true',
        type: 'columns',
        summary: 'The column holding the true labels (class indices or class names), or one-hot / indicator columns.',
      },
      {
        name: 'y_pred',
        type: 'columns',
        summary: 'The prediction column(s): one per class, or one (P(class 1)) for binary; a list or a pattern such as "p_*".',
      },
    ],
  },
];
