// The language core's one entry for checking a document: parse, build the semantic model, run the checks and the
// rule catalogue, then drop what `# xent-ignore RULE` comments silence.
// The CLI and the language server both call this; neither adds checks of its own.

import { compareDiagnostics, type Diagnostic } from '../diagnostic';
import { buildModels } from '../model/build';
import type { ExperimentModel } from '../model/types';
import { mergeRuleDiagnostics, runRules, type RuleOptions } from '../rules';
import type { Comment } from '../syntax/ast';
import { parse, type ParseResult } from '../syntax/parse';
import { collector } from '../report';

export interface Analysis {
  readonly parse: ParseResult;
  readonly models: readonly ExperimentModel[];
  /** Syntax errors, semantic diagnostics and rule findings, sorted by position. */
  readonly diagnostics: readonly Diagnostic[];
}

export interface AnalyzeOptions {
  /** Rule severity overrides ('off' silences a rule). */
  readonly rules?: RuleOptions;
}

export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const parsed = parse(text);
  const language: Diagnostic[] = parsed.errors.map((e) => ({ code: e.code, severity: 'error', message: e.message, range: e.range }));
  const models = buildModels(parsed.document, collector(language));
  const fromRules: Diagnostic[] = [];
  runRules(models, collector(fromRules), options.rules);
  const diagnostics = withoutIgnored(mergeRuleDiagnostics(language, fromRules, options.rules), parsed.document.comments);
  diagnostics.sort(compareDiagnostics);
  return { parse: parsed, models, diagnostics };
}

const IGNORE = /^#\s*xent-ignore(?=\s|,|$)(.*)$/;

/**
 * Drops each diagnostic whose first line follows a `# xent-ignore ID[, ID …]` comment naming its code
 * (ids separated by commas or spaces; text after `--` is a free reason).
 */
function withoutIgnored(diagnostics: Diagnostic[], comments: readonly Comment[]): Diagnostic[] {
  let ignored: Map<number, Set<string>> | undefined;
  for (const c of comments) {
    const m = IGNORE.exec(c.text);
    if (!m) continue;
    const ids = m[1].split('--')[0].split(/[\s,]+/).filter(Boolean);
    if (ids.length === 0) continue;
    ignored ??= new Map();
    const line = c.range.start.line + 1;
    const set = ignored.get(line) ?? new Set<string>();
    for (const id of ids) set.add(id);
    ignored.set(line, set);
  }
  if (!ignored) return diagnostics;
  const map = ignored;
  return diagnostics.filter((d) => !map.get(d.range.start.line)?.has(d.code));
}
