// The shape of the knowledge catalogue: data about every name a .xent file can mention.
// Hover, completion, signature help and validation all read from here, so a fact lives in one place.

/** What kind of thing a catalogue entry names. */
export type EntryKind =
  | 'key' // a top-level experiment property (task, classes, labels, model, loss, optimizer, metrics, data)
  | 'data-key' // a key inside `data { ... }` (y_true, y_pred, features)
  | 'task' // binary | multiclass | multilabel
  | 'encoding' // integer | onehot | indicator
  | 'framework' // keras | pytorch
  | 'loss'
  | 'activation'
  | 'optimizer'
  | 'metric'
  | 'layer'
  | 'model' // a whole-model value such as logistic_regression(...)
  | 'data-source' // csv(...), npy(...)
  | 'average'; // f1/precision/recall averages: binary, micro, macro, weighted, samples, none

/** The type of a parameter's value, as the validator checks it. */
export type ParamType =
  | 'number' // any finite real
  | 'integer' // a whole number
  | 'boolean' // true | false
  | 'string' // a quoted string
  | 'name' // an identifier or string naming something (an activation, a padding mode, ...)
  | 'shape' // an integer or a list of integers (input shapes, kernel sizes, strides)
  | 'columns' // a string or list of strings (csv column names)
  | 'numbers' // a number or a list of numbers (PyTorch's weight / pos_weight tensors)
  | 'label'; // a class: an integer index, an identifier or a string

export interface ParamSpec {
  readonly name: string;
  readonly type: ParamType;
  /** One line: what the parameter does. */
  readonly summary: string;
  /** The default as Keras / scikit-learn documents it; undefined = required, null = None. */
  readonly default?: string | number | boolean | null;
  /** Inclusive bounds unless the *Exclusive flag says otherwise (numbers and integers only). */
  readonly min?: number;
  readonly max?: number;
  readonly minExclusive?: boolean;
  readonly maxExclusive?: boolean;
  /** For type 'name': the allowed values; for 'activation' the catalogue's activations are meant (see `valuesFrom`). */
  readonly values?: readonly string[];
  /** For type 'name': take the allowed values from every entry of this kind. */
  readonly valuesFrom?: EntryKind;
  /** Other spellings accepted for this parameter (kernel = kernel_size, pool = pool_size). */
  readonly aliases?: readonly string[];
  /** True for the one parameter that may be given without a name as the first argument. */
  readonly positional?: boolean;
  /** The diagnostic code used when the value is out of range (default 'invalid-parameter'). */
  readonly rangeCode?: string;
  /**
   * Other types the value may also take (zero_division: the name `warn`/`nan` or a number 0 or 1;
   * bidirectional's layer: a layer call or a unit count). A value of one of these types is checked
   * against min/max (numbers) but not against `values`.
   */
  readonly alsoAccepts?: readonly ParamType[];
  /** When xent's effective default differs from the documented one or depends on context, says how (shown in hovers). */
  readonly defaultNote?: string;
}

/** How a loss treats its targets: drives the loss/label/activation rules. */
export type LossFamily =
  | 'binary'
  | 'categorical'
  | 'sparse'
  /** class indices or rows of class probabilities (PyTorch's cross_entropy) */
  | 'categorical-or-sparse'
  | 'divergence'
  | 'regression'
  | 'hinge'
  | 'log-loss';

/** A deep-learning library whose semantics a loss follows (the `framework` key). */
export type Framework = 'keras' | 'pytorch';

/** What an activation's output looks like: drives the output-activation rules. */
export type ActivationRange = 'probability' | 'simplex' | 'unbounded' | 'non-negative' | 'bounded-signed' | 'linear';

export interface CatalogueEntry {
  readonly name: string;
  readonly kind: EntryKind;
  /** One line, shown first in hovers and completion details. */
  readonly summary: string;
  /** The formula in Unicode math (no LaTeX: VS Code hovers do not render it). */
  readonly formula?: string;
  /** A few sentences of explanation, Markdown allowed. */
  readonly details?: string;
  /** The Keras name, e.g. `keras.losses.CategoricalCrossentropy` / `"categorical_crossentropy"`. */
  readonly keras?: string;
  /** The scikit-learn name, e.g. `sklearn.metrics.log_loss`. */
  readonly sklearn?: string;
  /** The PyTorch name, e.g. `torch.nn.CrossEntropyLoss / F.cross_entropy`. */
  readonly pytorch?: string;
  readonly params: readonly ParamSpec[];
  /** Other accepted spellings of the name itself. */
  readonly aliases?: readonly string[];

  // Kind-specific facts (only meaningful for the kinds named).
  /** loss: how it reads its targets. */
  readonly family?: LossFamily;
  /** loss: it is a cross-entropy (binary, categorical, sparse) and so expects probabilities or logits. */
  readonly crossEntropy?: boolean;
  /**
   * loss: what y_pred must hold when the loss has no from_logits switch (PyTorch's losses): logits
   * (cross_entropy, bce_with_logits), log-probabilities (nll_loss) or probabilities (bce under PyTorch).
   */
  readonly takes?: 'logits' | 'log-probabilities' | 'probabilities';
  /** loss: the one library that has this name (PyTorch's names imply `framework: pytorch`). */
  readonly framework?: Framework;
  /** activation: the range of its output. */
  readonly range?: ActivationRange;
  /** layer: the parameter that gives the layer's output units (units, filters), if any. */
  readonly unitsParam?: string;
  /** layer: a pretrained backbone or other layer whose output units cannot be known. */
  readonly opaque?: boolean;
  /** layer: the layer only applies an activation (activation, leaky_relu, prelu, softmax layer...). */
  readonly activationLayer?: boolean;
  /** layer: for activationLayer entries with a fixed activation (leaky_relu -> 'leaky_relu'). */
  readonly appliesActivation?: string;
  /** optimizer: belongs to the Adam family (adam, adamw, nadam, adamax), for learning-rate-range. */
  readonly adamFamily?: boolean;
  /** metric: which tasks it applies to. */
  readonly tasks?: readonly ('binary' | 'multiclass' | 'multilabel')[];
  /** key: the kinds of entry whose names the key's value takes (loss -> ['loss'], model -> ['layer', 'model']). */
  readonly valueKinds?: readonly EntryKind[];
}
