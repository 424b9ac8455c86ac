// `xent check --format sarif`: the diagnostics as a SARIF 2.1.0 log, for code-scanning services.
//
// - One run; tool.driver lists every rule id that appears in the results, with its one-line summary, its default
//   level where the rule catalogue knows it, and where it is documented. SARIF's helpUri must be an absolute URI
//   and xent has no web address, so the documentation reference (docs/rules.md#ID, relative to the xent
//   package) goes in the rule's `help` text and in `properties.helpUri`; no helpUri and no informationUri.
// - A relative path stays relative, as given, with uriBaseId %SRCROOT% (originalUriBaseIds says that is the
//   working directory); an absolute one becomes a file: URI.
// - Lines and columns are 1-based; columns count UTF-16 code units (run.columnKind says so), as the editor and
//   the other formats do. A region's end column is the column after its last character, as in SARIF.
// - Files that cannot be read are tool execution notifications, and the invocation is then not successful.

import { isAbsolute, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, Severity } from '../core/diagnostic';
import { CODE_BY_ID, RULE_BY_ID } from '../core/rules';
import type { Range } from '../core/syntax/source';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SARIF_VERSION = '2.1.0';
const SRCROOT = '%SRCROOT%';

export interface CheckedFile {
  /** The path as given on the command line. */
  readonly path: string;
  readonly diagnostics: readonly Diagnostic[];
}

export interface UnreadableFile {
  readonly path: string;
  readonly reason: string;
}

export interface SarifOptions {
  /** The xent version, as tool.driver.version. */
  readonly version: string;
  /** What %SRCROOT% stands for: the directory relative paths were given from. */
  readonly cwd: string;
}

export type SarifLevel = 'error' | 'warning' | 'note';

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
  index?: number;
}

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

interface SarifLocation {
  id?: number;
  physicalLocation: { artifactLocation: ArtifactLocation; region?: Region };
  message?: { text: string };
}

export interface SarifRule {
  id: string;
  shortDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration?: { level: SarifLevel };
  properties: { helpUri: string };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: SarifLocation[];
  relatedLocations?: SarifLocation[];
}

export interface SarifLog {
  $schema: string;
  version: typeof SARIF_VERSION;
  runs: [
    {
      tool: { driver: { name: 'xent'; version: string; rules: SarifRule[] } };
      originalUriBaseIds?: Record<string, { uri: string }>;
      artifacts: { location: ArtifactLocation }[];
      invocations: {
        executionSuccessful: boolean;
        toolExecutionNotifications?: { level: SarifLevel; message: { text: string }; locations: SarifLocation[] }[];
      }[];
      columnKind: 'utf16CodeUnits';
      results: SarifResult[];
    },
  ];
}

export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

export function toSarif(files: readonly CheckedFile[], unreadable: readonly UnreadableFile[], options: SarifOptions): SarifLog {
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const artifacts: { location: ArtifactLocation }[] = [];
  const results: SarifResult[] = [];
  let relative = false;

  const locate = (path: string): ArtifactLocation => {
    const location = artifactLocation(path);
    if (location.uriBaseId) relative = true;
    return location;
  };

  for (const file of files) {
    const index = artifacts.length;
    const artifact = { ...locate(file.path), index };
    artifacts.push({ location: locate(file.path) });
    for (const d of file.diagnostics) {
      let i = ruleIndex.get(d.code);
      if (i === undefined) {
        i = rules.length;
        ruleIndex.set(d.code, i);
        rules.push(ruleDescriptor(d.code));
      }
      const result: SarifResult = {
        ruleId: d.code,
        ruleIndex: i,
        level: sarifLevel(d.severity),
        message: { text: d.message },
        locations: [{ physicalLocation: { artifactLocation: artifact, region: region(d.range) } }],
      };
      if (d.related?.length) {
        result.relatedLocations = d.related.map((r, k) => ({
          id: k + 1,
          physicalLocation: { artifactLocation: r.file ? locate(r.file) : artifact, region: region(r.range) },
          message: { text: r.message },
        }));
      }
      results.push(result);
    }
  }

  const notifications = unreadable.map((u) => ({
    level: 'error' as const,
    message: { text: `cannot read ${u.path}: ${u.reason}` },
    locations: [{ physicalLocation: { artifactLocation: locate(u.path) } }],
  }));

  return {
    $schema: SARIF_SCHEMA,
    version: SARIF_VERSION,
    runs: [
      {
        tool: { driver: { name: 'xent', version: options.version, rules } },
        ...(relative ? { originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(options.cwd) } } } : {}),
        artifacts,
        invocations: [{ executionSuccessful: unreadable.length === 0, ...(notifications.length ? { toolExecutionNotifications: notifications } : {}) }],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

function ruleDescriptor(id: string): SarifRule {
  const rule = RULE_BY_ID.get(id);
  // Every code's one-line summary is in the core's code registry (rules, language codes, evaluation findings).
  const summary = CODE_BY_ID.get(id)?.summary ?? id.replace(/-/g, ' ');
  const doc = `docs/rules.md#${id}`;
  return {
    id,
    shortDescription: { text: summary },
    help: {
      text: `Documented in ${doc} of the xent package: the condition, why it matters, a wrong and a right example, the fix.`,
      markdown: `Documented in [${doc}](${doc}) of the xent package: the condition, why it matters, a wrong and a right example, the fix.`,
    },
    ...(rule ? { defaultConfiguration: { level: sarifLevel(rule.severity) } } : {}),
    properties: { helpUri: doc },
  };
}

/** LSP-style range (0-based) → SARIF region (1-based, end column exclusive). */
function region(r: Range): Region {
  return {
    startLine: r.start.line + 1,
    startColumn: r.start.character + 1,
    endLine: r.end.line + 1,
    endColumn: r.end.character + 1,
  };
}

/** A path as given → a URI reference: relative ones against %SRCROOT%, absolute ones as file: URIs. */
export function artifactLocation(path: string): ArtifactLocation {
  if (isAbsolute(path)) return { uri: pathToFileURL(path).href };
  // A backslash separates directories only on Windows; elsewhere it is a character of the name.
  const segments = path.split(sep === '\\' ? /[\\/]/ : '/').map((s) => encodeURIComponent(s));
  return { uri: segments.join('/'), uriBaseId: SRCROOT };
}

/** A directory's file: URI, ending in '/' as SARIF requires of a base. */
function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}
