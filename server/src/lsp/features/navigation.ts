// Go to definition, find references and rename for experiment names. `extends` resolves within the file, so
// all three stay in the document: the definition of a name in `extends` is the experiment that declares it
// (the first, when a name is declared twice, as the semantic model resolves it); its references are its
// declaration and every `extends` of it; a rename rewrites them all, after prepareRename has checked that the
// cursor is on an experiment name, and rejects a new name that is not an identifier or is already taken.

import {
  ErrorCodes,
  ResponseError,
  type DefinitionParams,
  type Location,
  type PrepareRenameParams,
  type Range,
  type ReferenceParams,
  type RenameParams,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { Identifier, XentDocument } from '../../core/syntax/ast';
import { experimentNameAt, occurrencesOf, renameProblem } from '../../core/syntax/experiment-names';
import type { Feature, ServerContext } from '../context';
import { toLspRange } from '../convert';

/** The node that defines the experiment name at `offset`, or undefined (not on a name, or a parent never declared). */
export function definitionAt(document: XentDocument, offset: number): Identifier | undefined {
  const at = experimentNameAt(document, offset);
  return at ? occurrencesOf(document, at.name).declarations[0] : undefined;
}

/** Every occurrence of the experiment name at `offset` in text order: declarations (if asked) and `extends`. */
export function referencesAt(document: XentDocument, offset: number, includeDeclaration: boolean): Identifier[] {
  const at = experimentNameAt(document, offset);
  if (!at) return [];
  const { declarations, references } = occurrencesOf(document, at.name);
  const all = includeDeclaration ? [...declarations, ...references] : [...references];
  return all.sort((a, b) => a.start - b.start);
}

export type RenamePlan = { readonly edits: readonly { start: number; end: number; newText: string }[] } | { readonly error: string };

/** The edits that rename the experiment name at `offset` to `newName`, or why it cannot. */
export function planRename(document: XentDocument, offset: number, newName: string): RenamePlan {
  const at = experimentNameAt(document, offset);
  if (!at) return { error: 'only experiment names can be renamed' };
  const problem = renameProblem(document, at.name, newName);
  if (problem) return { error: problem };
  const edits = referencesAt(document, offset, true).map((n) => ({ start: n.start, end: n.end, newText: newName }));
  return { edits };
}

function invalid(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidRequest, message);
}

export const navigationFeature: Feature = {
  name: 'navigation',
  capabilities: { definitionProvider: true, referencesProvider: true, renameProvider: { prepareProvider: true } },
  register(ctx: ServerContext) {
    const { connection, store } = ctx;

    connection.onDefinition(
      ctx.guard<DefinitionParams, Location | null>('definition', null, (params) => {
        const state = store.get(params.textDocument.uri);
        if (!state) return null;
        const { document, source } = state.analysis.parse;
        const node = definitionAt(document, source.offsetAt(params.position));
        return node ? { uri: params.textDocument.uri, range: toLspRange(node.range) } : null;
      }),
    );

    connection.onReferences(
      ctx.guard<ReferenceParams, Location[]>('references', [], (params) => {
        const state = store.get(params.textDocument.uri);
        if (!state) return [];
        const { document, source } = state.analysis.parse;
        const nodes = referencesAt(document, source.offsetAt(params.position), params.context?.includeDeclaration !== false);
        return nodes.map((n) => ({ uri: params.textDocument.uri, range: toLspRange(n.range) }));
      }),
    );

    connection.onPrepareRename(
      ctx.guard<PrepareRenameParams, { range: Range; placeholder: string } | ResponseError<void> | null>('prepare rename', null, (params) => {
        const state = store.get(params.textDocument.uri);
        if (!state) return null;
        const { document, source } = state.analysis.parse;
        const at = experimentNameAt(document, source.offsetAt(params.position));
        if (!at) return invalid('only experiment names can be renamed');
        return { range: toLspRange(at.node.range), placeholder: at.name };
      }),
    );

    connection.onRenameRequest(
      ctx.guard<RenameParams, WorkspaceEdit | ResponseError<void> | null>('rename', null, (params) => {
        const state = store.get(params.textDocument.uri);
        if (!state) return null;
        const { document, source } = state.analysis.parse;
        const plan = planRename(document, source.offsetAt(params.position), params.newName);
        if ('error' in plan) return invalid(plan.error);
        const edits: TextEdit[] = plan.edits.map((e) => ({ range: toLspRange(source.rangeOf(e.start, e.end)), newText: e.newText }));
        return { changes: { [params.textDocument.uri]: edits } };
      }),
    );
  },
};
