// The formulas of the hover, with the user's numbers from an evaluation: the loss as −(1/N)·Σ with N, the sum
// and the result; one y_pred row's term of the log loss; and, where y_true rows are distributions, the
// cross-entropy split into entropy and KL divergence. Pure functions returning Markdown (Unicode math, no LaTeX).

import type { DeclaredMetric, ExperimentResult } from '../../core/eval/types';
import type { ExperimentModel } from '../../core/model/types';
import { declaredNumber, declaredSignature, formatMetric, lossValue } from '../../../../shared/headline';

/** A number as the formulas print it: four decimals, with a real minus sign. */
export function num(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return x > 0 ? '∞' : x < 0 ? '−∞' : 'NaN';
  const s = Math.abs(x).toFixed(digits);
  return x < 0 && Number(s) !== 0 ? `−${s}` : s;
}

/** A probability as the data writes it: at most four decimals, no trailing zeros (0.7, 0.25, 0.1235; 3.00e-7). */
function prob(x: number): string {
  return x !== 0 && Math.abs(x) < 1e-4 ? x.toExponential(2) : String(Number(x.toFixed(4)));
}

const NEGATIVE_LOG = /crossentropy|^log_loss$/;

function block(text: string): string {
  return '```text\n' + text + '\n```';
}

/**
 * The loss (or the log_loss metric) with the user's numbers: L = −(1/N) · (Σ) = L, where Σ is the sum of the
 * per-sample log terms; L = −Σ when the value is the sum itself (`reduction: sum` of a Keras loss,
 * `normalize: false` of log_loss). The log_loss value is the declared metric's (`declared`), the number the lens,
 * the inlay hint and `xent eval --json` show. Undefined when the result holds no such value.
 */
export function lossWithNumbers(result: ExperimentResult, which: 'loss' | 'log_loss', options: { declared?: DeclaredMetric; sum?: boolean } = {}): string | undefined {
  if (result.error || result.samples <= 0) return undefined;
  const name = which === 'loss' ? result.loss?.name : 'log_loss';
  const declared = options.declared;
  const value = which === 'loss' ? lossValue(result) : declared ? declaredNumber(declared) : (result.metrics.log_loss ?? undefined);
  if (!name) return undefined;
  if (value === undefined || !Number.isFinite(value)) {
    const why = which === 'loss' ? (result.loss?.error ?? result.loss?.note) : undefined;
    return why ? `**Evaluated** (experiment \`${result.name}\`): ${why.replace(/\.$/, '')}.` : undefined;
  }
  const sum = options.sum ?? (declared?.params.normalize === false);
  const n = result.samples;
  const negativeLog = NEGATIVE_LOG.test(name);
  const total = sum ? value : n * value;
  const signed = negativeLog ? -total : total;
  const line = sum
    ? negativeLog ? `L = −(${num(signed)}) = ${num(value)}` : `L = ${num(signed)}`
    : negativeLog ? `L = −(1/${n}) · (${num(signed)}) = ${num(value)}` : `L = (1/${n}) · ${num(signed)} = ${num(value)}`;
  const what = negativeLog ? 'the sum of the per-sample log-probability terms' : 'the sum of the per-sample terms';
  return [
    `**With your numbers** (experiment \`${result.name}\`):`,
    block(line),
    `N = ${n} ${n === 1 ? 'sample' : 'samples'}, Σ = ${num(signed)} (${what})${sum ? '; the value is the sum, not the mean' : ''}.`,
  ].join('\n\n');
}

const LIBRARY_WORDS: Record<DeclaredMetric['library'], string> = {
  'scikit-learn': "scikit-learn's rules",
  keras: "Keras's rules",
  xent: 'the entropy identities',
};

