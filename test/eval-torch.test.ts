// PyTorch experiments end to end: analyze() + evaluateExperiment() on .xent texts (inline data, CSV, .npy)
// whose expected losses PyTorch computed (test/fixtures/torch/generate.py, the `eval` cases; the data files
// are in test/fixtures/torch/eval/). Also: `bce` follows Keras unless the experiment is PyTorch, the metrics
// read softmax / sigmoid / exp of what the loss takes, and the result says which library was used.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../server/src/core/check';
import { evaluateExperiment } from '../server/src/core/eval/evaluate';
import { planEvaluation } from '../server/src/core/eval/plan';
import { entriesOf, lookup } from '../server/src/core/catalogue';
import { EVALUATED_LOSSES, evaluatedLoss } from '../server/src/core/eval/losses';
import { entryMarkdown } from '../server/src/lsp/features/catalogue-text/markdown';
import { sampleContribution } from '../server/src/lsp/evaluation/explain';

interface EvalCase {
  id: string;
  xent: string;
  loss: string;
  value: number | null;
  mean?: number;
  error: string | null;
}

const dir = join(__dirname, 'fixtures/torch');
const fixture = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as { eval: EvalCase[] };

async function evaluate(text: string) {
  const { models, diagnostics } = analyze(text);
  assert.equal(models.length, 1);
  const { result } = await evaluateExperiment(models[0], { baseDir: join(dir, 'eval') });
  return { result, model: models[0], diagnostics };
}

function ulps(a: number, b: number): number {
  const buf = new DataView(new ArrayBuffer(4));
  const bits = (x: number) => {
    buf.setFloat32(0, x);
    const i = buf.getInt32(0);
    return i < 0 ? -(i & 0x7fffffff) : i;
  };
  return Math.abs(bits(a) - bits(b));
}

describe('PyTorch experiments evaluated end to end against torch', () => {
  for (const c of fixture.eval) {
    it(c.id, async () => {
      const { result, model } = await evaluate(c.xent);
      assert.equal(result.error, null, result.error ?? '');
      assert.equal(model.framework?.value, 'pytorch', 'the experiment is PyTorch (declared or implied by the loss)');
      assert.equal(result.loss?.name, c.loss);
      assert.equal(result.loss?.library, 'pytorch');
      if (c.error !== null) {
        assert.equal(result.loss?.value, null);
        assert.ok(result.loss?.error?.endsWith(c.error), `${result.loss?.error} ends with PyTorch's ${c.error}`);
        return;
      }
      const want = c.mean ?? c.value!;
      assert.equal(result.loss?.error, null, result.loss?.error ?? '');
      assert.ok(ulps(result.loss!.value!, want) <= 2, `${result.loss?.value} vs torch ${want}`);
      if (c.mean !== undefined) assert.match(result.loss?.note ?? '', /reduction none gives one loss per sample.*their mean over 3 samples/);
    });
  }

  it('places an out-of-range target in its file: PyTorch\'s text after the row', async () => {
    const c = fixture.eval.find((x) => x.id === 'npy-ce-out-of-bounds')!;
    const { result } = await evaluate(c.xent);
    assert.equal(result.loss?.error, 'oob_y.npy row 4: Target 5 is out of bounds.');
    assert.ok(result.diagnostics.some((d) => d.code === 'label-out-of-range' && d.message.includes('Target 5 is out of bounds.')));
  });
});

