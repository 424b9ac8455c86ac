// The evaluation result as the server sends it (the `xent eval --json` experiment object), and the one headline the
// lens, the status bar and the output channel show. Both are defined once in shared/ (the client imports nothing
// from server/src: test/architecture.test.ts).

import type { ExperimentResult } from '../../shared/results';

export type { AveragedScores, ExperimentResult } from '../../shared/results';
export { headline } from '../../shared/headline';

/** Accepts the server's answer in any of the shapes a request may use: one result, a list, or { results }. */
export function asResults(answer: unknown): ExperimentResult[] {
  if (!answer) return [];
  if (Array.isArray(answer)) return answer as ExperimentResult[];
  const a = answer as { results?: unknown; result?: unknown; experiments?: unknown };
  if (Array.isArray(a.results)) return a.results as ExperimentResult[];
  if (Array.isArray(a.experiments)) return a.experiments as ExperimentResult[];
  if (a.result) return [a.result as ExperimentResult];
  if ((answer as ExperimentResult).name !== undefined) return [answer as ExperimentResult];
  return [];
}
