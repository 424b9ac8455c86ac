// Signature help inside calls: the parameters of the catalogue entry being called, with the one being written
// (positional or named) active. Triggered by '(' and ','; ':' retriggers once a parameter is named.

import { MarkupKind, type SignatureHelp, type SignatureHelpParams } from 'vscode-languageserver';
import type { Feature, ServerContext } from '../context';
import { signatureAt } from './catalogue-text/signature';

export const signatureHelpFeature: Feature = {
  name: 'signature-help',
  capabilities: { signatureHelpProvider: { triggerCharacters: ['(', ','], retriggerCharacters: [':'] } },
  register(ctx: ServerContext) {
    ctx.connection.onSignatureHelp(
      ctx.guard<SignatureHelpParams, SignatureHelp | null>('signature help', null, (params) => {
        const state = ctx.store.get(params.textDocument.uri);
        if (!state) return null;
        const source = state.analysis.parse.source;
        const sig = signatureAt(state.analysis, source.offsetAt(params.position));
        if (!sig) return null;
        return {
          signatures: [
            {
              label: sig.label,
              documentation: { kind: MarkupKind.Markdown, value: sig.documentation },
              parameters: sig.parameters.map((p) => ({ label: [p.label[0], p.label[1]] as [number, number], documentation: { kind: MarkupKind.Markdown, value: p.documentation } })),
              activeParameter: sig.activeParameter,
            },
          ],
          activeSignature: 0,
          activeParameter: sig.activeParameter,
        };
      }),
    );
  },
};
