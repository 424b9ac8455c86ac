// The knowledge catalogue: integrity of the data, lookups, parameter aliases and suggestions.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  ALL_ENTRIES,
  ENTRY_KINDS,
  allowedValues,
  defaultAverage,
  editDistance,
  entriesOf,
  findParam,
  isAllowedValue,
  lookup,
  namesOf,
  positionalParam,
  suggest,
  suggestParam,
  type CatalogueEntry,
  type EntryKind,
  type ParamSpec,
} from '../server/src/core/catalogue';

function entry(kind: EntryKind, name: string): CatalogueEntry {
  const e = lookup(kind, name);
  assert.ok(e, `${kind} '${name}' is in the catalogue`);
  return e;
}

function param(kind: EntryKind, name: string, paramName: string): ParamSpec {
  const p = findParam(entry(kind, name), paramName);
  assert.ok(p, `${kind} '${name}' has parameter '${paramName}'`);
  return p;
}

const label = (e: CatalogueEntry): string => `${e.kind} '${e.name}'`;

describe('catalogue integrity', () => {
  it('has entries of every kind', () => {
    for (const kind of ENTRY_KINDS) assert.ok(entriesOf(kind).length > 0, `no entries of kind ${kind}`);
    assert.equal(
      ENTRY_KINDS.reduce((n, k) => n + entriesOf(k).length, 0),
      ALL_ENTRIES.length,
    );
  });

  it('has unique names and aliases within each kind', () => {
    for (const kind of ENTRY_KINDS) {
      const seen = new Map<string, string>();
      for (const e of entriesOf(kind)) {
        for (const spelling of [e.name, ...(e.aliases ?? [])]) {
          assert.ok(!seen.has(spelling), `${kind} '${spelling}' is claimed by '${seen.get(spelling)}' and '${e.name}'`);
          seen.set(spelling, e.name);
        }
      }
      assert.equal(namesOf(kind).length, seen.size);
    }
  });

  it('gives every entry a summary and well-formed names', () => {
    for (const e of ALL_ENTRIES) {
      assert.ok(e.summary.trim().length > 0, `${label(e)} has no summary`);
      assert.ok(!e.summary.includes('\n'), `${label(e)}: the summary is one line`);
      for (const s of [e.name, ...(e.aliases ?? [])]) {
        assert.match(s, /^[A-Za-z_][A-Za-z0-9_]*$/, `${label(e)}: '${s}' is an identifier`);
      }
    }
  });

  it('gives every parameter a type and a summary, with unique names and aliases per entry', () => {
    for (const e of ALL_ENTRIES) {
      const seen = new Set<string>();
      for (const p of e.params) {
        assert.ok(p.type, `${label(e)}.${p.name} has a type`);
        assert.ok(p.summary.trim().length > 0, `${label(e)}.${p.name} has a summary`);
        for (const s of [p.name, ...(p.aliases ?? [])]) {
          assert.ok(!seen.has(s), `${label(e)}: parameter spelling '${s}' is used twice`);
          seen.add(s);
        }
      }
    }
  });

  it('puts every positional parameter first, at most one per entry', () => {
    for (const e of ALL_ENTRIES) {
      e.params.forEach((p, i) => {
        if (p.positional) assert.equal(i, 0, `${label(e)}.${p.name} is positional but not first`);
      });
    }
  });

  it('keeps every default within its own range and allowed values', () => {
    let checked = 0;
    for (const e of ALL_ENTRIES) {
      for (const p of e.params) {
        const d = p.default;
        if (d === undefined || d === null) continue;
        const where = `${label(e)}.${p.name} = ${String(d)}`;
        if (typeof d === 'number') {
          assert.ok(
            p.type === 'number' || p.type === 'integer' || p.type === 'shape' || p.type === 'label' ||
              (p.alsoAccepts ?? []).some((t) => t === 'number' || t === 'integer'),
            `${where}: a number default for a ${p.type} parameter`,
          );
          if (p.type === 'integer') assert.ok(Number.isInteger(d), `${where}: not an integer`);
          if (p.min !== undefined) assert.ok(p.minExclusive ? d > p.min : d >= p.min, `${where}: below min ${p.min}`);
          if (p.max !== undefined) assert.ok(p.maxExclusive ? d < p.max : d <= p.max, `${where}: above max ${p.max}`);
        } else if (typeof d === 'boolean') {
          assert.equal(p.type, 'boolean', `${where}: a boolean default for a ${p.type} parameter`);
        } else if (p.type === 'name') {
          assert.ok(isAllowedValue(p, d), `${where}: not one of its allowed values`);
        } else {
          assert.ok(p.type === 'string' || p.type === 'columns' || p.type === 'label', `${where}: a string default`);
        }
        checked++;
      }
    }
    assert.ok(checked > 100, `checked ${checked} defaults`);
  });

  it('has consistent bounds and value sources', () => {
    for (const e of ALL_ENTRIES) {
      for (const p of e.params) {
        const where = `${label(e)}.${p.name}`;
        if (p.min !== undefined && p.max !== undefined) assert.ok(p.min <= p.max, `${where}: min > max`);
        if (p.minExclusive) assert.ok(p.min !== undefined, `${where}: minExclusive without min`);
        if (p.maxExclusive) assert.ok(p.max !== undefined, `${where}: maxExclusive without max`);
        if (p.values || p.valuesFrom) assert.equal(p.type, 'name', `${where}: values on a non-name parameter`);
        if (p.valuesFrom) assert.ok(entriesOf(p.valuesFrom).length > 0, `${where}: valuesFrom an empty kind`);
        if (p.values) assert.equal(new Set(p.values).size, p.values.length, `${where}: repeated values`);
      }
    }
  });

  it('writes formulas and prose in Unicode, never LaTeX', () => {
    const latex = /\\|\$|\^\{|_\{/;
    for (const e of ALL_ENTRIES) {
      for (const [field, text] of [
        ['formula', e.formula],
        ['summary', e.summary],
        ['details', e.details],
        ...e.params.map((p) => [`${p.name}.summary`, p.summary] as const),
      ] as const) {
        if (text === undefined) continue;
        assert.ok(!latex.test(text), `${label(e)} ${field} contains LaTeX: ${text}`);
      }
    }
  });

  it('gives every loss a family, and every cross-entropy one', () => {
    for (const e of entriesOf('loss')) {
      assert.ok(e.family, `${label(e)} has no family`);
      assert.equal(typeof e.crossEntropy, 'boolean', `${label(e)} says whether it is a cross-entropy`);
      assert.ok(e.formula, `${label(e)} has a formula`);
    }
    const ce = entriesOf('loss').filter((e) => e.crossEntropy).map((e) => e.name).sort();
    assert.deepEqual(ce, [
      'bce',
      'bce_with_logits',
      'binary_crossentropy',
      'binary_focal_crossentropy',
      'categorical_crossentropy',
      'categorical_focal_crossentropy',
      'cross_entropy',
      'log_loss',
      'nll_loss',
      'sparse_categorical_crossentropy',
    ]);
  });

  it('knows PyTorch\'s losses under their names, with PyTorch\'s parameters and defaults', () => {
    const ce = entry('loss', 'cross_entropy');
    assert.equal(ce.pytorch, 'torch.nn.CrossEntropyLoss / F.cross_entropy');
    assert.equal(ce.framework, 'pytorch');
    assert.equal(ce.takes, 'logits');
    assert.equal(param('loss', 'cross_entropy', 'ignore_index').default, -100);
    assert.equal(param('loss', 'cross_entropy', 'reduction').default, 'mean');
    assert.deepEqual(param('loss', 'cross_entropy', 'reduction').values, ['mean', 'sum', 'none']);
    assert.equal(param('loss', 'cross_entropy', 'weight').type, 'numbers');
    assert.equal(param('loss', 'cross_entropy', 'label_smoothing').default, 0);
    assert.equal(entry('loss', 'nll_loss').takes, 'log-probabilities');
    assert.equal(param('loss', 'bce_with_logits', 'pos_weight').type, 'numbers');
    assert.equal(findParam(entry('loss', 'nll_loss'), 'label_smoothing'), undefined);
    // bce is shared: its library is the experiment's framework, so the entry names both.
    const bce = entry('loss', 'bce');
    assert.equal(bce.framework, undefined);
    assert.match(bce.pytorch ?? '', /torch\.nn\.BCELoss/);
    assert.match(bce.keras ?? '', /BinaryCrossentropy/);
  });

  it('gives every activation a range and a formula', () => {
    for (const e of entriesOf('activation')) {
      assert.ok(e.range, `${label(e)} has no range`);
      assert.ok(e.formula, `${label(e)} has no formula`);
    }
  });

  it('gives every optimizer an update rule and a positive learning rate', () => {
    for (const e of entriesOf('optimizer')) {
      assert.ok(e.formula, `${label(e)} has no update rule`);
      const lr = findParam(e, 'learning_rate');
      assert.ok(lr && typeof lr.default === 'number' && lr.default > 0, `${label(e)} learning_rate`);
      assert.equal(lr.rangeCode, 'learning-rate-invalid');
    }
    const adam = entriesOf('optimizer').filter((e) => e.adamFamily).map((e) => e.name).sort();
    assert.deepEqual(adam, ['adam', 'adamax', 'adamw', 'nadam']);
  });

  it('gives every metric its tasks and a formula', () => {
    for (const e of entriesOf('metric')) {
      assert.ok(e.tasks && e.tasks.length > 0, `${label(e)} has no tasks`);
      assert.ok(e.formula, `${label(e)} has no formula`);
      assert.ok(e.keras || e.sklearn || e.name === 'entropy', `${label(e)} names its Keras or scikit-learn twin`);
    }
  });

  it('points layer facts at real parameters and activations', () => {
    for (const e of entriesOf('layer')) {
      if (e.unitsParam) {
        const p = findParam(e, e.unitsParam);
        assert.ok(p, `${label(e)}.unitsParam '${e.unitsParam}' is a parameter`);
        assert.equal(p.min, 1, `${label(e)}.${p.name} min`);
        assert.equal(p.rangeCode, 'invalid-units', `${label(e)}.${p.name} rangeCode`);
        assert.ok(p.positional, `${label(e)}.${p.name} is positional`);
      }
      if (e.appliesActivation) {
        assert.ok(e.activationLayer, `${label(e)} applies an activation but is not an activationLayer`);
        assert.ok(lookup('activation', e.appliesActivation), `${label(e)}.appliesActivation exists`);
      }
      if (e.opaque) assert.equal(e.unitsParam, undefined, `${label(e)} is opaque yet has unitsParam`);
    }
  });

  it('gives every key the kinds of its values where it takes names', () => {
    for (const e of entriesOf('key')) {
      for (const k of e.valueKinds ?? []) assert.ok(ENTRY_KINDS.includes(k), `${label(e)} valueKinds ${k}`);
    }
    assert.deepEqual(entriesOf('key').map((e) => e.name), [
      'task',
      'classes',
      'labels',
      'model',
      'loss',
      'framework',
      'optimizer',
      'metrics',
      'data',
    ]);
  });
});

describe('catalogue contents', () => {
  it('knows every layer the design decisions list', () => {
    const layers = [
      'input', 'dense', 'dropout', 'activation', 'flatten', 'reshape', 'batch_norm', 'layer_norm', 'leaky_relu',
      'prelu', 'conv1d', 'conv2d', 'conv3d', 'max_pool1d', 'max_pool2d', 'avg_pool1d', 'avg_pool2d',
      'global_avg_pool1d', 'global_avg_pool2d', 'global_max_pool1d', 'global_max_pool2d', 'lstm', 'gru',
      'simple_rnn', 'bidirectional', 'embedding', 'concatenate', 'softmax',
    ];
    for (const name of layers) entry('layer', name);
    for (const name of ['resnet50', 'densenet121', 'mobilenet_v2', 'efficientnet_b0', 'vgg16']) {
      assert.equal(entry('layer', name).opaque, true, `${name} is opaque`);
      for (const p of ['weights', 'include_top', 'pooling']) param('layer', name, p);
    }
  });

  it('uses the positional first arguments of the design decisions', () => {
    const table: [string, string][] = [
      ['dense', 'units'],
      ['lstm', 'units'],
      ['gru', 'units'],
      ['simple_rnn', 'units'],
      ['conv1d', 'filters'],
      ['conv2d', 'filters'],
      ['conv3d', 'filters'],
      ['dropout', 'rate'],
      ['max_pool1d', 'pool_size'],
      ['max_pool2d', 'pool_size'],
      ['avg_pool1d', 'pool_size'],
      ['avg_pool2d', 'pool_size'],
      ['input', 'shape'],
      ['activation', 'activation'],
      ['leaky_relu', 'negative_slope'],
    ];
    for (const [layer, p] of table) assert.equal(positionalParam(entry('layer', layer))?.name, p, layer);
    assert.equal(positionalParam(entry('layer', 'flatten')), undefined);
  });

  it('knows every loss the brief names', () => {
    const losses = [
      'binary_crossentropy', 'categorical_crossentropy', 'sparse_categorical_crossentropy', 'kl_divergence',
      'binary_focal_crossentropy', 'categorical_focal_crossentropy', 'categorical_hinge', 'hinge', 'squared_hinge',
      'poisson', 'mse', 'mean_squared_error', 'mae', 'mean_absolute_error', 'huber', 'log_cosh',
      'cosine_similarity', 'log_loss',
    ];
    for (const name of losses) entry('loss', name);
  });

  it('writes the cross-entropy formulas in Unicode', () => {
    const table: [string, string][] = [
      ['binary_crossentropy', 'L = −(1/N) Σᵢ [yᵢ·log pᵢ + (1 − yᵢ)·log(1 − pᵢ)]'],
      ['categorical_crossentropy', 'L = −(1/N) Σᵢ Σₖ yᵢₖ·log pᵢₖ'],
      ['sparse_categorical_crossentropy', 'L = −(1/N) Σᵢ log pᵢ,yᵢ'],
      ['kl_divergence', 'KL(p‖q) = Σₖ pₖ·log(pₖ/qₖ)'],
    ];
    for (const [name, formula] of table) assert.equal(entry('loss', name).formula, formula, name);
    for (const name of ['categorical_crossentropy', 'kl_divergence']) {
      assert.ok(entry('loss', name).details?.includes('H(p, q) = H(p) + KL(p‖q)'), `${name} relates H(p, q) and KL`);
    }
    assert.ok(entry('loss', 'binary_crossentropy').details?.includes('1e-7'), 'BCE says how Keras clips');
    assert.ok(entry('loss', 'binary_crossentropy').details?.includes('y·(1 − s) + 0.5·s'));
    assert.ok(entry('loss', 'categorical_crossentropy').details?.includes('y·(1 − s) + s/K'));
  });

  it('uses Keras 3 loss parameters and defaults', () => {
    for (const name of ['binary_crossentropy', 'categorical_crossentropy', 'sparse_categorical_crossentropy']) {
      assert.equal(param('loss', name, 'from_logits').default, false);
      assert.equal(param('loss', name, 'reduction').default, 'sum_over_batch_size');
    }
    for (const name of ['binary_crossentropy', 'categorical_crossentropy']) {
      const ls = param('loss', name, 'label_smoothing');
      assert.deepEqual([ls.default, ls.min, ls.max, ls.rangeCode], [0, 0, 1, 'label-smoothing-range']);
      assert.equal(param('loss', name, 'axis').default, -1);
    }
    assert.equal(findParam(entry('loss', 'sparse_categorical_crossentropy'), 'label_smoothing'), undefined);
    assert.equal(param('loss', 'sparse_categorical_crossentropy', 'ignore_class').default, null);
    assert.equal(param('loss', 'binary_focal_crossentropy', 'alpha').default, 0.25);
    assert.equal(param('loss', 'binary_focal_crossentropy', 'gamma').default, 2.0);
    assert.equal(param('loss', 'categorical_focal_crossentropy', 'gamma').default, 2.0);
    assert.equal(entry('loss', 'sparse_categorical_crossentropy').family, 'sparse');
    assert.equal(entry('loss', 'categorical_crossentropy').family, 'categorical');
    assert.equal(entry('loss', 'binary_crossentropy').family, 'binary');
    assert.equal(entry('loss', 'kl_divergence').family, 'divergence');
    assert.equal(entry('loss', 'log_loss').sklearn, 'sklearn.metrics.log_loss');
  });

  it('classifies activation ranges for the output rules', () => {
    const table: [string, string][] = [
      ['sigmoid', 'probability'],
      ['hard_sigmoid', 'probability'],
      ['softmax', 'simplex'],
      ['linear', 'linear'],
      ['none', 'linear'],
      ['relu', 'non-negative'],
      ['relu6', 'non-negative'],
      ['elu', 'unbounded'],
      ['leaky_relu', 'unbounded'],
      ['tanh', 'bounded-signed'],
      ['softsign', 'bounded-signed'],
      ['log_softmax', 'unbounded'],
      ['swish', 'unbounded'],
    ];
    for (const [name, range] of table) assert.equal(entry('activation', name).range, range, name);
    for (const name of [
      'linear', 'relu', 'relu6', 'leaky_relu', 'elu', 'selu', 'gelu', 'silu', 'mish', 'softplus', 'softsign',
      'tanh', 'sigmoid', 'hard_sigmoid', 'hard_silu', 'exponential', 'softmax', 'log_softmax',
    ]) {
      entry('activation', name);
    }
    assert.equal(entry('activation', 'sigmoid').formula, 'σ(x) = 1/(1 + e^(−x))');
    assert.equal(entry('activation', 'softmax').formula, 'softmax(x)ₖ = e^(xₖ)/Σⱼ e^(xⱼ)');
  });

  it('uses Keras 3 optimizer defaults and ranges', () => {
    const table: [string, string, unknown][] = [
      ['sgd', 'learning_rate', 0.01],
      ['sgd', 'momentum', 0],
      ['sgd', 'nesterov', false],
      ['adam', 'learning_rate', 0.001],
      ['adam', 'beta_1', 0.9],
      ['adam', 'beta_2', 0.999],
      ['adam', 'epsilon', 1e-7],
      ['adam', 'amsgrad', false],
      ['adamw', 'weight_decay', 0.004],
      ['nadam', 'learning_rate', 0.001],
      ['adamax', 'beta_2', 0.999],
      ['rmsprop', 'learning_rate', 0.001],
      ['rmsprop', 'rho', 0.9],
      ['rmsprop', 'momentum', 0],
      ['rmsprop', 'epsilon', 1e-7],
      ['rmsprop', 'centered', false],
      ['adagrad', 'learning_rate', 0.001],
      ['adagrad', 'initial_accumulator_value', 0.1],
      ['adadelta', 'learning_rate', 0.001],
      ['adadelta', 'rho', 0.95],
      ['ftrl', 'learning_rate', 0.001],
      ['ftrl', 'learning_rate_power', -0.5],
      ['lion', 'learning_rate', 0.001],
      ['lion', 'beta_1', 0.9],
      ['lion', 'beta_2', 0.99],
    ];
    for (const [opt, p, d] of table) assert.equal(param('optimizer', opt, p).default, d, `${opt}.${p}`);
    for (const [opt, p] of [
      ['sgd', 'momentum'],
      ['adam', 'beta_1'],
      ['adam', 'beta_2'],
      ['rmsprop', 'rho'],
    ] as const) {
      const spec = param('optimizer', opt, p);
      assert.deepEqual([spec.min, spec.max, spec.maxExclusive], [0, 1, true], `${opt}.${p} in [0, 1)`);
      assert.equal(spec.rangeCode, 'optimizer-param-range');
    }
    const eps = param('optimizer', 'adam', 'epsilon');
    assert.deepEqual([eps.min, eps.minExclusive], [0, true]);
    assert.equal(findParam(entry('optimizer', 'adamw'), 'weight_decay')?.default, 0.004, 'adamw overrides weight_decay once');
    assert.equal(entry('optimizer', 'adamw').params.filter((p) => p.name === 'weight_decay').length, 1);
  });

  it('describes the metrics with scikit-learn names and the averaging options', () => {
    for (const name of [
      'accuracy', 'binary_accuracy', 'categorical_accuracy', 'sparse_categorical_accuracy', 'precision', 'recall',
      'f1', 'f1_score', 'fbeta', 'log_loss', 'auc', 'top_k_accuracy', 'confusion_matrix', 'classification_report',
      'cross_entropy', 'entropy', 'kl_divergence', 'average_precision', 'brier_score_loss', 'balanced_accuracy',
      'matthews_corrcoef', 'cohen_kappa', 'hamming_loss', 'jaccard',
    ]) {
      entry('metric', name);
    }
    assert.equal(entry('metric', 'f1').sklearn, 'sklearn.metrics.f1_score');
    assert.equal(entry('metric', 'f1').formula, 'F1 = 2·P·R/(P + R) = 2TP/(2TP + FP + FN)');
    assert.equal(entry('metric', 'precision').formula, 'precision = TP/(TP + FP)');
    for (const m of ['precision', 'recall', 'f1', 'fbeta', 'jaccard']) {
      const avg = param('metric', m, 'average');
      assert.equal(avg.valuesFrom, 'average');
      assert.ok(avg.defaultNote?.includes('macro'), `${m} says what a bare average means`);
      param('metric', m, 'pos_label');
      const zd = param('metric', m, 'zero_division');
      assert.equal(zd.default, 'warn');
      // scikit-learn takes warn, nan, 0 or 1 and raises on 0.5: a whole number in [0, 1].
      assert.deepEqual(zd.alsoAccepts, ['integer']);
      assert.deepEqual([zd.min, zd.max], [0, 1]);
    }
    assert.equal(param('metric', 'fbeta', 'beta').default, undefined, 'beta is required');
    assert.equal(param('metric', 'classification_report', 'digits').default, 2);
    assert.equal(param('metric', 'top_k_accuracy', 'k').default, 2);
    assert.deepEqual(
      namesOf('average'),
      ['binary', 'micro', 'macro', 'weighted', 'samples', 'none'],
    );
    assert.deepEqual(entry('metric', 'accuracy').tasks, ['binary', 'multiclass', 'multilabel']);
  });

  it('lists every scikit-learn parameter of each metric with scikit-learn 1.9\'s default (fixture made by scikit-learn)', () => {
    // test/fixtures/catalogue/generate.py reads the keyword parameters of each function with inspect.signature.
    const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures/catalogue/sklearn-signatures.json'), 'utf8')) as {
      sklearn: string;
      functions: Record<string, { name: string; default?: unknown; required?: true }[]>;
    };
    assert.match(fixture.sklearn, /^1\.9\./);
    // Taken from elsewhere in a .xent file, not from the metric's arguments: the classes are scikit-learn's
    // labels= (and target_names=), samples are unweighted, and a report is text and a dict alike.
    const FROM_ELSEWHERE = new Set(['labels', 'target_names', 'sample_weight', 'output_dict']);
    const DEPRECATED = new Set(['log_loss.y_pred']);
    const named = new Map<string, CatalogueEntry>();
    for (const e of entriesOf('metric')) {
      const fn = e.sklearn?.match(/^sklearn\.metrics\.(\w+)$/)?.[1];
      if (fn) named.set(fn, e);
    }
    assert.deepEqual([...named.keys()].sort(), Object.keys(fixture.functions).sort(), 'every sklearn metric of the catalogue is in the fixture');
    for (const [fn, params] of Object.entries(fixture.functions)) {
      const e = named.get(fn)!;
      const expected = params.filter((p) => !FROM_ELSEWHERE.has(p.name) && !DEPRECATED.has(`${e.name}.${p.name}`));
      assert.deepEqual(
        e.params.map((p) => p.name).sort(),
        expected.map((p) => p.name).sort(),
        `${e.name} has the parameters of sklearn.metrics.${fn}`,
      );
      for (const p of expected) {
        const spec = findParam(e, p.name)!;
        if (p.required) assert.equal(spec.default, undefined, `${e.name} ${p.name} is required`);
        else assert.equal(spec.default, p.default, `${e.name} ${p.name} defaults to ${JSON.stringify(p.default)}`);
      }
    }
  });

  it('knows the metrics a practitioner checks next to log loss, under scikit-learn\'s names', () => {
    const rows: [string, string, readonly string[], string[]][] = [
      // name, alias (the scikit-learn function), tasks, parameters
      ['average_precision', 'average_precision_score', ['binary', 'multiclass', 'multilabel'], ['average', 'pos_label']],
      ['brier_score_loss', 'brier_score', ['binary', 'multiclass'], ['pos_label', 'scale_by_half']],
      ['balanced_accuracy', 'balanced_accuracy_score', ['binary', 'multiclass'], ['adjusted']],
      ['matthews_corrcoef', 'mcc', ['binary', 'multiclass'], []],
      ['cohen_kappa', 'cohen_kappa_score', ['binary', 'multiclass'], ['weights', 'replace_undefined_by']],
      ['hamming_loss', 'hamming', ['binary', 'multiclass', 'multilabel'], []],
      ['jaccard', 'jaccard_score', ['binary', 'multiclass', 'multilabel'], ['average', 'pos_label', 'zero_division']],
    ];
    for (const [name, alias, tasks, params] of rows) {
      const e = entry('metric', name);
      assert.equal(lookup('metric', alias), e, `${alias} is ${name}`);
      assert.deepEqual(e.tasks, tasks, `${name} tasks`);
      assert.deepEqual(e.params.map((p) => p.name), params, `${name} parameters`);
      assert.ok(e.formula && e.details && e.sklearn, `${name} has a formula, details and its scikit-learn name`);
    }
    assert.deepEqual(allowedValues(param('metric', 'cohen_kappa', 'weights')), ['linear', 'quadratic', 'none']);
    assert.deepEqual(allowedValues(param('metric', 'average_precision', 'average')), ['micro', 'macro', 'weighted', 'samples', 'none']);
    assert.equal(param('metric', 'jaccard', 'average').valuesFrom, 'average', 'jaccard takes the averages of f1, none and samples included');
    const scale = param('metric', 'brier_score_loss', 'scale_by_half');
    assert.deepEqual([scale.default, scale.values, scale.alsoAccepts], ['auto', ['auto'], ['boolean']]);
    const undefinedBy = param('metric', 'cohen_kappa', 'replace_undefined_by');
    assert.deepEqual([undefinedBy.min, undefinedBy.max], [-1, 1]);
  });

  it('describes logistic regression with scikit-learn defaults', () => {
    const lr = entry('model', 'logistic_regression');
    assert.equal(lr.sklearn, 'sklearn.linear_model.LogisticRegression');
    assert.equal(lr.formula?.startsWith('p = σ(w·x + b)'), true);
    const c = param('model', 'logistic_regression', 'C');
    assert.deepEqual([c.default, c.min, c.minExclusive], [1.0, 0, true]);
    assert.equal(param('model', 'logistic_regression', 'fit_intercept').default, true);
    const it = param('model', 'logistic_regression', 'max_iter');
    assert.deepEqual([it.type, it.default, it.min], ['integer', 100, 1]);
    assert.equal(param('model', 'logistic_regression', 'tol').default, 1e-4);
  });

  it('describes the language words', () => {
    assert.deepEqual(namesOf('task'), ['binary', 'multiclass', 'multilabel']);
    assert.deepEqual(namesOf('encoding'), ['integer', 'onehot', 'indicator']);
    assert.deepEqual(namesOf('data-key'), ['y_true', 'y_pred', 'features']);
    assert.deepEqual(namesOf('data-source'), ['csv', 'npy', 'parquet']);
    assert.equal(positionalParam(entry('data-source', 'csv'))?.name, 'path');
    assert.equal(positionalParam(entry('data-source', 'npy')), undefined);
    for (const p of ['y_true', 'y_pred', 'features']) {
      param('data-source', 'csv', p);
      param('data-source', 'npy', p);
    }
    assert.deepEqual(entry('key', 'loss').valueKinds, ['loss']);
    assert.deepEqual(entry('key', 'model').valueKinds, ['layer', 'model']);
  });
});

describe('lookups', () => {
  const table: [EntryKind, string, string | undefined][] = [
    ['loss', 'categorical_crossentropy', 'categorical_crossentropy'],
    ['loss', 'kld', 'kl_divergence'],
    ['loss', 'kullback_leibler_divergence', 'kl_divergence'],
    ['loss', 'mse', 'mean_squared_error'],
    ['loss', 'mae', 'mean_absolute_error'],
    ['loss', 'Categorical_Crossentropy', undefined], // case-sensitive
    ['loss', 'relu', undefined], // wrong kind
    ['activation', 'none', 'linear'],
    ['activation', 'swish', 'silu'],
    ['activation', 'hard_swish', 'hard_silu'],
    ['optimizer', 'adam', 'adam'],
    ['optimizer', 'Adam', undefined],
    ['metric', 'f1_score', 'f1'],
    ['metric', 'acc', 'accuracy'],
    ['metric', 'roc_auc', 'auc'],
    ['layer', 'batch_normalization', 'batch_norm'],
    ['layer', 'max_pooling2d', 'max_pool2d'],
    ['layer', 'global_average_pooling1d', 'global_avg_pool1d'],
    ['layer', 'softmax', 'softmax'],
    ['model', 'logistic_regression', 'logistic_regression'],
    ['key', 'metrics', 'metrics'],
    ['average', 'none', 'none'],
    ['loss', '__proto__', undefined],
    ['loss', '', undefined],
  ];
  for (const [kind, name, expected] of table) {
    it(`${kind} '${name}' → ${expected ?? 'nothing'}`, () => {
      assert.equal(lookup(kind, name)?.name, expected);
    });
  }

  it('returns the same entry object for a name and its aliases', () => {
    assert.equal(lookup('loss', 'kld'), lookup('loss', 'kl_divergence'));
  });

  it('lists allowed values from values or from a kind', () => {
    assert.deepEqual(allowedValues(param('layer', 'conv1d', 'padding')), ['valid', 'same', 'causal']);
    assert.deepEqual(allowedValues(param('layer', 'conv2d', 'padding')), ['valid', 'same']);
    assert.ok(allowedValues(param('layer', 'dense', 'activation'))?.includes('softmax'));
    assert.equal(allowedValues(param('layer', 'dense', 'units')), undefined);
    assert.equal(isAllowedValue(param('layer', 'dense', 'activation'), 'swish'), true);
    assert.equal(isAllowedValue(param('layer', 'dense', 'activation'), 'softmaxx'), false);
    assert.equal(isAllowedValue(param('metric', 'f1', 'average'), 'macro'), true);
  });

  it('gives the effective default average', () => {
    assert.equal(defaultAverage('binary'), 'binary');
    assert.equal(defaultAverage('multiclass'), 'macro');
    assert.equal(defaultAverage('multilabel'), 'macro');
  });
});

describe('findParam', () => {
  const table: [EntryKind, string, string, string | undefined][] = [
    ['layer', 'conv2d', 'kernel', 'kernel_size'],
    ['layer', 'conv1d', 'kernel_size', 'kernel_size'],
    ['layer', 'max_pool2d', 'pool', 'pool_size'],
    ['layer', 'avg_pool1d', 'pool', 'pool_size'],
    ['layer', 'leaky_relu', 'alpha', 'negative_slope'],
    ['layer', 'dense', 'units', 'units'],
    ['layer', 'dense', 'kernel', undefined],
    ['layer', 'dense', 'Units', undefined],
    ['loss', 'categorical_crossentropy', 'label_smoothing', 'label_smoothing'],
    ['optimizer', 'adam', 'lr', undefined],
    ['metric', 'f1', 'average', 'average'],
  ];
  for (const [kind, name, p, expected] of table) {
    it(`${kind} ${name}(${p}) → ${expected ?? 'nothing'}`, () => {
      assert.equal(findParam(entry(kind, name), p)?.name, expected);
    });
  }

  it('works on an entry built outside the catalogue', () => {
    const e: CatalogueEntry = {
      name: 'custom',
      kind: 'layer',
      summary: 'x',
      params: [{ name: 'size', type: 'integer', summary: 's', aliases: ['n'] }],
    };
    assert.equal(findParam(e, 'n')?.name, 'size');
    assert.equal(findParam(e, 'm'), undefined);
  });
});

describe('suggest', () => {
  const table: [string, EntryKind | EntryKind[], string | undefined][] = [
    ['categorical_crossentropi', 'loss', 'categorical_crossentropy'],
    ['categorical_cross_entropy', 'loss', 'categorical_crossentropy'],
    ['sparse_categorical_crossentrpy', 'loss', 'sparse_categorical_crossentropy'],
    ['binary_crossentorpy', 'loss', 'binary_crossentropy'], // transposition
    ['adamm', 'optimizer', 'adam'],
    ['Adam', 'optimizer', 'adam'],
    ['SGD', 'optimizer', 'sgd'],
    ['rmsprops', 'optimizer', 'rmsprop'],
    ['softmx', 'activation', 'softmax'],
    ['sigmod', 'activation', 'sigmoid'],
    ['relu', 'optimizer', undefined],
    ['xyzzy', 'loss', undefined],
    ['xyzzy', ['loss', 'metric', 'activation', 'optimizer', 'layer'], undefined],
    ['f1score', 'metric', 'f1_score'],
    ['acuracy', 'metric', 'accuracy'],
    ['dens', 'layer', 'dense'],
    ['conv2', 'layer', 'conv2d'],
    ['lstn', 'layer', 'lstm'],
    ['multi_class', 'task', 'multiclass'],
    ['one_hot', 'encoding', 'onehot'],
    ['optimiser', 'key', 'optimizer'],
    ['adam', 'optimizer', undefined], // already valid
    ['', 'loss', undefined],
    ['x'.repeat(10_000), 'loss', undefined],
  ];
  for (const [name, kinds, expected] of table) {
    it(`'${name.length > 40 ? name.slice(0, 10) + '…' : name}' → ${expected ?? 'nothing'}`, () => {
      assert.equal(suggest(name, kinds), expected);
    });
  }

  it('is deterministic and searches several kinds at once', () => {
    assert.equal(suggest('log_los', ['loss', 'metric']), 'log_loss');
    assert.equal(suggest('maxpool2d', 'layer'), suggest('maxpool2d', 'layer'));
  });

  it('prefers a name over an alias at the same distance', () => {
    // 'mse' (alias) and 'mae' (alias) are both at distance 1 from 'mxe'; the order is stable.
    assert.equal(suggest('mxe', 'loss'), 'mae');
  });

  it('suggests parameter names', () => {
    assert.equal(suggestParam(entry('optimizer', 'adam'), 'learning_rat'), 'learning_rate');
    assert.equal(suggestParam(entry('layer', 'dense'), 'unit'), 'units');
    assert.equal(suggestParam(entry('layer', 'conv2d'), 'kernal'), 'kernel');
    assert.equal(suggestParam(entry('layer', 'dense'), 'xyzzy'), undefined);
  });

  it('computes the optimal-string-alignment distance', () => {
    const table: [string, string, number][] = [
      ['', '', 0],
      ['abc', '', 3],
      ['', 'ab', 2],
      ['adam', 'adam', 0],
      ['adamm', 'adam', 1],
      ['ab', 'ba', 1],
      ['kitten', 'sitting', 3],
      ['ca', 'abc', 3],
    ];
    for (const [a, b, d] of table) assert.equal(editDistance(a, b), d, `${a} → ${b}`);
    assert.equal(editDistance('kitten', 'sitting', 1), 2, 'stops early past max');
  });
});
