// Every diagnostic code, from the one-line-per-code list in registry.ts, sorted and split by kind.

import * as registered from './registry';
import type { CodeEntry, EvaluationCode, LanguageCode, Rule, RuleGroup } from './types';

/** Every code, sorted by id. */
export const CODES: readonly CodeEntry[] = Object.values(registered as Record<string, CodeEntry>).sort((a, b) => a.id.localeCompare(b.id));

/** The rules of the mismatch catalogue (checked on the text). */
export const RULES: readonly Rule[] = CODES.filter((c): c is Rule => c.kind === 'rule');
/** Language-level codes (the parser, the semantic model, the call checks). */
export const LANGUAGE_CODES: readonly LanguageCode[] = CODES.filter((c): c is LanguageCode => c.kind === 'language');
/** Findings of the evaluation (reading the data). */
export const EVALUATION_CODES: readonly EvaluationCode[] = CODES.filter((c): c is EvaluationCode => c.kind === 'evaluation');

export const RULE_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));
export const CODE_BY_ID: ReadonlyMap<string, CodeEntry> = new Map(CODES.map((c) => [c.id, c]));

/** The rule groups in the order of docs/rules.md, each with the title of its chapter. */
export const RULE_GROUPS: readonly { readonly group: RuleGroup; readonly title: string }[] = [
  { group: 'loss-labels', title: 'The loss against the labels' },
  { group: 'output', title: 'Output layer rules' },
  { group: 'labels-data', title: 'Labels in data' },
  { group: 'predictions-data', title: 'Predictions in data' },
  { group: 'metrics', title: 'Metrics' },
  { group: 'optimizer', title: 'Optimizer' },
  { group: 'label-smoothing', title: 'Label smoothing' },
];
