// Small helpers the fixers share: building a draft, reading the diagnostic's data.

import type { Draft, FixContext, OffsetEdit } from './types';

/** A draft, or undefined when the edits could not be made. */
export function draft(title: string, edits: readonly (OffsetEdit | undefined)[] | undefined, preferred = false): Draft | undefined {
  if (!edits || edits.length === 0 || edits.some((e) => e === undefined)) return undefined;
  return { title, edits: edits as OffsetEdit[], ...(preferred ? { preferred } : {}) };
}

export function dataString(ctx: FixContext, key: string): string | undefined {
  const v = ctx.data[key];
  return typeof v === 'string' ? v : undefined;
}

export function dataNumber(ctx: FixContext, key: string): number | undefined {
  const v = ctx.data[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function dataBoolean(ctx: FixContext, key: string): boolean | undefined {
  const v = ctx.data[key];
  return typeof v === 'boolean' ? v : undefined;
}
