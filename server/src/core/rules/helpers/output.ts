// Helpers shared by the rules of the output group (each rule is its own file, server/src/core/rules/<rule-id>.ts).

import type { ActivationRange } from '../../catalogue';
import type { ExperimentModel, LayerModel } from '../../model/types';
import type { Facts } from '../facts';
import { findParam } from '../../catalogue';
import { activationParamOf, includesTop, isBackbone } from '../../model/layer-params';
import { nameValue } from '../facts';

/** The activation that fits the task: sigmoid for one unit or a multilabel task, softmax otherwise. */
export function fittingActivation(f: Facts): 'sigmoid' | 'softmax' {
  return f.task === 'multilabel' || f.output?.units === 1 ? 'sigmoid' : 'softmax';
}

export const RANGE_WORDS: Partial<Record<ActivationRange, string>> = {
  'non-negative': 'non-negative scores that can exceed 1',
  unbounded: 'any real number',
  'bounded-signed': 'values in (−1, 1) that can be negative',
  probability: 'values in (0, 1)',
  simplex: 'probabilities that sum to 1',
};

export function activationNodeOf(l: LayerModel) {
  return l.entry?.activationLayer ? l.node : (l.args.get(activationParamOf(l.entry))?.value ?? l.node);
}

/** extra-output-units applies (integer labels, more units than classes): it replaces output-units-mismatch. */
export function extraUnits(m: ExperimentModel, f: Facts): boolean {
  const o = f.output;
  const k = classCount(m);
  return !!o && k !== undefined && m.labels?.value === 'integer' && f.task !== 'multilabel' && o.units > k;
}

/** The class count to compare the output units with: known, at least 2, and not itself read from the output layer. */
export function classCount(m: ExperimentModel): number | undefined {
  const c = m.classes;
  if (c && c.from !== 'the output layer') return c.value.count >= 2 ? c.value.count : undefined;
  // A declared binary task says 2 classes even where the class count was read from the output layer.
  if (m.task?.value === 'binary' && m.task.from !== 'the output layer') return 2;
  return undefined;
}

/**
 * A backbone that keeps the ImageNet top (weights imagenet and include_top true, both defaults) with `classes`
 * written other than 1000: Keras refuses to build it (imagenet-top-classes), so the unit rules leave it alone.
 */
export function keepsImagenetTop(l: LayerModel): boolean {
  const classes = l.args.get('classes')?.value;
  return hasImagenetTop(l) && classes?.kind === 'number' && classes.value !== 1000;
}

/** A backbone with its top and the ImageNet weights (both defaults): its classes must stay 1000. */
export function hasImagenetTop(l: LayerModel): boolean {
  if (!l.entry || !isBackbone(l.entry) || !includesTop(l.entry, l.args)) return false;
  const w = l.args.get('weights')?.value;
  return (w ? nameValue(w) : findParam(l.entry, 'weights')?.default) === 'imagenet';
}
