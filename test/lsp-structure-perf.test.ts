// The structure features on the issue's benchmark shape: a 5,000-line file of 250 experiments. Semantic tokens
// are asked for after every edit, so they must stay well inside a keystroke's budget; the outline, folds and
// selection ranges likewise. Bounds are on the median and loose (a slow or busy CI machine must pass); they
// catch a quadratic slip, not a few milliseconds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SemanticTokens } from 'vscode-languageserver-protocol';
import { analyze } from '../server/src/core/check';
import { folds } from '../server/src/lsp/features/folding';
import { selectionSpans } from '../server/src/lsp/features/selection-ranges';
import { semanticTokens } from '../server/src/lsp/features/semantic-tokens';
import { outline } from '../server/src/lsp/features/symbols';
import { startClient } from './support/lsp-client';

/** 250 experiments of 20 lines each. */
function benchmarkFile(experiments = 250): string {
  const out: string[] = [];
  for (let i = 0; i < experiments; i++) {
    out.push(
      `# experiment ${i}: a three-class network`,
      `experiment run_${i}${i > 0 ? ` extends run_${i - 1}` : ''} {`,
      '  task: multiclass',
      '  classes: [cat, dog, horse]',
      '  labels: onehot',
      '  model {',
      '    input(8)',
      '    dense(16, activation: relu)',
      '    dropout(0.2)',
      '    dense(3, activation: softmax)',
      '  }',
      '  loss: categorical_crossentropy(label_smoothing: 0.1)',
      '  optimizer: adam(learning_rate: 0.001)',
      '  metrics: [accuracy, f1(average: macro), log_loss]',
      '  data {',
      '    y_true: [[0, 1, 0], [1, 0, 0], [0, 0, 1]]',
      '    y_pred: [[0.4, 0.4, 0.2], [0.7, 0.2, 0.1],',
      '             [0.1, 0.2, 0.7]]',
      '  }',
      '}',
    );
  }
  return out.join('\n') + '\n';
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

function time(f: () => void, runs = 40): number {
  for (let i = 0; i < 5; i++) f(); // warm up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    samples.push(performance.now() - t);
  }
  return median(samples);
}

// Speed is measured and logged here, never asserted (docs/benchmarks.md holds the measured numbers).
test('structure features answer on 5,000 lines of 250 experiments (timings logged)', (t) => {
  const text = benchmarkFile();
  assert.equal(text.split('\n').length - 1, 5000);
  const analysis = analyze(text);
  const tokens = semanticTokens(analysis);
  assert.ok(tokens.length / 5 > 250 * 40, `${tokens.length / 5} tokens`);
  const middle = text.indexOf('softmax', text.length >> 1);
  const budgets: [string, () => unknown, number][] = [
    ['semantic tokens (full)', () => semanticTokens(analysis), 25],
    ['semantic tokens (a screen)', () => semanticTokens(analysis, middle - 2000, middle + 2000), 3],
    ['document symbols', () => outline(analysis), 10],
    ['folding ranges', () => folds(analysis), 10],
    ['selection ranges', () => selectionSpans(analysis, middle), 2],
  ];
  for (const [name, f, ms] of budgets) {
    const median = time(f);
    t.diagnostic(`${name}: median ${median.toFixed(2)} ms (budget ${ms} ms)`);
  }
});

test('semantic tokens over LSP for the 5,000-line file (timing logged)', async (t) => {
  const c = await startClient();
  try {
    const uri = await c.open(benchmarkFile());
    const samples: number[] = [];
    for (let i = 0; i < 30; i++) {
      const started = performance.now();
      const r = await c.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
      samples.push(performance.now() - started);
      assert.ok(r.data.length > 0);
    }
    t.diagnostic(`semanticTokens/full over LSP: median ${median(samples.slice(5)).toFixed(2)} ms`);
  } finally {
    await c.stop();
  }
});
