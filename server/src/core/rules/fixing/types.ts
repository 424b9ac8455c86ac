// The shape of a quick fix: a title and the text edits that apply it. Pure data over the core's Range, so the
// language server (code actions), the CLI or a test can apply it without knowing how it was computed.

import type { Analysis } from '../../model/analysis';
import type { Diagnostic } from '../../diagnostic';
import type { ExperimentModel } from '../../model/types';
import type { Experiment } from '../../syntax/ast';
import type { Range, SourceText } from '../../syntax/source';
import type { Facts } from '../facts';

export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/** The code action kind of every fix here (LSP's CodeActionKind.QuickFix). */
export type FixKind = 'quickfix';

export interface Fix {
  /** What the fix does, as the editor's light-bulb menu shows it: "Use categorical_crossentropy". */
  readonly title: string;
  /** Non-overlapping edits of the document, in text order. */
  readonly edits: readonly TextEdit[];
  /** The clearly right fix for the diagnostic (at most one per diagnostic): it leaves no new diagnostic. */
  readonly isPreferred?: boolean;
  readonly kind: FixKind;
}

/** An edit in UTF-16 offsets [start, end): what the fix builders work with; converted to ranges at the end. */
export interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** A fix before its edits become ranges. */
export interface Draft {
  readonly title: string;
  readonly edits: readonly OffsetEdit[];
  readonly preferred?: boolean;
}

/** Everything a fixer may read about one diagnostic. */
export interface FixContext {
  readonly analysis: Analysis;
  readonly diagnostic: Diagnostic;
  readonly source: SourceText;
  readonly text: string;
  /** [start, end) of the diagnostic's range. */
  readonly start: number;
  readonly end: number;
  /** The experiment whose text holds the diagnostic (its first definition when the name is duplicated). */
  readonly experiment?: Experiment;
  /** Its semantic model and the rules' facts, when it has one. */
  readonly model?: ExperimentModel;
  readonly facts?: Facts;
  /** The diagnostic's `data` ({} when it has none). */
  readonly data: Readonly<Record<string, unknown>>;
}

/** Computes the fixes of one diagnostic code; returns none where no mechanical fix applies. */
export type Fixer = (ctx: FixContext) => readonly (Draft | undefined)[];
