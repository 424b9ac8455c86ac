/**
 * Python's float formatting, digit for digit.
 *
 * API
 *   formatFixed(x: number, digits: number): string
 *       Python's `'%.{digits}f' % x` / `format(x, '.{digits}f')`. The EXACT binary value of the double is
 *       expanded in decimal (BigInt arithmetic on its mantissa and exponent) and rounded half-to-even:
 *       0.125 → "0.12", 0.375 → "0.38", 2.675 → "2.67" (the double 2.675 lies below the tie).
 *       nan → "nan", inf → "inf", -inf → "-inf", -0.0 → "-0.00", -0.001 → "-0.00" (Python keeps the sign).
 *       JavaScript's toFixed differs on exact ties (it rounds them up: 0.125 → "0.13"), hence this module.
 *   pyRepr(x: number): string
 *       Python's `repr(float)` / `str(float)`: the shortest round-trip digits, fixed notation when
 *       1e-4 ≤ |x| < 1e16 (with ".0" for integral values), else "d.ddde±XX" with at least two exponent digits.
 *   alignRight(s: string, width: number): string
 *       Python's `'{:>{width}}'.format(s)`: pads with spaces on the left, counting code points (as Python's
 *       len does), never truncating.
 *   decomposeDouble(x: number): { negative: boolean; mantissa: bigint; exponent: number }
 *       |x| = mantissa · 2^exponent exactly (finite x only).
 */

const scratch = new DataView(new ArrayBuffer(8));

export interface DecomposedDouble {
  readonly negative: boolean;
  readonly mantissa: bigint;
  readonly exponent: number;
}

export function decomposeDouble(x: number): DecomposedDouble {
  if (!Number.isFinite(x)) throw new RangeError(`decomposeDouble: ${x} is not finite`);
  scratch.setFloat64(0, x);
  const hi = scratch.getUint32(0);
  const lo = scratch.getUint32(4);
  const negative = hi >>> 31 === 1;
  const biased = (hi >>> 20) & 0x7ff;
  const fraction = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased === 0) return { negative, mantissa: fraction, exponent: -1074 };
  return { negative, mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}

const pow10Cache: bigint[] = [];
function pow10(n: number): bigint {
  let v = pow10Cache[n];
  if (v === undefined) {
    v = 10n ** BigInt(n);
    if (n < 64) pow10Cache[n] = v;
  }
  return v;
}

export function formatFixed(x: number, digits: number): string {
  if (!Number.isInteger(digits) || digits < 0) throw new RangeError(`formatFixed: bad digits ${digits}`);
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  const { negative, mantissa, exponent } = decomposeDouble(x);
  let q: bigint;
  if (exponent >= 0) {
    q = (mantissa << BigInt(exponent)) * pow10(digits);
  } else {
    const num = mantissa * pow10(digits);
    const shift = BigInt(-exponent);
    q = num >> shift;
    const rem = num - (q << shift);
    const twice = rem << 1n;
    const den = 1n << shift;
    if (twice > den || (twice === den && (q & 1n) === 1n)) q += 1n;
  }
  let s = q.toString();
  if (digits > 0) {
    if (s.length <= digits) s = '0'.repeat(digits + 1 - s.length) + s;
    s = s.slice(0, s.length - digits) + '.' + s.slice(s.length - digits);
  }
  return negative ? '-' + s : s;
}

export function pyRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  // toExponential() without an argument yields the shortest digits that round-trip (V8: the closest such).
  const e = Math.abs(x).toExponential();
  const m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(e);
  if (!m) throw new Error(`pyRepr: unexpected ${e}`);
  const digits = m[1] + (m[2] ?? '');
  const exp10 = Number(m[3]);
  const sign = x < 0 ? '-' : '';
  if (exp10 >= -4 && exp10 < 16) {
    if (exp10 >= 0) {
      const intPart = digits.slice(0, exp10 + 1).padEnd(exp10 + 1, '0');
      const frac = digits.slice(exp10 + 1);
      return sign + intPart + '.' + (frac === '' ? '0' : frac);
    }
    return sign + '0.' + '0'.repeat(-exp10 - 1) + digits;
  }
  const mant = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
  const expAbs = String(Math.abs(exp10)).padStart(2, '0');
  return sign + mant + 'e' + (exp10 < 0 ? '-' : '+') + expAbs;
}

/** Number of code points, as Python's len(str). */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

export function alignRight(s: string, width: number): string {
  const len = codePointLength(s);
  return len >= width ? s : ' '.repeat(width - len) + s;
}
