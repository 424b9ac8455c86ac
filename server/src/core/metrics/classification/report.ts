/**
 * scikit-learn's classification_report, as text (character for character) and as output_dict, computed from
 * accumulated counts.
 *
 * API
 *   interface ReportOptions {
 *     labels?: readonly number[]          class indices to report, in order (default: labels present in
 *                                         y_true ∪ y_pred ascending; multilabel: every column)
 *     targetNames?: readonly string[]     row names (sklearn target_names)
 *     labelInfo?: LabelDescription        the classes' Python str(): default row names (default: the index)
 *     digits?: number                     default 2
 *     zeroDivision?: ZeroDivision         default 'warn'
 *   }
 *   classificationReport(counts: Counts, options?: ReportOptions): ClassificationReport
 *     { text, entries, dict, rowHeadings, warnings }
 *       text     classification_report(...): header, one row per label, a blank line, then the average
 *                rows, each line ending in "\n" (the text ends with exactly one "\n").
 *       entries  classification_report(..., output_dict=True) as ordered [key, value] pairs: per-label
 *                {precision, recall, 'f1-score', support} (unrounded), then 'accuracy' (a number: the micro
 *                precision) or 'micro avg', 'macro avg', 'weighted avg' and, for multilabel, 'samples avg'.
 *                scikit-learn writes support as float (3.0); here it is the same number.
 *       dict     the same as a plain object. Beware: JavaScript lists integer-like keys ("0", "10") first in
 *                ascending order, whatever the insertion order; use `entries` when the order matters.
 *       warnings the warnings scikit-learn emits, in order (UndefinedMetricWarning for each zero division of
 *                each precision_recall_fscore_support call under zero_division='warn'; the target_names
 *                size UserWarning).
 *     Errors (MetricError): empty input; target_names of the wrong length when labels are not given; and
 *     those of precision_recall_fscore_support. For a multilabel target with `labels`, the accumulator must
 *     have been created with samplesLabels = labels (the 'samples avg' row needs them per sample).
 *
 * The decisions scikit-learn makes and this module reproduces:
 *   - the "accuracy" row replaces "micro avg" for single-label targets when labels are not given, or when
 *     the given labels include every label present in y_true ∪ y_pred; it shows the micro F1 in the
 *     f1-score column, blanks for precision and recall, and the total support of the listed labels;
 *   - width = max(longest target name (all of them, even beyond the labels), len("weighted avg"), digits);
 *   - rows pair names and labels like Python's zip: the shorter list wins;
 *   - supports print as integers ("2"), except for a single-label target with no correct prediction at all,
 *     where scikit-learn's counts are floats and print as "2.0";
 *   - floats print as Python's '%.{digits}f' (exact binary value, ties to even: 0.125 → "0.12").
 */
import { Counts, EMPTY_INPUT_MESSAGE } from './confusion';
import { MetricError, MetricWarning } from './errors';
import { LabelDescription } from './labels';
import { precisionRecallFscoreSupport, targetType, ZeroDivision } from './prf';
import { alignRight, codePointLength, formatFixed, pyRepr } from './pyformat';

export interface ReportOptions {
  readonly labels?: readonly number[];
  readonly targetNames?: readonly string[];
  readonly labelInfo?: LabelDescription;
  readonly digits?: number;
  readonly zeroDivision?: ZeroDivision | number;
}

export interface ReportRow {
  readonly precision: number;
  readonly recall: number;
  readonly 'f1-score': number;
  readonly support: number;
}

export type ReportEntry = [string, ReportRow | number];

export interface ClassificationReport {
  readonly text: string;
  readonly entries: ReportEntry[];
  readonly dict: Record<string, ReportRow | number>;
  /** the average rows' headings, in order ('accuracy' or 'micro avg', 'macro avg', ...) */
  readonly rowHeadings: string[];
  readonly warnings: MetricWarning[];
}

const HEADERS = ['precision', 'recall', 'f1-score', 'support'];
const LONGEST_LAST_LINE_HEADING = 'weighted avg';

