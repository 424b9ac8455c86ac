// What a hover section receives and returns (the contract is in index.ts). Apart from index.ts so that the sections
// and the list of them do not import each other.

import type { Analysis } from '../../../core/check';
import type { ExperimentModel } from '../../../core/model/types';
import type { Located } from '../../../core/syntax/locate';

export interface HoverContext {
  readonly analysis: Analysis;
  /** The semantic model of the experiment under the cursor (undefined outside experiments or for a duplicate). */
  readonly model?: ExperimentModel;
  /** The AST nodes at the cursor, outermost (the experiment) first. */
  readonly path: readonly Located[];
  /** The cursor, as a UTF-16 offset into the document. */
  readonly offset: number;
}

export type HoverSection = (ctx: HoverContext) => string | undefined;
