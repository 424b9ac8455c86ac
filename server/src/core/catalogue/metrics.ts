// Metrics: scikit-learn (sklearn.metrics) first, with the Keras counterpart where there is one. Data only.
// TP, FP, FN: true positives, false positives, false negatives (per class for multiclass/multilabel).

import type { CatalogueEntry, ParamSpec } from './types';

/** The documented default of `average` is scikit-learn's 'binary'; xent's effective default depends on the task. */
export const AVERAGE_DEFAULT_NOTE = 'xent: binary on a binary task, macro otherwise (the result says which was used).';

const AVERAGE: ParamSpec = {
  name: 'average',
  type: 'name',
  valuesFrom: 'average',
  default: 'binary',
  defaultNote: AVERAGE_DEFAULT_NOTE,
  summary: 'How per-class scores are combined: binary, micro, macro, weighted, samples, or none (one score per class).',
};

const POS_LABEL: ParamSpec = {
  name: 'pos_label',
  type: 'label',
  default: 1,
  summary: 'The class reported when average is binary (an index, or a class name).',
};

// scikit-learn's parameter validation takes 'warn', nan, 0.0 or 1.0 and raises on anything else (0.5 included):
// a whole number in [0, 1] is exactly 0 or 1 (1.0 is written as the number 1).
const ZERO_DIVISION: ParamSpec = {
  name: 'zero_division',
  type: 'name',
  values: ['warn', 'nan'],
  alsoAccepts: ['integer'],
  min: 0,
  max: 1,
  default: 'warn',
  summary: 'The value when a ratio is 0/0 (no predicted or no true positives): warn (0 with a warning), 0, 1 or nan; nothing else.',
};

const NORMALIZE: ParamSpec = {
  name: 'normalize',
  type: 'boolean',
  default: true,
  summary: 'true returns the fraction (mean), false the count (sum).',
};

const ALL_TASKS = ['binary', 'multiclass', 'multilabel'] as const;
const SINGLE_LABEL = ['binary', 'multiclass'] as const;

const AVERAGING_NOTE =
  'For more than two classes the per-class scores are combined by `average` (see the averages); a bare name ' +
  'means average binary on a binary task and macro otherwise.';

