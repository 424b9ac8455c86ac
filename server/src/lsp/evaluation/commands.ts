// The command ids of evaluation, shared by the lenses (which carry them) and the evaluate feature (which runs them).
// The lenses carry the client-facing ids (xent.evaluate, xent.evaluateAll, xent.showReport), which the VS Code
// extension registers itself and forwards to xent/evaluate. The server advertises `xent.server.*` ids (advertising
// the client's own ids would make vscode-languageclient register them a second time, which fails) and accepts
// both spellings in workspace/executeCommand.

import type { ExperimentResult } from '../../../../shared/results';

export const CLIENT_COMMANDS = { evaluate: 'xent.evaluate', evaluateAll: 'xent.evaluateAll', showReport: 'xent.showReport' } as const;
export const SERVER_COMMANDS = { evaluate: 'xent.server.evaluate', evaluateAll: 'xent.server.evaluateAll', showReport: 'xent.server.showReport' } as const;

export type CommandAction = keyof typeof CLIENT_COMMANDS;

/** The action a command id names, in either spelling. */
export function commandAction(command: string): CommandAction | undefined {
  for (const action of Object.keys(CLIENT_COMMANDS) as CommandAction[]) {
    if (command === CLIENT_COMMANDS[action] || command === SERVER_COMMANDS[action]) return action;
  }
  return undefined;
}

/** What a lens or an inlay hint needs to know of an experiment's last evaluation. */
export interface LensOutcome {
  readonly result: ExperimentResult;
  /** Computed from the experiment's current text and data. */
  readonly fresh: boolean;
}
