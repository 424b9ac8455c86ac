// What `analyze()` (check/) returns: the parse, the semantic models and the diagnostics. Declared here, below every
// layer that reads it, so that the quick fixes (rules/fixing/) take an Analysis without importing check/, which
// imports the rules.

import type { Diagnostic } from '../diagnostic';
import type { ParseResult } from '../syntax/parse';
import type { ExperimentModel } from './types';

export interface Analysis {
  readonly parse: ParseResult;
  readonly models: readonly ExperimentModel[];
  /** Syntax errors, semantic diagnostics and rule findings, sorted by position. */
  readonly diagnostics: readonly Diagnostic[];
}
