// Which class is "positive" for a metric with a pos_label parameter (design decision, docs/metrics.md):
// an explicit value is a class name first, an index only when no class has that name; the default is
// scikit-learn's 1 when the classes are numbers and 1 is one of them, else the second class, said in a note.

import type { DeclaredParam } from './types';

export interface PosLabel {
  /** The class index in the experiment's class order. */
  readonly index: number;
  /** The class name it resolved to (what the JSON's params.pos_label shows). */
  readonly name: string;
  /** Set when xent chose on the user's behalf. */
  readonly note?: string;
}

const NUMERIC = /^[+-]?\d+(\.\d+)?$/;

export function resolvePosLabel(written: DeclaredParam | undefined, classNames: readonly string[]): PosLabel | string {
  if (written !== undefined && written !== null) {
    const text = typeof written === 'number' ? String(written) : typeof written === 'string' ? written : undefined;
    if (text === undefined) return `pos_label must be a class name or a class index, not ${JSON.stringify(written)}`;
    const byName = classNames.indexOf(text);
    if (byName >= 0) return { index: byName, name: classNames[byName] };
    if (typeof written === 'number' && Number.isInteger(written) && written >= 0 && written < classNames.length) {
      return { index: written, name: classNames[written] };
    }
    return `pos_label=${typeof written === 'string' ? `'${written}'` : written} is not a valid label. It should be one of ${classNames.join(', ')}`;
  }
  // scikit-learn's default pos_label=1: a class whose value is the number 1, when the classes are numbers.
  if (classNames.every((n) => NUMERIC.test(n))) {
    const one = classNames.findIndex((n) => Number(n) === 1);
    if (one >= 0) return { index: one, name: classNames[one] };
  }
  const index = Math.min(1, classNames.length - 1);
  return {
    index,
    name: classNames[index],
    note: `pos_label not given and the classes are not numbers with a 1 (scikit-learn would ask for it): the second class, '${classNames[index]}', was taken as positive`,
  };
}
