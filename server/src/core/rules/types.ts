// The shape of a rule of the mismatch catalogue (issue 4): a small function over one experiment's semantic model
// that reports findings, and the table entry that names it (id, default severity, one-line summary).

import type { Ranged } from '../report';
import type { Severity } from '../diagnostic';
import type { ExperimentModel } from '../model/types';
import type { Facts } from './facts';

/** The module a rule lives in; docs/rules.md groups the rules the same way. */
export type RuleGroup =
  | 'loss-labels'
  | 'output'
  | 'labels-data'
  | 'predictions-data'
  | 'metrics'
  | 'optimizer'
  | 'label-smoothing';

/**
 * One half of a conflict: a node, the experiment whose text holds it, and what it says there
 * ("labels look one-hot (inferred from y_true, line 12)"), used as related information.
 */
export interface Anchor {
  readonly node: Ranged;
  readonly experiment: string;
  readonly note: string;
}

/** What a rule reports. The runner adds the code and severity and decides where the diagnostic goes. */
export interface Finding {
  /** The natural place of the problem (the loss line for a loss mismatch, the last layer for an activation one). */
  readonly at: Anchor;
  /** What is wrong, why it matters (what Keras or scikit-learn would do) and the fix, in one or two sentences. */
  readonly message: string;
  /** The other half(s) of the conflict. When `at` lies in an ancestor that does not have the problem, the first
   *  related anchor in the experiment's own text takes its place (a child that changes the loss gets the loss
   *  mismatch on its own loss line). */
  readonly related?: readonly Anchor[];
  /** What a quick fix needs. */
  readonly data?: Record<string, unknown>;
  /** Only for rules whose severity depends on the value (learning-rate-range, label-smoothing-range). */
  readonly severity?: Severity;
}

export interface RuleContext {
  /** Facts derived once per experiment and shared by every rule. */
  readonly facts: Facts;
  report(finding: Finding): void;
}

export type RuleCheck = (model: ExperimentModel, ctx: RuleContext) => void;

export interface Rule {
  /** The diagnostic code, and the heading of its section in docs/rules.md. */
  readonly id: string;
  readonly group: RuleGroup;
  /** The default severity (for value-dependent rules, the most severe one). */
  readonly severity: Severity;
  /** Every severity the rule can report, when it depends on the value. */
  readonly severities?: readonly Severity[];
  /** One line: the condition. */
  readonly summary: string;
  /** General rules this specific one replaces when both describe the same fault (design decisions). */
  readonly supersedes?: readonly string[];
  /**
   * Language-level diagnostics this rule replaces when both are reported at the same range: the catalogue's
   * range check reports some of these codes with a terse message (rangeCode); the rule's message says why.
   */
  readonly replaces?: readonly string[];
  readonly check: RuleCheck;
}
