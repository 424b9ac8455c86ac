// Partial results: an experiment's sufficient statistics for some of its rows, as one JSON document, and
// their merge into exactly the result one evaluation of all the rows gives (docs/scale.md).
//
//   experimentFingerprint(m, text)       what the numbers depend on besides the rows (every property of the
//                                        experiment in effect but `data`), hashed: partials merge only under
//                                        the same definition
//   partialOf(m, text, options)          reads the experiment's rows (or the rows of options.data) into a
//                                        PartialDocument
//   mergePartials(m, text, docs, opts)   the Evaluation of all their rows together, as evaluateExperiment
//                                        gives it for one data source
//   readPartial(json, file)              parses and checks a document (format, version), with the reason
//
// Exactness: every count is an integer and every sum an exact sum (metrics/losses/exact-sum.ts), so the merged
// numbers are the same bits whatever the split into parts and the order of the documents. The ranking
// metrics (auc, average_precision) keep their scores: a partial then holds its distinct rows with counts
// (ranking-rows.ts).

import { createHash } from 'node:crypto';
import type { ExperimentModel } from '../model/types';
import { layoutHintOf, resultOf, scoreSource, type EvaluateOptions, type Evaluation, type Scored } from '../eval/evaluate';
import { NEEDS_DATA_SHAPE, planEvaluation, type EvalPlan } from '../eval/plan';
import { DataProblem, Scorer, type ScorerState } from '../eval/scorer';
import { openSource, type SeenTargets } from '../eval/sources';
import { decodeState, encodeState } from './codec';
import { compactRanking, expandRanking, type RankingRows } from './ranking-rows';

export const PARTIAL_FORMAT = 'xent-partial';
export const PARTIAL_VERSION = 1;

/** One part's statistics (docs/scale.md, "The partial document"). */
export interface PartialDocument {
  readonly format: typeof PARTIAL_FORMAT;
  readonly version: typeof PARTIAL_VERSION;
  /** The xent version that wrote it (information only: the format version decides compatibility). */
  readonly xent: string;
  readonly experiment: string;
  /** experimentFingerprint of the definition it was computed under. */
  readonly fingerprint: string;
  /** The data it read, as given ("runs/val.csv", "stdin"). */
  readonly data: string;
  /** Rows scored (0: an empty part, which merges as nothing). */
  readonly rows: number;
  /** What the data showed, and the accumulators (encodeState of Scorer.exportState): absent when rows is 0. */
  readonly seen?: SeenTargets;
  readonly state?: unknown;
}

export function experimentFingerprint(m: ExperimentModel, text: string): string {
  const facts = [...m.properties.entries()]
    .filter(([key]) => key !== 'data')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, p]) => `${key}=${text.slice(p.property.start, p.property.end).replace(/\s+/g, ' ')}`);
  return createHash('sha256').update(`${m.name}\n${facts.join('\n')}`).digest('hex').slice(0, 32);
}

export interface PartialOptions extends EvaluateOptions {
  /** The xent version to record. */
  readonly version: string;
}

/**
 * The partial document of an experiment's rows, or why there is none. A part with no rows (an empty
 * Spark partition) is a document with rows 0. A fitted model (`features:`) cannot be split: it is fitted
 * on all rows at once.
 */
export async function partialOf(m: ExperimentModel, text: string, options: PartialOptions): Promise<{ document: PartialDocument } | { error: string }> {
  const fitted = { error: `${m.name} fits a model on its features: a fit needs all rows at once, so it has no partial results` };
  if (m.data?.kind === 'inline' && m.data.features && !m.data.yPred) return fitted;
  const plan = planEvaluation(m);
  if (typeof plan === 'string') return { error: plan };
  let scored: Scored;
  const data = options.data?.display ?? dataName(m);
  const base = { format: PARTIAL_FORMAT, version: PARTIAL_VERSION, xent: options.version, experiment: m.name, fingerprint: experimentFingerprint(m, text), data } as const;
  try {
    const source = await openSource(m, layoutHintOf(m), options);
    if (typeof source === 'string') return { error: source };
    if (source.fit) return fitted;
    scored = await scoreSource(m, plan, source, options);
  } catch (err) {
    if (err instanceof DataProblem && err.code === 'empty-data') return { document: { ...base, rows: 0 } };
    if (err instanceof DataProblem) return { error: err.message };
    throw err;
  }
  if (!scored.scorer || scored.scorer.sampleCount === 0) return { document: { ...base, rows: 0 } };
  const state = scored.scorer.exportState();
  // The ranking metrics' scores travel as distinct rows with counts (ranking-rows.ts).
  const carried = state.ranking ? { ...state, ranking: compactRanking(state.ranking) } : state;
  return { document: { ...base, rows: scored.scorer.sampleCount, seen: scored.seen, state: encodeState(carried) } };
}

function dataName(m: ExperimentModel): string {
  const d = m.data;
  if (!d || d.kind === 'inline') return 'inline';
  const path = d.call.args.get('path')?.value ?? d.call.args.get('y_pred')?.value;
  return path?.kind === 'string' ? path.value : d.kind;
}

