// Data rules on file data without a click: when a document opens or changes, experiments whose csv()/npy()
// files are small (together ≤ xent.dataSizeLimit, default 5 MB) are evaluated in the background, so the data
// findings (a label outside the classes, a probability outside [0, 1], a row that does not sum to 1, a cell
// that is not a number, a missing file) appear as diagnostics while typing; the lens then shows the numbers
// too. Larger files are read only when the user asks (▶ evaluate). Nothing is read in Restricted Mode.

import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExperimentModel } from '../../core/model/types';
import type { Feature, ServerContext } from '../context';
import { evaluationService } from '../evaluation';

/** Debounce per document: typing should not start an evaluation per keystroke. */
const DELAY_MS = 400;

/** The data files an experiment reads, as written (csv: the path; npy: each array). */
export function dataFiles(m: ExperimentModel): string[] {
  if (!m.data || m.data.kind === 'inline') return [];
  const args = m.data.call.args;
  const keys = m.data.kind === 'csv' ? ['path'] : ['y_true', 'y_pred', 'features'];
  const out: string[] = [];
  for (const k of keys) {
    const v = args.get(k)?.value;
    if (v?.kind === 'string' && v.value !== '') out.push(v.value);
  }
  return out;
}

async function totalSize(folder: string, files: readonly string[]): Promise<number> {
  let total = 0;
  for (const f of files) {
    try {
      total += (await stat(isAbsolute(f) ? f : resolve(folder, f))).size;
    } catch {
      // A missing file costs nothing to check: the evaluation reports it where the user can see it.
    }
  }
  return total;
}

export const dataCheckFeature: Feature = {
  name: 'data-check',
  capabilities: {},
  register(ctx: ServerContext) {
    const timers = new Map<string, NodeJS.Timeout>();
    const check = async (uri: string) => {
      const settings = ctx.settings();
      if (!settings.trusted || !uri.startsWith('file:')) return;
      const state = ctx.store.get(uri);
      if (!state) return;
      const service = evaluationService(ctx);
      const folder = dirname(fileURLToPath(uri));
      for (const model of state.analysis.models) {
        const files = dataFiles(model);
        if (files.length === 0) continue;
        const last = service.lastOutcome(uri, model.name);
        if (last && service.isFresh(last, state.analysis, model)) continue;
        if ((await totalSize(folder, files)) > settings.dataSizeLimit) continue;
        if (ctx.store.get(uri)?.document.version !== state.document.version) return; // edited meanwhile
        await service.evaluate(uri, model.name);
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
