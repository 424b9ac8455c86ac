// The rule severities of one checked file, for `xent check` and `xent eval`: the nearest `.xent.json` at or above
// the file's folder, then the `--rule ID=LEVEL` flags over it (per code). What cannot be applied (an unknown rule id,
// a bad level, a malformed file) is printed once as a warning on stderr, never ignored silently.

import { dirname } from 'node:path';
import { mergeSeverities, parseRuleFlags, readWorkspaceRules, type RuleSeverities } from '../core/rules';

export interface SeverityWarnings {
  /** Problems already printed (a flag's problem would otherwise repeat for every file). */
  readonly printed: Set<string>;
  write(s: string): unknown;
}

export function ruleSeveritiesFor(file: string, flags: readonly string[], warn: SeverityWarnings): RuleSeverities {
  const fromFile = readWorkspaceRules(dirname(file));
  const fromFlags = parseRuleFlags(flags);
  for (const p of [...fromFile.problems, ...fromFlags.problems]) {
    if (warn.printed.has(p)) continue;
    warn.printed.add(p);
    warn.write(`xent: warning: ${p}\n`);
  }
  return mergeSeverities(fromFile.severities, fromFlags.severities);
}
