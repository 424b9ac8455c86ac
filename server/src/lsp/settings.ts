// The settings the server honours (`xent.*` in VS Code; `initializationOptions`/`workspace/configuration`
// elsewhere), with their defaults.

import type { Severity } from '../core/diagnostic';

export type RuleSetting = 'off' | Severity;

export interface XentSettings {
  /** Per-rule severity overrides: { "rule-id": "off" | "info" | "warning" | "error" }. */
  readonly rules: Readonly<Record<string, RuleSetting>>;
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

export const DEFAULT_SETTINGS: XentSettings = { rules: {}, dataSizeLimit: 5 * 1024 * 1024, reportDigits: 2, trusted: true, experimentTemplates: true, clientCommands: false };

const SEVERITIES = new Set(['off', 'error', 'warning', 'info', 'hint']);

/** Reads a settings object from the client, keeping defaults for anything missing or malformed. */
export function readSettings(raw: unknown, base: XentSettings = DEFAULT_SETTINGS): XentSettings {
  if (!raw || typeof raw !== 'object') return base;
  const r = raw as Record<string, unknown>;
  const rules: Record<string, RuleSetting> = {};
  if (r.rules && typeof r.rules === 'object') {
    for (const [k, v] of Object.entries(r.rules as Record<string, unknown>)) if (typeof v === 'string' && SEVERITIES.has(v)) rules[k] = v as RuleSetting;
  }
  const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : d);
  return {
    rules,
    dataSizeLimit: num(r.dataSizeLimit, base.dataSizeLimit),
    reportDigits: Math.min(15, Math.floor(num(r.reportDigits, base.reportDigits))),
    trusted: typeof r.trusted === 'boolean' ? r.trusted : base.trusted,
    experimentTemplates: typeof r.experimentTemplates === 'boolean' ? r.experimentTemplates : base.experimentTemplates,
    clientCommands: typeof r.clientCommands === 'boolean' ? r.clientCommands : base.clientCommands,
  };
}
