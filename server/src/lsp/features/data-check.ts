// Data rules on file data without a click: when a document opens or changes, experiments whose csv()/npy()
// files are small (together ≤ xent.dataSizeLimit, default 5 MB) are evaluated in the background, so the data
// findings (a label outside the classes, a probability outside [0, 1], a row that does not sum to 1, a cell
// that is not a number, a missing file) appear as diagnostics while typing; the lens then shows the numbers
// too. Larger files are read only when the user asks (▶ evaluate). Nothing is read in Restricted Mode. Which
// experiments qualify is decided in the core (decideDataRead), as for `xent check --data-limit`.

import { dirname } from 'node:path';
import { decideDataRead } from '../../core/eval/data-check';
import type { Feature, ServerContext } from '../context';
import { uriToPath } from '../workspace';
import { evaluationService } from '../evaluation';

/** Debounce per document: typing should not start an evaluation per keystroke. */
const DELAY_MS = 400;
/**
 * A background check reads a few MB and takes well under a second; one still running after this long is
 * stuck (or the machine is): it is cancelled, which frees its worker thread.
 */
const BACKGROUND_TIMEOUT_MS = 30_000;

export const dataCheckFeature: Feature = {
  name: 'data-check',
  capabilities: {},
  register(ctx: ServerContext) {
    const timers = new Map<string, NodeJS.Timeout>();
    const check = async (uri: string) => {
      const settings = ctx.settings();
      const file = uriToPath(uri);
      if (!settings.trusted || !file) return;
      const state = ctx.store.get(uri);
      if (!state) return;
      const service = evaluationService(ctx);
      const folder = dirname(file);
      for (const model of state.analysis.models) {
        // The same decision as `xent check --data-limit` (core/eval/data-check.ts).
        const last = service.lastOutcome(uri, model.name);
        if (last && service.isFresh(last, state.analysis, model)) continue;
        if (!(await decideDataRead(model, folder, settings.dataSizeLimit)).read) continue;
        if (ctx.store.get(uri)?.document.version !== state.document.version) return; // edited meanwhile
        await service.evaluate(uri, model.name, { timeoutMs: BACKGROUND_TIMEOUT_MS });
      }
    };
    const schedule = (uri: string) => {
      clearTimeout(timers.get(uri));
      timers.set(
        uri,
        setTimeout(() => {
          timers.delete(uri);
          check(uri).catch((err) => ctx.log(`xent: data check failed: ${err instanceof Error ? err.message : String(err)}`));
        }, DELAY_MS),
      );
    };
    ctx.store.documents.onDidChangeContent((e) => schedule(e.document.uri));
    ctx.store.documents.onDidClose((e) => {
      clearTimeout(timers.get(e.document.uri));
      timers.delete(e.document.uri);
    });
    ctx.onSettingsChanged(() => ctx.store.all().forEach((d) => schedule(d.uri)));
  },
};
