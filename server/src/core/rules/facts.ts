// Facts the rules share, derived once per experiment from the semantic model, and the anchors and phrases that
// name them in messages ("the labels look one-hot (inferred from y_true, line 12)").

import { lookup, type ActivationRange, type LossFamily } from '../catalogue';
import type { Ranged } from '../diagnostic';
import type { InlineArray } from '../model/inline-data';
import { unitsParamOf } from '../model/layer-params';
import type { CallModel, ClassInfo, Encoding, ExperimentModel, Fact, LayerModel, Task } from '../model/types';
import type { Argument, Value } from '../syntax/ast';

/**
 * One half of a conflict: a node, the experiment whose text holds it, and what it says there
 * ("labels look one-hot (inferred from y_true, line 12)"), used as related information.
 */
export interface Anchor {
  readonly node: Ranged;
  readonly experiment: string;
  readonly note: string;
}

/** The output layer, when the model declares layers and the last unit layer's units are known. */
export interface OutputFacts {
  readonly layer: LayerModel;
  readonly units: number;
  /** The effective output activation ('linear' when none). */
  readonly activation: string;
  readonly range?: ActivationRange;
  /** The units argument's value (or the layer when the units come from elsewhere). */
  readonly unitsNode: Ranged;
  /** Where the effective activation is written (the activation argument, the activation layer, or the layer). */
  readonly activationNode: Ranged;
  readonly experiment: string;
}

export interface InlineData {
  readonly yTrue?: InlineArray;
  readonly yPred?: InlineArray;
  readonly features?: InlineArray;
  /** The experiment whose text holds the data block. */
  readonly experiment: string;
}

/** A class count known without reading the label values (for the label range rules), and where it comes from. */
export interface LabelClasses {
  readonly count: number;
  readonly anchor: Anchor;
}

export interface Facts {
  readonly task?: Task;
  /** The class count of the `classes` fact (declared or inferred). */
  readonly k?: number;
  readonly encoding?: Encoding;
  readonly loss?: CallModel;
  readonly lossFamily?: LossFamily;
  /** The loss is a cross-entropy (expects probabilities, or logits with from_logits). */
  readonly crossEntropy: boolean;
  /** y_pred and the model output are logits: `from_logits: true` on the loss, or a PyTorch loss that takes logits
   *  (cross_entropy, bce_with_logits), which has no such switch. */
  readonly fromLogits: boolean;
  /** What a PyTorch loss reads in y_pred (the catalogue's `takes`; `bce` under PyTorch: probabilities). */
  readonly takes?: 'logits' | 'log-probabilities' | 'probabilities';
  /** The experiment follows PyTorch (`framework: pytorch`, declared or implied by the loss). */
  readonly pytorch: boolean;
  readonly layers?: readonly LayerModel[];
  readonly output?: OutputFacts;
  readonly data?: InlineData;
  readonly labelClasses?: LabelClasses;
}

export function factsOf(m: ExperimentModel): Facts {
  const loss = m.loss?.entry ? m.loss : undefined;
  const fromLogitsValue = loss?.args.get('from_logits')?.value;
  const layers = m.model?.kind === 'layers' ? m.model.layers : undefined;
  const output = m.model?.kind === 'layers' ? outputFacts(m.model.output) : undefined;
  const dataOwner = m.properties.get('data')?.experiment ?? m.name;
  const data: InlineData | undefined =
    m.data?.kind === 'inline' ? { yTrue: m.data.yTrue, yPred: m.data.yPred, features: m.data.features, experiment: dataOwner } : undefined;
  const pytorch = m.framework?.value === 'pytorch';
  const takes = loss?.entry?.takes ?? (pytorch && loss?.entry?.name === 'bce' ? 'probabilities' : undefined);
  return {
    task: m.task?.value,
    k: m.classes?.value.count,
    encoding: m.labels?.value,
    loss,
    lossFamily: loss?.entry?.family,
    crossEntropy: loss?.entry?.crossEntropy === true,
    fromLogits: (fromLogitsValue?.kind === 'boolean' && fromLogitsValue.value) || takes === 'logits',
    takes,
    pytorch,
    layers,
    output,
    data,
    labelClasses: labelClassesOf(m, data, output),
  };
}

