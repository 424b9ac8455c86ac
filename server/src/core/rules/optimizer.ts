// Rules: the optimizer's learning rate and its other numeric parameters.
// The catalogue's range check reports the same faults with a terse message (its rangeCode); these rules replace
// those diagnostics (see `replaces` in the table) so that exactly one, with the why and the fix, results.

import type { ParamSpec } from '../catalogue';
import type { CallModel, ExperimentModel } from '../model/types';
import type { NumberLiteral } from '../syntax/ast';
import { line, num } from './facts';
import type { Anchor, RuleContext } from './types';

function numberArg(opt: CallModel, name: string): NumberLiteral | undefined {
  const v = opt.args.get(name)?.value;
  return v?.kind === 'number' ? v : undefined;
}

function valueAnchor(opt: CallModel, name: string, v: NumberLiteral): Anchor {
  return { node: v, experiment: opt.experiment, note: `${opt.name}(${name}: ${v.raw}) (line ${line(v)})` };
}

function defaultOf(opt: CallModel, name: string): number | undefined {
  const d = opt.entry?.params.find((p) => p.name === name)?.default;
  return typeof d === 'number' ? d : undefined;
}

export function learningRateInvalid(m: ExperimentModel, ctx: RuleContext): void {
  const opt = m.optimizer;
  const v = opt?.entry && numberArg(opt, 'learning_rate');
  if (!opt || !v || v.value > 0) return;
  const d = defaultOf(opt, 'learning_rate') ?? 0.001;
  ctx.report({
    at: valueAnchor(opt, 'learning_rate', v),
    message:
      `learning_rate ${v.raw} ${v.value === 0 ? 'never moves the weights' : 'climbs the loss instead of descending it'}: every step is w ← w − η·g, ` +
      `so training ${v.value === 0 ? 'stands still' : 'diverges'} without any error. Use a positive rate such as ${num(d)} (${opt.name}'s default).`,
    data: { learningRate: d },
  });
}

export function learningRateRange(m: ExperimentModel, ctx: RuleContext): void {
  const opt = m.optimizer;
  const v = opt?.entry?.adamFamily ? numberArg(opt, 'learning_rate') : undefined;
  if (!opt || !v || !(v.value > 0)) return;
  const at = valueAnchor(opt, 'learning_rate', v);
  const data = { learningRate: 0.001 };
  if (v.value > 1) {
    ctx.report({
      at,
      severity: 'error',
      message:
        `learning_rate ${v.raw} is far beyond what ${opt.name} tolerates: its steps are about η per weight whatever the gradient's size, ` +
        `so training diverges at once (the loss turns NaN). Use 0.001, the default.`,
      data,
    });
  } else if (v.value > 0.01) {
    ctx.report({
      at,
      severity: 'warning',
      message:
        `learning_rate ${v.raw} is high for ${opt.name}, which works best around 1e-3: Adam-family steps are about η per weight, ` +
        `so above 1e-2 training often oscillates or diverges. Try 0.001.`,
      data,
    });
  } else if (v.value < 1e-7) {
    ctx.report({
      at,
      severity: 'info',
      message:
        `learning_rate ${v.raw} is so small that ${opt.name} barely moves the weights (each step is about η per weight): training will look stuck. ` +
        `The usual range is 1e-4 to 1e-3.`,
      data,
    });
  }
}

function outOfRange(p: ParamSpec, x: number): boolean {
  const low = p.min !== undefined && (p.minExclusive ? x <= p.min : x < p.min);
  const high = p.max !== undefined && (p.maxExclusive ? x >= p.max : x > p.max);
  return low || high;
}

function interval(p: ParamSpec): string {
  if (p.min !== undefined && p.max === undefined) return `${p.minExclusive ? '>' : '≥'} ${p.min}`;
  if (p.min === undefined && p.max !== undefined) return `${p.maxExclusive ? '<' : '≤'} ${p.max}`;
  return `in ${p.minExclusive ? '(' : '['}${p.min ?? '−∞'}, ${p.max ?? '∞'}${p.maxExclusive ? ')' : ']'}`;
}

const DECAY_RATES = new Set(['beta_1', 'beta_2', 'rho']);
const CLIPS = new Set(['clipnorm', 'clipvalue', 'global_clipnorm']);

function why(opt: CallModel, p: ParamSpec, x: number): string {
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

export function optimizerParamRange(m: ExperimentModel, ctx: RuleContext): void {
  const opt = m.optimizer;
  if (!opt?.entry) return;
  for (const p of opt.entry.params) {
    if (p.rangeCode !== 'optimizer-param-range') continue;
    const v = numberArg(opt, p.name);
    if (!v || !outOfRange(p, v.value)) continue;
    const d = typeof p.default === 'number' ? p.default : undefined;
    ctx.report({
      at: valueAnchor(opt, p.name, v),
      message:
        `${opt.name} ${p.name} must be ${interval(p)}, not ${v.raw}: ${why(opt, p, v.value)}. ` +
        (d !== undefined ? `The default is ${num(d)}.` : `Leave it out, or give a value ${interval(p)}.`),
      data: { parameter: p.name, value: v.value, ...(d !== undefined ? { default: d } : {}) },
    });
  }
}
