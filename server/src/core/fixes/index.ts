// Quick fixes (issue 4): for a diagnostic of an analysed document, the text edits that fix it mechanically.
// Each code's fixer lives in its registry entry (rules/<rule-id>.ts, rules/language/<code>.ts), next to its check;
// the edit helpers they share are rules/fixing/. A rule has a `fix` or says why it has none (`noFix`):
// test/fixes.test.ts checks it, and applies and re-checks every fix of every example.
//
// Where a fix needs a second change to stay consistent, it makes it: switching the loss also fits the output layer
// to it, converting y_true also updates a declared `labels:`. A fix is preferred (the one an editor applies on
// "auto fix") only where it is clearly right and leaves no new diagnostic; at most one per diagnostic is.

import type { Analysis } from '../model/analysis';
import type { Diagnostic } from '../diagnostic';
import { CODES, type FixEntry } from '../rules';
import { factsOf } from '../rules/facts';
import type { Draft, Fix, FixContext, TextEdit } from '../rules/fixing/types';
import { experimentAt } from '../syntax/experiment-at';
import { verifyDrafts } from './verify';

export type { Fix, FixKind, TextEdit } from '../rules/fixing/types';
export { applyOffsetEdits } from '../rules/fixing/text';

/** Every code with a mechanical fix: the registry entries' `fix`. */
export const FIXERS: Readonly<Record<string, FixEntry>> = Object.fromEntries(CODES.filter((c) => c.fix).map((c) => [c.id, c.fix!]));

/** Codes with no mechanical fix, and why: what the right change is depends on what the user meant. */
export const NO_MECHANICAL_FIX: Readonly<Record<string, string>> = Object.fromEntries(CODES.filter((c) => c.noFix).map((c) => [c.id, c.noFix!]));

/** The experiment a diagnostic starts in, by the core's one rule (syntax/experiment-at.ts), and its model. */
function experimentWithModel(analysis: Analysis, offset: number) {
  const experiment = experimentAt(analysis.parse.document, offset);
  const model = experiment && analysis.models.find((m) => m.node === experiment);
  return { experiment, model };
}

function contextFor(analysis: Analysis, diagnostic: Diagnostic): FixContext {
  const source = analysis.parse.source;
  const start = source.offsetAt(diagnostic.range.start);
  const end = source.offsetAt(diagnostic.range.end);
  const { experiment, model } = experimentWithModel(analysis, start);
  return {
    analysis,
    diagnostic,
    source,
    text: source.text,
    start,
    end,
    experiment,
    model,
    facts: model && factsOf(model),
    data: (diagnostic.data ?? {}) as Record<string, unknown>,
  };
}

function toFix(ctx: FixContext, d: Draft, preferred: boolean): Fix {
  const edits: TextEdit[] = [...d.edits]
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .map((e) => ({ range: ctx.source.rangeOf(e.start, e.end), newText: e.text }));
  return { title: d.title, edits, kind: 'quickfix', ...(preferred ? { isPreferred: true } : {}) };
}

/** Whether edits overlap (an editor rejects such a fix); a fixer bug, but never worth a broken document. */
function overlapping(d: Draft): boolean {
  const sorted = [...d.edits].sort((a, b) => a.start - b.start || a.end - b.end);
  return sorted.some((e, i) => i > 0 && e.start < sorted[i - 1].end);
}

/** Whether a syntax error lies inside the experiment: its structure is then a guess of the parser's recovery. */
function broken(ctx: FixContext): boolean {
  const e = ctx.experiment;
  if (!e) return true;
  const { start, end } = ctx.source.rangeOf(e.start, e.end);
  return ctx.analysis.diagnostics.some(
    (d) => d.code === 'syntax-error' && d.range.start.line >= start.line && d.range.start.line <= end.line,
  );
}

export interface FixOptions {
  /**
   * Re-check each fix on the experiments it can affect before offering it (see verify.ts): drop one that would
   * not parse or not fix the diagnostic, and un-prefer one that would add a diagnostic. Default true; the tests
   * turn it off to prove the fixes right as computed.
   */
  readonly verify?: boolean;
}

/** The fixes of one diagnostic of `analysis` (none when its code has no mechanical fix here). */
export function fixesFor(analysis: Analysis, diagnostic: Diagnostic, options: FixOptions = {}): Fix[] {
  const entry = FIXERS[diagnostic.code];
  if (!entry) return [];
  const ctx = contextFor(analysis, diagnostic);
  if (!entry.local && broken(ctx)) return [];
  let drafts = entry.fixer(ctx).filter((d): d is Draft => d !== undefined && d.edits.length > 0 && !overlapping(d));
  if (options.verify !== false) drafts = verifyDrafts(ctx, drafts);
  // Identical titles would read as one choice offered twice.
  const seen = new Set<string>();
  let preferredTaken = false;
  const fixes: Fix[] = [];
  for (const d of drafts) {
    if (seen.has(d.title)) continue;
    seen.add(d.title);
    const preferred: boolean = !!d.preferred && !preferredTaken;
    preferredTaken ||= preferred;
    fixes.push(toFix(ctx, d, preferred));
  }
  // The preferred fix first, as the light-bulb menu lists it.
  return fixes.sort((a, b) => Number(!!b.isPreferred) - Number(!!a.isPreferred));
}
