// Quick fixes as code actions: for each xent diagnostic the client sends in the request's context, the fixes the
// core computes (core/fixes), as CodeActions of kind quickfix with the diagnostic attached and a WorkspaceEdit.
// The diagnostic is matched against the current analysis by code and range, so a fix is never computed from a
// stale diagnostic of an older version.

import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic as LspDiagnostic,
} from 'vscode-languageserver';
import type { Analysis } from '../../core/check';
import type { Diagnostic } from '../../core/diagnostic';
import { fixesFor } from '../../core/fixes';
import type { Feature } from '../context';
import { toLspRange } from '../convert';

function sameRange(a: LspDiagnostic['range'], b: Diagnostic['range']): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

/** The analysis's diagnostic that an LSP diagnostic from the client stands for. */
function match(analysis: Analysis, d: LspDiagnostic): Diagnostic | undefined {
  if (d.source !== undefined && d.source !== 'xent') return undefined;
  return analysis.diagnostics.find((x) => x.code === d.code && sameRange(d.range, x.range));
}

export function codeActionsFor(uri: string, analysis: Analysis, params: Pick<CodeActionParams, 'context'>): CodeAction[] {
  const only = params.context.only;
  if (only && !only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${k}.`) || k === CodeActionKind.Empty)) return [];
  const actions: CodeAction[] = [];
  for (const lsp of params.context.diagnostics) {
    const d = match(analysis, lsp);
    if (!d) continue;
    for (const fix of fixesFor(analysis, d)) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [lsp],
        ...(fix.isPreferred ? { isPreferred: true } : {}),
        edit: { changes: { [uri]: fix.edits.map((e) => ({ range: toLspRange(e.range), newText: e.newText })) } },
      });
    }
  }
  return actions;
}

export const codeActionsFeature: Feature = {
  name: 'code-actions',
  capabilities: { codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] } },
  register(ctx) {
    ctx.connection.onCodeAction(
      ctx.guard('codeAction', [] as CodeAction[], (params: CodeActionParams) => {
        const state = ctx.store.get(params.textDocument.uri);
        return state ? codeActionsFor(params.textDocument.uri, state.analysis, params) : [];
      }),
    );
  },
};