/** Parses a partial document; a string says why it is not one. */
export function readPartial(json: string, file: string): PartialDocument | string {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (err) {
    return `${file}: not JSON (${(err as Error).message})`;
  }
  const d = doc as Partial<PartialDocument> | null;
  if (!d || typeof d !== 'object' || d.format !== PARTIAL_FORMAT) return `${file}: not a partial result of xent (no "format": "${PARTIAL_FORMAT}")`;
  if (d.version !== PARTIAL_VERSION) return `${file}: a partial result of format version ${String(d.version)}; this xent reads version ${PARTIAL_VERSION}`;
  if (typeof d.experiment !== 'string' || typeof d.fingerprint !== 'string' || typeof d.rows !== 'number' || !Number.isInteger(d.rows) || d.rows < 0) {
    return `${file}: a partial result without its experiment, fingerprint or row count`;
  }
  if (d.rows > 0 && (d.state === undefined || !d.seen)) return `${file}: a partial result of ${d.rows} rows without its statistics`;
  return d as PartialDocument;
}

/** A partial document with its file name, for messages. */
export interface NamedPartial {
  readonly file: string;
  readonly document: PartialDocument;
}

/**
 * The result of all the parts' rows together, as evaluateExperiment gives it for one source: the parts are
 * read in the order given (the row numbers in findings follow it); the numbers do not depend on it.
 */
export async function mergePartials(m: ExperimentModel, text: string, parts: readonly NamedPartial[], options: EvaluateOptions): Promise<Evaluation> {
  const fingerprint = experimentFingerprint(m, text);
  return resultOf(m, options, async (firstPlan) => {
    for (const { file, document: d } of parts) {
      if (d.experiment !== m.name) throw new DataProblem('partial-mismatch', `${file} holds experiment ${d.experiment}, not ${m.name}`);
      if (d.fingerprint !== fingerprint) {
        throw new DataProblem('partial-mismatch', `${file} was computed under another definition of ${m.name} (its task, classes, labels, loss or metrics differ from this file's): recompute it with this file`);
      }
    }
    const full = parts.filter((p) => p.document.rows > 0);
    if (full.length === 0) return { scored: { plan: undefined, scorer: undefined, seen: { kind: 'labels', columns: 1, description: '' } } };
    const states = full.map((p) => ({ file: p.file, seen: p.document.seen!, state: decode(p.file, p.document.state) }));
    const first = states[0];
    for (const s of states) {
      if (s.seen.kind !== first.seen.kind || s.seen.columns !== first.seen.columns) {
        throw new DataProblem('partial-mismatch', `${s.file}: ${s.seen.description}, but ${first.file}: ${first.seen.description}`);
      }
      if (s.state.shape.predCols !== first.state.shape.predCols) {
        throw new DataProblem('partial-mismatch', `${s.file} has ${s.state.shape.predCols} y_pred columns, ${first.file} ${first.state.shape.predCols}`);
      }
    }
    let plan: EvalPlan;
    if (firstPlan === NEEDS_DATA_SHAPE) {
      const p = planEvaluation(m, first.state.shape);
      if (typeof p !== 'object') throw new DataProblem('cannot-evaluate', typeof p === 'string' ? p : 'the data shows no classes');
      plan = p;
    } else plan = firstPlan;
    // A document edited by hand (or damaged) fails here with its name, not later as an internal error.
    const merging = <T>(file: string, step: () => T): T => {
      try {
        return step();
      } catch (err) {
        throw new DataProblem('partial-unreadable', `${file}: its statistics do not fit ${m.name} (${(err as Error).message})`);
      }
    };
    const scorer = merging(first.file, () => Scorer.restore(plan, checkedState(first.state, plan), { curves: options.curves }));
    for (const s of states.slice(1)) merging(s.file, () => scorer.absorb(checkedState(s.state, plan)));
    return { scored: { plan, scorer, seen: first.seen } };
  });
}

/** The parts of a state every merge reads, checked against the plan (the accumulators check their own on merge). */
function checkedState(state: ScorerState, plan: EvalPlan): ScorerState {
  const { shape, samples, counts } = state;
  const whole = (x: unknown) => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
  if (!shape || typeof shape.indices !== 'boolean' || !whole(shape.trueCols) || !whole(shape.predCols) || shape.predCols < 1) throw new Error('its shape is not one xent writes');
  if (!['float16', 'float32', 'float64'].includes(shape.predDtype)) throw new Error(`y_pred's dtype ${String(shape.predDtype)} is not one xent reads`);
  if (!whole(samples) || !counts || !Array.isArray(state.outsideValues) || !Array.isArray(state.places) || !Array.isArray(state.locations)) throw new Error('its counts are not whole numbers of rows');
  if (shape.predCols > plan.k || (!shape.indices && shape.trueCols > plan.k)) throw new Error(`it has ${shape.predCols} y_pred columns for ${plan.k} classes`);
  if (!Array.isArray(state.brier) || !Array.isArray(state.topK) || !Array.isArray(state.kerasAccuracy) || !Array.isArray(state.trueSeen)) throw new Error('its accumulators are incomplete');
  return state;
}

function decode(file: string, state: unknown): ScorerState {
  let decoded: ScorerState;
  try {
    decoded = decodeState(state) as ScorerState;
  } catch (err) {
    throw new DataProblem('partial-unreadable', `${file}: its statistics cannot be read (${(err as Error).message})`);
  }
  const ranking = decoded?.ranking as unknown as RankingRows | undefined;
  if (ranking === undefined) return decoded;
  const expanded = ranking.kind === 'ranking-rows' ? expandRanking(ranking) : 'its ranking scores are not in the form xent writes';
  if (typeof expanded === 'string') throw new DataProblem('partial-unreadable', `${file}: its statistics cannot be read (${expanded})`);
  return { ...decoded, ranking: expanded };
}

