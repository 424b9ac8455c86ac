// Helpers shared by the rules of the optimizer group (each rule is its own file, server/src/core/rules/<rule-id>.ts).

import type { ParamSpec } from '../../catalogue';
import type { CallModel } from '../../model/types';
import type { NumberLiteral } from '../../syntax/ast';
import { line, num } from '../facts';
import type { Anchor } from '../types';

export function numberArg(opt: CallModel, name: string): NumberLiteral | undefined {
  const v = opt.args.get(name)?.value;
  return v?.kind === 'number' ? v : undefined;
}

export function valueAnchor(opt: CallModel, name: string, v: NumberLiteral): Anchor {
  return { node: v, experiment: opt.experiment, note: `${opt.name}(${name}: ${v.raw}) (line ${line(v)})` };
}

export function defaultOf(opt: CallModel, name: string): number | undefined {
  const d = opt.entry?.params.find((p) => p.name === name)?.default;
  return typeof d === 'number' ? d : undefined;
}

export function outOfRange(p: ParamSpec, x: number): boolean {
  const low = p.min !== undefined && (p.minExclusive ? x <= p.min : x < p.min);
  const high = p.max !== undefined && (p.maxExclusive ? x >= p.max : x > p.max);
  return low || high;
}

export function interval(p: ParamSpec): string {
  if (p.min !== undefined && p.max === undefined) return `${p.minExclusive ? '>' : '≥'} ${p.min}`;
  if (p.min === undefined && p.max !== undefined) return `${p.maxExclusive ? '<' : '≤'} ${p.max}`;
  return `in ${p.minExclusive ? '(' : '['}${p.min ?? '−∞'}, ${p.max ?? '∞'}${p.maxExclusive ? ')' : ']'}`;
}

export const DECAY_RATES = new Set(['beta_1', 'beta_2', 'rho']);

export const CLIPS = new Set(['clipnorm', 'clipvalue', 'global_clipnorm']);

export function why(opt: CallModel, p: ParamSpec, x: number): string {
  const name = p.name;
  if (DECAY_RATES.has(name)) {
    return (
      `it is the decay rate of a moving average, so at 1 the average never takes in a new gradient` +
      (opt.entry?.adamFamily && name.startsWith('beta') ? ` (and the bias correction divides by 1 − β^t = 0, giving NaN)` : '') +
      `, and outside [0, 1] it diverges or flips sign`
    );
  }
  if (name === 'momentum') return `at 1 every past step is kept forever and above it the velocity grows without bound, so training diverges; a negative momentum works against the gradient`;
  if (name === 'epsilon') return `it keeps the denominator away from zero, so at 0 a weight whose gradients are all 0 gets 0/0 = NaN, and a negative one can divide by zero`;
  if (name === 'weight_decay') return `a negative decay grows the weights at every step instead of shrinking them, until they blow up`;
  if (CLIPS.has(name)) return `clipping to ${num(x)} ${x === 0 ? 'zeroes every gradient' : 'turns the gradients around'}, so nothing trains`;
  if (name === 'ema_momentum') return `Keras raises an error ("ema_momentum must be in the range [0, 1]") when use_ema is on`;
  return p.summary.replace(/\.$/, '');
}