export function classificationReport(counts: Counts, options: ReportOptions = {}): ClassificationReport {
  const digits = options.digits ?? 2;
  if (!Number.isInteger(digits) || digits < 0) throw new MetricError('invalid-argument', `digits must be a non-negative integer, got ${digits}`);
  const zd = options.zeroDivision ?? 'warn';
  if (counts.samples === 0) throw new MetricError('empty-input', EMPTY_INPUT_MESSAGE);
  const type = targetType(counts);
  const multilabel = type === 'multilabel-indicator';
  const present =
    counts.kind === 'multilabel' ? Array.from({ length: counts.numLabels }, (_, i) => i) : counts.presentLabels();
  const labelsGiven = options.labels !== undefined;
  const labels = options.labels ? [...options.labels] : present;
  const labelSet = new Set(labels);
  const microIsAccuracy = !multilabel && (!labelsGiven || present.every((l) => labelSet.has(l)));

  const warnings: MetricWarning[] = [];
  let names: readonly string[];
  if (options.targetNames !== undefined) {
    names = options.targetNames;
    if (labels.length !== names.length) {
      if (labelsGiven) {
        warnings.push({
          code: 'labels-target-names-size',
          category: 'UserWarning',
          message: `labels size, ${labels.length}, does not match size of target_names, ${names.length}`,
        });
      } else {
        throw new MetricError(
          'target-names-mismatch',
          `Number of classes, ${labels.length}, does not match size of target_names, ${names.length}. Try specifying the labels parameter`,
        );
      }
    }
  } else {
    names = labels.map((l) => options.labelInfo?.names[l] ?? String(l));
  }

  const perLabel = precisionRecallFscoreSupport(counts, { labels, average: null, zeroDivision: zd });
  warnings.push(...perLabel.warnings);
  const nRows = Math.min(names.length, labels.length);

  const dict = new Map<string, ReportRow | number>();
  for (let i = 0; i < nRows; i++) {
    dict.set(names[i], {
      precision: perLabel.precision[i],
      recall: perLabel.recall[i],
      'f1-score': perLabel.fscore[i],
      support: perLabel.support[i],
    });
  }

  let nameWidth = 0;
  for (const n of names) nameWidth = Math.max(nameWidth, codePointLength(n));
  const width = Math.max(nameWidth, LONGEST_LAST_LINE_HEADING.length, digits);
  // scikit-learn quirk: for a single-label target where no sample is predicted correctly,
  // multilabel_confusion_matrix starts from a float zeros array ("pathological case"), so every support is
  // a numpy float and prints as "2.0" instead of "2"
  const floatSupport = counts.kind === 'single-label' && counts.correct === 0;
  const num = (v: number) => ' ' + alignRight(formatFixed(v, digits), 9);
  const int = (v: number) => ' ' + alignRight(floatSupport ? pyRepr(v) : supportStr(v), 9);

  let text = alignRight('', width) + ' ' + HEADERS.map((h) => ' ' + alignRight(h, 9)).join('') + '\n\n';
  for (let i = 0; i < nRows; i++) {
    text +=
      alignRight(names[i], width) +
      ' ' +
      num(perLabel.precision[i]) +
      num(perLabel.recall[i]) +
      num(perLabel.fscore[i]) +
      int(perLabel.support[i]) +
      '\n';
  }
  text += '\n';

  let totalSupport = 0;
  for (const s of perLabel.support) totalSupport += s;
  const averages = multilabel ? (['micro', 'macro', 'weighted', 'samples'] as const) : (['micro', 'macro', 'weighted'] as const);
  const rowHeadings: string[] = [];
  for (const average of averages) {
    const heading = average === 'micro' && microIsAccuracy ? 'accuracy' : `${average} avg`;
    rowHeadings.push(heading);
    const r = precisionRecallFscoreSupport(counts, { labels, average, zeroDivision: zd });
    warnings.push(...r.warnings);
    dict.set(heading, { precision: r.precision, recall: r.recall, 'f1-score': r.fscore, support: totalSupport });
    if (heading === 'accuracy') {
      text += alignRight(heading, width) + ' ' + ' ' + alignRight('', 9) + ' ' + alignRight('', 9) + num(r.fscore) + int(totalSupport) + '\n';
    } else {
      text += alignRight(heading, width) + ' ' + num(r.precision) + num(r.recall) + num(r.fscore) + int(totalSupport) + '\n';
    }
  }
  const acc = dict.get('accuracy');
  if (acc !== undefined && typeof acc !== 'number') dict.set('accuracy', acc.precision);

  const entries: ReportEntry[] = [...dict.entries()];
  const obj: Record<string, ReportRow | number> = {};
  for (const [k, v] of entries) obj[k] = v;
  return { text, entries, dict: obj, rowHeadings, warnings };
}

/** Python's str() of an integer count. */
function supportStr(v: number): string {
  return Number.isInteger(v) && Math.abs(v) < 1e21 ? BigInt(v).toString() : String(v);
}
