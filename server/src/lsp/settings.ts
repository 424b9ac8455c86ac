// The settings the server honours (`xent.*` in VS Code; `initializationOptions`/`workspace/configuration`
// elsewhere), with their defaults.

import { parseRuleSeverities, type RuleLevel } from '../core/rules';

export type RuleSetting = RuleLevel;

export interface XentSettings {
  /** Per-rule severity overrides: { "rule-id": "off" | "info" | "warning" | "error" }. */
  readonly rules: Readonly<Record<string, RuleSetting>>;
  /** The entries of `rules` left out (an unknown rule id, a bad level): shown as warnings, never ignored silently. */
  readonly ruleProblems: readonly string[];
  /** Data files up to this size (bytes) are read for the data rules without an evaluation. */
  readonly dataSizeLimit: number;
  /** Decimals of the classification report. */
  readonly reportDigits: number;
  /** Whether the workspace is trusted: untrusted means no data file is read and nothing is evaluated. */
  readonly trusted: boolean;
  /**
   * Offer the new-experiment templates in completion. The VS Code extension turns it off: it contributes the
   * same templates as snippets (generated from the server's, so there is one source), and both would show.
   */
  readonly experimentTemplates: boolean;
  /** The editor registers xent.evaluate / xent.evaluateAll / xent.showReport itself (the VS Code extension). */
  readonly clientCommands: boolean;
}

export const DEFAULT_SETTINGS: XentSettings = { rules: {}, ruleProblems: [], dataSizeLimit: 5 * 1024 * 1024, reportDigits: 2, trusted: true, experimentTemplates: true, clientCommands: false };

/** Reads a settings object from the client, keeping defaults for anything missing or malformed. */
export function readSettings(raw: unknown, base: XentSettings = DEFAULT_SETTINGS): XentSettings {
  if (!raw || typeof raw !== 'object') return base;
  const r = raw as Record<string, unknown>;
  const { severities: rules, problems: ruleProblems } = parseRuleSeverities(r.rules, 'the xent.rules setting');
  const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : d);
  return {
    rules,
    ruleProblems,
    dataSizeLimit: num(r.dataSizeLimit, base.dataSizeLimit),
    reportDigits: Math.min(15, Math.floor(num(r.reportDigits, base.reportDigits))),
    trusted: typeof r.trusted === 'boolean' ? r.trusted : base.trusted,
    experimentTemplates: typeof r.experimentTemplates === 'boolean' ? r.experimentTemplates : base.experimentTemplates,
    clientCommands: typeof r.clientCommands === 'boolean' ? r.clientCommands : base.clientCommands,
  };
}
