// CSV byte ranges scored on the worker threads that parse them (core/eval/range-scoring.ts, the bundled
// dist/csv-score-worker.js): `xent eval --json` of the built CLI (`npm run build` first) gives the same
// result, bit for bit and message for message, as the in-process sequential scorer (workers: 0, the reference
// path: the main thread reads and scores every row). The files are over 16 MiB, so the CLI reads them in
// several ranges on its workers; the same comparison runs in-process with the bundled worker (the TypeScript
// main thread absorbing the bundle's states), counting the worker threads that started so a silent fallback
// to the old path cannot pass for the new one.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../server/src/core/check';
import { evaluateExperiment } from '../server/src/core/eval/evaluate';
import { setCsvScoreWorkerScriptForTests } from '../server/src/core/eval/range-scoring';
import { liveCsvWorkers } from '../server/src/core/data/csv-parallel';
import { createJobRunner } from '../server/src/lsp/evaluation/runner';
import type { ExperimentResult } from '../server/src/core/eval/types';
import { mulberry32 } from './support/random.cjs';

const DIST = join(__dirname, '..', 'dist');
const CLI = join(DIST, 'cli.js');
const WORKER = join(DIST, 'csv-score-worker.js');
const dir = mkdtempSync(join(tmpdir(), 'xent-range-scoring-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The in-process runs use the bundled worker through this wrapper, which notes each thread it starts. */
const MARKER = join(dir, 'workers-started');
const WRAPPER = join(dir, 'worker-wrapper.js');
writeFileSync(WRAPPER, `require('node:fs').appendFileSync(${JSON.stringify(MARKER)}, 'w\\n');\nrequire(${JSON.stringify(WORKER)});\n`);

/** Enough bytes for several ranges (a file of 16 MiB or more is read on worker threads). */
const MIN_BYTES = 17 << 20;
/** An unused wide column: the files reach MIN_BYTES with fewer rows (the reader skips its bytes). */
const NOTE = 'n'.repeat(150);

/** Probabilities over k classes as `'%.6g'` prints them (rows sum to 1 ± 1e-6: rows-not-normalized). */
function probs(rand: () => number, k: number, peak: number): number[] {
  const w = Array.from({ length: k }, (_, c) => rand() + (c === peak ? 1.2 : 0));
  const s = w.reduce((a, b) => a + b, 0);
  return w.map((v) => Number((v / s).toPrecision(6)));
}

interface Case {
  readonly name: string;
  readonly xent: (csv: string) => string;
  readonly header: string;
  /** Row i's cells (without the note), from the seeded generator. */
  readonly row: (i: number, rand: () => number, rows: number) => string;
  readonly rows: number;
  /** Text each of these rows' lines must appear in a finding as `file.csv:LINE` (the row's 0-based index). */
  readonly namedRows?: readonly number[];
  /** Where the note is quoted (a sequential fallback from that row on). */
  readonly quoteAt?: number;
}

const MANY_METRICS = `[log_loss, accuracy, f1(average: macro), precision(average: weighted), recall(average: micro), balanced_accuracy,
    matthews_corrcoef, cohen_kappa, jaccard(average: macro), hamming_loss, top_k_accuracy(k: 3), brier_score_loss,
    sparse_categorical_accuracy, entropy, cross_entropy, fbeta(beta: 2, average: macro), confusion_matrix, classification_report]`;

const label = (rand: () => number, k: number) => Math.floor(rand() * k);
const multiRow = (k: number) => (_i: number, rand: () => number) => {
  const y = label(rand, k);
  return `${y},${probs(rand, k, rand() < 0.6 ? y : label(rand, k)).join(',')}`;
};

const CASES: Case[] = [
  {
    name: 'multiclass, 10 classes, a Keras loss and many declared metrics',
    xent: (csv) => `experiment multi {
  task: multiclass
  classes: 10
  loss: sparse_categorical_crossentropy
  metrics: ${MANY_METRICS}
  data: csv("${csv}", y_true: "label", y_pred: "p*")
}
`,
    header: 'label,p0,p1,p2,p3,p4,p5,p6,p7,p8,p9',
    row: multiRow(10),
    rows: 80_000,
  },
  {
    name: 'binary, one probability column',
    xent: (csv) => `experiment bin {
  task: binary
  loss: binary_crossentropy
  metrics: [log_loss, accuracy, f1, precision, recall, brier_score_loss, binary_accuracy(threshold: 0.4), matthews_corrcoef, balanced_accuracy]
  data: csv("${csv}", y_true: "label", y_pred: "p")
}
`,
    header: 'label,p',
    row: (_i, rand) => {
      const y = label(rand, 2);
      return `${y},${Math.min(1, Math.max(0, (y ? 0.3 : -0.3) + rand())).toPrecision(6)}`;
    },
    rows: 110_000,
  },
  {
    name: 'one-hot y_true, categorical loss',
    xent: (csv) => `experiment onehot {
  task: multiclass
  classes: [a, b, c]
  labels: onehot
  loss: categorical_crossentropy
  metrics: [accuracy, log_loss, categorical_accuracy, kl_divergence, entropy, cross_entropy, f1(average: macro), top_k_accuracy(k: 2)]
  data: csv("${csv}", y_true: "t*", y_pred: "p*")
}
`,
    header: 't0,t1,t2,p0,p1,p2',
    row: (_i, rand) => {
      const y = label(rand, 3);
      return `${[0, 1, 2].map((c) => (c === y ? 1 : 0)).join(',')},${probs(rand, 3, y).join(',')}`;
    },
    rows: 95_000,
  },
  {
    name: 'multilabel indicator rows',
    xent: (csv) => `experiment tags {
  task: multilabel
  classes: 4
  loss: binary_crossentropy
  metrics: [f1(average: samples), f1(average: micro), precision(average: macro), accuracy, hamming_loss, jaccard(average: samples), log_loss, brier_score_loss, top_k_accuracy]
  data: csv("${csv}", y_true: "t*", y_pred: "p*")
}
`,
    header: 't0,t1,t2,t3,p0,p1,p2,p3',
    row: (_i, rand) => {
      const t = [0, 1, 2, 3].map(() => (rand() < 0.35 ? 1 : 0));
      return `${t.join(',')},${t.map((v) => Math.min(1, Math.max(0, v * 0.4 + rand() * 0.6)).toPrecision(6)).join(',')}`;
    },
    rows: 90_000,
  },
  {
    name: 'task and classes from the data (planned from the header)',
    xent: (csv) => `experiment shaped {
  loss: sparse_categorical_crossentropy
  metrics: [log_loss, accuracy, f1(average: macro)]
  data: csv("${csv}", y_true: "label", y_pred: "p*")
}
`,
    header: 'label,p0,p1,p2,p3',
    row: multiRow(4),
    rows: 95_000,
  },
  {
    name: 'y_true values that are not classes, in late ranges',
    xent: (csv) => `experiment outside {
  task: multiclass
  classes: 3
  loss: sparse_categorical_crossentropy
  metrics: [accuracy, log_loss, f1(average: macro), brier_score_loss, top_k_accuracy(k: 2), confusion_matrix]
  data: csv("${csv}", y_true: "label", y_pred: "p*")
}
`,
    header: 'label,p0,p1,p2',
    row: (i, rand, rows) => {
      const cells = multiRow(3)(i, rand);
      if (i === Math.floor(rows * 0.8)) return `7${cells.slice(1)}`;
      if (i === Math.floor(rows * 0.9)) return `9${cells.slice(1)}`;
      return cells;
    },
    rows: 100_000,
    namedRows: [80_000],
  },
  {
    name: 'a probability above 1 in a late range',
    xent: (csv) => `experiment over {
  task: multiclass
  classes: 3
  loss: sparse_categorical_crossentropy
  metrics: [log_loss, accuracy, brier_score_loss]
  data: csv("${csv}", y_true: "label", y_pred: "p*")
}
`,
    header: 'label,p0,p1,p2',
    row: (i, rand, rows) => {
      const cells = multiRow(3)(i, rand);
      return i === Math.floor(rows * 0.85) ? `${cells.split(',')[0]},1.5,0.25,0.25` : cells;
    },
    rows: 100_000,
    namedRows: [85_000],
  },
  {
    name: 'an invalid one-hot row in a late range',
    xent: (csv) => `experiment badrow {
  task: multiclass
  classes: 3
  loss: categorical_crossentropy
  metrics: [accuracy, log_loss, categorical_accuracy]
  data: csv("${csv}", y_true: "t*", y_pred: "p*")
}
`,
    header: 't0,t1,t2,p0,p1,p2',
    row: (i, rand, rows) => {
      const y = label(rand, 3);
      const t = i === Math.floor(rows * 0.75) ? '1,1,0' : [0, 1, 2].map((c) => (c === y ? 1 : 0)).join(',');
      return `${t},${probs(rand, 3, y).join(',')}`;
    },
    rows: 95_000,
    namedRows: [71_250],
  },
  {
    name: 'a quoted field late in the file (sequential from there), a probability above 1 after it',
    xent: (csv) => `experiment quoted {
  task: multiclass
  classes: 3
  loss: sparse_categorical_crossentropy
  metrics: [log_loss, accuracy, f1(average: macro), brier_score_loss]
  data: csv("${csv}", y_true: "label", y_pred: "p*")
}
`,
    header: 'label,p0,p1,p2',
    row: (i, rand, rows) => {
      const cells = multiRow(3)(i, rand);
      return i === Math.floor(rows * 0.9) ? `${cells.split(',')[0]},1.25,0.25,0.25` : cells;
    },
    rows: 100_000,
    quoteAt: 70_000,
    namedRows: [90_000],
  },
];

function writeCase(c: Case, file: string): void {
  const rand = mulberry32(0x5eed + c.rows);
  const parts = [`${c.header},note\n`];
  for (let i = 0; i < c.rows; i++) {
    const note = i === c.quoteAt ? `"${NOTE}, quoted"` : `${NOTE}${i}`;
    parts.push(`${c.row(i, rand, c.rows)},${note}\n`);
  }
  writeFileSync(file, parts.join(''));
  assert.ok(statSync(file).size >= MIN_BYTES, `${file} has ${statSync(file).size} bytes: too few for several ranges`);
}

/** The result as JSON carries it (NaN and ±∞ as null), without the run's elapsed time. */
function comparable(results: readonly ExperimentResult[]): unknown {
  return JSON.parse(JSON.stringify(results, (key, value: unknown) => (key === 'elapsed_ms' ? undefined : value)));
}

async function inProcess(text: string, baseDir: string, workers: number, more: { signal?: AbortSignal; onProgress?: () => void } = {}): Promise<ExperimentResult[]> {
  const out: ExperimentResult[] = [];
  for (const m of analyze(text).models) out.push((await evaluateExperiment(m, { baseDir, workers, ...more })).result);
  return out;
}

function workersStarted(): number {
  return existsSync(MARKER) ? readFileSync(MARKER, 'utf8').split('\n').filter(Boolean).length : 0;
}

describe('CSV ranges scored on the workers that parse them', () => {
  it('the worker bundle is built beside the CLI (npm run build)', () => {
    assert.ok(existsSync(CLI), 'dist/cli.js');
    assert.ok(existsSync(WORKER), 'dist/csv-score-worker.js');
  });

  for (const [index, c] of CASES.entries()) {
    it(c.name, async () => {
      const csv = `case${index}.csv`;
      const xentFile = join(dir, `case${index}.xent`);
      const text = c.xent(csv);
      writeFileSync(xentFile, text);
      writeCase(c, join(dir, csv));
      try {
        const reference = comparable(await inProcess(text, dir, 0));

        const r = spawnSync(process.execPath, [CLI, 'eval', xentFile, '--json'], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
        assert.equal(r.error, undefined, r.error?.message);
        assert.ok(r.stdout.length > 0, `xent eval printed nothing (exit ${r.status}): ${r.stderr}`);
        assert.deepStrictEqual(comparable(JSON.parse(r.stdout).experiments), reference, 'xent eval --json (CLI, ranges scored on its workers)');

        setCsvScoreWorkerScriptForTests(WRAPPER);
        const before = workersStarted();
        const ranged = comparable(await inProcess(text, dir, 2));
        assert.equal(workersStarted() - before, 2, 'two scoring workers started');
        assert.deepStrictEqual(ranged, reference, 'in-process, ranges scored on the bundled workers');

        const messages = (reference as ExperimentResult[]).flatMap((e) => e.diagnostics.map((d) => d.message));
        for (const row of c.namedRows ?? []) {
          const place = `${csv}:${row + 2}`; // the header is line 1
          assert.ok(messages.some((m) => m.includes(place)), `a finding names ${place}:\n${messages.join('\n')}`);
        }
        const e = (reference as ExperimentResult[])[0];
        assert.equal(e.error, null, `${e.error}`);
      } finally {
        setCsvScoreWorkerScriptForTests(undefined);
        rmSync(join(dir, csv), { force: true });
      }
    });
  }
});

describe('the scoring workers: cancellation, a file changed while read, the language server', () => {
  const c = CASES[0];
  const csv = 'shared.csv';
  const text = c.xent(csv);
  writeCase(c, join(dir, csv));

  it('a cancelled evaluation stops its scoring workers', async () => {
    setCsvScoreWorkerScriptForTests(WORKER);
    try {
      const controller = new AbortController();
      const [r] = await inProcess(text, dir, 2, { signal: controller.signal, onProgress: () => controller.abort() });
      assert.match(String(r.error), /cancelled/);
      assert.equal(liveCsvWorkers(), 0);
    } finally {
      setCsvScoreWorkerScriptForTests(undefined);
    }
  });

  it("a file changed while its ranges are scored is 'data-changed', never a partial result", async () => {
    const changing = 'changing.csv';
    writeCase(c, join(dir, changing));
    setCsvScoreWorkerScriptForTests(WORKER);
    try {
      let changed = false;
      const onProgress = () => {
        if (!changed) appendFileSync(join(dir, changing), '0,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1,x\n');
        changed = true;
      };
      const [r] = await inProcess(c.xent(changing), dir, 2, { onProgress });
      assert.ok(changed, 'the file was changed during the read');
      assert.match(String(r.error), /changed while reading/);
      assert.equal(r.samples, 0);
      assert.ok(r.diagnostics.some((d) => d.code === 'data-changed'), JSON.stringify(r.diagnostics));
      assert.equal(liveCsvWorkers(), 0);
    } finally {
      setCsvScoreWorkerScriptForTests(undefined);
      rmSync(join(dir, changing), { force: true });
    }
  });

  it('a scoring worker that cannot start (here: a broken script) leaves the file to the old path: the same result', async () => {
    const broken = join(dir, 'broken-worker.js');
    writeFileSync(broken, "throw new Error('this worker cannot start');\n");
    const reference = comparable(await inProcess(text, dir, 0));
    setCsvScoreWorkerScriptForTests(broken);
    try {
      assert.deepStrictEqual(comparable(await inProcess(text, dir, 2)), reference);
      assert.equal(liveCsvWorkers(), 0);
    } finally {
      setCsvScoreWorkerScriptForTests(undefined);
    }
  });

  it("the language server's evaluation thread (dist/eval-worker.js) scores on nested workers: the same result", async () => {
    const reference = comparable(await inProcess(text, dir, 0));
    const runner = createJobRunner({ script: join(DIST, 'eval-worker.js') });
    try {
      const reply = await runner.run({ text, baseDir: dir, root: dir, experiment: 'multi', digits: 2 }, { signal: new AbortController().signal });
      assert.deepStrictEqual(comparable([reply.result]), reference);
    } finally {
      runner.dispose();
    }
  });
});
