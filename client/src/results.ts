// The evaluation result as the server sends it (the `xent eval --json` experiment object), and the one
// headline the lens and the status bar show.

// One definition of the shape, shared with the server (a type-only import: nothing of the core is bundled).
import type { AveragedScores, ExperimentResult } from '../../server/src/core/eval/types';

export type { AveragedScores, ExperimentResult };

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

/** "log_loss 0.4594 · F1 0.7692" — the number a user looks for first. */
export function headline(r: ExperimentResult): string {
  if (r.error) return `cannot evaluate: ${r.error}`;
  const parts: string[] = [];
  if (r.metrics.log_loss != null) parts.push(`log_loss ${r.metrics.log_loss.toFixed(4)}`);
  else if (r.loss?.value != null) parts.push(`${r.loss.name} ${r.loss.value.toFixed(4)}`);
  const f1 = r.metrics.f1;
  const average = (r.metrics.averages_used?.f1 ?? (r.task === 'binary' ? 'binary' : 'macro')) as keyof AveragedScores;
  const value = f1?.[average];
  if (typeof value === 'number') parts.push(`F1 ${value.toFixed(4)}`);
  return parts.join(' · ');
}
