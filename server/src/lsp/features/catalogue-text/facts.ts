// The semantic model's facts in words: what an experiment declares or implies, each with where it came from
// ("onehot (declared)", "multiclass (inferred from y_true, line 12)"). Hovers on experiment names, on
// `extends` parents, on keys and on classes read from here.

import { defaultAverage } from '../../../core/catalogue';
import type { ExperimentModel, Fact } from '../../../core/model/types';
import type { Identifier, Value } from '../../../core/syntax/ast';

/** "(declared)", "(declared in base, line 3)" or "(inferred from y_true, line 12)". */
export function originText(fact: Fact<unknown>, model: ExperimentModel): string {
  const line = fact.node.range.start.line + 1;
  const elsewhere = fact.experiment !== model.name ? ` in ${fact.experiment}` : '';
  if (fact.origin === 'declared') return elsewhere ? `(declared${elsewhere}, line ${line})` : '(declared)';
  return `(inferred from ${fact.from ?? 'the data'}${elsewhere}, line ${line})`;
}

/** Class names come from strings too ("not spam*"): keep Markdown from reading them as emphasis or links. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, '\\$&');
}

export function classesText(model: ExperimentModel): string | undefined {
  const c = model.classes?.value;
  if (!c) return undefined;
  const names = c.named ? `: ${c.names.slice(0, 20).map(escapeMarkdown).join(', ')}${c.names.length > 20 ? ', …' : ''}` : '';
  return `${c.count}${names}`;
}

export function outputText(model: ExperimentModel): string | undefined {
  const m = model.model;
  if (!m) return undefined;
  if (m.kind === 'estimator') return `${m.estimator.name}`;
  const out = m.output;
  if (!out.layer || out.units === undefined) return m.layers.length ? `${m.layers.length} layers (output units unknown)` : undefined;
  const line = out.layer.nameNode.range.start.line + 1;
  return `${out.units} unit${out.units === 1 ? '' : 's'}, ${out.activation ?? 'linear'} (${out.layer.name}, line ${line})`;
}

export function dataText(model: ExperimentModel): string | undefined {
  const d = model.data;
  if (!d) return undefined;
  if (d.kind === 'inline') {
    const n = d.yTrue?.rows ?? d.yPred?.rows ?? d.features?.rows;
    const keys = [...d.entries.keys()].join(', ');
    return `inline ${keys}${n !== undefined ? `, ${n} sample${n === 1 ? '' : 's'}` : ''}`;
  }
  const path = d.call.args.get(d.kind === 'npy' ? 'y_true' : 'path')?.value;
  return `${d.kind}(${path?.kind === 'string' ? JSON.stringify(path.value) : '…'})`;
}

function callNames(calls: readonly { name: string }[]): string {
  return calls.map((c) => c.name).join(', ');
}

/** One line per fact of the model, for hovers on experiment names. */
export function experimentSummary(model: ExperimentModel): string {
  const lines: string[] = [];
  const parents = model.ancestors.length ? ` extends \`${model.ancestors.join('` → `')}\`` : '';
  lines.push(`**experiment ${model.name}**${parents}`);
  const items: string[] = [];
  if (model.task) items.push(`task: ${model.task.value} ${originText(model.task, model)}`);
  if (model.classes) items.push(`classes: ${classesText(model)} ${originText(model.classes, model)}`);
  if (model.labels) items.push(`labels: ${model.labels.value} ${originText(model.labels, model)}`);
  const output = outputText(model);
  if (output) items.push(`${model.model?.kind === 'estimator' ? 'model' : 'output'}: ${output}`);
  if (model.loss) items.push(`loss: ${model.loss.name}${inherited(model, 'loss')}`);
  if (model.optimizer) items.push(`optimizer: ${model.optimizer.name}${inherited(model, 'optimizer')}`);
  if (model.metrics.length) items.push(`metrics: ${callNames(model.metrics)}${inherited(model, 'metrics')}`);
  const data = dataText(model);
  if (data) items.push(`data: ${data}${inherited(model, 'data')}`);
  if (items.length === 0) items.push('declares nothing yet');
  return `${lines.join('\n')}\n\n${items.map((i) => `- ${i}`).join('\n')}`;
}

function inherited(model: ExperimentModel, key: string): string {
  const owner = model.properties.get(key)?.experiment;
  return owner && owner !== model.name ? ` (from ${owner})` : '';
}

/** What a key amounts to in this experiment (the value in effect and where it came from), or undefined. */
export function keyFact(model: ExperimentModel, key: string): string | undefined {
  switch (key) {
    case 'task':
      return model.task && `In effect: ${model.task.value} ${originText(model.task, model)}`;
    case 'classes':
      return model.classes && `In effect: ${classesText(model)} ${originText(model.classes, model)}`;
    case 'labels':
      return model.labels && `In effect: ${model.labels.value} ${originText(model.labels, model)}`;
    case 'model': {
      const out = outputText(model);
      return out && `In effect: ${out}`;
    }
    case 'data': {
      const d = dataText(model);
      return d && `In effect: ${d}`;
    }
    default:
      return undefined;
  }
}

/** What a data key holds in this experiment's inline data. */
export function dataKeyFact(model: ExperimentModel, key: string): string | undefined {
  if (model.data?.kind !== 'inline') return undefined;
  const array = key === 'y_true' ? model.data.yTrue : key === 'y_pred' ? model.data.yPred : key === 'features' ? model.data.features : undefined;
  if (!array) return undefined;
  const shape = array.dims === 1 ? `${array.rows} value${array.rows === 1 ? '' : 's'}` : `${array.rows} × ${array.cols}`;
  const encoding = key === 'y_true' && model.labels ? `, labels ${model.labels.value} ${originText(model.labels, model)}` : '';
  return `In effect: ${shape}${encoding}`;
}

/** "class dog · index 1 of 3 (declared)": a class name or index against the experiment's classes. */
export function classFact(model: ExperimentModel | undefined, rawName: string, isIndex: boolean): string | undefined {
  const name = escapeMarkdown(rawName);
  const c = model?.classes;
  if (!c) return isIndex ? undefined : `class ${name}`;
  const { names, count } = c.value;
  if (isIndex) {
    const k = Number(name);
    if (!Number.isInteger(k) || k < 0 || k >= count) return `label ${name}: outside the classes 0…${count - 1} ${originText(c, model!)}`;
    return c.value.named ? `label ${k} = class ${escapeMarkdown(names[k])} (index ${k} of ${count})` : `class index ${k} of ${count}`;
  }
  const index = names.indexOf(rawName);
  if (index < 0) return `${name} is not one of the classes: ${names.map(escapeMarkdown).join(', ')} ${originText(c, model!)}`;
  return `class ${name} · index ${index} of ${count} ${originText(c, model!)}`;
}

/** For a metric written without `average` (f1, precision, recall…): the average xent uses for this task. */
export function metricFact(model: ExperimentModel, nameNode: Identifier | Value): string | undefined {
  const metric = model.metrics.find((m) => m.nameNode === nameNode);
  if (!metric?.entry || metric.args.has('average') || !metric.entry.params.some((p) => p.name === 'average' && p.valuesFrom === 'average')) return undefined;
  if (!model.task) return undefined;
  return `In effect: average ${defaultAverage(model.task.value)} (no average given; the task is ${model.task.value} ${originText(model.task, model)})`;
}
