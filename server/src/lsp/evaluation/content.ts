// What an evaluation depends on in the document: the experiment's own text and the text of every experiment
// it extends (its content hash), and the data files it names. Pure functions of the analysis.

import { createHash } from 'node:crypto';
import type { Analysis } from '../../core/check';
import type { ExperimentModel } from '../../core/model/types';
import type { Experiment } from '../../core/syntax/ast';

/** The first experiment of a name (a duplicate is an error and never the one a model describes). */
export function experimentNode(analysis: Analysis, name: string): Experiment | undefined {
  return analysis.parse.document.experiments.find((e) => e.name?.name === name);
}

const hashes = new WeakMap<Analysis, Map<string, string>>();

/**
 * A hash of the experiment's text and of each ancestor's, in order: equal hashes mean the same model and
 * inline data, wherever the experiments stand in the file (positions do not matter, only the text does).
 * Memoised per analysis: hovers and inlay hints ask often, and inline data can be megabytes.
 */
export function contentHash(analysis: Analysis, model: ExperimentModel): string {
  let memo = hashes.get(analysis);
  if (!memo) hashes.set(analysis, (memo = new Map()));
  const known = memo.get(model.name);
  if (known) return known;
  const text = analysis.parse.source.text;
  const h = createHash('sha1');
  for (const name of [model.name, ...model.ancestors]) {
    const node = name === model.name ? model.node : experimentNode(analysis, name);
    h.update(`${name}\u0000${node ? text.slice(node.start, node.end) : ''}\u0000`);
  }
  const hash = h.digest('hex');
  memo.set(model.name, hash);
  return hash;
}

/** The file paths the experiment's data source names, as written (relative to the .xent file or absolute). */
export function dataFilePaths(model: ExperimentModel): string[] {
  const data = model.data;
  if (!data || data.kind === 'inline') return [];
  const names = data.kind === 'npy' ? ['y_true', 'y_pred', 'features'] : ['path'];
  const paths: string[] = [];
  for (const name of names) {
    const v = data.call.args.get(name)?.value;
    if (v?.kind === 'string' && v.value !== '') paths.push(v.value);
  }
  return paths;
}
