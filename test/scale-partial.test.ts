// Partial results (issue 13 items 1 and 2): an experiment's rows split into parts, each scored apart into a
// partial document (through JSON, as they travel), merged in any order, give the same bits as one evaluation
// of all the rows; on 10,000,000 rows the merged numbers equal scikit-learn's (test/fixtures/scale/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../server/src/core/check';
import { evaluateExperiment } from '../server/src/core/eval/evaluate';
import { planEvaluation, type EvalPlan } from '../server/src/core/eval/plan';
import { Scorer, type ScorerState } from '../server/src/core/eval/scorer';
import type { ExperimentResult } from '../server/src/core/eval/types';
import type { ExperimentModel } from '../server/src/core/model/types';
import { decodeState, encodeState } from '../server/src/core/scale/codec';
import { mergePartials, partialOf, readPartial, type NamedPartial } from '../server/src/core/scale/partial';
import { LcgRows } from './support/lcg-rows';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { mulberry32 } = require('./support/random.cjs') as { mulberry32: (seed: number) => () => number };

const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'dist/cli.js');

/** A CSV of n rows: the y_true column(s) and the y_pred columns, as the experiment's csv() names them. */
interface Table {
  header: string[];
  rows: string[][];
}

function csvText(t: Table, from = 0, to = t.rows.length): string {
  return [t.header.join(','), ...t.rows.slice(from, to).map((r) => r.join(','))].join('\n') + '\n';
}

function multiclassTable(n: number, k: number, seed: number, names?: string[]): Table {
  const { y, p } = new LcgRows(seed, k).rows(n);
  const header = ['label', ...Array.from({ length: k }, (_, c) => `p_${c}`)];
  const rows = Array.from({ length: n }, (_, i) => [names ? names[y[i]] : String(y[i]), ...Array.from({ length: k }, (_, c) => String(p[i * k + c]))]);
  return { header, rows };
}

function oneHotTable(n: number, k: number, seed: number): Table {
  const { y, p } = new LcgRows(seed, k).rows(n);
  const header = [...Array.from({ length: k }, (_, c) => `t_${c}`), ...Array.from({ length: k }, (_, c) => `p_${c}`)];
  const rows = Array.from({ length: n }, (_, i) => [...Array.from({ length: k }, (_, c) => (c === y[i] ? '1' : '0')), ...Array.from({ length: k }, (_, c) => String(p[i * k + c]))]);
  return { header, rows };
}

function binaryTable(n: number, seed: number): Table {
  const { y, p } = new LcgRows(seed, 2).rows(n);
  return { header: ['label', 'p'], rows: Array.from({ length: n }, (_, i) => [String(y[i]), String(p[i * 2 + 1])]) };
}

function multilabelTable(n: number, k: number, seed: number): Table {
  const a = new LcgRows(seed, 2).rows(n * k);
  const header = [...Array.from({ length: k }, (_, c) => `t_${c}`), ...Array.from({ length: k }, (_, c) => `p_${c}`)];
  const rows = Array.from({ length: n }, (_, i) => [
    ...Array.from({ length: k }, (_, c) => String(a.y[i * k + c])),
    ...Array.from({ length: k }, (_, c) => String(a.p[(i * k + c) * 2 + 1])),
  ]);
  return { header, rows };
}

/** Bad values in some rows (a y_true that is not a class, a probability above 1) for the located-error cases. */
function withBadRows(t: Table, edits: { row: number; col: number; value: string }[]): Table {
  const rows = t.rows.map((r) => r.slice());
  for (const e of edits) rows[e.row][e.col] = e.value;
  return { header: t.header, rows };
}

interface Case {
  name: string;
  experiment: string;
  table: Table;
  /** PyTorch's float32 cascade cannot be continued across parts: the merged loss is the exact sum rounded
   *  to float32, within this relative distance of PyTorch's, and says so in its note. */
  lossWithin?: number;
  /** Rounded scores: each part's ranking scores travel as at most this many distinct rows. */
  maxRankingRows?: number;
}

