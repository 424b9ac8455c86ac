// Evaluation on request: the commands behind the "▶ evaluate" lenses (workspace/executeCommand, for every
// LSP client) and the custom requests the VS Code client and the report view use:
//   xent/evaluate { uri, experiment?, position? } → { results: ExperimentResult[], cached: string[] }
//   xent/report   { uri, experiment?, position? }  → { result, stale, evaluatedAt } | null
// Without a name, the experiment at `position` (the editor's cursor) is meant, by the core's one rule
// (core/syntax/experiment-at.ts); with neither, xent/evaluate evaluates every experiment of the file.
// Also forwards data-file changes (workspace/didChangeWatchedFiles) to the evaluation service.
// Command ids: evaluation/commands.ts.

import { MessageType, type ExecuteCommandParams, type Position, type ProgressToken } from 'vscode-languageserver';
import { experimentAt } from '../../core/syntax/experiment-at';
import type { ExperimentResult } from '../../core/eval/types';
import type { Feature, ServerContext } from '../context';
import { evaluationService, type EvaluateAnswer } from '../evaluation';
import { uriToPath } from '../workspace';
import { headline } from '../../../../shared/headline';
import { commandAction, SERVER_COMMANDS } from '../evaluation/commands';

interface EvaluateParams {
  uri: string;
  /** The experiment by name; else the one at `position`; else (xent/evaluate) every experiment of the file. */
  experiment?: string;
  /** The cursor (an editor's "evaluate the experiment I am in"): resolved here, by the core's one rule. */
  position?: Position;
  workDoneToken?: ProgressToken;
}

const isPosition = (p: unknown): p is Position =>
  typeof p === 'object' && p !== null && Number.isInteger((p as Position).line) && Number.isInteger((p as Position).character);

/** The experiment a request names, or the one at its position (core/syntax/experiment-at.ts), or undefined. */
function requestedExperiment(ctx: ServerContext, params: EvaluateParams): string | undefined {
  if (typeof params.experiment === 'string') return params.experiment;
  if (!isPosition(params.position)) return undefined;
  const parse = ctx.store.get(params.uri)?.analysis.parse;
  return parse ? experimentAt(parse.document, parse.source.offsetAt(params.position))?.name?.name : undefined;
}

const NO_ANSWER: EvaluateAnswer = { results: [], cached: [] };

export const evaluateCommandFeature: Feature = {
  name: 'evaluate-command',
  capabilities: { executeCommandProvider: { commands: Object.values(SERVER_COMMANDS) } },
  register(ctx: ServerContext) {
    const service = evaluationService(ctx);

    ctx.connection.onRequest(
      'xent/evaluate',
      ctx.guard<EvaluateParams, EvaluateAnswer>('xent/evaluate', NO_ANSWER, (params, token) => {
        if (typeof params?.uri !== 'string') return NO_ANSWER;
        return service.evaluate(params.uri, requestedExperiment(ctx, params), { token, workDoneToken: params.workDoneToken });
      }),
    );

    ctx.connection.onRequest(
      'xent/report',
      ctx.guard<EvaluateParams, ReturnType<typeof service.report>>('xent/report', null, (params) => {
        const name = typeof params?.uri === 'string' ? requestedExperiment(ctx, params) : undefined;
        return name !== undefined ? service.report(params.uri, name) : null;
      }),
    );

    ctx.connection.onExecuteCommand(
      ctx.guard<ExecuteCommandParams, unknown>('executeCommand', null, async (params, token) => {
        const action = commandAction(params.command);
        const [uri, experiment] = (params.arguments ?? []) as [unknown, unknown];
        if (!action || typeof uri !== 'string') return null;
        const name = typeof experiment === 'string' ? experiment : undefined;
        if (action === 'showReport') {
          if (!name) return null;
          const report = service.report(uri, name);
          // A generic client has no report view: the report text goes to a message.
          if (report) void ctx.connection.sendNotification('window/showMessage', { type: MessageType.Info, message: reportMessage(report.result) });
          return report;
        }
        const answer = await service.evaluate(uri, action === 'evaluate' ? name : undefined, { token, workDoneToken: params.workDoneToken });
        const failed = answer.results.filter((r) => r.error && r.error !== 'cancelled');
        if (failed.length > 0) {
          void ctx.connection.sendNotification('window/showMessage', { type: MessageType.Warning, message: failed.map((r) => `${r.name}: cannot evaluate: ${r.error}`).join('\n') });
        }
        return answer;
      }),
    );

    ctx.connection.onDidChangeWatchedFiles((params) => {
      try {
        service.filesChanged(params.changes.flatMap((c) => uriToPath(c.uri) ?? []));
      } catch (err) {
        ctx.log(`xent: file change handling failed: ${String(err)}`);
      }
    });
  },
};

function reportMessage(r: ExperimentResult): string {
  const lines = [`${r.name}: ${headline(r)}`];
  if (r.metrics.report_text) lines.push('', r.metrics.report_text);
  if (r.metrics.confusion_matrix) lines.push('confusion matrix (rows: true, columns: predicted):', ...r.metrics.confusion_matrix.map((row) => `  ${row.join('  ')}`));
  return lines.join('\n');
}