function outputFacts(o: import('../model/types').OutputModel): OutputFacts | undefined {
  if (!o.layer || o.units === undefined || o.activation === undefined) return undefined;
  const unitsParam = unitsParamOf(o.layer.entry);
  const unitsArg = unitsParam ? o.layer.args.get(unitsParam) : undefined;
  return {
    layer: o.layer,
    units: o.units,
    activation: o.activation,
    range: lookup('activation', o.activation)?.range,
    unitsNode: unitsArg?.value ?? o.layer.node,
    activationNode: o.activationNode ?? o.layer.node,
    experiment: o.layer.experiment,
  };
}

function labelClassesOf(m: ExperimentModel, data: InlineData | undefined, output: OutputFacts | undefined): LabelClasses | undefined {
  if (m.classes?.origin === 'declared') return { count: m.classes.value.count, anchor: classesAnchor(m.classes) };
  const yPred = data?.yPred;
  if (yPred && yPred.rows > 0 && data) {
    if (yPred.dims === 2) {
      return { count: yPred.cols, anchor: { node: yPred.node, experiment: data.experiment, note: `y_pred has ${yPred.cols} columns, one per class (line ${line(yPred.node)})` } };
    }
    return { count: 2, anchor: { node: yPred.node, experiment: data.experiment, note: `y_pred is 1-D, P(class 1) of 2 classes (line ${line(yPred.node)})` } };
  }
  if (output && m.task?.value !== 'multilabel') {
    const count = output.units === 1 ? 2 : output.units;
    return { count, anchor: { node: output.unitsNode, experiment: output.experiment, note: `the output layer has ${units(output.units)} (line ${line(output.unitsNode)})` } };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Words

/** 1-based line of a node, as messages show it. */
export function line(node: Ranged): number {
  return node.range.start.line + 1;
}

export function units(n: number): string {
  return n === 1 ? '1 unit' : `${n} units`;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** " (3 rows like this)" after the first of several offending rows; nothing for one. */
export function also(rows: readonly number[], what: string): string {
  return rows.length > 1 ? ` (${plural(rows.length, what)} like this)` : '';
}

/** A number as a user would write it: 0.1 rather than 0.1000000000000000055. */
export function num(x: number): string {
  if (Number.isInteger(x)) return String(x);
  return String(Number(x.toPrecision(6)));
}

export function rowText(a: InlineArray, r: number): string {
  if (a.dims === 1) return a.names ? a.names[r] : num(a.values[r]);
  const cells: string[] = [];
  for (let c = 0; c < a.cols; c++) cells.push(num(a.values[r * a.cols + c]));
  return `[${cells.join(', ')}]`;
}

/** The node of one cell: the number itself (1-D) or the item of a row (2-D). */
export function cellNode(a: InlineArray, r: number, c: number): Ranged {
  const row = a.rowNodes[r];
  if (a.dims === 2 && row.kind === 'list' && row.items[c]) return row.items[c];
  return row;
}

const ENCODING_WORDS: Record<Encoding, string> = {
  integer: 'integer class indices',
  onehot: 'one-hot',
  indicator: 'multi-hot (indicator rows)',
};

function origin(f: Fact<unknown>): string {
  return f.origin === 'declared' ? `line ${line(f.node)}` : `inferred from ${f.from ?? 'the data'}, line ${line(f.node)}`;
}

/** "the labels look one-hot (inferred from y_true, line 12)" / "the labels are declared one-hot (line 4)". */
export function labelsPhrase(f: Fact<Encoding>): string {
  return f.origin === 'declared'
    ? `the labels are declared ${f.value === 'onehot' ? 'one-hot' : f.value} (line ${line(f.node)})`
    : `the labels look ${ENCODING_WORDS[f.value]} (${origin(f)})`;
}

export function taskPhrase(f: Fact<Task>): string {
  return f.origin === 'declared' ? `the task is ${f.value} (line ${line(f.node)})` : `the task looks ${f.value} (${origin(f)})`;
}

export function classesPhrase(f: Fact<ClassInfo>): string {
  return `there ${f.value.count === 1 ? 'is' : 'are'} ${plural(f.value.count, 'class', 'classes')} (${origin(f)})`;
}

// ---------------------------------------------------------------------------------------------
// Anchors

export function labelsAnchor(f: Fact<Encoding>): Anchor {
  const note = f.origin === 'declared' ? `labels: ${f.value} (line ${line(f.node)})` : `labels look ${ENCODING_WORDS[f.value]} (${origin(f)})`;
  return { node: f.node, experiment: f.experiment, note };
}

export function taskAnchor(f: Fact<Task>): Anchor {
  const note = f.origin === 'declared' ? `task: ${f.value} (line ${line(f.node)})` : `the task looks ${f.value} (${origin(f)})`;
  return { node: f.node, experiment: f.experiment, note };
}

export function classesAnchor(f: Fact<ClassInfo>): Anchor {
  const names = f.value.named ? `: ${f.value.names.slice(0, 6).join(', ')}${f.value.count > 6 ? ', …' : ''}` : '';
  return { node: f.node, experiment: f.experiment, note: `${plural(f.value.count, 'class', 'classes')}${names} (${origin(f)})` };
}

export function lossAnchor(loss: CallModel): Anchor {
  return { node: loss.nameNode, experiment: loss.experiment, note: `loss: ${loss.name} (line ${line(loss.nameNode)})` };
}

/** The `from_logits` argument when written, else the loss name. */
export function fromLogitsAnchor(loss: CallModel): Anchor {
  const arg = loss.args.get('from_logits');
  if (!arg) return lossAnchor(loss);
  const v = arg.value;
  const text = v?.kind === 'boolean' ? String(v.value) : '…';
  return { node: arg, experiment: loss.experiment, note: `${loss.name}(from_logits: ${text}) (line ${line(arg)})` };
}

export function activationAnchor(o: OutputFacts): Anchor {
  return {
    node: o.activationNode,
    experiment: o.experiment,
    note: `the output layer: ${o.layer.name} with ${units(o.units)} and ${o.activation === 'linear' ? 'no activation (linear)' : o.activation} (line ${line(o.activationNode)})`,
  };
}

export function unitsAnchor(o: OutputFacts): Anchor {
  return { node: o.unitsNode, experiment: o.experiment, note: `the output layer (${o.layer.name}) has ${units(o.units)} (line ${line(o.unitsNode)})` };
}

export function arrayAnchor(a: InlineArray, key: string, data: InlineData): Anchor {
  const shape = a.dims === 1 ? `${plural(a.rows, 'value')}` : `${plural(a.rows, 'row')} of ${a.cols}`;
  return { node: a.node, experiment: data.experiment, note: `${key}: ${shape} (line ${line(a.node)})` };
}

export function metricAnchor(m: CallModel, what?: string): Anchor {
  return { node: m.nameNode, experiment: m.experiment, note: `${what ?? `metric ${m.name}`} (line ${line(m.nameNode)})` };
}

/** Anchors for further offending rows, for related information (a few, not thousands). */
export function moreRows(a: InlineArray, rows: readonly number[], key: string, data: InlineData, what: string, limit = 5): Anchor[] {
  return rows.slice(1, 1 + limit).map((r) => ({ node: a.rowNodes[r], experiment: data.experiment, note: `${key} row ${r + 1}: ${what} ${rowText(a, r)}` }));
}

/** The value of a named argument of a call as written (also for parameters the catalogue rejected). */
export function rawArgument(call: CallModel, name: string): Argument | undefined {
  return call.node.kind === 'call' ? call.node.args.find((a) => a.name?.name === name) : undefined;
}

export function nameValue(v: Value | undefined): string | undefined {
  return v?.kind === 'identifier' ? v.name : v?.kind === 'string' ? v.value : undefined;
}

/** The name of a class index for messages: 'horse' when classes are named, else the index. */
export function className(m: ExperimentModel, index: number): string {
  const c = m.classes?.value;
  return c?.named && index >= 0 && index < c.names.length ? `'${c.names[index]}'` : String(index);
}