/** A declared metric's value as a block of text: one number, one line per class, the matrix rows, or the report. */
function declaredValueBlock(d: DeclaredMetric): string {
  const v = d.value;
  const head = declaredSignature(d);
  if (typeof v === 'number') return `${head} = ${formatMetric(d.metric, v)}`;
  if (typeof v === 'string') return `${head}\n\n${v.replace(/\n+$/, '')}`;
  if (v === null) return `${head}: not computed`;
  if (Array.isArray(v)) {
    const cell = (x: number) => (Number.isInteger(x) ? String(x) : formatMetric(d.metric, x));
    const grid = (m: number[][]) => m.map((row) => `  [${row.map(cell).join(', ')}]`).join('\n');
    if (Array.isArray((v as unknown[][])[0]?.[0])) return `${head} =\n${(v as number[][][]).map((m, i) => `label ${i}:\n${grid(m)}`).join('\n')}`;
    return `${head} =\n${grid(v as number[][])}`;
  }
  const width = Math.max(...Object.keys(v).map((k) => k.length));
  return `${head} =\n${Object.entries(v).map(([k, x]) => `  ${k.padEnd(width)}  ${formatMetric(d.metric, x)}`).join('\n')}`;
}

/**
 * What a declared metric came to: its value with every effective parameter (defaults included), whose rules
 * computed it, what was decided on the user's behalf (`note`), or why the library refused it (`error`).
 */
export function declaredMarkdown(d: DeclaredMetric, result: ExperimentResult): string {
  const samples = `${result.samples} ${result.samples === 1 ? 'sample' : 'samples'}`;
  const parts = [`**Evaluated** (experiment \`${result.name}\`, ${samples}, by ${LIBRARY_WORDS[d.library] ?? d.library}):`, block(declaredValueBlock(d))];
  if (d.error !== null) parts.push(`**Not computed:** ${d.error}`);
  if (d.note) parts.push(`**Note:** ${d.note}`);
  return parts.join('\n\n');
}

/** H(p, q) = H(p) + KL(p‖q) with the three means, where y_true rows are distributions. */
export function entropyDecomposition(result: ExperimentResult): string | undefined {
  const e = result.metrics.entropy;
  if (!e || result.error) return undefined;
  const oneHot = Math.abs(e.entropy) < 5e-5;
  return [
    `**Cross-entropy = entropy + KL divergence** (y_true rows as distributions p, y_pred rows as q; means over ${result.samples} samples):`,
    block(`H(p, q) = H(p) + KL(p‖q)\n${num(e.cross_entropy)} = ${num(e.entropy)} + ${num(e.kl_divergence)}`),
    oneHot
      ? 'One-hot rows carry no uncertainty (H(p) = 0): the whole cross-entropy is the divergence of the predictions from the labels.'
      : 'H(p) is the part no prediction can remove; KL(p‖q) is what the predictions add to it.',
  ].join('\n\n');
}

/** The index of the true class of row `i`, or the row as a distribution; undefined when it cannot be read. */
function truthOf(model: ExperimentModel, i: number): { index: number } | { dist: number[] } | undefined {
  const data = model.data;
  if (data?.kind !== 'inline' || !data.yTrue || i >= data.yTrue.rows) return undefined;
  const y = data.yTrue;
  if (y.dims === 2) return { dist: Array.from(y.values.subarray(i * y.cols, (i + 1) * y.cols)) };
  if (y.names) {
    const index = model.classes?.value.names.indexOf(y.names[i]) ?? -1;
    return index >= 0 ? { index } : undefined;
  }
  const v = y.values[i];
  return Number.isInteger(v) && v >= 0 ? { index: v } : undefined;
}

/** y_pred holds logits: Keras's from_logits, or a PyTorch loss that takes them (cross_entropy, bce_with_logits). */
function fromLogits(model: ExperimentModel): boolean {
  if (model.loss?.entry?.takes === 'logits') return true;
  const v = model.loss?.args.get('from_logits')?.value;
  return v?.kind === 'boolean' && v.value;
}

