// What an evaluation returns. The result itself (the shape `xent eval --json` prints, which tools outside the
// project read: add keys, never rename these) is defined in shared/results.ts, because the VS Code client reads it
// too; this module re-exports it for the core and adds the core-only shapes.

import type { RelatedInformation, Severity } from '../diagnostic';
import type { ReportEntry } from '../metrics/classification';
import type { Range } from '../syntax/source';

// The result shape lives in shared/ (the client reads it too); re-exported here for the core's own modules.
export type { AveragedScores, DeclaredMetric, DeclaredParam, EvalDiagnostic, EvalMetrics, ExperimentResult } from '../../../../shared/results';

/** A diagnostic with its range in the .xent document (converted to EvalDiagnostic for JSON). */
export interface RangedDiagnostic {
  readonly range: Range;
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
  /** The data file's row the finding is about (a click on it in the editor opens the row). */
  readonly related?: readonly RelatedInformation[];
}

export type ReportEntries = ReportEntry[];
