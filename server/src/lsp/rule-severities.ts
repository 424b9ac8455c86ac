// The rule severities of one document, as the server applies them: the nearest `.xent.json` at or above the
// document's folder (the same file `xent check` reads), then the `xent.rules` setting over it, per code. They go
// into analyze() (documents.ts) and through applySeverities for the evaluation's findings (features/diagnostics.ts).
// What cannot be applied (an unknown rule id, a bad level, a malformed file) is shown once as a warning.

import { dirname } from 'node:path';
import { mergeSeverities, readWorkspaceRules, type RuleSeverities, type WorkspaceRules } from '../core/rules';
import type { XentSettings } from './settings';
import { uriToPath } from './workspace';

/** How long a folder's workspace file is trusted before it is read again (a document changes many times a second). */
const FRESH_MS = 1_000;

export class RuleSeverityResolver {
  private readonly files = new Map<string, { at: number; rules: WorkspaceRules }>();
  private readonly warned = new Set<string>();

  constructor(
    private readonly settings: () => XentSettings,
    private readonly warn: (message: string) => void,
  ) {}

  /** The severities of the document at `uri`: the workspace file's, with the editor setting over them. */
  severities(uri: string): RuleSeverities {
    const path = uriToPath(uri);
    const fromFile = path ? this.workspaceRules(dirname(path)) : undefined;
    const settings = this.settings();
    this.report(settings.ruleProblems);
    return mergeSeverities(fromFile?.severities, settings.rules);
  }

  /** Forget the files read (the settings changed: read them again). */
  reset(): void {
    this.files.clear();
  }

  private workspaceRules(folder: string): WorkspaceRules {
    const now = Date.now();
    const cached = this.files.get(folder);
    if (cached && now - cached.at < FRESH_MS) return cached.rules;
    const rules = readWorkspaceRules(folder);
    this.files.set(folder, { at: now, rules });
    this.report(rules.problems);
    return rules;
  }

  private report(problems: readonly string[]): void {
    for (const p of problems) {
      if (this.warned.has(p)) continue;
      this.warned.add(p);
      this.warn(`xent: ${p}`);
    }
  }
}
