// Builds the semantic model of every experiment in a document: resolves `extends`, validates each property
// against the catalogue (once, in the experiment that writes it), and infers task, classes and label encoding
// from inline data where they are not declared.

import { findParam, lookup } from '../catalogue';
import { closest, reportUnknownName, resolveCall } from './calls';
import { silent, type Reporter } from '../diagnostic';
import type { Experiment, Identifier, Property, Value, XentDocument } from '../syntax/ast';
import { compareLabels } from '../metrics/classification/labels';
import { isProblem, readInlineArray, type InlineArray } from './inline-data';
import type { CatalogueEntry, Framework } from '../catalogue/types';
import { activationParamOf, includesTop, isBackbone } from './layer-params';
import type { CallModel, ClassInfo, DataSpec, Encoding, ExperimentModel, Fact, LayerModel, ModelSpec, OutputModel, Task } from './types';

type Owned = { property: Property; experiment: string };

export function buildModels(document: XentDocument, report: Reporter): ExperimentModel[] {
  const byName = new Map<string, Experiment>();
  for (const e of document.experiments) {
    if (!e.name) continue;
    const first = byName.get(e.name.name);
    if (first) {
      report('duplicate-experiment', 'error', `experiment '${e.name.name}' is already defined on line ${first.name!.range.start.line + 1}; rename one`, e.name, {
        related: [{ message: 'first defined here', range: first.name!.range }],
      });
    } else byName.set(e.name.name, e);
  }

  const models: ExperimentModel[] = [];
  for (const e of document.experiments) {
    if (!e.name || byName.get(e.name.name) !== e) continue;
    const ancestors = resolveAncestors(e, byName, report);
    const own = ownProperties(e, report);
    const merged = new Map<string, Owned>();
    for (const name of [...ancestors].reverse()) {
      const parent = byName.get(name)!;
      for (const [key, property] of ownProperties(parent, silent)) merged.set(key, { property, experiment: name });
    }
    for (const [key, property] of own) merged.set(key, { property, experiment: e.name.name });
    models.push(interpret(e, e.name.name, ancestors, merged, report));
  }
  return models;
}

/** The chain of parents, nearest first; an unknown parent or a cycle is reported and cuts the chain. */
function resolveAncestors(e: Experiment, byName: Map<string, Experiment>, report: Reporter): string[] {
  const chain: string[] = [];
  let current = e;
  while (current.parent) {
    const parentName = current.parent.name;
    const parent = byName.get(parentName);
    if (!parent) {
      if (current === e) {
        const names = [...byName.keys()].filter((n) => n !== e.name?.name);
        const hint = closestName(parentName, names);
        report('unknown-experiment', 'error', `no experiment named '${parentName}' in this file${hint ? `; did you mean '${hint}'?` : ''}`, current.parent, {
          data: hint ? { suggestion: hint } : undefined,
        });
      }
      break;
    }
    if (parent === e || chain.includes(parentName)) {
      if (current === e || parent === e) {
        report('extends-cycle', 'error', `'${e.name!.name}' extends itself through ${[e.name!.name, ...chain, parentName].join(' → ')}`, e.parent!);
      }
      break;
    }
    chain.push(parentName);
    current = parent;
  }
  return chain;
}

const KNOWN_KEYS = ['task', 'classes', 'labels', 'model', 'loss', 'framework', 'optimizer', 'metrics', 'data'];

/** The experiment's own properties by key; unknown keys and duplicates are reported (and the first kept). */
function ownProperties(e: Experiment, report: Reporter): Map<string, Property> {
  const map = new Map<string, Property>();
  for (const p of e.properties) {
    const key = p.key.name;
    if (!KNOWN_KEYS.includes(key)) {
      reportUnknownName(report, p.key, ['key']);
      continue;
    }
    const first = map.get(key);
    if (first) {
      report('duplicate-property', 'error', `'${key}' is already set on line ${first.range.start.line + 1}; keep one`, p.key, {
        related: [{ message: 'first set here', range: first.key.range }],
      });
      continue;
    }
    map.set(key, p);
  }
  return map;
}