describe('framework and the shared name bce', () => {
  const data = 'data { y_true: [1, 0, 1, 1] y_pred: [0.0, 0.3, 0.8, 0.6] }';

  it('bce is Keras\'s binary_crossentropy unless the experiment is PyTorch (p = 0 costs 15.94 clipped, 100 clamped)', async () => {
    const keras = await evaluate(`experiment k { task: binary loss: bce ${data} }`);
    assert.equal(keras.model.framework, undefined);
    assert.equal(keras.result.loss?.library, 'keras');
    const torch = fixture.eval.find((x) => x.id === 'inline-bce-pytorch')!;
    const pytorch = await evaluate(torch.xent);
    assert.equal(pytorch.result.loss?.library, 'pytorch');
    assert.equal(pytorch.result.loss?.value, torch.value);
    // Keras clips p = 0 to 1e-7 (−log → 15.94 in float32); PyTorch clamps the log at −100.
    assert.ok(keras.result.loss!.value! < 5 && torch.value! > 25, `${keras.result.loss?.value} vs ${torch.value}`);
  });

  it('a PyTorch-only loss name implies framework: pytorch, said with where it came from', async () => {
    const { model } = await evaluate('experiment p { task: multiclass classes: 3 loss: cross_entropy data { y_true: [0, 1] y_pred: [[1, 0, 0], [0, 1, 0]] } }');
    assert.equal(model.framework?.value, 'pytorch');
    assert.equal(model.framework?.origin, 'inferred');
    assert.equal(model.framework?.from, 'the loss cross_entropy');
  });

  it('a framework other than keras or pytorch is an error on its value, with the nearest name', () => {
    const { diagnostics } = analyze('experiment p { framework: pytorh task: binary loss: bce }');
    const d = diagnostics.find((x) => x.code === 'unknown-name');
    assert.ok(d && d.message === "unknown framework 'pytorh'; did you mean 'pytorch'?", JSON.stringify(diagnostics.map((x) => x.message)));
    const list = analyze('experiment p { framework: [keras] task: binary loss: bce }').diagnostics.find((x) => x.code === 'invalid-value');
    assert.equal(list?.message, 'framework must be keras or pytorch');
  });

  it('the framework key and its values are catalogue entries (completion and hover come from them)', () => {
    assert.deepEqual(lookup('key', 'framework')?.valueKinds, ['framework']);
    assert.deepEqual(entriesOf('framework').map((e) => e.name), ['keras', 'pytorch']);
    assert.match(entryMarkdown(lookup('framework', 'pytorch')!), /torch\.nn/);
  });

  it('Keras-only arguments on PyTorch\'s BCELoss are its TypeError; PyTorch\'s weight on Keras\'s is Keras\'s', async () => {
    const torch = await evaluate(`experiment p { framework: pytorch task: binary loss: bce(from_logits: true) ${data} }`);
    assert.equal(torch.result.loss?.error, "BCELoss.__init__() got an unexpected keyword argument 'from_logits'");
    const keras = await evaluate(`experiment k { task: binary loss: bce(weight: 2.0) ${data} }`);
    assert.equal(keras.result.loss?.error, "BinaryCrossentropy.__init__() got an unexpected keyword argument 'weight'");
    assert.equal(keras.result.loss?.library, 'keras');
  });

  it('a reduction PyTorch does not know is its ValueError', async () => {
    const { result } = await evaluate('experiment p { task: multiclass classes: 3 loss: cross_entropy(reduction: sum_over_batch_size) data { y_true: [0] y_pred: [[1, 0, 0]] } }');
    assert.equal(result.loss?.error, 'sum_over_batch_size is not a valid value for reduction');
  });
});

describe('metrics read probabilities derived from what the PyTorch loss takes', () => {
  it('cross_entropy: softmax of the logits (log_loss of softmax rows)', async () => {
    const { result } = await evaluate('experiment p { task: multiclass classes: 3 loss: cross_entropy metrics: [log_loss, accuracy] data { y_true: [0, 2] y_pred: [[2, 0, 0], [0, 0, 1]] } }');
    // softmax([2, 0, 0])[0] = e²/(e² + 2); softmax([0, 0, 1])[2] = e/(e + 2)
    const e = Math.E;
    const want = -(Math.log((e * e) / (e * e + 2)) + Math.log(e / (e + 2))) / 2;
    assert.ok(Math.abs(result.metrics.log_loss! - want) < 1e-12, `${result.metrics.log_loss} vs ${want}`);
    assert.equal(result.metrics.accuracy, 1);
  });

  it('nll_loss: exp of the log-probabilities', async () => {
    const lp = [Math.log(0.7), Math.log(0.2), Math.log(0.1)];
    const { result } = await evaluate(`experiment p { task: multiclass classes: 3 loss: nll_loss metrics: [log_loss] data { y_true: [0] y_pred: [[${lp.join(', ')}]] } }`);
    assert.ok(Math.abs(result.metrics.log_loss! + Math.log(0.7)) < 1e-12, String(result.metrics.log_loss));
  });

  it('bce_with_logits: sigmoid of the logits', async () => {
    const { result } = await evaluate('experiment p { task: binary loss: bce_with_logits metrics: [log_loss] data { y_true: [1, 0] y_pred: [0.0, 0.0] } }');
    assert.ok(Math.abs(result.metrics.log_loss! - Math.log(2)) < 1e-12, String(result.metrics.log_loss));
  });
});

