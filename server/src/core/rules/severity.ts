// The one severity path: `{ "rule-id": "off" | "info" | "warning" | "error" }` from the editor setting
// (`xent.rules`), the CLI (`--rule ID=LEVEL`) or the workspace file (`.xent.json`), validated here and applied by
// `applySeverities` to every diagnostic with a registered code — once, at the end: `analyze()` applies it to the
// text's diagnostics (after every rule has run, so a rule turned off still replaces what it replaces), and the
// CLI and the server pass the evaluation's findings through the same function.

import type { Severity } from '../diagnostic';
import { closest } from '../model/calls';
import { CODE_BY_ID } from './codes';

export type RuleLevel = 'off' | Severity;

/** Per-code severity overrides: 'off' drops the code's diagnostics, a severity replaces the code's own. */
export type RuleSeverities = Readonly<Record<string, RuleLevel>>;

const LEVELS: readonly RuleLevel[] = ['off', 'error', 'warning', 'info', 'hint'];

/**
 * The diagnostics with `severities` applied: a code set to 'off' is dropped, a code set to a severity gets it
 * (replacing value-dependent severities too). Anything with a `code` and a `severity` goes through: the core's
 * diagnostics, the evaluation's records, the server's anchored evaluation findings.
 */
export function applySeverities<T extends { readonly code: string; readonly severity: Severity }>(diagnostics: readonly T[], severities: RuleSeverities | undefined): T[] {
  if (!severities || Object.keys(severities).length === 0) return [...diagnostics];
  const out: T[] = [];
  for (const d of diagnostics) {
    const level = Object.prototype.hasOwnProperty.call(severities, d.code) ? severities[d.code] : undefined;
    if (level === 'off') continue;
    out.push(level && level !== d.severity ? { ...d, severity: level } : d);
  }
  return out;
}

export interface ParsedSeverities {
  /** The valid entries (unknown codes and bad levels left out). */
  readonly severities: Record<string, RuleLevel>;
  /** One sentence per entry left out, naming `origin`: these are reported as warnings, never ignored silently. */
  readonly problems: string[];
}

/** One entry: the problem with it, or undefined when `id` is a registered code and `level` a level. */
function problemOf(id: string, level: unknown, origin: string): string | undefined {
  if (!CODE_BY_ID.has(id)) {
    const hint = closest(id, [...CODE_BY_ID.keys()]) ?? [...CODE_BY_ID.keys()].find((c) => c.startsWith(id));
    return `${origin}: unknown rule id '${id}'${hint ? `; did you mean '${hint}'?` : ' (docs/rules.md lists every code)'}`;
  }
  if (typeof level !== 'string' || !(LEVELS as readonly string[]).includes(level)) {
    return `${origin}: '${id}' takes off, info, warning or error, not ${JSON.stringify(level)}`;
  }
  return undefined;
}

/** Validates a `{ "rule-id": level }` object (the editor setting, the workspace file's `rules`). */
export function parseRuleSeverities(raw: unknown, origin: string): ParsedSeverities {
  const severities: Record<string, RuleLevel> = {};
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { severities, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { severities, problems: [`${origin}: "rules" must be an object such as { "rule-id": "off" }`] };
  }
  for (const [id, level] of Object.entries(raw as Record<string, unknown>)) {
    const problem = problemOf(id, level, origin);
    if (problem) problems.push(problem);
    else severities[id] = level as RuleLevel;
  }
  return { severities, problems };
}

/** Validates the CLI's `--rule ID=LEVEL` values (repeatable; the last one for an id wins). */
export function parseRuleFlags(values: readonly string[], origin = '--rule'): ParsedSeverities {
  const severities: Record<string, RuleLevel> = {};
  const problems: string[] = [];
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq <= 0) {
      problems.push(`${origin} takes ID=LEVEL (for example label-smoothing-range=off), not '${v}'`);
      continue;
    }
    const id = v.slice(0, eq).trim();
    const level = v.slice(eq + 1).trim();
    const problem = problemOf(id, level, origin);
    if (problem) problems.push(problem);
    else severities[id] = level as RuleLevel;
  }
  return { severities, problems };
}

/** Layers of settings merged per code, the later over the earlier: defaults < workspace file < flag / setting. */
export function mergeSeverities(...layers: readonly (RuleSeverities | undefined)[]): RuleSeverities {
  const out: Record<string, RuleLevel> = {};
  for (const layer of layers) if (layer) Object.assign(out, layer);
  return out;
}
