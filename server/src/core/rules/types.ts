// The shape of an entry of the code registry (rules/index.ts): every diagnostic code xent reports has one, with
// its metadata, its documentation (docs/rules.md is generated from these) and its examples (which are its tests).
// A rule of the mismatch catalogue also has its check (a small function over one experiment's semantic model that
// reports findings) and, when it has one, its quick fix.


import type { Severity } from '../diagnostic';
import type { ExperimentModel } from '../model/types';
import type { Anchor, Facts } from './facts';

export type { Anchor } from './facts';
import type { Fixer } from './fixing/types';

/** The group a rule belongs to: docs/rules.md has one chapter per group, in the order of RULE_GROUPS. */
export type RuleGroup =
  | 'loss-labels'
  | 'output'
  | 'labels-data'
  | 'predictions-data'
  | 'metrics'
  | 'optimizer'
  | 'label-smoothing';


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

/** One example of a code: a .xent text and the diagnostics of that code it must (or must not) produce. */
export interface Example {
  /** What the example shows, in test names ("labels seen in data"); the docs examples have none. */
  readonly name?: string;
  readonly text: string;
  /**
   * Every diagnostic of the entry's code in `text`, by 1-based line: [] for a negative example (the code must not
   * be reported). `severity` defaults to the entry's; `data` entries must match; `says` is matched on the message.
   */
  readonly expect: readonly ExpectedDiagnostic[];
  /** A quick fix of the (first) diagnostic: applied, it must give exactly `text`, then parse and not re-report it. */
  readonly fix?: ExpectedFix;
}

export interface ExpectedDiagnostic {
  readonly line: number;
  readonly severity?: Severity;
  readonly data?: Readonly<Record<string, unknown>>;
  readonly says?: RegExp;
}

export interface ExpectedFix {
  /** The fix's title, as the light-bulb menu shows it. */
  readonly title: string;
  /** The whole document after the fix. */
  readonly text: string;
  /** Whether it is the preferred fix. */
  readonly preferred: boolean;
}

/** The documentation of a code, as markdown lines: before the examples (condition, why) and after them (the fix). */
export interface CodeDoc {
  readonly text: readonly string[];
  readonly fix?: readonly string[];
}

/** A code's quick fix. */
export interface FixEntry {
  readonly fixer: Fixer;
  /** The fix applies only in some cases (else: always, at least on the code's first positive example). */
  readonly when?: string;
  /** The fix only replaces the diagnosed name, so it is safe in an experiment that does not parse. */
  readonly local?: true;
}

interface CodeBase {
  /** The diagnostic code, and the heading (anchor) of its section in docs/rules.md. */
  readonly id: string;
  /** The default severity (for value-dependent rules, the most severe one). */
  readonly severity: Severity;
  /** One line: the condition. */
  readonly summary: string;
  /** The quick fix, or (`noFix`) why there is no mechanical one. */
  readonly fix?: FixEntry;
  readonly noFix?: string;
}

/**
 * Beside `rule`, every code's file exports `doc: CodeDoc` and `examples: readonly Example[]`: the tests and the
 * docs generator read them (scripts/rules-doc/entries.ts); the bundles leave them out (nothing imports them), so
 * the server does not carry its own documentation. The first example that reports the code is the docs' **Wrong**
 * one, the first that does not is its **Right** one; a rule or language code needs at least one of each.
 */
export interface CodeFile {
  readonly rule: CodeEntry;
  readonly doc: CodeDoc;
  readonly examples: readonly Example[];
}

/** A rule of the mismatch catalogue: checked on the text, by `check`. */
export interface Rule extends CodeBase {
  readonly kind: 'rule';
  readonly group: RuleGroup;
  /** Every severity the rule can report, when it depends on the value. */
  readonly severities?: readonly Severity[];
  /** General rules this specific one replaces when both describe the same fault (design decisions). */
  readonly supersedes?: readonly string[];
  /**
   * Language-level diagnostics this rule replaces when both are reported at the same range: the catalogue's
   * range check reports some of these codes with a terse message (rangeCode); the rule's message says why.
   */
  readonly replaces?: readonly string[];
  readonly check: RuleCheck;
}

/** A language-level code: the parser, the semantic model or the call checks report it (always an error). */
export interface LanguageCode extends CodeBase {
  readonly kind: 'language';
}

/** A finding of the evaluation: only reading the data (or a file) reveals it; documented, no text check. */
export interface EvaluationCode extends CodeBase {
  readonly kind: 'evaluation';
}

export type CodeEntry = Rule | LanguageCode | EvaluationCode;