describe('soft targets for cross_entropy', () => {
  it('rows of class probabilities are its targets: the loss is computed, scikit-learn\'s numbers are not (a warning, nothing converted)', async () => {
    const c = fixture.eval.find((x) => x.id === 'inline-ce-soft-none')!;
    const text = c.xent.replace('loss: cross_entropy(reduction: none)', 'loss: cross_entropy(reduction: none)\n  metrics: [accuracy]');
    const { result } = await evaluate(text);
    assert.ok(ulps(result.loss!.value!, c.mean!) <= 2);
    const d = result.diagnostics.find((x) => x.code === 'soft-targets');
    assert.ok(d && d.severity === 'warning' && /row \[0\.7, 0\.2, 0\.1\]/.test(d.message), JSON.stringify(result.diagnostics));
    assert.equal(result.diagnostics.filter((x) => x.severity === 'error').length, 0);
    assert.equal(result.declared[0].value, null);
    assert.match(result.declared[0].error ?? '', /class probabilities/);
  });

  it('the same rows under a Keras loss are invalid one-hot rows (an error)', async () => {
    const { result } = await evaluate('experiment k { task: multiclass classes: 3 labels: onehot loss: categorical_crossentropy data { y_true: [[0.7, 0.2, 0.1]] y_pred: [[0.6, 0.3, 0.1]] } }');
    assert.ok(result.diagnostics.some((x) => x.code === 'invalid-onehot-row' && x.severity === 'error'));
  });
});

