// Valid .xent programs used as seeds by the parser tests: the issue's example, and smaller ones.

/** The example of the language issue, verbatim. */
export const ISSUE_EXAMPLE = `# The Codecademy cheat-sheet's Keras setup, with the classic mistake.
experiment cats_dogs_horses {
  task: multiclass                 # binary | multiclass | multilabel
  classes: [cat, dog, horse]       # names (identifiers or strings), or a count: classes: 3
  labels: onehot                   # how y_true is encoded: integer | onehot  (multilabel: indicator)

  model {
    input(8)
    dense(16, activation: relu)
    dropout(0.2)
    dense(3, activation: softmax)
  }

  loss: sparse_categorical_crossentropy      # <- error: labels are one-hot
  optimizer: adam(learning_rate: 0.001)
  metrics: [accuracy, f1(average: macro), log_loss]

  data {
    y_true: [[0, 1, 0], [1, 0, 0], [0, 0, 1]]
    y_pred: [[0.4, 0.4, 0.2], [0.7, 0.2, 0.1], [0.1, 0.2, 0.7]]
  }
}

# Seed: scikit-learn log_loss([1, 0, 0], [0.7, 0.2, 0.1]) = 0.2284 (binary: y_pred is P(class 1)).
experiment codecademy_log_loss {
  task: binary
  loss: binary_crossentropy
  metrics: [log_loss]
  data {
    y_true: [1, 0, 0]
    y_pred: [0.7, 0.2, 0.1]
  }
}

# Seed: fit a logistic regression (scikit-learn defaults), then score it: log loss 0.4594.
experiment bnsreenu_cat_dog {
  task: binary
  classes: [cat, dog]
  model: logistic_regression(C: 1.0)
  loss: binary_crossentropy
  metrics: [log_loss, accuracy, f1]
  data {
    features: [-1.8, -0.8, -0.5, -0.1, 0.5, 0.6, 0.9, 1.1, 1.5, 1.9]
    y_true:   [0, 0, 1, 0, 1, 0, 1, 1, 1, 1]
  }
}

# Data too large to inline lives in files beside the .xent file.
experiment val_run_7 extends cats_dogs_horses {
  loss: categorical_crossentropy(label_smoothing: 0.1)
  data: csv("runs/val.csv", y_true: "label", y_pred: ["p_cat", "p_dog", "p_horse"])
}
experiment val_run_8 extends cats_dogs_horses {
  loss: categorical_crossentropy
  data: npy(y_true: "runs/y_val.npy", y_pred: "runs/p_val.npy")
}
`;

export const SMALL_PROGRAMS: readonly string[] = [
  ISSUE_EXAMPLE,
  'experiment a { task: binary loss: binary_crossentropy data { y_true: [1, 0] y_pred: [0.9, 0.2] } }',
  "experiment spam {\r\n  classes: ['ham', \"spam\"]\r\n  model {\r\n    dense(1, activation: sigmoid)\r\n  }\r\n}\r\n",
  'experiment é_猫 extends 𝒳 {\n\tmetrics: [f1(average: "micro",), precision,]\n\toptimizer: sgd(learning_rate: 1e-3, momentum: .9, nesterov: true)\n} # end',
  'experiment tagger {\r  task: multilabel\r  data { y_true: [[1, 0, 1], [0, 1, 0]] y_pred: [[0.8, 0.1, 0.7], [0.2, 0.9, 0.4]] }\r}',
];
