// The runner of the mismatch catalogue: runs every rule on every experiment and places each finding.
//
// Placement ("report each problem once, on the experiment where it arises"):
//   - A finding whose natural place (`at`) lies in the experiment's own text is reported there.
//   - A finding whose natural place lies in an ancestor is dropped when that ancestor, or any other ancestor,
//     found the same problem (same rule, same place): it was reported there.
//   - Otherwise the experiment changed something that caused it (a child that switches the loss): the finding
//     moves to the first related anchor in the experiment's own text (its loss line), and the natural place
//     becomes related information; failing that, to the experiment's name.
// Every rule runs: severities (and 'off') are applied once, to every diagnostic, by severity.ts.

import type { Diagnostic } from '../diagnostic';
import type { ExperimentModel } from '../model/types';
import type { Reporter } from '../diagnostic';
import type { Range } from '../syntax/source';
import { RULE_BY_ID, RULES } from './codes';
import { factsOf } from './facts';
import type { Anchor, Finding, Rule, RuleContext } from './types';

function rangeKey(r: Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

interface Pending {
  readonly rule: Rule;
  readonly finding: Finding;
  /** The rule and the natural place: the identity of a problem across an extends chain. */
  readonly key: string;
}

/** Runs every rule on every experiment and reports the findings, each once, through `report`. */
export function runRules(models: readonly ExperimentModel[], report: Reporter): void {
  const found = new Map<string, Pending[]>();
  for (const m of models) {
    const facts = factsOf(m);
    const list: Pending[] = [];
    for (const rule of RULES) {
      const ctx: RuleContext = {
        facts,
        report: (finding) => list.push({ rule, finding, key: `${rule.id}@${rangeKey(finding.at.node.range)}` }),
      };
      rule.check(m, ctx);
    }
    found.set(m.name, list);
  }
  const keysOf = new Map<string, Set<string>>();
  for (const [name, list] of found) keysOf.set(name, new Set(list.map((p) => p.key)));

  for (const m of models) {
    for (const { rule, finding, key } of found.get(m.name) ?? []) {
      let at: Anchor = finding.at;
      let related: readonly Anchor[] = finding.related ?? [];
      if (at.experiment !== m.name) {
        if (m.ancestors.some((a) => keysOf.get(a)?.has(key))) continue; // reported where it arises
        const own = related.find((r) => r.experiment === m.name);
        if (own) {
          related = [at, ...related.filter((r) => r !== own)];
          at = own;
        } else if (m.node.name) {
          related = [at, ...related];
          at = { node: m.node.name, experiment: m.name, note: '' };
        } else continue;
      }
      report(rule.id, finding.severity ?? rule.severity, finding.message, at.node, {
        ...(related.length ? { related: related.map((r) => ({ message: r.note, range: r.node.range })) } : {}),
        ...(finding.data ? { data: finding.data } : {}),
      });
    }
  }
}

/**
 * Language diagnostics and rule diagnostics together: a language diagnostic is dropped where a rule replaces it
 * (same range, a code in the rule's `replaces`). Severities are applied afterwards (severity.ts), so a rule turned
 * off still replaces what it replaces.
 */
export function mergeRuleDiagnostics(language: readonly Diagnostic[], fromRules: readonly Diagnostic[]): Diagnostic[] {
  const replaced = new Set<string>();
  for (const d of fromRules) {
    for (const code of RULE_BY_ID.get(d.code)?.replaces ?? []) replaced.add(`${code}@${rangeKey(d.range)}`);
  }
  const kept = language.filter((d) => !replaced.has(`${d.code}@${rangeKey(d.range)}`));
  return [...kept, ...fromRules];
}
