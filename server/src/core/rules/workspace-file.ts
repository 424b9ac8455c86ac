// The workspace file `.xent.json`: `{ "rules": { "rule-id": "off" | "info" | "warning" | "error" } }`, read by the
// CLI and the language server alike. The nearest one applies: in the .xent file's folder, else in the closest
// folder above it (as .editorconfig or tsconfig.json are found), so a repository sets its severities once at its
// root and a sub-project can override them. Severities set on the command line (`--rule`) or in the editor
// (`xent.rules`) take precedence over the file, per code (mergeSeverities).

import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseRuleSeverities, type RuleLevel } from './severity';

export const WORKSPACE_FILE = '.xent.json';

export interface WorkspaceRules {
  /** The file read, when one was found. */
  readonly path?: string;
  readonly severities: Record<string, RuleLevel>;
  /** What in the file was left out, and why (reported as warnings). */
  readonly problems: string[];
}

/** The nearest `.xent.json` at or above `folder`, or undefined. */
export function findWorkspaceFile(folder: string): string | undefined {
  let dir = resolve(folder);
  for (;;) {
    const candidate = join(dir, WORKSPACE_FILE);
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here: look further up
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Parses the text of a workspace file (`path` names it in problems). */
export function parseWorkspaceFile(text: string, path: string): WorkspaceRules {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { path, severities: {}, problems: [`${path}: not valid JSON (${(err as Error).message}); its rule severities are not applied`] };
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    return { path, severities: {}, problems: [`${path}: expected an object such as { "rules": { "rule-id": "off" } }`] };
  }
  const { severities, problems } = parseRuleSeverities((json as Record<string, unknown>).rules, path);
  const unknownKeys = Object.keys(json).filter((k) => k !== 'rules' && k !== '$schema');
  for (const k of unknownKeys) problems.push(`${path}: unknown key '${k}' (the file takes "rules")`);
  return { path, severities, problems };
}

/** The rule severities of the nearest workspace file at or above `folder` (none when there is none). */
export function readWorkspaceRules(folder: string): WorkspaceRules {
  const path = findWorkspaceFile(folder);
  if (!path) return { severities: {}, problems: [] };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return { path, severities: {}, problems: [`${path}: cannot be read (${(err as Error).message})`] };
  }
  return parseWorkspaceFile(text, path);
}
