/**
 * numpy float64 scalar arithmetic where it differs from JavaScript's: division by zero gives ±∞ / NaN as in
 * JavaScript, but numpy also emits a RuntimeWarning, which scikit-learn lets through.
 *
 * API
 *   scalarDivide(a, b, warnings): number    a / b; b = 0 → "divide by zero encountered in scalar divide"
 *                                           (a ≠ 0) or "invalid value encountered in scalar divide" (a = 0 or
 *                                           NaN), recorded as RuntimeWarning
 */
import type { MetricWarning } from '../classification/errors';

export function scalarDivide(a: number, b: number, warnings: MetricWarning[]): number {
  if (b === 0) {
    const invalid = a === 0 || Number.isNaN(a);
    warnings.push({
      code: 'undefined-score',
      category: 'RuntimeWarning',
      message: invalid ? 'invalid value encountered in scalar divide' : 'divide by zero encountered in scalar divide',
    });
  }
  return a / b;
}
