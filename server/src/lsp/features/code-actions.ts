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

/** Whether the client's `only` filter admits quick fixes (a kind admits itself and its sub-kinds). */
function wantsQuickFixes(only: readonly string[] | undefined): boolean {
  return !only || only.some((k) => k === CodeActionKind.Empty || k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${k}.`));
}

export function codeActionsFor(uri: string, analysis: Analysis, params: Pick<CodeActionParams, 'context'>, log: (message: string) => void = () => {}): CodeAction[] {
  if (!wantsQuickFixes(params.context.only)) return [];
  const actions: CodeAction[] = [];
  for (const lsp of params.context.diagnostics) {
    const d = match(analysis, lsp);
    if (!d) continue;
    let fixes: ReturnType<typeof fixesFor>;
    try {
      fixes = fixesFor(analysis, d);
    } catch (err) {
      // One diagnostic's broken fixer must not take the other diagnostics' fixes with it.
      log(`xent: quick fixes for ${d.code} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      continue;
    }
    for (const fix of fixes) {
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
        return state ? codeActionsFor(params.textDocument.uri, state.analysis, params, (m) => ctx.log(m)) : [];
      }),
    );
  },
};
