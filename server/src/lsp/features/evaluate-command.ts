// Evaluation on request: the commands behind the "▶ evaluate" lenses (workspace/executeCommand, for every
// LSP client) and the custom requests the VS Code client and the report view use:
//   xent/evaluate { uri, experiment? } → { results: ExperimentResult[], cached: string[] }
//   xent/report   { uri, experiment }  → { result, stale, evaluatedAt } | null
// Also forwards data-file changes (workspace/didChangeWatchedFiles) to the evaluation service.
// Command ids: evaluation/commands.ts.

import { MessageType, type ExecuteCommandParams, type ProgressToken } from 'vscode-languageserver';
import type { ExperimentResult } from '../../core/eval/types';
import type { Feature, ServerContext } from '../context';
import { evaluationService, type EvaluateAnswer } from '../evaluation';
import { uriToPath } from '../workspace';
import { headline } from '../../../../shared/headline';
import { commandAction, SERVER_COMMANDS } from '../evaluation/commands';

interface EvaluateParams {
  uri: string;
  experiment?: string;
  workDoneToken?: ProgressToken;
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
        return service.evaluate(params.uri, typeof params.experiment === 'string' ? params.experiment : undefined, { token, workDoneToken: params.workDoneToken });
      }),
    );

    ctx.connection.onRequest(
      'xent/report',
      ctx.guard<EvaluateParams, ReturnType<typeof service.report>>('xent/report', null, (params) =>
        typeof params?.uri === 'string' && typeof params.experiment === 'string' ? service.report(params.uri, params.experiment) : null,
      ),
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
