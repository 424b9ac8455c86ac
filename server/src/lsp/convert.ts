// Core values → LSP values, at the server's edge. The core knows nothing of LSP types.

import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import {
  DiagnosticSeverity,
  DiagnosticTag,
  type Diagnostic as LspDiagnostic,
  type Range as LspRange,
} from 'vscode-languageserver';
import type { Diagnostic, Severity } from '../core/diagnostic';
import type { Range } from '../core/syntax/source';

export function toLspRange(r: Range): LspRange {
  return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}

export function toLspSeverity(s: Severity): DiagnosticSeverity {
  switch (s) {
    case 'error':
      return DiagnosticSeverity.Error;
    case 'warning':
      return DiagnosticSeverity.Warning;
    case 'info':
      return DiagnosticSeverity.Information;
    case 'hint':
      return DiagnosticSeverity.Hint;
  }
}

/**
 * Where a rule is documented: docs/rules.md shipped beside the bundles (dist/../docs), with the rule id as
 * the anchor. A file URI, because the package knows no web address of its own.
 */
export function ruleHref(code: string): string {
  return `${pathToFileURL(join(__dirname, '..', 'docs', 'rules.md')).href}#${code}`;
}

export function toLspDiagnostic(d: Diagnostic, uri: string, severity: Severity = d.severity): LspDiagnostic {
  return {
    range: toLspRange(d.range),
    severity: toLspSeverity(severity),
    code: d.code,
    codeDescription: { href: ruleHref(d.code) },
    source: 'xent',
    message: d.message,
    ...(d.related?.length
      ? { relatedInformation: d.related.map((r) => ({ location: { uri: r.file ? pathToFileURL(r.file).href : uri, range: toLspRange(r.range) }, message: r.message })) }
      : {}),
    ...(d.data ? { data: d.data } : {}),
    ...(d.code === 'redundant-activation' ? { tags: [DiagnosticTag.Unnecessary] } : {}),
  };
}
