// Fixes of the rules about settings: the metrics (an average that does not fit the task, accuracy alone on
// imbalanced data) and the optimizer's parameters (back to the optimizer's default).

import type { CallModel } from '../../model/types';
import { dataNumber, draft } from './draft';
import { editProperty } from './edits';
import { formatNumber, removeArgument, replaceNode } from './text';
import type { Draft, FixContext, Fixer } from './types';

/** The metrics whose `average` the diagnostic is about: the one at its range, else every one with that average. */
export function metricsWithAverage(ctx: FixContext, average: string): CallModel[] {
  const withIt = (ctx.model?.metrics ?? []).filter((m) => {
    const v = m.args.get('average')?.value;
    return (v?.kind === 'identifier' && v.name === average) || (v?.kind === 'string' && v.value === average);
  });
  const here = withIt.filter((m) => m.args.get('average')!.value!.start === ctx.start);
  return here.length ? here : withIt;
}

export function averageFix(ctx: FixContext, from: string, to: string, preferred: boolean): Draft | undefined {
  const metrics = metricsWithAverage(ctx, from);
  if (metrics.length === 0) return undefined;
  const edits = editProperty(ctx, 'metrics', () => metrics.map((m) => replaceNode(m.args.get('average')!.value!, to)));
  return draft(`Use average: ${to}`, edits, preferred);
}

/** The optimizer parameter at the diagnostic, replaced by `value` (or removed, so that its default applies). */
export function optimizerParamFix(ctx: FixContext, name: string, value: number | undefined): Draft | undefined {
  const opt = ctx.model?.optimizer;
  const arg = opt?.args.get(name);
  if (!opt || !arg?.value || opt.node.kind !== 'call') return undefined;
  const call = opt.node;
  const d = opt.entry?.params.find((p) => p.name === name)?.default;
  if (value === undefined) {
    const edits = editProperty(ctx, 'optimizer', () => {
      const e = removeArgument(call, arg);
      return e && [e];
    });
    return draft(`Remove ${name} (${opt.name}'s default applies)`, edits, true);
  }
  const edits = editProperty(ctx, 'optimizer', () => [replaceNode(arg.value!, formatNumber(value))]);
  return draft(`Use ${name}: ${formatNumber(value)}${d === value ? ` (${opt.name}'s default)` : ''}`, edits, true);
}

export const learningRate: Fixer = (ctx) => [optimizerParamFix(ctx, 'learning_rate', dataNumber(ctx, 'learningRate') ?? 0.001)];
