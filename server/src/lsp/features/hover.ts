// Hover: the Markdown of every section in HOVER_SECTIONS (hover-sections/index.ts) that has something to say
// about the name under the cursor, over the range of that name. Nothing on white space or in comments.

import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver';
import type { Analysis } from '../../core/check';
import { locate } from '../../core/syntax/locate';
import type { Feature, ServerContext } from '../context';
import { toLspRange } from '../convert';
import { HOVER_SECTIONS, type HoverContext, type HoverSection } from './hover-sections';

const SEPARATOR = '\n\n---\n\n';

/** Whether the offset falls inside a comment (comments are sorted by position). */
export function inComment(analysis: Analysis, offset: number): boolean {
  const comments = analysis.parse.document.comments;
  let lo = 0;
  let hi = comments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = comments[mid];
    if (offset < c.start) hi = mid - 1;
    else if (offset > c.end) lo = mid + 1;
    else return true;
  }
  return false;
}

/** The hover context at an offset, or undefined where no section could answer (outside experiments, comments). */
export function hoverContext(analysis: Analysis, offset: number): HoverContext | undefined {
  if (inComment(analysis, offset)) return undefined;
  const path = locate(analysis.parse.document, offset);
  if (path.length === 0) return undefined;
  const experiment = path[0];
  const model = analysis.models.find((m) => m.node === experiment);
  return { analysis, model, path, offset };
}

/** The sections' Markdown joined, and the node it is about; undefined when no section answers. */
export function buildHover(
  ctx: HoverContext,
  sections: readonly HoverSection[] = HOVER_SECTIONS,
  onError: (err: unknown) => void = () => {},
): { markdown: string; start: number; end: number } | undefined {
  const parts: string[] = [];
  for (const section of sections) {
    try {
      const md = section(ctx);
      if (md) parts.push(md);
    } catch (err) {
      onError(err);
    }
  }
  if (parts.length === 0) return undefined;
  const node = ctx.path[ctx.path.length - 1];
  return { markdown: parts.join(SEPARATOR), start: node.start, end: node.end };
}

export const hoverFeature: Feature = {
  name: 'hover',
  capabilities: { hoverProvider: true },
  register(ctx: ServerContext) {
    ctx.connection.onHover(
      ctx.guard<HoverParams, Hover | null>('hover', null, (params) => {
        const state = ctx.store.get(params.textDocument.uri);
        if (!state) return null;
        const { analysis } = state;
        const offset = analysis.parse.source.offsetAt(params.position);
        const hc = hoverContext(analysis, offset);
        if (!hc) return null;
        const built = buildHover(hc, HOVER_SECTIONS, (err) => ctx.log(`xent: a hover section failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`));
        if (!built) return null;
        return {
          contents: { kind: MarkupKind.Markdown, value: built.markdown },
          range: toLspRange(analysis.parse.source.rangeOf(built.start, built.end)),
        };
      }),
    );
  },
};