export const METRICS: readonly CatalogueEntry[] = [
  {
    name: 'accuracy',
    kind: 'metric',
    aliases: ['acc', 'accuracy_score'],
    summary: 'Fraction of samples whose predicted class equals the true class.',
    formula: 'accuracy = (1/N) Σᵢ 1(ŷᵢ = yᵢ) = (TP + TN)/N for binary',
    details:
      'Predictions are thresholded at 0.5 (binary) or taken by argmax (multiclass). On a multilabel task it is ' +
      'subset accuracy: a sample counts only if every label is right. Misleading on imbalanced data: always ' +
      'predicting the majority class of a 90/10 split scores 0.9. Keras resolves the string "accuracy" to ' +
      'binary, categorical or sparse categorical accuracy according to the loss and the shapes.',
    keras: '"accuracy" (keras.metrics.BinaryAccuracy / CategoricalAccuracy / SparseCategoricalAccuracy)',
    sklearn: 'sklearn.metrics.accuracy_score',
    tasks: ALL_TASKS,
    params: [NORMALIZE],
  },
  {
    name: 'balanced_accuracy',
    kind: 'metric',
    aliases: ['balanced_accuracy_score'],
    summary: 'The mean of the per-class recalls: accuracy with every class weighted alike.',
    formula: 'balanced_accuracy = (1/K) Σₖ TPₖ/(TPₖ + FNₖ);  adjusted: (BA − 1/K)/(1 − 1/K)',
    details:
      'The accuracy to report on imbalanced data: always predicting the majority class of a 90/10 split scores 0.5, ' +
      'not 0.9. A class with no true samples is left out of the mean (scikit-learn warns). `adjusted: true` ' +
      'rescales so that chance scores 0 and perfect scores 1 (it can go negative). Binary and multiclass only: ' +
      'scikit-learn raises on multilabel input.',
    sklearn: 'sklearn.metrics.balanced_accuracy_score',
    tasks: SINGLE_LABEL,
    params: [
      {
        name: 'adjusted',
        type: 'boolean',
        default: false,
        summary: 'true adjusts for chance: random predictions score 0, perfect ones still 1.',
      },
    ],
  },
  {
    name: 'binary_accuracy',
    kind: 'metric',
    summary: 'Fraction of 0/1 targets matched by predictions thresholded at `threshold`.',
    formula: 'binary_accuracy = (1/N) Σᵢ 1(1(pᵢ > t) = yᵢ)',
    details: 'Keras averages over every output element, so on a multilabel task it is the per-label accuracy (1 − Hamming loss).',
    keras: 'keras.metrics.BinaryAccuracy / "binary_accuracy"',
    tasks: ['binary', 'multilabel'],
    params: [
      {
        name: 'threshold',
        type: 'number',
        default: 0.5,
        min: 0,
        max: 1,
        summary: 'Probabilities above t count as class 1.',
      },
    ],
  },
  {
    name: 'categorical_accuracy',
    kind: 'metric',
    summary: 'Fraction of samples whose argmax prediction matches the argmax of the one-hot target.',
    formula: 'categorical_accuracy = (1/N) Σᵢ 1(argmaxₖ pᵢₖ = argmaxₖ yᵢₖ)',
    details: 'For one-hot labels; use sparse_categorical_accuracy for integer labels.',
    keras: 'keras.metrics.CategoricalAccuracy / "categorical_accuracy"',
    tasks: SINGLE_LABEL,
    params: [],
  },
  {
    name: 'sparse_categorical_accuracy',
    kind: 'metric',
    summary: 'Fraction of samples whose argmax prediction equals the integer target.',
    formula: 'sparse_categorical_accuracy = (1/N) Σᵢ 1(argmaxₖ pᵢₖ = yᵢ)',
    details: 'For integer labels; use categorical_accuracy for one-hot labels.',
    keras: 'keras.metrics.SparseCategoricalAccuracy / "sparse_categorical_accuracy"',
    tasks: SINGLE_LABEL,
    params: [],
  },
  {
    name: 'precision',
    kind: 'metric',
    aliases: ['precision_score'],
    summary: 'Of the samples predicted positive, the fraction that are positive.',
    formula: 'precision = TP/(TP + FP)',
    details:
      'High precision means few false alarms. ' +
      AVERAGING_NOTE +
      ' Keras\'s Precision metric thresholds each output at 0.5 and counts over all elements (a micro average).',
    keras: 'keras.metrics.Precision',
    sklearn: 'sklearn.metrics.precision_score',
    tasks: ALL_TASKS,
    params: [AVERAGE, POS_LABEL, ZERO_DIVISION],
  },
  {
    name: 'recall',
    kind: 'metric',
    aliases: ['recall_score'],
    summary: 'Of the positive samples, the fraction predicted positive (sensitivity, true positive rate).',
    formula: 'recall = TP/(TP + FN)',
    details:
      'High recall means few misses. ' +
      AVERAGING_NOTE +
      ' Keras\'s Recall metric thresholds each output at 0.5 and counts over all elements (a micro average).',
    keras: 'keras.metrics.Recall',
    sklearn: 'sklearn.metrics.recall_score',
    tasks: ALL_TASKS,
    params: [AVERAGE, POS_LABEL, ZERO_DIVISION],
  },
  {
    name: 'f1',
    kind: 'metric',
    aliases: ['f1_score'],
    summary: 'Harmonic mean of precision and recall.',
    formula: 'F1 = 2·P·R/(P + R) = 2TP/(2TP + FP + FN)',
    details:
      'High only when both precision and recall are; the usual companion of accuracy on imbalanced data. ' +
      AVERAGING_NOTE +
      ' macro treats every class alike, weighted weights by support, micro pools the counts (for single-label ' +
      'tasks micro-F1 equals accuracy).',
    keras: 'keras.metrics.F1Score (average defaults to none)',
    sklearn: 'sklearn.metrics.f1_score',
    tasks: ALL_TASKS,
    params: [AVERAGE, POS_LABEL, ZERO_DIVISION],
  },
  {
    name: 'fbeta',
    kind: 'metric',
    aliases: ['fbeta_score'],
    summary: 'Weighted harmonic mean of precision and recall: recall counts β times as much as precision.',
    formula: 'Fβ = (1 + β²)·P·R/(β²·P + R) = (1 + β²)·TP/((1 + β²)·TP + β²·FN + FP)',
    details:
      'β = 1 is F1; β = 2 favours recall (screening), β = 0.5 favours precision; β = 0 is precision. ' +
      'scikit-learn requires beta. ' +
      AVERAGING_NOTE,
    keras: 'keras.metrics.FBetaScore',
    sklearn: 'sklearn.metrics.fbeta_score',
    tasks: ALL_TASKS,
    params: [
      {
        name: 'beta',
        type: 'number',
        min: 0,
        summary: 'The weight β ≥ 0 of recall relative to precision (required).',
      },
      AVERAGE,
      POS_LABEL,
      ZERO_DIVISION,
    ],
  },
  {
    name: 'jaccard',
    kind: 'metric',
    aliases: ['jaccard_score'],
    summary: 'Jaccard index (intersection over union) of the predicted and the true positives.',
    formula: 'J = |Y ∩ Ŷ|/|Y ∪ Ŷ| = TP/(TP + FP + FN)',
    details:
      'Also called the Jaccard similarity coefficient or IoU; J = F1/(2 − F1) per class, so it ranks like F1 but ' +
      'punishes errors more. ' +
      AVERAGING_NOTE +
      ' `samples` (multilabel only) computes J per sample over its labels and averages.',
    sklearn: 'sklearn.metrics.jaccard_score',
    tasks: ALL_TASKS,
    params: [AVERAGE, POS_LABEL, ZERO_DIVISION],
  },
  {
    name: 'matthews_corrcoef',
    kind: 'metric',
    aliases: ['mcc'],
    summary: 'Matthews correlation coefficient: the correlation between true and predicted classes, from −1 to 1.',
    formula: 'MCC = (TP·TN − FP·FN)/√((TP + FP)(TP + FN)(TN + FP)(TN + FN));  multiclass: (c·s − Σₖ pₖ·tₖ)/√((s² − Σₖ pₖ²)(s² − Σₖ tₖ²))',
    details:
      '1 is perfect, 0 no better than chance, −1 total disagreement; it uses all four cells of the confusion ' +
      'matrix, so it stays honest on imbalanced data. In the multiclass form c is the number of correct ' +
      'predictions, s the number of samples, tₖ and pₖ how often class k is true and predicted. scikit-learn ' +
      'returns 0 when a denominator is 0 (a single predicted or true class). Binary and multiclass only: ' +
      'scikit-learn raises on multilabel input.',
    sklearn: 'sklearn.metrics.matthews_corrcoef',
    tasks: SINGLE_LABEL,
    params: [],
  },
  {
    name: 'cohen_kappa',
    kind: 'metric',
    aliases: ['cohen_kappa_score', 'kappa'],
    summary: "Cohen's kappa: agreement between the predicted and the true classes beyond what chance gives.",
    formula: 'κ = (pₒ − pₑ)/(1 − pₑ) = 1 − Σⱼₖ wⱼₖ·Oⱼₖ / Σⱼₖ wⱼₖ·Eⱼₖ',
    details:
      'pₒ is the observed agreement (accuracy), pₑ the agreement expected from the two marginal class ' +
      'frequencies. O is the confusion matrix, E the outer product of its marginals over N, and w the ' +
      'disagreement weights: 1 off the diagonal (`weights: none`), |j − k| (`linear`) or (j − k)² (`quadratic`); ' +
      'the weighted forms suit ordered classes (ratings), and take the class order from `classes`. ' +
      'Binary and multiclass only: scikit-learn raises on multilabel input.',
    sklearn: 'sklearn.metrics.cohen_kappa_score',
    tasks: SINGLE_LABEL,
    params: [
      {
        name: 'weights',
        type: 'name',
        values: ['linear', 'quadratic', 'none'],
        default: null,
        summary: 'Disagreement weights: none (every disagreement counts 1), linear |j − k| or quadratic (j − k)².',
      },
      {
        name: 'replace_undefined_by',
        type: 'name',
        values: ['nan'],
        alsoAccepts: ['number'],
        min: -1,
        max: 1,
        default: 'nan',
        summary: 'The value returned when κ is undefined (1 − pₑ = 0, e.g. one class only): nan, or a number in [−1, 1].',
      },
    ],
  },
  {
    name: 'hamming_loss',
    kind: 'metric',
    aliases: ['hamming'],
    summary: 'The fraction of labels predicted wrongly (lower is better).',
    formula: 'hamming_loss = (1/(N·L)) Σᵢ Σₗ 1(ŷᵢₗ ≠ yᵢₗ)',
    details:
      'On a multilabel task each of the L labels of each sample counts on its own (1 − Keras\'s binary ' +
      'accuracy at the same threshold); on binary and multiclass tasks it is 1 − accuracy.',
    sklearn: 'sklearn.metrics.hamming_loss',
    tasks: ALL_TASKS,
    params: [],
  },
  {
    name: 'log_loss',
    kind: 'metric',
    summary: 'Log loss (cross-entropy) of the predicted probabilities, as scikit-learn computes it.',
    formula: 'log_loss = −(1/N) Σᵢ Σₖ yᵢₖ·log pᵢₖ  (binary: −(1/N) Σᵢ [yᵢ·log pᵢ + (1 − yᵢ)·log(1 − pᵢ)])',
    details:
      'Lower is better; 0 is perfect, and always predicting 1/K scores log K. For a binary task y_pred may be ' +
      '1-D, the probability of class 1 (log_loss([1, 0, 0], [0.7, 0.2, 0.1]) = 0.2284). scikit-learn clips ' +
      'probabilities to [ε, 1 − ε] with ε the machine epsilon of y_pred\'s dtype (float64 ≈ 2.2e-16; a float32 .npy ' +
      '≈ 1.19e-7) and warns when a row does not sum to 1.',
    keras: 'keras.metrics.BinaryCrossentropy / keras.metrics.CategoricalCrossentropy',
    sklearn: 'sklearn.metrics.log_loss',
    tasks: SINGLE_LABEL,
    params: [NORMALIZE],
  },
  {
    name: 'brier_score_loss',
    kind: 'metric',
    aliases: ['brier_score'],
    summary: 'Brier score: the mean squared difference between the predicted probabilities and the outcomes.',
    formula: 'brier = (1/N) Σᵢ Σₖ (yᵢₖ − pᵢₖ)²  (binary, scaled by ½: (1/N) Σᵢ (yᵢ − pᵢ)²)',
    details:
      'A strictly proper scoring rule like the log loss, but bounded: a confident mistake costs at most 1 ' +
      '(binary) instead of an unbounded −log p. With the default `scale_by_half: auto` the binary score lies in ' +
      '[0, 1] and the multiclass score (scikit-learn ≥ 1.7) in [0, 2]; `true` halves it, `false` never does. ' +
      'y_pred columns follow the class order.',
    sklearn: 'sklearn.metrics.brier_score_loss',
    tasks: SINGLE_LABEL,
    params: [
      {
        name: 'pos_label',
        type: 'label',
        default: null,
        defaultNote:
          'scikit-learn: 1 when the labels are {0, 1} or {−1, 1}, otherwise the greater label; class names need an explicit pos_label.',
        summary: 'The class whose probability a 1-D y_pred gives (binary only).',
      },
      {
        name: 'scale_by_half',
        type: 'name',
        values: ['auto'],
        alsoAccepts: ['boolean'],
        default: 'auto',
        summary: 'Halve the score so it lies in [0, 1]: auto (binary only), true or false.',
      },
    ],
  },
  {
    name: 'auc',
    kind: 'metric',
    aliases: ['roc_auc', 'roc_auc_score'],
    summary: 'Area under the ROC curve: the probability that a random positive is scored above a random negative.',
    formula: 'AUC = ∫₀¹ TPR d(FPR) = P(s⁺ > s⁻) + ½·P(s⁺ = s⁻)',
    details:
      'Threshold-free and insensitive to class balance; 0.5 is chance, 1 is perfect ranking. Needs scores or ' +
      'probabilities, not hard labels. Multiclass needs `multi_class: ovr` (one-vs-rest) or `ovo` (one-vs-one). ' +
      'Keras\'s AUC approximates the curve with 200 thresholds.',
    keras: 'keras.metrics.AUC',
    sklearn: 'sklearn.metrics.roc_auc_score',
    tasks: ALL_TASKS,
    params: [
      {
        name: 'average',
        type: 'name',
        values: ['micro', 'macro', 'weighted', 'samples', 'none'],
        default: 'macro',
        summary: 'How per-class (or per-label) AUCs are combined.',
      },
      {
        name: 'multi_class',
        type: 'name',
        values: ['raise', 'ovr', 'ovo'],
        default: 'raise',
        defaultNote: 'scikit-learn raises on a multiclass task unless ovr or ovo is given.',
        summary: 'Multiclass strategy: ovr (one-vs-rest) or ovo (one-vs-one); raise refuses multiclass input.',
      },
      {
        name: 'max_fpr',
        type: 'number',
        default: null,
        min: 0,
        max: 1,
        minExclusive: true,
        summary: 'If set, the standardised partial AUC over [0, max_fpr] (binary only).',
      },
    ],
  },
  {
    name: 'average_precision',
    kind: 'metric',
    aliases: ['average_precision_score'],
    summary: 'Average precision: the area under the precision–recall curve as a step function (not interpolated).',
    formula: 'AP = Σₙ (Rₙ − Rₙ₋₁)·Pₙ  over the distinct score thresholds, highest first',
    details:
      'Pₙ and Rₙ are the precision and recall at the n-th threshold; tied scores form one threshold. Unlike the ' +
      'ROC AUC it depends on the share of positives (a random ranking scores about that share), which makes it ' +
      'the score to watch for rare positives. Needs scores or probabilities. Multiclass y_true is binarised one ' +
      'class against the rest and the per-class APs are combined by `average`; `pos_label` applies to a binary ' +
      'y_true only (scikit-learn requires 1 otherwise).',
    keras: 'keras.metrics.AUC(curve="PR") (an interpolated approximation)',
    sklearn: 'sklearn.metrics.average_precision_score',
    tasks: ALL_TASKS,
    params: [
      {
        name: 'average',
        type: 'name',
        values: ['micro', 'macro', 'weighted', 'samples', 'none'],
        default: 'macro',
        summary: 'How per-class (or per-label) APs are combined; ignored when y_true is binary.',
      },
      {
        name: 'pos_label',
        type: 'label',
        default: 1,
        summary: 'The positive class of a binary y_true (an index, or a class name); fixed to 1 otherwise.',
      },
    ],
  },
  {
    name: 'top_k_accuracy',
    kind: 'metric',
    aliases: ['top_k_accuracy_score'],
    summary: 'Fraction of samples whose true class is among the k highest-scored classes.',
    formula: 'top_k_accuracy = (1/N) Σᵢ 1(yᵢ ∈ top-k(pᵢ))',
    details: 'k = 1 is ordinary accuracy. scikit-learn defaults to k = 2, Keras\'s TopKCategoricalAccuracy to k = 5.',
    keras: 'keras.metrics.TopKCategoricalAccuracy / keras.metrics.SparseTopKCategoricalAccuracy',
    sklearn: 'sklearn.metrics.top_k_accuracy_score',
    tasks: SINGLE_LABEL,
    params: [
      {
        name: 'k',
        type: 'integer',
        default: 2,
        min: 1,
        summary: 'How many of the highest-scored classes count as a hit.',
      },
      NORMALIZE,
    ],
  },
  {
    name: 'confusion_matrix',
    kind: 'metric',
    summary: 'Counts of (true class, predicted class) pairs: rows are true classes, columns predicted.',
    formula: 'Cⱼₖ = #{i : yᵢ = j and ŷᵢ = k}',
    details:
      'The diagonal holds the correct predictions. For binary, [[TN, FP], [FN, TP]]. On a multilabel task ' +
      'scikit-learn gives one 2×2 matrix per label (multilabel_confusion_matrix). `normalize` divides by row ' +
      'sums ("true"), column sums ("pred") or the total ("all"); write the value as a string.',
    sklearn: 'sklearn.metrics.confusion_matrix',
    tasks: ALL_TASKS,
    params: [
      {
        name: 'normalize',
        type: 'name',
        values: ['true', 'pred', 'all', 'none'],
        default: null,
        summary: 'Normalise over the true classes (rows), the predictions (columns) or everything; none = counts.',
      },
    ],
  },
  {
    name: 'classification_report',
    kind: 'metric',
    summary: 'Per-class precision, recall, F1 and support, with accuracy and the macro and weighted averages.',
    formula: 'per class k: Pₖ = TPₖ/(TPₖ + FPₖ), Rₖ = TPₖ/(TPₖ + FNₖ), F1ₖ = 2·Pₖ·Rₖ/(Pₖ + Rₖ), supportₖ = #{i : yᵢ = k}',
    details:
      'The table scikit-learn prints; the class names come from `classes`. The accuracy row equals micro-averaged ' +
      'F1 on single-label tasks; on multilabel tasks a micro avg row replaces it and a samples avg row is added.',
    sklearn: 'sklearn.metrics.classification_report',
    tasks: ALL_TASKS,
    params: [
      {
        name: 'digits',
        type: 'integer',
        default: 2,
        min: 0,
        summary: 'Number of digits printed for the scores.',
      },
      ZERO_DIVISION,
    ],
  },
  {
    name: 'cross_entropy',
    kind: 'metric',
    summary: 'Mean cross-entropy H(p, q) between the target distributions p and the predictions q.',
    formula: 'H(p, q) = −Σₖ pₖ·log qₖ,  averaged over samples',
    details:
      'H(p, q) = H(p) + KL(p‖q): the target\'s own entropy plus the divergence of the prediction from it. ' +
      'With one-hot targets H(p) = 0, so it equals KL(p‖q) and categorical cross-entropy ' +
      '([0, 1, 0] against [0.4, 0.4, 0.2]: −log 0.4 = 0.916). On binary and multilabel tasks each output is a ' +
      'Bernoulli distribution (binary cross-entropy per label, averaged).',
    keras: 'keras.metrics.CategoricalCrossentropy / keras.metrics.BinaryCrossentropy',
    tasks: ALL_TASKS,
    params: [],
  },
  {
    name: 'entropy',
    kind: 'metric',
    summary: 'Mean entropy H(p) of the target distributions: the part of the cross-entropy no model can remove.',
    formula: 'H(p) = −Σₖ pₖ·log pₖ,  averaged over samples',
    details:
      'Zero for one-hot (hard) targets; positive for soft targets such as smoothed labels or teacher outputs. ' +
      'It is the first term of H(p, q) = H(p) + KL(p‖q). Natural log (nats), as scipy.stats.entropy.',
    tasks: SINGLE_LABEL,
    params: [],
  },
  {
    name: 'kl_divergence',
    kind: 'metric',
    aliases: ['kld'],
    summary: 'Mean Kullback–Leibler divergence KL(p‖q) of the predictions from the target distributions.',
    formula: 'KL(p‖q) = Σₖ pₖ·log(pₖ/qₖ),  averaged over samples',
    details:
      'The second term of H(p, q) = H(p) + KL(p‖q): how far the prediction is from the target, 0 when they agree. ' +
      'Terms with pₖ = 0 contribute 0.',
    keras: 'keras.metrics.KLDivergence',
    tasks: SINGLE_LABEL,
    params: [],
  },
];