const N = 6000;
const CASES: Case[] = [
  {
    name: 'multiclass, named classes, Keras sparse loss, every kind of metric',
    experiment: `experiment run {
  task: multiclass
  classes: [ant, bee, cat, dog]
  labels: integer
  loss: sparse_categorical_crossentropy
  metrics: [accuracy, f1(average: macro), f1(average: weighted), precision(average: micro), recall(average: macro), log_loss,
            auc(multi_class: ovr), average_precision, brier_score_loss, top_k_accuracy(k: 2), matthews_corrcoef, cohen_kappa,
            balanced_accuracy, jaccard(average: macro), hamming_loss, sparse_categorical_accuracy, entropy, cross_entropy,
            classification_report, confusion_matrix]
  data: csv("all.csv", y_true: "label", y_pred: "p_*")
}
`,
    table: multiclassTable(N, 4, 11, ['ant', 'bee', 'cat', 'dog']),
  },
  {
    name: 'one-hot rows, categorical_crossentropy with label smoothing, ovo auc, KL divergence',
    experiment: `experiment run {
  task: multiclass
  classes: 3
  labels: onehot
  loss: categorical_crossentropy(label_smoothing: 0.1)
  metrics: [kl_divergence, categorical_accuracy, entropy, log_loss, auc(multi_class: ovo), f1(average: macro)]
  data: csv("all.csv", y_true: "t_*", y_pred: "p_*")
}
`,
    table: oneHotTable(N, 3, 12),
  },
  {
    name: 'binary, one probability column, binary_crossentropy',
    experiment: `experiment run {
  task: binary
  loss: binary_crossentropy
  metrics: [accuracy, f1, precision, recall, auc, average_precision, brier_score_loss, binary_accuracy, log_loss, matthews_corrcoef]
  data: csv("all.csv", y_true: "label", y_pred: "p")
}
`,
    table: binaryTable(N, 13),
  },
  {
    name: 'binary, scores rounded to 2 decimals: ranking scores as distinct rows with counts',
    experiment: `experiment run {
  task: binary
  metrics: [auc, average_precision, auc(max_fpr: 0.3), log_loss, accuracy]
  data: csv("all.csv", y_true: "label", y_pred: "p")
}
`,
    table: ((t: Table) => ({ header: t.header, rows: t.rows.map(([y, p]) => [y, Number(p).toFixed(2)]) }))(binaryTable(N, 17)),
    maxRankingRows: 2 * 101,
  },
  {
    name: 'multilabel indicator rows',
    experiment: `experiment run {
  task: multilabel
  classes: [a, b, c]
  loss: binary_crossentropy
  metrics: [f1(average: samples), f1(average: macro), hamming_loss, jaccard(average: samples), auc(average: macro), log_loss, brier_score_loss]
  data: csv("all.csv", y_true: "t_*", y_pred: "p_*")
}
`,
    table: multilabelTable(N, 3, 14),
  },
  {
    name: 'PyTorch cross_entropy on logits, nll_loss on log-probabilities',
    experiment: `experiment run {
  framework: pytorch
  task: multiclass
  classes: 4
  loss: cross_entropy(label_smoothing: 0.05)
  metrics: [accuracy, log_loss, f1(average: macro), top_k_accuracy(k: 2)]
  data: csv("all.csv", y_true: "label", y_pred: "p_*")
}
`,
    table: multiclassTable(N, 4, 16),
    lossWithin: 2 ** -23,
  },
  {
    name: 'bad rows in later parts: a y_true that is not a class, a probability above 1',
    experiment: `experiment run {
  task: multiclass
  classes: 3
  loss: sparse_categorical_crossentropy
  metrics: [accuracy, f1(average: macro), log_loss, brier_score_loss, top_k_accuracy(k: 2)]
  data: csv("all.csv", y_true: "label", y_pred: "p_*")
}
`,
    table: withBadRows(multiclassTable(N, 3, 15), [
      { row: 4100, col: 0, value: '7' },
      { row: 5200, col: 2, value: '1.5' },
    ]),
  },
];

