// Which report "Show Report" opens when the cursor is in no evaluated experiment (a file opens with the cursor
// on line 1, a comment in every example): the file's only or latest evaluated experiment (an explicit
// evaluation or the background check), else the user picks one of the file's experiments, which is then
// evaluated. The pure choice is `chooseReport`, tested without VS Code.

export type ReportChoice =
  | { readonly kind: 'show'; readonly name: string }
  | { readonly kind: 'pick'; readonly names: string[] }
  | { readonly kind: 'none' };

/**
 * `outcomes` come most recent first (xent/outcomes). The latest result wins: with one result it is the file's
 * only one; with several it is the one the user last saw in a lens or the status bar.
 */
export function chooseReport(experiments: readonly string[], outcomes: readonly { readonly name: string }[]): ReportChoice {
  if (outcomes.length > 0) return { kind: 'show', name: outcomes[0].name };
  if (experiments.length === 0) return { kind: 'none' };
  return { kind: 'pick', names: [...experiments] };
}

export const RESTRICTED_REPORT = 'xent: evaluation is disabled in Restricted Mode (data files are not read), so there is no report. Trust this workspace to evaluate.';
