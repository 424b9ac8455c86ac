// The evaluation service: runs the metrics engine for experiments of open documents on worker threads, keeps
// the last outcome of each experiment (what lenses, inlay hints, hovers and diagnostics show), and caches
// results by what they depend on: the experiment's text and its ancestors' (a content hash), the report
// digits, and the data files' modification times and sizes.
//
// - Untrusted workspaces (Restricted Mode) evaluate nothing.
// - Data files must lie inside the .xent file's workspace folder. The job carries that folder as `root` and
//   the readers open each file once, verified (core/data/safe-open.ts): a symlink swapped after any check
//   cannot lead the read outside. data-files.ts only answers early, with a clearer message, and stamps the
//   files for the cache; it is not what keeps the reads inside.
// - Two requests for the same experiment and content share one job; the job is cancelled when every
//   request that waits for it is.
// - A result is kept per experiment name until a newer one replaces it, so lenses do not flicker while the
//   user types; hovers show numbers only while the experiment's content is the one evaluated.

import { dirname } from 'node:path';
import type { CancellationToken, ProgressToken } from 'vscode-languageserver';
import type { Analysis } from '../../core/check';
import type { Diagnostic } from '../../core/diagnostic';
import type { ExperimentResult } from '../../core/eval/types';
import type { ExperimentModel } from '../../core/model/types';
import type { ServerContext } from '../context';
import { anchorDiagnostics, experimentPlace, placeDiagnostics, type AnchoredDiagnostic, type ExperimentPlace } from './anchored';
import { contentHash, dataFilePaths } from './content';
import { checkDataFiles, expandDataPaths, sameStamps, stampsMention, type FileStamp } from './data-files';
import { dataRoot } from './folders';
import { uriToPath } from '../workspace';
import { errorResult, failedReply } from './job';
import { EvaluationProgress } from './progress';
import type { JobReply } from './protocol';
import { createJobRunner, type JobRunner } from './runner';

export const RESTRICTED = 'evaluation is disabled in Restricted Mode';

/** One experiment's last evaluation (or refusal), as the features show it. */
export interface Outcome {
  readonly uri: string;
  readonly name: string;
  /** contentHash of the experiment when it was evaluated. */
  readonly hash: string;
  readonly digits: number;
  readonly stamps: readonly FileStamp[];
  readonly result: ExperimentResult;
  readonly diagnostics: readonly AnchoredDiagnostic[];
  /** When it was computed (ms since the epoch). */
  readonly at: number;
  /** Orders outcomes of the same experiment: an older job finishing late does not replace a newer result. */
  readonly seq: number;
  /** A data file it read has changed since (a file watcher said so). */
  dataChanged?: boolean;
}

export interface EvaluateAnswer {
  readonly results: ExperimentResult[];
  /** The experiments whose result came from the cache. */
  readonly cached: string[];
}

export interface EvaluateOptions {
  readonly token?: CancellationToken;
  readonly workDoneToken?: ProgressToken;
  /** Cancel the evaluation (and free its thread) after this long: for the background checks nobody waits for. */
  readonly timeoutMs?: number;
}

interface Flight {
  readonly promise: Promise<JobReply>;
  readonly controller: AbortController;
  users: number;
  readonly progress: Set<(fraction: number) => void>;
}

const CACHE_SIZE = 64;

export class EvaluationService {
  private readonly last = new Map<string, Map<string, Outcome>>();
  private readonly cache = new Map<string, Outcome>();
  private readonly flights = new Map<string, Flight>();
  private readonly uriOf = new WeakMap<Analysis, string>();
  private readonly listeners: ((uri: string) => void)[] = [];
  private seq = 0;
  private wasRestricted = false;
  /** After shutdown: nothing more is evaluated. */
  private disposed = false;

  constructor(
    private readonly ctx: ServerContext,
    private readonly runner: JobRunner = createJobRunner(),
    private readonly folders: { list(): Promise<readonly string[]> } = { list: () => ctx.workspaceFolders() },
  ) {}