function softmax(z: number[]): number[] {
  const max = Math.max(...z);
  const e = z.map((x) => Math.exp(x - max));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}

/** scikit-learn clips probabilities to [ε, 1 − ε] (ε of float64) before the log. */
const EPS = 2.220446049250313e-16;
const negLog = (p: number) => -Math.log(Math.min(Math.max(p, EPS), 1 - EPS));

/**
 * One y_pred row's term of the log loss, e.g. "−log(1 − 0.2) = −log 0.8 = 0.2231", and its share of the mean.
 * `row` is 0-based. Undefined for multilabel tasks and rows that cannot be read.
 */
export function sampleContribution(model: ExperimentModel, row: number, result: ExperimentResult): string | undefined {
  const data = model.data;
  if (data?.kind !== 'inline' || !data.yPred || row >= data.yPred.rows || result.task === 'multilabel' || result.error) return undefined;
  const truth = truthOf(model, row);
  if (!truth) return undefined;
  const pred = data.yPred;
  const logits = fromLogits(model);
  // nll_loss's y_pred holds log-probabilities: the log loss reads exp of them.
  const logProbs = model.loss?.entry?.takes === 'log-probabilities';
  const raw = Array.from(pred.values.subarray(row * pred.cols, (row + 1) * pred.cols));
  const n = pred.rows;
  let formula: string;
  let value: number;
  let label: string;
  if (pred.cols === 1) {
    // Binary, one column: P(class 1) (the sigmoid of the logit with from_logits).
    const p1 = logits ? 1 / (1 + Math.exp(-raw[0])) : raw[0];
    const t = 'index' in truth ? truth.index : truth.dist.indexOf(Math.max(...truth.dist));
    if (t !== 0 && t !== 1) return undefined;
    const source = logits ? `σ(${prob(raw[0])})` : prob(p1);
    value = t === 1 ? negLog(p1) : negLog(1 - p1);
    formula = t === 1 ? `−log ${source}${logits ? ` = −log ${prob(p1)}` : ''} = ${num(value)}` : `−log(1 − ${source}) = −log ${prob(1 - p1)} = ${num(value)}`;
    label = className(model, t);
  } else {
    const q = logits ? softmax(raw) : logProbs ? raw.map(Math.exp) : raw;
    const via = logits ? ' (q = softmax of the logits)' : logProbs ? ' (q = exp of the log-probabilities)' : '';
    if ('index' in truth) {
      if (truth.index >= q.length) return undefined;
      value = negLog(q[truth.index]);
      formula = `−log ${prob(q[truth.index])} = ${num(value)}${via}`;
      label = className(model, truth.index);
    } else {
      const terms = truth.dist.map((p, c) => ({ p, c })).filter((t) => t.p !== 0);
      if (terms.length === 0 || truth.dist.length !== q.length) return undefined;
      value = terms.reduce((s, t) => s + t.p * negLog(q[t.c]), 0);
      formula =
        terms.length === 1 && terms[0].p === 1
          ? `−log ${prob(q[terms[0].c])} = ${num(value)}${via}`
          : `−(${terms.map((t) => `${prob(t.p)}·log ${prob(q[t.c])}`).join(' + ')}) = ${num(value)}${via}`;
      label = `[${truth.dist.map(prob).join(', ')}]`;
    }
  }
  const mean = result.metrics.log_loss;
  const share =
    typeof mean === 'number' && Number.isFinite(mean)
      ? `The log loss ${num(mean)} is the mean of the ${n} terms; this sample adds ${num(value)} / ${n} = ${num(value / n)} to it.`
      : undefined;
  return [`**Sample ${row + 1} of ${n}** (y_true = ${label}): its term of the log loss`, block(formula), share].filter(Boolean).join('\n\n');
}

function className(model: ExperimentModel, index: number): string {
  const names = model.classes?.value;
  return names?.named && names.names[index] !== undefined ? `${index} (${names.names[index]})` : String(index);
}
