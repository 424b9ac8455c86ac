// Which experiment stands at an offset: the one question hover, completion, rename, quick fixes and the evaluate
// command all start from, answered once with one boundary rule.
//
// The rule: an experiment spans from its `experiment` keyword to the end of its last token (its closing brace),
// both ends included, so the cursor just after `}` is still in it (as the cursor just after a name touches the
// name). Where two experiments touch (`}experiment b`, one offset being the end of a and the start of b), the offset
// is b's: the experiment that begins there. Between experiments (blank lines, comments) there is none.
// Experiments are sorted and do not overlap, so both lookups are binary searches.

import type { Experiment, XentDocument } from './ast';

/** The last experiment that starts at or before `offset`, or undefined (before the first one). */
export function experimentStartingBefore(document: XentDocument, offset: number): Experiment | undefined {
  const list = document.experiments;
  let lo = 0;
  let hi = list.length - 1;
  let found: Experiment | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].start <= offset) {
      found = list[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The experiment at `offset` by the rule above, or undefined. */
export function experimentAt(document: XentDocument, offset: number): Experiment | undefined {
  const e = experimentStartingBefore(document, offset);
  return e && offset <= e.end ? e : undefined;
}
