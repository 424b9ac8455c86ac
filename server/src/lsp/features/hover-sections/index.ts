// The hover is built from an ordered list of sections; each returns a Markdown section or undefined.
//
// Contract of a section:
// - It is a pure function of the HoverContext: the document's analysis, the semantic model of the experiment
//   under the cursor (if any), the AST path at the cursor (outermost first, from `locate`) and the offset.
// - It returns Markdown (no LaTeX: VS Code hovers render none; write formulas in Unicode math, in a ```text
//   block where alignment matters) or undefined when it has nothing to say at this position.
// - It must be fast (hovers are answered within a few milliseconds) and must not throw for any path; the
//   hover feature still guards each section, so a failing one is logged and skipped.
// - It does not decide the hover's range: that is the innermost node of the path (the hovered name).
// The hover shows the sections in the order of HOVER_SECTIONS, separated by rules; none answering means no
// hover. A comment under the cursor gives no hover before any section is asked.
//
// To add a section (for example the loss with the user's evaluated numbers): write hover-sections/NAME.ts
// exporting a HoverSection, and add it to HOVER_SECTIONS below.

import type { HoverSection } from './types';
import { catalogueSection } from './catalogue';
import { factsSection } from './facts';
import { evaluatedSection } from './evaluated';

export type { HoverContext, HoverSection } from './types';

export const HOVER_SECTIONS: readonly HoverSection[] = [
  catalogueSection, // what the name is: summary, formula, library names, parameters (from the catalogue)
  factsSection, // what it amounts to in this experiment: declared or inferred facts, classes
  evaluatedSection, // after an evaluation: the loss with the user's numbers, a y_pred row's term, H(p, q) = H(p) + KL(p‖q)
];
