// Progress of an evaluation (window/workDoneProgress): on the request's own token when the client gave one,
// else on a token the server creates, cancellable, and only once the evaluation has run for a moment (small
// inline data finishes long before a progress bar could be seen, and would only make it flicker).

import type { Connection, ProgressToken, WorkDoneProgressReporter, WorkDoneProgressServerReporter } from 'vscode-languageserver';

const SHOW_AFTER_MS = 300;

export class EvaluationProgress {
  private reporter: WorkDoneProgressReporter | undefined;
  private timer: NodeJS.Timeout | undefined;
  private finished = false;
  private percentage = 0;
  private message: string | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly title: string,
    workDoneToken: ProgressToken | undefined,
    /** Called when the user cancels through the progress UI. */
    private readonly onCancel: () => void,
  ) {
    if (workDoneToken !== undefined) {
      this.reporter = connection.window.attachWorkDoneProgress(workDoneToken);
      this.reporter.begin(title, 0, undefined, true);
    } else {
      this.timer = setTimeout(() => void this.create(), SHOW_AFTER_MS);
    }
  }

  private async create(): Promise<void> {
    let created: WorkDoneProgressServerReporter;
    try {
      created = await this.connection.window.createWorkDoneProgress();
    } catch {
      return; // the client refused the token: no progress, the evaluation goes on
    }
    if (this.finished) {
      created.done();
      return;
    }
    this.reporter = created;
    created.token.onCancellationRequested(() => this.onCancel());
    created.begin(this.title, this.percentage, this.message, true);
  }

  /** `fraction` of the work done (0..1); sent when the whole percentage changes. */
  report(fraction: number, message?: string): void {
    const percentage = Math.max(0, Math.min(100, Math.floor(fraction * 100)));
    if (percentage === this.percentage && message === this.message) return;
    this.percentage = percentage;
    this.message = message;
    if (message === undefined) this.reporter?.report(percentage);
    else this.reporter?.report(percentage, message);
  }

  done(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.timer) clearTimeout(this.timer);
    this.reporter?.done();
  }
}