describe('what the editor shows for PyTorch losses (generated from the catalogue)', () => {
  it('the hover of cross_entropy names torch.nn.CrossEntropyLoss, its formula and PyTorch\'s parameters', () => {
    const md = entryMarkdown(lookup('loss', 'cross_entropy')!);
    assert.match(md, /PyTorch: `torch\.nn\.CrossEntropyLoss` · `F\.cross_entropy`/);
    assert.match(md, /log softmax\(xᵢ\)\[yᵢ\]/);
    assert.match(md, /`ignore_index` \(integer, default `-100`\)/);
    assert.match(md, /`weight` \(number or list of numbers/);
    assert.match(md, /`reduction` \(mean \| sum \| none, default `mean`\)/);
  });

  it('the hover of bce says which library applies under which framework', () => {
    const md = entryMarkdown(lookup('loss', 'bce')!);
    assert.match(md, /PyTorch: `torch\.nn\.BCELoss`/);
    assert.match(md, /Keras: `keras\.losses\.BinaryCrossentropy`/);
    assert.match(md, /framework: pytorch/);
  });
});

describe('the registry of evaluated losses', () => {
  it('links every module to catalogue entries, one module per name and framework', () => {
    const seen = new Set<string>();
    for (const m of EVALUATED_LOSSES) {
      for (const name of m.names) {
        assert.ok(lookup('loss', name)?.name === name, `${name}: a catalogue loss under its own name`);
        const key = `${name}/${m.framework ?? '*'}`;
        assert.ok(!seen.has(key), `${key} registered twice`);
        seen.add(key);
      }
    }
  });

  it('evaluates the Keras, PyTorch and scikit-learn losses the docs list', () => {
    const evaluated = entriesOf('loss').filter((e) => EVALUATED_LOSSES.some((m) => m.names.includes(e.name))).map((e) => e.name).sort();
    assert.deepEqual(evaluated, [
      'bce',
      'bce_with_logits',
      'binary_crossentropy',
      'categorical_crossentropy',
      'cross_entropy',
      'kl_divergence',
      'log_loss',
      'nll_loss',
      'sparse_categorical_crossentropy',
    ]);
    // A PyTorch-only name is computed by PyTorch's rules; its catalogue entry says so.
    for (const m of EVALUATED_LOSSES.filter((x) => x.library === 'pytorch' && !x.framework)) {
      for (const name of m.names) assert.equal(lookup('loss', name)?.framework, 'pytorch', name);
    }
  });

  it('picks bce by the framework: Keras unless PyTorch', () => {
    const [m] = analyze('experiment e { task: binary loss: bce }').models;
    assert.equal(evaluatedLoss(m.loss!, undefined)?.library, 'keras');
    assert.equal(evaluatedLoss(m.loss!, 'keras')?.library, 'keras');
    assert.equal(evaluatedLoss(m.loss!, 'pytorch')?.library, 'pytorch');
  });
});

describe('a module\'s accumulator: scored apart, posted between threads, merged', () => {
  it('npy-nll-weight split in two and merged equals torch within 2 ulps', async () => {
    const c = fixture.eval.find((x) => x.id === 'npy-nll-weight')!;
    const [m] = analyze(c.xent).models;
    const plan = planEvaluation(m);
    assert.ok(typeof plan === 'object' && plan.loss?.kind === 'module');
    // The arrays PyTorch saw: the fixture's loss case with the same data.
    const y = Array.from(readNpy(join(dir, 'eval/nll_y.npy')));
    const lp = Array.from(readNpy(join(dir, 'eval/nll_logp.npy')));
    const decision = plan.loss.setup.onLayout({ layout: 'indices', trueCols: 1, predCols: 4 });
    assert.ok('accumulator' in decision);
    const acc = decision.accumulator;
    const cut = 23;
    const a = acc.update(acc.create(), { yTrue: y.slice(0, cut), yPred: lp.slice(0, cut * 4), rowStart: 0 });
    const b = acc.update(acc.create(), { yTrue: y.slice(cut), yPred: lp.slice(cut * 4), rowStart: cut });
    const merged = acc.finish(acc.merge(structuredClone(a), structuredClone(b)));
    assert.ok(ulps(merged.value!, c.value!) <= 2, `${merged.value} vs torch ${c.value}`);
  });
});

/** A little-endian .npy of int64 or float32 (what generate.py writes), as numbers. */
function readNpy(path: string): Float64Array {
  const buf = readFileSync(path);
  const headerLen = buf.readUInt16LE(8);
  const header = buf.subarray(10, 10 + headerLen).toString('latin1');
  const body = buf.subarray(10 + headerLen);
  if (header.includes("'<i8'")) return Float64Array.from({ length: body.length / 8 }, (_, i) => Number(body.readBigInt64LE(i * 8)));
  if (header.includes("'<f4'")) return Float64Array.from({ length: body.length / 4 }, (_, i) => body.readFloatLE(i * 4));
  throw new Error(`unexpected dtype in ${path}: ${header}`);
}

describe('nan as PyTorch gives it', () => {
  it('every target ignore_index: the mean is nan, and the note says why (JSON prints null)', async () => {
    const { result } = await evaluate('experiment p { task: multiclass classes: 3 loss: cross_entropy data { y_true: [-100, -100] y_pred: [[1, 0, 0], [0, 1, 0]] } }');
    assert.ok(Number.isNaN(result.loss?.value), String(result.loss?.value));
    assert.equal(result.loss?.error, null);
    assert.equal(result.loss?.note, 'PyTorch gives nan: every target is ignore_index, so the mean divides 0 by 0');
  });
});

describe('the editor\'s per-sample explanation reads what the PyTorch loss takes', () => {
  it('cross_entropy: softmax of the logits; nll_loss: exp of the log-probabilities', async () => {
    const ce = await evaluate('experiment p { task: multiclass classes: 3 loss: cross_entropy data { y_true: [0, 1] y_pred: [[2, 0, 0], [0, 1, 0]] } }');
    const a = sampleContribution(ce.model, 0, ce.result)!;
    assert.match(a, /q = softmax of the logits/);
    // softmax([2, 0, 0])[0] = e²/(e² + 2) = 0.787; −log of it = 0.2395
    assert.match(a, /−log 0\.787 = 0\.2395/);
    const lp = [Math.log(0.7), Math.log(0.2), Math.log(0.1)].map((x) => x.toFixed(6));
    const nll = await evaluate(`experiment p { task: multiclass classes: 3 loss: nll_loss data { y_true: [0, 1] y_pred: [[${lp.join(', ')}], [${lp.join(', ')}]] } }`);
    const b = sampleContribution(nll.model, 0, nll.result)!;
    assert.match(b, /q = exp of the log-probabilities/);
    assert.match(b, /−log 0\.7(000)? = 0\.3567/);
  });
});
