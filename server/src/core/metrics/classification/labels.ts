/**
 * Labels as scikit-learn and numpy see them: their order, and how they print.
 *
 * The metrics work on class indices 0..K−1. The caller maps its classes to indices; to reproduce
 * scikit-learn when no classes are declared, it orders them as numpy does (np.unique / sorted()), so that
 * "the labels present, in index order" equals scikit-learn's sorted unique labels.
 *
 * API
 *   type Label = string | number
 *   compareLabels(a: Label, b: Label): number
 *       numpy's order: numbers ascending; strings by Unicode code point (numpy compares UCS-4 code points,
 *       not UTF-16 units: "ａ" (U+FF41) sorts after "é😀"). Mixed strings and numbers throw.
 *   sortedUniqueLabels(labels: Iterable<Label>): Label[]
 *       np.unique / sklearn's unique_labels; a mix of strings and numbers throws MetricError like sklearn
 *       ("Mix of label input types (string and number)").
 *   pyStr(label: Label, options?: { float?: boolean }): string
 *       Python's "%s" % label (the classification_report's default row name): strings as they are,
 *       integers in decimal, floats (options.float) as Python's repr ("1.0", "0.5").
 *   pyReprStr(s: string): string
 *       Python's repr of a str ('a', "it's").
 *   describeLabels(classes: readonly Label[], options?: { float?: boolean }): LabelDescription
 *       { names: pyStr of each class; values: the classes }: pass as `labelInfo` to prf / report so that
 *       error messages quote labels as scikit-learn does.
 *   numpyArrayStr(values: readonly Label[]): string
 *       str(np.array(values)) for int or str arrays: "[0 1]", "[ 0 10]", "['neg' 'pos']".
 */
import { MetricError } from './errors';
import { pyRepr } from './pyformat';

export type Label = string | number;

function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(i)!;
    if (ca !== cb) return ca < cb ? -1 : 1;
    if (ca > 0xffff) i++;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

export function compareLabels(a: Label, b: Label): number {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
    if (Number.isNaN(b)) return -1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  throw new MetricError('invalid-argument', 'Mix of label input types (string and number)');
}

export function sortedUniqueLabels(labels: Iterable<Label>): Label[] {
  const seen = new Set<Label>();
  let kinds = 0;
  for (const l of labels) {
    if (!seen.has(l)) {
      seen.add(l);
      kinds |= typeof l === 'string' ? 1 : 2;
    }
  }
  if (kinds === 3) throw new MetricError('invalid-argument', 'Mix of label input types (string and number)');
  return [...seen].sort(compareLabels);
}

export function pyStr(label: Label, options?: { float?: boolean }): string {
  if (typeof label === 'string') return label;
  if (options?.float) return pyRepr(label);
  if (Number.isInteger(label)) return BigInt(label).toString();
  return pyRepr(label);
}

export function pyReprStr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += '\\' + quote;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + quote;
}

export interface LabelDescription {
  /** Python str() of each class: the report's default row names */
  readonly names: readonly string[];
  /** the class values, for messages that print numpy arrays of labels */
  readonly values: readonly Label[];
  readonly float?: boolean;
}

export function describeLabels(classes: readonly Label[], options?: { float?: boolean }): LabelDescription {
  return { names: classes.map((c) => pyStr(c, options)), values: classes, float: options?.float };
}

export function numpyArrayStr(values: readonly Label[]): string {
  if (values.length === 0) return '[]';
  if (values.every((v) => typeof v === 'string')) {
    return '[' + values.map((v) => pyReprStr(v as string)).join(' ') + ']';
  }
  const parts = values.map((v) => pyStr(v));
  const width = Math.max(...parts.map((p) => p.length));
  return '[' + parts.map((p) => p.padStart(width, ' ')).join(' ') + ']';
}
