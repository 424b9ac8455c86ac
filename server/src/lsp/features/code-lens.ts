// The "▶ evaluate" code lens above every experiment ("▶ evaluate all" at the top of a file with several).
// After an evaluation the lens reads a short headline of the declared numbers ("log_loss 0.4594 · accuracy
// 0.700 · F1 0.7692 · 10 samples · 3 ms", see headline.ts) with a second lens, "report"; a failure reads "cannot evaluate: …". The last result of each
// experiment stays until a new one replaces it, so lenses keep their text while the user types; the server
// asks the client to refresh its lenses when a result arrives. A click on a result evaluates again.

import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import type { Analysis } from '../../core/check';
import type { Feature, ServerContext } from '../context';
import { toLspRange } from '../convert';
import { evaluationService, RESTRICTED } from '../evaluation';
import { headline } from '../../../../shared/headline';
import { clientRefresher } from '../evaluation/refresh';
import { CLIENT_COMMANDS, SERVER_COMMANDS, type LensOutcome } from '../evaluation/commands';

export interface LensInput {
  readonly uri: string;
  readonly analysis: Analysis;
  /** Restricted Mode: nothing is evaluated. */
  readonly restricted: boolean;
  /**
   * The command ids the lenses carry: the VS Code extension registers `xent.evaluate` & co. itself (and says so
   * with the `clientCommands` option); any other editor runs the server's own `xent.server.*` commands.
   */
  readonly commands?: typeof CLIENT_COMMANDS | typeof SERVER_COMMANDS;
  outcome(name: string): LensOutcome | undefined;
}

export function buildLenses({ uri, analysis, restricted, outcome, commands = CLIENT_COMMANDS }: LensInput): CodeLens[] {
  const source = analysis.parse.source;
  const seen = new Set<string>();
  const experiments = analysis.parse.document.experiments.filter((e) => e.name && !seen.has(e.name.name) && seen.add(e.name.name));
  const lenses: CodeLens[] = [];
  if (experiments.length > 1) {
    const top = toLspRange(source.rangeOf(0, 0));
    lenses.push(
      restricted
        ? { range: top, command: { title: RESTRICTED, command: '' } }
        : { range: top, command: { title: '▶ evaluate all', command: commands.evaluateAll, arguments: [uri] } },
    );
  }
  for (const e of experiments) {
    const name = e.name!.name;
    const range = toLspRange(source.rangeOf(e.start, e.name!.end));
    if (restricted) {
      lenses.push({ range, command: { title: RESTRICTED, command: '' } });
      continue;
    }
    const evaluate = (title: string): CodeLens => ({ range, command: { title, command: commands.evaluate, arguments: [uri, name] } });
    const o = outcome(name);
    if (!o) {
      lenses.push(evaluate('▶ evaluate'));
      continue;
    }
    lenses.push(evaluate(headline(o.result)));
    if (!o.result.error) {
      lenses.push({ range, command: { title: 'report', command: commands.showReport, arguments: [uri, name] } });
    }
  }
  return lenses;
}

export const codeLensFeature: Feature = {
  name: 'code-lens',
  capabilities: { codeLensProvider: { resolveProvider: false } },
  register(ctx: ServerContext) {
    const service = evaluationService(ctx);
    const refresh = clientRefresher(ctx.connection, 'workspace/codeLens/refresh');
    service.onDidChange(() => refresh());

    ctx.connection.onCodeLens(
      ctx.guard<CodeLensParams, CodeLens[]>('codeLens', [], (params) => {
        const uri = params.textDocument.uri;
        const state = ctx.store.get(uri);
        if (!state) return [];
        const { analysis } = state;
        service.bind(analysis, uri);
        return buildLenses({
          uri,
          analysis,
          restricted: service.restricted(uri),
          commands: ctx.settings().clientCommands ? CLIENT_COMMANDS : SERVER_COMMANDS,
          outcome(name) {
            const o = service.lastOutcome(uri, name);
            if (!o) return undefined;
            const model = analysis.models.find((m) => m.name === name);
            return { result: o.result, fresh: !!model && service.isFresh(o, analysis, model) };
          },
        });
      }),
    );
  },
};