  // ---------------------------------------------------------------- what the features read

  /** Called with a document's uri whenever what the features show for it changes. */
  onDidChange(listener: (uri: string) => void): void {
    this.listeners.push(listener);
  }

  restricted(uri?: string): boolean {
    return this.ctx.settings(uri).trusted === false;
  }

  lastOutcome(uri: string, name: string): Outcome | undefined {
    return this.last.get(uri)?.get(name);
  }

  /** Remembers which document an analysis belongs to (hover sections receive only the analysis). */
  bind(analysis: Analysis, uri: string): void {
    this.uriOf.set(analysis, uri);
  }

  /** Whether the outcome was computed from exactly this content (and its data has not changed since). */
  isFresh(outcome: Outcome, analysis: Analysis, model: ExperimentModel): boolean {
    return !outcome.dataChanged && outcome.hash === contentHash(analysis, model);
  }

  /** The outcome for the experiment's current content, if one was computed: what the evaluated hover shows. */
  freshOutcome(analysis: Analysis, model: ExperimentModel): Outcome | undefined {
    const uri = this.uriOf.get(analysis);
    const candidates = uri !== undefined ? [this.lastOutcome(uri, model.name)] : [...this.last.values()].map((m) => m.get(model.name));
    return candidates.find((o): o is Outcome => !!o && this.isFresh(o, analysis, model));
  }

  /** The evaluation diagnostics of a document, placed on its current text (for the diagnostics feature). */
  diagnostics(uri: string, analysis: Analysis): Diagnostic[] {
    this.bind(analysis, uri);
    const outcomes = this.last.get(uri);
    if (!outcomes || this.restricted(uri)) return [];
    const out: Diagnostic[] = [];
    for (const model of analysis.models) {
      const o = outcomes.get(model.name);
      if (o && o.diagnostics.length > 0 && o.hash === contentHash(analysis, model)) out.push(...placeDiagnostics(analysis, model, o.diagnostics));
    }
    return out;
  }

  /** The last result of an experiment for the report view, and whether the text or data changed since. */
  report(uri: string, name: string): { result: ExperimentResult; stale: boolean; evaluatedAt: string } | null {
    const o = this.lastOutcome(uri, name);
    if (!o) return null;
    const state = this.ctx.store.get(uri);
    const model = state?.analysis.models.find((m) => m.name === name);
    const stale = !state || !model || !this.isFresh(o, state.analysis, model);
    return { result: o.result, stale, evaluatedAt: new Date(o.at).toISOString() };
  }

  // ---------------------------------------------------------------- events from the editor

  documentClosed(uri: string): void {
    this.last.delete(uri);
    for (const [key, f] of this.flights) if (key.startsWith(`${uri}\n`)) f.controller.abort();
  }

  /** Data files changed on disk: their results are out of date and no longer served from the cache. */
  filesChanged(paths: readonly string[]): void {
    const touched = new Set<string>();
    for (const [key, o] of this.cache) if (paths.some((p) => stampsMention(o.stamps, p))) this.cache.delete(key);
    for (const [uri, outcomes] of this.last) {
      for (const o of outcomes.values()) {
        if (!o.dataChanged && paths.some((p) => stampsMention(o.stamps, p))) {
          o.dataChanged = true;
          touched.add(uri);
        }
      }
    }
    for (const uri of touched) this.fire(uri);
  }

  /** The settings changed; if the trust did, running jobs stop (Restricted Mode) and every lens changes. */
  settingsChanged(): void {
    const restricted = this.restricted();
    if (restricted === this.wasRestricted) return;
    this.wasRestricted = restricted;
    if (restricted) for (const f of this.flights.values()) f.controller.abort();
    for (const uri of new Set([...this.last.keys(), ...this.ctx.store.all().map((d) => d.uri)])) this.fire(uri);
  }