function interpret(e: Experiment, name: string, ancestors: string[], merged: Map<string, Owned>, report: Reporter): ExperimentModel {
  // Validation diagnostics come only from the experiment that wrote the property.
  const reporterFor = (o: Owned) => (o.experiment === name ? report : silent);
  const get = (key: string) => merged.get(key);
  const declared = <T>(o: Owned, value: T, node: Value | Property | Identifier): Fact<T> => ({ value, origin: 'declared', node, experiment: o.experiment });

  let task: Fact<Task> | undefined;
  const taskProp = get('task');
  if (taskProp) {
    const v = expectValue(taskProp, reporterFor(taskProp));
    const id = v && nameOf(v);
    if (v && id === undefined) reporterFor(taskProp)('invalid-value', 'error', 'task must be binary, multiclass or multilabel', v);
    else if (v && id) {
      if (lookup('task', id.name)) task = declared(taskProp, id.name as Task, v);
      else reportUnknownName(reporterFor(taskProp), id, ['task']);
    }
  }

  let classes: Fact<ClassInfo> | undefined;
  const classesProp = get('classes');
  if (classesProp) {
    const r = reporterFor(classesProp);
    const v = expectValue(classesProp, r);
    if (v?.kind === 'number') {
      if (!Number.isInteger(v.value) || v.value < 0) r('invalid-value', 'error', 'classes must be a whole number of classes or a list of class names', v);
      else classes = declared(classesProp, { count: v.value, names: indexNames(v.value), named: false }, v);
    } else if (v?.kind === 'list') {
      const names: string[] = [];
      for (const item of v.items) {
        const n = item.kind === 'identifier' ? item.name : item.kind === 'string' ? item.value : item.kind === 'number' ? item.raw : undefined;
        if (n === undefined) r('invalid-value', 'error', 'a class is a name (cat or "cat") or a number', item);
        else if (names.includes(n)) r('duplicate-class', 'error', `class '${n}' is listed twice`, item);
        else names.push(n);
      }
      classes = declared(classesProp, { count: names.length, names, named: true }, v);
    } else if (v) r('invalid-value', 'error', 'classes must be a count (classes: 3) or a list of names (classes: [cat, dog, horse])', v);
  }

  let labels: Fact<Encoding> | undefined;
  const labelsProp = get('labels');
  if (labelsProp) {
    const v = expectValue(labelsProp, reporterFor(labelsProp));
    const id = v && nameOf(v);
    if (v && id === undefined) reporterFor(labelsProp)('invalid-value', 'error', 'labels must be integer, onehot or indicator', v);
    else if (v && id) {
      if (lookup('encoding', id.name)) labels = declared(labelsProp, id.name as Encoding, v);
      else reportUnknownName(reporterFor(labelsProp), id, ['encoding']);
    }
  }

  const modelProp = get('model');
  const model = modelProp ? readModel(modelProp, reporterFor(modelProp)) : undefined;

  const lossProp = get('loss');
  const lossValue = lossProp && expectValue(lossProp, reporterFor(lossProp));
  const loss = lossProp && lossValue ? resolveCall(lossValue, ['loss'], lossProp.experiment, reporterFor(lossProp)) : undefined;

  // The framework: declared, else implied by a loss name only PyTorch has (docs/language.md, `framework`).
  let framework: Fact<Framework> | undefined;
  const frameworkProp = get('framework');
  if (frameworkProp) {
    const r = reporterFor(frameworkProp);
    const v = expectValue(frameworkProp, r);
    const id = v && nameOf(v);
    if (v && id === undefined) r('invalid-value', 'error', 'framework must be keras or pytorch', v);
    else if (v && id) {
      if (lookup('framework', id.name)) framework = declared(frameworkProp, id.name as Framework, v);
      else reportUnknownName(r, id, ['framework']);
    }
  }
  if (!framework && loss?.entry?.framework && lossValue) {
    framework = { value: loss.entry.framework, origin: 'inferred', node: lossValue, from: `the loss ${loss.name}`, experiment: lossProp!.experiment };
  }

  const optProp = get('optimizer');
  const optValue = optProp && expectValue(optProp, reporterFor(optProp));
  const optimizer = optProp && optValue ? resolveCall(optValue, ['optimizer'], optProp.experiment, reporterFor(optProp)) : undefined;

  const metrics: CallModel[] = [];
  const metricsProp = get('metrics');
  if (metricsProp) {
    const r = reporterFor(metricsProp);
    const v = expectValue(metricsProp, r);
    const items = v?.kind === 'list' ? v.items : v ? [v] : [];
    for (const item of items) {
      const m = resolveCall(item, ['metric'], metricsProp.experiment, r);
      if (m) metrics.push(m);
    }
  }

  const dataProp = get('data');
  const data = dataProp ? readData(dataProp, reporterFor(dataProp)) : undefined;

  if (model?.kind === 'layers' && model.layers.length > 0 && !loss) {
    report('missing-loss', 'error', `'${name}' declares layers but no loss, and a network cannot be trained without one: add a line such as loss: categorical_crossentropy`, e.name!, {
      related: [{ message: 'the layers', range: model.node.key.range }],
    });
  }

  // Inference from inline data, then from the model, where nothing is declared.
  const inferFrom = (from: string, node: Value) => <T>(value: T): Fact<T> => ({ value, origin: 'inferred', node, from, experiment: dataProp?.experiment ?? name });
  const yTrue = data?.kind === 'inline' ? data.yTrue : undefined;
  const yPred = data?.kind === 'inline' ? data.yPred : undefined;
  if (!labels && yTrue && yTrue.rows > 0) labels = inferFrom('y_true', yTrue.node)(inferEncoding(yTrue, task?.value));
  if (!classes) classes = inferClasses(yTrue, yPred, labels?.value, task?.value, model, inferFrom);
  if (!task) {
    if (labels?.value === 'indicator' && yTrue) task = inferFrom('y_true', yTrue.node)<Task>('multilabel');
    else if (classes && classes.value.count >= 2) {
      const node = classes.node as Value;
      task = { value: classes.value.count === 2 ? 'binary' : 'multiclass', origin: 'inferred', node, from: classes.from ?? 'classes', experiment: classes.experiment };
    }
  }

  return { name, node: e, ancestors, properties: merged, task, classes, labels, model, loss, framework, optimizer, metrics, data };
}

function indexNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => String(i));
}

function nameOf(v: Value): Identifier | undefined {
  return v.kind === 'identifier' ? v : undefined;
}

/** The value of a `key: value` property; a block where a value is expected is reported. */
function expectValue(o: Owned, report: Reporter): Value | undefined {
  const p = o.property;
  if (p.block) {
    report('invalid-value', 'error', `'${p.key.name}' takes a value after ':', not a block`, p.key);
    return undefined;
  }
  return p.value;
}

function readModel(o: Owned, report: Reporter): ModelSpec | undefined {
  const p = o.property;
  if (p.value) {
    const estimator = resolveCall(p.value, ['model'], o.experiment, report);
    return estimator && { kind: 'estimator', estimator, node: p };
  }
  if (!p.block) return undefined;
  const layers: LayerModel[] = [];
  for (const entry of p.block.entries) {
    if (entry.kind === 'property') {
      report('invalid-value', 'error', `a model block lists layers such as dense(3, activation: softmax), not '${entry.key.name}:'`, entry.key);
      continue;
    }
    const call = resolveCall(entry, ['layer'], o.experiment, report);
    if (call) layers.push(describeLayer(call));
  }
  return { kind: 'layers', layers, output: outputOf(layers), node: p };
}

function describeLayer(call: CallModel): LayerModel {
  const entry = call.entry;
  if (entry && isBackbone(entry)) return describeBackbone(call, entry);
  let units: number | undefined;
  if (entry?.unitsParam) {
    const v = call.args.get(entry.unitsParam)?.value;
    if (v?.kind === 'number' && Number.isInteger(v.value) && v.value > 0) units = v.value;
  }
  let activation: string | undefined;
  if (entry?.activationLayer) {
    if (entry.appliesActivation) activation = entry.appliesActivation;
    else {
      const v = call.args.get('activation')?.value;
      activation = v?.kind === 'identifier' ? v.name : v?.kind === 'string' ? v.value : undefined;
    }
  } else {
    const v = call.args.get('activation')?.value;
    activation = v?.kind === 'identifier' ? v.name : v?.kind === 'string' ? v.value : undefined;
    // Without an activation argument the layer's Keras default applies (tanh for lstm/gru, none for dense).
    if (activation === undefined && !v && entry) {
      const fallback = findParam(entry, 'activation')?.default;
      if (typeof fallback === 'string') activation = fallback;
    }
  }
  if (activation) activation = lookup('activation', activation)?.name ?? activation;
  return { ...call, units, activation };
}

