// What `analyze()` (check/) returns, declared below every layer that reads it: the quick fixes (rules/fixing/)
// take an Analysis without importing check/, which imports the rules.

import type { Diagnostic } from './diagnostic';
import type { ExperimentModel } from './model/types';
import type { ParseResult } from './syntax/parse';

export interface Analysis {
  readonly parse: ParseResult;
  readonly models: readonly ExperimentModel[];
  /** Syntax errors, semantic diagnostics and rule findings, sorted by position. */
  readonly diagnostics: readonly Diagnostic[];
}
