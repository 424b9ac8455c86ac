// Reading a loss call's arguments as the libraries' constructors receive them.

import type { CallModel } from '../../model/types';

export function numberArg(call: CallModel, name: string): number | undefined {
  const v = call.args.get(name)?.value;
  return v?.kind === 'number' ? v.value : undefined;
}

export function booleanArg(call: CallModel, name: string): boolean | undefined {
  const v = call.args.get(name)?.value;
  return v?.kind === 'boolean' ? v.value : undefined;
}

export function nameArg(call: CallModel, name: string): string | undefined {
  const v = call.args.get(name)?.value;
  return v?.kind === 'identifier' ? v.name : v?.kind === 'string' ? v.value : undefined;
}

/** A number or a list of numbers (a PyTorch tensor parameter), as a list. */
export function numbersArg(call: CallModel, name: string): number[] | undefined {
  const v = call.args.get(name)?.value;
  if (v?.kind === 'number') return [v.value];
  if (v?.kind === 'list' && v.items.every((i) => i.kind === 'number')) return v.items.map((i) => (i as { value: number }).value);
  return undefined;
}

/** The parameter names written in the call (the checker drops unknown ones from `args`; these are as written). */
export function writtenArgs(call: CallModel): string[] {
  return call.node.kind === 'call' ? call.node.args.flatMap((a) => (a.name ? [a.name.name] : [])) : [];
}

/** Python's repr of a shape tuple: (4,) or (4, 3). */
export function pyShape(dims: readonly number[]): string {
  return dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(', ')})`;
}

/** torch.Size's repr: torch.Size([4]) or torch.Size([4, 3]). */
export function torchSize(dims: readonly number[]): string {
  return `torch.Size([${dims.join(', ')}])`;
}