/**
 * A backbone's classifier, from Keras's defaults: with include_top (true unless written false) the model ends in
 * `classes` units (1000) with `classifier_activation` (softmax); without it the output is opaque (no units).
 */
function describeBackbone(call: CallModel, entry: CatalogueEntry): LayerModel {
  if (!includesTop(entry, call.args)) return { ...call };
  const v = call.args.get('classes')?.value;
  const fallback = findParam(entry, 'classes')?.default;
  const units = v ? (v.kind === 'number' && Number.isInteger(v.value) && v.value > 0 ? v.value : undefined) : typeof fallback === 'number' ? fallback : undefined;
  const a = call.args.get('classifier_activation')?.value;
  const defaultActivation = findParam(entry, 'classifier_activation')?.default;
  let activation = a ? (a.kind === 'identifier' ? a.name : a.kind === 'string' ? a.value : undefined) : typeof defaultActivation === 'string' ? defaultActivation : undefined;
  if (activation) activation = lookup('activation', activation)?.name ?? activation;
  return { ...call, units, activation };
}

/**
 * The output: the last layer that has units, then any activation layers after it (design decision).
 * A model ending in an opaque layer, or whose last unit layer's units are unknown, says nothing.
 */
export function outputOf(layers: readonly LayerModel[]): OutputModel {
  // The last layer that has units (or hides them: an opaque backbone, an unknown layer) decides.
  let i = layers.length - 1;
  while (i >= 0 && layers[i].entry && !layers[i].entry!.unitsParam && !layers[i].entry!.opaque) i--;
  const last = i >= 0 ? layers[i] : undefined;
  // An opaque layer says nothing, except a backbone with its top classifier (units known from Keras's defaults).
  if (!last || !last.entry || (last.entry.opaque && !isBackbone(last.entry)) || last.units === undefined) return {};
  let activation = last.activation ?? 'linear';
  let activationNode: OutputModel['activationNode'] = last.args.get(activationParamOf(last.entry))?.value ?? last.node;
  for (const t of layers.slice(i + 1)) {
    if (t.entry?.activationLayer && t.activation) {
      activation = t.activation;
      activationNode = t.node;
    }
  }
  return { layer: last, units: last.units, activation, activationNode };
}

function readData(o: Owned, report: Reporter): DataSpec | undefined {
  const p = o.property;
  if (p.value) {
    const call = resolveCall(p.value, ['data-source'], o.experiment, report);
    if (!call?.entry) return undefined;
    return { kind: call.entry.name === 'npy' ? 'npy' : call.entry.name === 'parquet' ? 'parquet' : 'csv', node: p, call };
  }
  if (!p.block) return undefined;
  const entries = new Map<string, Property>();
  const arrays: Partial<Record<'y_true' | 'y_pred' | 'features', InlineArray>> = {};
  for (const entry of p.block.entries) {
    if (entry.kind !== 'property') {
      report('invalid-value', 'error', 'a data block holds y_true: [...], y_pred: [...] and features: [...]', entry);
      continue;
    }
    const key = entry.key.name;
    if (key !== 'y_true' && key !== 'y_pred' && key !== 'features') {
      reportUnknownName(report, entry.key, ['data-key']);
      continue;
    }
    if (entries.has(key)) {
      report('duplicate-property', 'error', `'${key}' is already set in this data block; keep one`, entry.key);
      continue;
    }
    entries.set(key, entry);
    if (!entry.value) continue;
    const array = readInlineArray(entry.value);
    if (isProblem(array)) report('invalid-data', 'error', `${key}: ${array.message}`, array.node);
    else if (key !== 'y_true' && array.names) report('invalid-data', 'error', `${key} must hold numbers`, array.node);
    else arrays[key] = array;
  }
  return { kind: 'inline', node: p, entries, yTrue: arrays.y_true, yPred: arrays.y_pred, features: arrays.features };
}