  /** Evaluation threads that were terminated but have not ended: blocked in a system call (see runner.ts). */
  threadsStuck(): number {
    return this.runner.stats().stuck;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const f of this.flights.values()) f.controller.abort();
    this.runner.dispose();
  }

  // ---------------------------------------------------------------- evaluating

  /** Evaluates one experiment of an open document, or all of them (`name` undefined). */
  async evaluate(uri: string, name: string | undefined, options: EvaluateOptions = {}): Promise<EvaluateAnswer> {
    const state = this.ctx.store.get(uri);
    if (!state) return { results: [errorResult(name ?? '', 'the document is not open')], cached: [] };
    const { analysis } = state;
    this.bind(analysis, uri);
    const named = analysis.models.filter((m, i, all) => all.findIndex((x) => x.name === m.name) === i);
    const models = name === undefined ? named : named.filter((m) => m.name === name);
    if (name !== undefined && models.length === 0) return { results: [errorResult(name, `there is no experiment named '${name}'`)], cached: [] };
    if (this.restricted(uri)) return { results: models.map((m) => errorResult(m.name, `${RESTRICTED} (the workspace is not trusted)`)), cached: [] };
    if (this.disposed) return { results: models.map((m) => errorResult(m.name, 'the server is shutting down')), cached: [] };

    const controller = new AbortController();
    options.token?.onCancellationRequested(() => controller.abort());
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => controller.abort(), options.timeoutMs);
    timer?.unref();
    const title = name === undefined ? 'xent: evaluating all experiments' : `xent: evaluating ${name}`;
    const progress = new EvaluationProgress(this.ctx.connection, title, options.workDoneToken, () => controller.abort());
    const fractions = models.map(() => 0);
    try {
      const answers = await Promise.all(
        models.map((m, i) =>
          this.evaluateOne(uri, analysis, m, controller.signal, (f) => {
            fractions[i] = f;
            progress.report(fractions.reduce((a, b) => a + b, 0) / models.length, models.length > 1 ? m.name : undefined);
          }),
        ),
      );
      return { results: answers.map((a) => a.result), cached: answers.filter((a) => a.cached).map((a) => a.result.name) };
    } finally {
      clearTimeout(timer);
      progress.done();
    }
  }

  private async evaluateOne(
    uri: string,
    analysis: Analysis,
    model: ExperimentModel,
    signal: AbortSignal,
    onFraction: (f: number) => void,
  ): Promise<{ result: ExperimentResult; cached: boolean }> {
    const hash = contentHash(analysis, model);
    // Before any await: later versions of the document move the experiment's nodes (see anchored.ts).
    const place = experimentPlace(analysis, model);
    const digits = this.ctx.settings(uri).reportDigits;
    const base = { uri, name: model.name, hash, digits, at: Date.now() };

    let stamps: readonly FileStamp[] = [];
    const file = uriToPath(uri);
    const baseDir = file ? dirname(file) : process.cwd();
    const paths = await expandDataPaths(dataFilePaths(model), model.data?.kind === 'parquet', baseDir);
    // Without data paths nothing should be read; the .xent file's own folder confines anything that is.
    let root = baseDir;
    if (paths.length > 0) {
      const refused = (reason: string, code: string) => this.keep({ ...base, stamps: [], ...this.refusal(place, model.name, reason, code), seq: ++this.seq });
      if (!file) return { result: refused('data files are read relative to the .xent file: save it in a folder first', 'cannot-evaluate').result, cached: false };
      root = dataRoot(file, await this.folders.list());
      const check = await checkDataFiles(paths, baseDir, root);
      if (!check.ok) return { result: refused(check.reason, 'data-outside-workspace').result, cached: false };
      stamps = check.stamps;
    }

    const key = `${uri}\n${model.name}\n${hash}\n${digits}`;
    const hit = this.cache.get(key);
    if (hit && sameStamps(hit.stamps, stamps)) {
      this.cache.delete(key);
      this.cache.set(key, hit); // most recently used
      this.keep({ ...hit, seq: ++this.seq });
      onFraction(1);
      return { result: hit.result, cached: true };
    }

    const seq = ++this.seq;
    // The curves are computed with every evaluation here: a result may be shown in the report view at any time.
    const job = { text: analysis.parse.source.text, baseDir, root, experiment: model.name, digits, curves: true };
    const reply = await this.join(key, model.name, signal, onFraction, (jobSignal, report) =>
      this.runner.run(job, { signal: jobSignal, onProgress: (done, total) => report(total > 0 ? done / total : 0) }),
    );
    if (reply.cancelled) return { result: reply.result, cached: false };
    const outcome: Outcome = { ...base, at: Date.now(), stamps, result: reply.result, diagnostics: anchorDiagnostics(place, reply.diagnostics), seq };
    // An internal failure (a thread that died) is shown, but not remembered as the answer for this content.
    if (!reply.result.error?.startsWith('internal error')) {
      this.cache.set(key, outcome);
      if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    }
    this.keep(outcome);
    return { result: reply.result, cached: false };
  }

  /** Runs the job for `key`, or joins the one already running; this caller's cancellation answers at once. */
  private join(
    key: string,
    name: string,
    signal: AbortSignal,
    onFraction: (f: number) => void,
    start: (signal: AbortSignal, report: (fraction: number) => void) => Promise<JobReply>,
  ): Promise<JobReply> {
    let flight = this.flights.get(key);
    if (!flight) {
      const controller = new AbortController();
      const progress = new Set<(fraction: number) => void>();
      const promise = start(controller.signal, (fraction) => progress.forEach((f) => f(fraction)))
        .catch((err: unknown) => failedReply(name, `internal error: ${err instanceof Error ? err.message : String(err)}`))
        .finally(() => {
        if (this.flights.get(key) === created) this.flights.delete(key);
      });
      const created: Flight = { controller, users: 0, progress, promise };
      this.flights.set(key, created);
      flight = created;
    }
    const f = flight;
    f.users++;
    f.progress.add(onFraction);
    return new Promise<JobReply>((resolve) => {
      const leave = () => {
        f.users--;
        f.progress.delete(onFraction);
        if (f.users === 0) f.controller.abort();
        resolve({ result: errorResult(name, 'cancelled'), diagnostics: [], cancelled: true });
      };
      if (signal.aborted) return leave();
      signal.addEventListener('abort', leave, { once: true });
      void f.promise.then((reply) => {
        signal.removeEventListener('abort', leave);
        f.progress.delete(onFraction);
        resolve(reply);
      });
    });
  }

  private refusal(place: ExperimentPlace, name: string, reason: string, code: string): Pick<Outcome, 'result' | 'diagnostics'> {
    // Where the engine puts its own findings: on the `data` key (or the experiment's name).
    const diagnostics = anchorDiagnostics(place, [{ range: place.refusalAt, severity: 'error', code, message: `cannot evaluate: ${reason}` }]);
    return { result: errorResult(name, reason), diagnostics };
  }

  /** Makes an outcome the one shown for its experiment, unless a newer one is already there. */
  private keep(outcome: Outcome): Outcome {
    let outcomes = this.last.get(outcome.uri);
    if (!outcomes) {
      if (!this.ctx.store.documents.get(outcome.uri)) return outcome; // closed meanwhile
      this.last.set(outcome.uri, (outcomes = new Map()));
    }
    const current = outcomes.get(outcome.name);
    if (current && current.seq > outcome.seq) return outcome;
    outcomes.set(outcome.name, outcome);
    this.fire(outcome.uri);
    return outcome;
  }

  private fire(uri: string): void {
    for (const l of this.listeners) {
      try {
        l(uri);
      } catch (err) {
        this.ctx.log(`xent: an evaluation listener failed: ${String(err)}`);
      }
    }
  }
}
