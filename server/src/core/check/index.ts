// The language core's one entry for checking a document: parse, build the semantic model, run the checks.
// The CLI and the language server both call this; neither adds checks of its own.

import { compareDiagnostics, type Diagnostic } from '../diagnostic';
import { buildModels } from '../model/build';
import type { ExperimentModel } from '../model/types';
import { parse, type ParseResult } from '../syntax/parse';
import { collector } from './report';

export interface Analysis {
  readonly parse: ParseResult;
  readonly models: readonly ExperimentModel[];
  /** Syntax errors and semantic diagnostics, sorted by position. */
  readonly diagnostics: readonly Diagnostic[];
}

export function analyze(text: string): Analysis {
  const parsed = parse(text);
  const diagnostics: Diagnostic[] = parsed.errors.map((e) => ({ code: e.code, severity: 'error', message: e.message, range: e.range }));
  const report = collector(diagnostics);
  const models = buildModels(parsed.document, report);
  diagnostics.sort(compareDiagnostics);
  return { parse: parsed, models, diagnostics };
}