/**
 * One-hot when every 2-D row holds a single 1 (and 0s), or is a distribution (soft targets summing to 1, as
 * label smoothing or distillation produce); indicator for other 0/1 rows (several 1s); integer for 1-D.
 */
function inferEncoding(yTrue: InlineArray, task: Task | undefined): Encoding {
  if (yTrue.dims === 1) return 'integer';
  if (task === 'multilabel') return 'indicator';
  let allBinary = true;
  let allSingle = true;
  let allDistributions = true;
  for (let r = 0; r < yTrue.rows; r++) {
    let ones = 0;
    let sum = 0;
    for (let c = 0; c < yTrue.cols; c++) {
      const v = yTrue.values[r * yTrue.cols + c];
      sum += v;
      if (v === 1) ones++;
      else if (v !== 0) allBinary = false;
      if (!(v >= 0 && v <= 1)) allDistributions = false;
    }
    if (ones !== 1) allSingle = false;
    if (Math.abs(sum - 1) > 1e-6) allDistributions = false;
  }
  if (allBinary) return allSingle ? 'onehot' : 'indicator';
  return allDistributions ? 'onehot' : 'indicator';
}

function inferClasses(
  yTrue: InlineArray | undefined,
  yPred: InlineArray | undefined,
  encoding: Encoding | undefined,
  task: Task | undefined,
  model: ModelSpec | undefined,
  inferFrom: (from: string, node: Value) => <T>(value: T) => Fact<T>,
): Fact<ClassInfo> | undefined {
  if (yTrue && yTrue.rows > 0) {
    if (yTrue.names) {
      // scikit-learn orders string labels as numpy sorts them: by code point (JavaScript's sort() compares
      // UTF-16 units, which puts 'Ａpple' (U+FF21) after '𝔘nicode' (U+1D518); numpy the other way round).
      const names = [...new Set(yTrue.names)].sort(compareLabels);
      return inferFrom('y_true', yTrue.node)({ count: names.length, names, named: true });
    }
    if (yTrue.dims === 2) return inferFrom('y_true', yTrue.node)({ count: yTrue.cols, names: indexNames(yTrue.cols), named: false });
    if (encoding === 'integer' || encoding === undefined) {
      let max = -Infinity;
      for (const v of yTrue.values) if (Number.isInteger(v) && v > max) max = v;
      const fromPred = yPred?.dims === 2 ? yPred.cols : task === 'binary' || (yPred && yPred.dims === 1) ? 2 : 0;
      const count = Math.max(max + 1, fromPred, 0);
      // A sample need not hold every class (an MNIST sample without 8 and 9): the declared output layer wins over
      // the sample's largest label, unless a label lies beyond it (then the sample proves more classes).
      const fromOutput = outputClasses(model, task);
      if (fromOutput && fromOutput.value.count > count) return fromOutput;
      if (count >= 1 && count <= 10000) return inferFrom('y_true', yTrue.node)({ count, names: indexNames(count), named: false });
    }
  }
  if (yPred && yPred.rows > 0) {
    const count = yPred.dims === 2 ? yPred.cols : 2;
    return inferFrom('y_pred', yPred.node)({ count, names: indexNames(count), named: false });
  }
  return outputClasses(model, task);
}

/** The class count the output layer implies (one unit: two classes), for a task that is not multilabel. */
function outputClasses(model: ModelSpec | undefined, task: Task | undefined): Fact<ClassInfo> | undefined {
  if (model?.kind !== 'layers' || model.output.units === undefined || !model.output.layer || task === 'multilabel') return undefined;
  const units = model.output.units;
  const count = units === 1 ? 2 : units;
  return {
    value: { count, names: indexNames(count), named: false },
    origin: 'inferred',
    node: model.output.layer.nameNode,
    from: 'the output layer',
    experiment: model.output.layer.experiment,
  };
}

function closestName(name: string, candidates: string[]): string | undefined {
  return closest(name, candidates);
}
