// Snippets for a new experiment at the top level: one realistic, consistent experiment per task, which
// `xent check` passes as inserted (the tests check it with the placeholders at their defaults).
// Tabs in a snippet become the editor's indentation.

export interface ExperimentTemplate {
  readonly task: 'binary' | 'multiclass' | 'multilabel';
  readonly description: string;
  /** LSP snippet syntax. */
  readonly snippet: string;
}

export const EXPERIMENT_TEMPLATES: readonly ExperimentTemplate[] = [
  {
    task: 'binary',
    description: 'A binary classifier: one sigmoid unit, binary cross-entropy on 0/1 labels, Adam; log loss, accuracy and F1.',
    snippet: [
      'experiment ${1:spam_filter} {',
      '\ttask: binary',
      '\tclasses: [${2:ham}, ${3:spam}]',
      '\tlabels: integer',
      '',
      '\tmodel {',
      '\t\tinput(${4:20})',
      '\t\tdense(16, activation: relu)',
      '\t\tdense(1, activation: sigmoid)',
      '\t}',
      '',
      '\tloss: binary_crossentropy',
      '\toptimizer: adam(learning_rate: 0.001)',
      '\tmetrics: [log_loss, accuracy, f1]',
      '',
      '\tdata {',
      '\t\ty_true: [0, 1, 1, 0, 1]',
      '\t\ty_pred: [0.1, 0.8, 0.6, 0.3, 0.9]',
      '\t}',
      '}$0',
    ].join('\n'),
  },
  {
    task: 'multiclass',
    description: 'A multiclass classifier: K softmax units, sparse categorical cross-entropy on integer labels, Adam; accuracy, macro F1, log loss.',
    snippet: [
      'experiment ${1:cats_dogs_horses} {',
      '\ttask: multiclass',
      '\tclasses: [${2:cat}, ${3:dog}, ${4:horse}]',
      '\tlabels: integer',
      '',
      '\tmodel {',
      '\t\tinput(${5:8})',
      '\t\tdense(16, activation: relu)',
      '\t\tdense(3, activation: softmax)',
      '\t}',
      '',
      '\tloss: sparse_categorical_crossentropy',
      '\toptimizer: adam(learning_rate: 0.001)',
      '\tmetrics: [accuracy, f1(average: macro), log_loss]',
      '',
      '\tdata {',
      '\t\ty_true: [0, 1, 2, 1]',
      '\t\ty_pred: [[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.2, 0.2, 0.6], [0.3, 0.5, 0.2]]',
      '\t}',
      '}$0',
    ].join('\n'),
  },
  {
    task: 'multilabel',
    description: 'A multilabel tagger: one sigmoid unit per label, binary cross-entropy on 0/1 indicator rows, Adam; F1 per sample and macro.',
    snippet: [
      'experiment ${1:tagger} {',
      '\ttask: multilabel',
      '\tclasses: [${2:sports}, ${3:politics}, ${4:tech}]',
      '\tlabels: indicator',
      '',
      '\tmodel {',
      '\t\tinput(${5:64})',
      '\t\tdense(32, activation: relu)',
      '\t\tdense(3, activation: sigmoid)',
      '\t}',
      '',
      '\tloss: binary_crossentropy',
      '\toptimizer: adam(learning_rate: 0.001)',
      '\tmetrics: [f1(average: samples), f1(average: macro)]',
      '',
      '\tdata {',
      '\t\ty_true: [[1, 0, 1], [0, 1, 0], [1, 1, 0]]',
      '\t\ty_pred: [[0.9, 0.2, 0.6], [0.1, 0.8, 0.3], [0.7, 0.6, 0.2]]',
      '\t}',
      '}$0',
    ].join('\n'),
  },
];

/** The snippet as the editor would insert it with every placeholder left at its default. */
export function expandSnippet(snippet: string): string {
  return snippet.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\d+/g, '');
}