function modelOf(text: string): ExperimentModel {
  const m = analyze(text).models.find((x) => x.name === 'run');
  assert.ok(m, 'the experiment parses');
  return m;
}

/** Everything of a result that is a number or says whether one was computed: places (file names) left out. */
function numbers(r: ExperimentResult): unknown {
  return {
    error: r.error,
    samples: r.samples,
    task: r.task,
    classes: r.classes,
    loss: r.loss && { value: r.loss.value, computed: r.loss.error === null },
    metrics: { ...r.metrics },
    declared: r.declared.map((d) => ({ metric: d.metric, params: d.params, value: d.value, computed: d.error === null })),
    codes: [...new Set(r.diagnostics.map((d) => `${d.severity} ${d.code}`))].sort(),
  };
}

/** Deep equality where numbers must be the same bits (NaN equals NaN, 0 and −0 differ). */
function sameBits(a: unknown, b: unknown, path = '$'): void {
  if (typeof a === 'number' && typeof b === 'number') {
    assert.ok(Object.is(a, b), `${path}: ${a} vs ${b}`);
    return;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    assert.deepEqual(ka, kb, `${path}: keys`);
    for (const k of ka) sameBits((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    return;
  }
  assert.deepEqual(a, b, path);
}

/** Cut points: `parts` parts of random sizes (an empty one among them when parts > 2). */
function cuts(n: number, parts: number, rnd: () => number): number[] {
  if (parts === 1) return [0, n];
  const inner = Array.from({ length: parts - 2 }, () => Math.floor(rnd() * n)).sort((a, b) => a - b);
  // the same cut twice makes an empty part
  return [0, inner[0] ?? 0, ...inner, n].sort((a, b) => a - b);
}

for (const c of CASES) {
  test(`partials merge bit for bit into one evaluation: ${c.name}`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xent-partial-'));
    writeFileSync(join(dir, 'run.xent'), c.experiment);
    writeFileSync(join(dir, 'all.csv'), csvText(c.table));
    const m = modelOf(c.experiment);
    const whole = await evaluateExperiment(m, { baseDir: dir });
    assert.equal(whole.result.error, null, 'the whole file evaluates');
    assert.equal(whole.result.samples, c.table.rows.length);
    const expected = numbers(whole.result);
    const rnd = mulberry32(c.name.length * 101);
    for (const [parts, order] of [
      [1, 'as cut'],
      [7, 'as cut'],
      [7, 'reversed'],
      [7, 'shuffled'],
    ] as const) {
      const at = cuts(c.table.rows.length, parts, rnd);
      const docs: NamedPartial[] = [];
      for (let i = 0; i + 1 < at.length; i++) {
        const file = join(dir, `part-${parts}-${i}.csv`);
        writeFileSync(file, csvText(c.table, at[i], at[i + 1]));
        const made = await partialOf(m, c.experiment, { baseDir: dir, version: 'test', data: { path: file, display: `part-${i}.csv` } });
        assert.ok('document' in made, `part ${i}: ${'error' in made ? made.error : ''}`);
        assert.equal(made.document.rows, at[i + 1] - at[i]);
        if (c.maxRankingRows !== undefined && made.document.rows > 0) {
          const counts = (made.document.state as { ranking: { counts: { $f64: number[] } } }).ranking.counts.$f64;
          assert.ok(counts.length <= c.maxRankingRows, `${counts.length} distinct ranking rows`);
          assert.equal(counts.reduce((a, b) => a + b, 0), made.document.rows);
        }
        // as they travel: JSON text
        const document = readPartial(JSON.stringify(made.document), `part-${i}.json`);
        assert.ok(typeof document !== 'string', String(document));
        docs.push({ file: `part-${i}.json`, document });
      }
      if (parts > 2) assert.ok(docs.some((d) => d.document.rows === 0), 'an empty part is among them');
      if (order === 'reversed') docs.reverse();
      if (order === 'shuffled') docs.sort(() => rnd() - 0.5);
      const merged = await mergePartials(m, c.experiment, docs, { baseDir: dir });
      const got = numbers(merged.result) as { loss: { value: number } | null };
      if (c.lossWithin !== undefined && docs.filter((d) => d.document.rows > 0).length > 1) {
        const want = (expected as { loss: { value: number } }).loss.value;
        assert.ok(Math.abs(got.loss!.value - want) <= c.lossWithin * want, `${got.loss!.value} vs ${want}`);
        assert.match(merged.result.loss?.note ?? '', /merged from parts: PyTorch sums float32 in a cascade/);
        got.loss = (expected as { loss: typeof got.loss }).loss;
      }
      sameBits(got, expected, `${parts} parts ${order}`);
    }
  });
}

test('partial documents: a bad row is named in its part, with the part\'s file and line', async () => {
  const c = CASES.find((x) => x.name.startsWith('bad rows'))!;
  const dir = mkdtempSync(join(tmpdir(), 'xent-partial-'));
  const m = modelOf(c.experiment);
  const docs: NamedPartial[] = [];
  for (const [i, [from, to]] of [
    [0, 3000],
    [3000, N],
  ].entries()) {
    const file = join(dir, `p${i}.csv`);
    writeFileSync(file, csvText(c.table, from, to));
    const made = await partialOf(m, c.experiment, { baseDir: dir, version: 'test', data: { path: file, display: `p${i}.csv` } });
    assert.ok('document' in made);
    docs.push({ file: `p${i}.json`, document: made.document });
  }
  const merged = await mergePartials(m, c.experiment, docs, { baseDir: dir });
  const messages = merged.result.diagnostics.map((d) => d.message).join('\n');
  // row 4100 of all rows is line 1102 of p1.csv (row 1100 of it, after the header); row 5200 → line 2202
  assert.match(messages, /p1\.csv:1102: the label 7 is not a class index/);
  assert.match(messages, /p1\.csv:2202: the probability 1\.5 is outside \[0, 1\]/);
});

test('xent merge refuses parts of another definition, another experiment or format, and says why', async () => {
  const c = CASES.find((x) => x.name.startsWith('binary'))!;
  const dir = mkdtempSync(join(tmpdir(), 'xent-partial-'));
  writeFileSync(join(dir, 'all.csv'), csvText(c.table, 0, 100));
  const m = modelOf(c.experiment);
  const made = await partialOf(m, c.experiment, { baseDir: dir, version: 'test' });
  assert.ok('document' in made);
  const other = c.experiment.replace('metrics: [accuracy,', 'metrics: [accuracy, log_loss,');
  const r = await mergePartials(modelOf(other), other, [{ file: 'a.json', document: made.document }], { baseDir: dir });
  assert.match(r.result.error ?? '', /a\.json was computed under another definition of run/);
  // reformatting the experiment does not change the definition
  const spaced = c.experiment.replace('task: binary', 'task:    binary   # the same');
  const same = await mergePartials(modelOf(spaced.replace('# the same', '')), spaced.replace('# the same', ''), [{ file: 'a.json', document: made.document }], { baseDir: dir });
  assert.equal(same.result.error, null);
  assert.match(String(readPartial('{"format":"xent-partial","version":9}', 'v.json')), /v\.json: a partial result of format version 9; this xent reads version 1/);
  assert.match(String(readPartial('[1,2', 'x.json')), /x\.json: not JSON/);
  assert.match(String(readPartial('{"a":1}', 'y.json')), /y\.json: not a partial result of xent/);
  // damaged documents: named, never an internal error
  const damaged = (edit: (state: Record<string, unknown>) => void) => {
    const doc = JSON.parse(JSON.stringify(made.document));
    edit(doc.state);
    return mergePartials(m, c.experiment, [{ file: 'a.json', document: made.document }, { file: 'd.json', document: doc }], { baseDir: dir });
  };
  for (const [edit, reason] of [
    [(st: Record<string, unknown>) => ((st.counts as { k: number }).k = 5), /d\.json: its statistics do not fit run \(cannot merge confusion counts of 5 and 10 classes\)/],
    [(st: Record<string, unknown>) => delete st.brier, /d\.json: its statistics do not fit run \(its accumulators are incomplete\)/],
    [(st: Record<string, unknown>) => ((st.counts as { counts: unknown }).counts = { $f64: 'x' }), /d\.json: its statistics cannot be read \(\$f64 holds no list\)/],
    [(st: Record<string, unknown>) => ((st.shape as { predDtype: string }).predDtype = 'int8'), /d\.json: its statistics do not fit run \(y_pred's dtype int8/],
    [(st: Record<string, unknown>) => ((st.ranking as { counts: { $f64: number[] } }).counts.$f64[0] += 1), /d\.json: its statistics cannot be read \(its ranking rows stand for 101 rows, not 100\)/],
  ] as const) {
    const r = await damaged(edit);
    assert.match(r.result.error ?? '', reason);
  }
  const empty = await mergePartials(m, c.experiment, [{ file: 'e.json', document: { ...made.document, rows: 0, state: undefined, seen: undefined } }], { baseDir: dir });
  assert.match(empty.result.error ?? '', /there are no rows to score/);
});

// ---- 10,000,000 rows against scikit-learn, through the scorer's states (no files: the machinery, not the reader)

const golden = JSON.parse(readFileSync(join(__dirname, 'fixtures/scale/golden-10m.json'), 'utf8')) as {
  rows: number;
  k: number;
  seed: number;
  first_rows: { y: number[]; p: number[][] };
  values: Record<string, number>;
};

const TEN_M = `experiment run {
  task: multiclass
  classes: 3
  metrics: [log_loss, accuracy, f1(average: macro), f1(average: micro), f1(average: weighted), precision(average: macro),
            recall(average: macro), matthews_corrcoef, cohen_kappa, balanced_accuracy, brier_score_loss, top_k_accuracy(k: 2),
            hamming_loss, jaccard(average: macro)]
  data: csv("not-read.csv", y_true: "label", y_pred: "p_*")
}
`;
const TEN_M_KEYS = ['log_loss', 'accuracy', 'f1_macro', 'f1_micro', 'f1_weighted', 'precision_macro', 'recall_macro', 'matthews_corrcoef', 'cohen_kappa', 'balanced_accuracy', 'brier_score_loss', 'top_k_accuracy', 'hamming_loss', 'jaccard_macro'];

test('10,000,000 rows: one pass, 7 parts, reversed and shuffled give the same bits, equal to scikit-learn to 1e-12', () => {
  assert.equal(golden.rows, 10_000_000);
  const plan = planEvaluation(modelOf(TEN_M), { indices: true, trueCols: 1, predCols: 3 }) as EvalPlan;
  assert.equal(typeof plan, 'object');
  const k = golden.k;
  const first = new LcgRows(golden.seed, k).rows(3);
  assert.deepEqual([...first.y], golden.first_rows.y, 'the generators agree');
  assert.deepEqual(Array.from({ length: 3 }, (_, i) => [...first.p.subarray(i * k, i * k + k)]), golden.first_rows.p);

  // Seven parts of uneven sizes; one scorer over all rows alongside.
  const bounds = [0, 1, 1_234_567, 1_234_567, 4_000_000, 7_777_777, 9_999_999, golden.rows];
  const gen = new LcgRows(golden.seed, k);
  let whole: Scorer | undefined;
  const parts: ScorerState[] = [];
  const CHUNK = 65536;
  for (let part = 0; part + 1 < bounds.length; part++) {
    let scorer: Scorer | undefined;
    for (let at = bounds[part]; at < bounds[part + 1]; at += CHUNK) {
      const n = Math.min(CHUNK, bounds[part + 1] - at);
      const { y, p } = gen.rows(n);
      const chunk = { rowStart: at, n, indices: y, yPred: p, cols: k, where: (r: number) => `row ${at + r + 1}` };
      scorer ??= new Scorer(plan, chunk);
      scorer.add(chunk);
      whole ??= new Scorer(plan, chunk);
      whole.add({ ...chunk });
    }
    // through JSON, as a partial document carries it
    if (scorer) parts.push(decodeState(JSON.parse(JSON.stringify(encodeState(scorer.exportState())))) as ScorerState);
  }
  const valuesOf = (s: Scorer): number[] => s.finish(2).declared.map((d) => d.value as number);
  const one = valuesOf(whole!);
  const merge = (states: ScorerState[]): number[] => {
    const s = Scorer.restore(plan, states[0]);
    for (const st of states.slice(1)) s.absorb(st);
    assert.equal(s.sampleCount, golden.rows);
    return valuesOf(s);
  };
  sameBits(merge(parts), one, '7 parts');
  sameBits(merge(parts.slice().reverse()), one, '7 parts reversed');
  assert.equal(parts.length, 6, 'six parts with rows (the seventh is empty)');
  sameBits(merge([parts[3], parts[0], parts[5], parts[1], parts[2], parts[4]]), one, 'the parts shuffled');
  TEN_M_KEYS.forEach((key, i) => {
    const want = golden.values[key];
    assert.ok(Math.abs(one[i] - want) <= 1e-12 * Math.abs(want), `${key}: ${one[i]} vs scikit-learn ${want}`);
  });
});

test('xent eval --partial and xent merge end to end: the text and the JSON of xent eval', () => {
  assert.ok(existsSync(CLI), 'dist/cli.js is built (npm run build)');
  const c = CASES[0];
  const dir = mkdtempSync(join(tmpdir(), 'xent-merge-cli-'));
  const xent = join(dir, 'run.xent');
  writeFileSync(xent, c.experiment);
  writeFileSync(join(dir, 'all.csv'), csvText(c.table));
  const run = (args: string[], input?: string) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: dir, input, timeout: 120_000 });
  const partFiles: string[] = [];
  for (const [i, [from, to]] of [
    [0, 2500],
    [2500, 2500],
    [2500, N],
  ].entries()) {
    writeFileSync(join(dir, `s${i}.csv`), csvText(c.table, from, to));
    // the middle part through stdin
    const r = i === 1 ? run(['eval', xent, '--data', '-', '--partial'], csvText(c.table, from, to)) : run(['eval', xent, '--experiment', 'run', '--data', `s${i}.csv`, '--partial']);
    assert.equal(r.status, 0, r.stderr);
    writeFileSync(join(dir, `s${i}.json`), r.stdout);
    partFiles.push(`s${i}.json`);
  }
  const evalText = run(['eval', xent]);
  const mergeText = run(['merge', xent, ...partFiles.reverse()]);
  assert.equal(mergeText.status, evalText.status, mergeText.stderr);
  assert.equal(mergeText.stdout, evalText.stdout);
  const strip = (s: string) => {
    const j = JSON.parse(s);
    for (const e of j.experiments) delete e.elapsed_ms;
    return j;
  };
  const evalJson = run(['eval', xent, '--json', '--digits', '4']);
  const mergeJson = run(['merge', xent, ...partFiles, '--json', '--digits', '4']);
  assert.deepEqual(strip(mergeJson.stdout), strip(evalJson.stdout));
  // usage and refusals
  assert.equal(run(['merge', xent]).status, 2);
  const notPartial = run(['merge', xent, 'all.csv']);
  assert.equal(notPartial.status, 2);
  assert.match(notPartial.stderr, /all\.csv: not JSON/);
  const many = run(['eval', join(ROOT, 'examples/cats_dogs_horses.xent'), '--partial']);
  assert.equal(many.status, 2);
  assert.match(many.stderr, /--partial scores one experiment: name it with --experiment/);
});
