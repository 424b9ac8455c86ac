// The language core's one entry for checking a document: parse, build the semantic model, run the checks and the
// rule catalogue, drop what `# xent-ignore RULE` comments silence, then apply the rule severities (the one place
// they are applied to a text's diagnostics; the evaluation's findings go through the same applySeverities).
// The CLI and the language server both call this; neither adds checks of its own.

import type { Analysis } from '../model/analysis';
import { collector, compareDiagnostics, type Diagnostic } from '../diagnostic';
import { buildModels } from '../model/build';
import { applySeverities, mergeRuleDiagnostics, runRules, type RuleSeverities } from '../rules';
import type { Comment } from '../syntax/ast';
import { parse } from '../syntax/parse';

export type { Analysis } from '../model/analysis';

export interface AnalyzeOptions {
  /**
   * Severity per code: { "rule-id": "off" | "info" | "warning" | "error" } (validated by parseRuleSeverities).
   * Applied after every rule has run, to every diagnostic of that code, language-level codes included.
   */
  readonly rules?: RuleSeverities;
  /**
   * The analysis of an earlier version of the same document: its parse is reused for the experiments the edit
   * did not touch (and consumed: see parse()).
   */
  readonly previous?: Analysis;
}

export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const parsed = parse(text, options.previous?.parse);
  const language: Diagnostic[] = parsed.errors.map((e) => ({ code: e.code, severity: 'error', message: e.message, range: e.range }));
  const models = buildModels(parsed.document, collector(language));
  const fromRules: Diagnostic[] = [];
  runRules(models, collector(fromRules));
  const diagnostics = applySeverities(withoutIgnored(mergeRuleDiagnostics(language, fromRules), parsed.document.comments), options.rules);
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
