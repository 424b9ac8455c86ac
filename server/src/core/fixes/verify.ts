// Checks each fix before it is offered: applied to the experiment it edits (with the experiments it extends and
// those that extend it, the only ones an edit can affect), the text must parse as before, the diagnostic must be
// gone, and a preferred fix must add no diagnostic at all — else it is dropped, or no longer preferred.
//
// The other experiments are blanked (spaces, line breaks kept) rather than cut out, so every offset stays where it
// was and the fix's edits apply unchanged; re-checking one family of experiments costs a fraction of a
// millisecond to a few, however large the file. A family larger than MAX_VERIFIED_CHARS (inline data of
// hundreds of thousands of numbers) is not re-checked: its fixes are offered as computed.

import { analyze, type Analysis } from '../check';
import type { Diagnostic } from '../diagnostic';
import type { Experiment } from '../syntax/ast';
import { applyOffsetEdits } from '../rules/fixing/text';
import type { Draft, FixContext } from '../rules/fixing/types';

export const MAX_VERIFIED_CHARS = 200_000;

/**
 * The experiments an edit of `experiment` can change the diagnostics of: itself, its ancestors, its descendants,
 * and `parent` (a new parent the fix names) with its ancestors.
 */
function family(analysis: Analysis, experiment: Experiment, parent?: string): Set<Experiment> {
  const out = new Set<Experiment>([experiment]);
  const byName = new Map(analysis.models.map((m) => [m.name, m]));
  const withAncestors = (name: string | undefined) => {
    const m = name === undefined ? undefined : byName.get(name);
    if (!m) return;
    out.add(m.node);
    for (const a of m.ancestors) {
      const node = byName.get(a)?.node;
      if (node) out.add(node);
    }
  };
  withAncestors(parent);
  const model = analysis.models.find((m) => m.node === experiment);
  if (!model) return out;
  withAncestors(model.name);
  for (const m of analysis.models) if (m.ancestors.includes(model.name)) out.add(m.node);
  return out;
}

/** The text with every experiment outside `keep` blanked out, offsets unchanged; undefined when too large. */
function sliceText(analysis: Analysis, keep: Set<Experiment>): string | undefined {
  let size = 0;
  for (const e of keep) size += e.end - e.start;
  if (size > MAX_VERIFIED_CHARS) return undefined;
  const text = analysis.parse.source.text;
  const parts: string[] = [];
  let at = 0;
  for (const e of analysis.parse.document.experiments) {
    if (keep.has(e)) continue;
    parts.push(text.slice(at, e.start), text.slice(e.start, e.end).replace(/[^\r\n]/g, ' '));
    at = e.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

function counts(ds: readonly Diagnostic[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const d of ds) m.set(`${d.code}/${d.severity}`, (m.get(`${d.code}/${d.severity}`) ?? 0) + 1);
  return m;
}

function count(ds: readonly Diagnostic[], code: string): number {
  let n = 0;
  for (const d of ds) if (d.code === code) n++;
  return n;
}

/** The drafts that keep their promise; preferred ones that would add a diagnostic lose the preference. */
export function verifyDrafts(ctx: FixContext, drafts: readonly Draft[]): Draft[] {
  if (drafts.length === 0 || !ctx.experiment) return [...drafts];
  const parent = ctx.diagnostic.code === 'unknown-experiment' && typeof ctx.data.suggestion === 'string' ? ctx.data.suggestion : undefined;
  const slice = sliceText(ctx.analysis, family(ctx.analysis, ctx.experiment, parent));
  if (slice === undefined) return [...drafts];
  const before = analyze(slice).diagnostics;
  const code = ctx.diagnostic.code;
  const out: Draft[] = [];
  for (const d of drafts) {
    let after: readonly Diagnostic[];
    try {
      after = analyze(applyOffsetEdits(slice, d.edits)).diagnostics;
    } catch {
      continue; // overlapping edits: never offered
    }
    if (count(after, 'syntax-error') > count(before, 'syntax-error')) continue;
    if (count(after, code) >= count(before, code)) continue;
    if (d.preferred) {
      const was = counts(before);
      let adds = false;
      for (const [key, n] of counts(after)) if (n > (was.get(key) ?? 0)) adds = true;
      if (adds) {
        out.push({ ...d, preferred: false });
        continue;
      }
    }
    out.push(d);
  }
  return out;
}
