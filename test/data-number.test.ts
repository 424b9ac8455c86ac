// The byte-level number parser against Number(): millions of random strings, deterministic seed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createNumberParser, parseNumberBytes, parseNumberText } from '../server/src/core/data/number';
import { mulberry32 } from './support/random.cjs';

const enc = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

function same(a: number | undefined, b: number): boolean {
  return a !== undefined && Object.is(a, b);
}

test('every syntax form parses to Number()', () => {
  const cases: Array<[string, number]> = [
    ['1', 1],
    ['-1', -1],
    ['1.', 1],
    ['.5', 0.5],
    ['-.5', -0.5],
    ['1e-5', 1e-5],
    ['2.5E+3', 2500],
    ['+3', 3],
    ['0', 0],
    ['-0', -0],
    ['-0.0', -0],
    ['007', 7],
    ['0.000123', 0.000123],
    ['1.e5', 1e5],
    ['123456789012345', 123456789012345],
    ['1234567890123456789', 1234567890123456789],
    ['9007199254740993', 9007199254740992],
    ['0.1', 0.1],
    ['0.30000000000000004', 0.30000000000000004],
    ['1e22', 1e22],
    ['1e23', 1e23],
    ['12e30', 12e30],
    ['1e308', 1e308],
    ['1e-308', 1e-308],
    ['5e-324', 5e-324],
    ['2e-324', 0],
    ['1e-400', 0],
    ['1e400', Infinity],
    ['-1e400', -Infinity],
    ['4.9406564584124654e-324', 5e-324],
    ['2.2250738585072011e-308', 2.2250738585072011e-308],
    ['1.7976931348623157e308', 1.7976931348623157e308],
    ['0.' + '0'.repeat(30) + '1', 1e-31],
    ['1' + '0'.repeat(30), 1e30],
    ['1e000000000000000000001', 10],
  ];
  for (const [s, v] of cases) {
    assert.ok(same(parseNumberBytes(enc(s)), v), `${s} → ${parseNumberBytes(enc(s))}, want ${v}`);
    assert.ok(same(parseNumberText(s), v), `text ${s}`);
    assert.ok(Object.is(Number(s), v), `reference ${s}`);
  }
});

test('nan and infinity in JS and Python spellings', () => {
  const cases: Array<[string, number]> = [
    ['nan', NaN],
    ['NaN', NaN],
    ['NAN', NaN],
    ['-nan', NaN],
    ['inf', Infinity],
    ['-inf', -Infinity],
    ['+inf', Infinity],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
    ['INF', Infinity],
    ['infinity', Infinity],
    [' 0.5 ', 0.5],
    ['\t-2\t', -2],
  ];
  for (const [s, v] of cases) assert.ok(same(parseNumberBytes(enc(s)), v), s);
});

test('what is not a number', () => {
  for (const s of ['', ' ', '.', '-', '+', 'e5', '1e', '1e+', '1e-', '0x10', '0b1', '1_000', '1.2.3', '--1', '+-1', 'nanx', 'in', 'infinit', 'abc', '1,5', '1 2', '"1"', '１']) {
    assert.equal(parseNumberBytes(enc(s)), undefined, JSON.stringify(s));
    assert.equal(parseNumberText(s), undefined, JSON.stringify(s));
  }
});

test('the in-buffer scan stops at delimiters and asks for more at the buffer end', () => {
  const p = createNumberParser();
  const b = enc('12.5,3\r\n-4e2\n7\0'); // the 0 sentinel after the data, as the engine writes it
  const end = b.length - 1;
  assert.equal(p.scan(b, 0, end, false), 12.5);
  assert.equal(p.end, 4);
  assert.equal(p.scan(b, 5, end, false), 3);
  assert.equal(p.end, 6);
  assert.equal(p.scan(b, 8, end, false), -400);
  assert.equal(p.end, 12);
  p.scan(b, 13, end, false);
  assert.equal(p.end, -2, 'the last field may continue in the next buffer');
  assert.equal(p.scan(b, 13, end, true), 7);
  assert.equal(p.end, 14);
  const q = enc('1.5x,2\0');
  p.scan(q, 0, q.length - 1, true);
  assert.equal(p.end, -1, 'not a plain number: the slow path decides');
  const r = enc('1.5\0' + '9');
  assert.equal(p.scan(r, 0, 3, true), 1.5, 'stops at the sentinel, not at the stale byte after it');
  assert.equal(p.end, 3);
});

// Random decimal strings in every shape the grammar allows, compared bit for bit with Number().
test('3,000,000 random decimal strings equal Number() bit for bit', () => {
  const rand = mulberry32(0x5eed);
  const digits = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(48 + Math.floor(rand() * 10));
    return s;
  };
  const p = createNumberParser();
  const buf = new Uint8Array(64);
  let checked = 0;
  for (let i = 0; i < 3_000_000; i++) {
    const r = rand();
    let s: string;
    if (r < 0.3) {
      // Like data files: 1-17 significant digits, small exponents, optional exponent part.
      const nd = 1 + Math.floor(rand() * 17);
      const intLen = Math.floor(rand() * Math.min(nd, 4));
      const d = digits(nd);
      s = (intLen === 0 ? (rand() < 0.5 ? '0' : '') : d.slice(0, intLen)) + '.' + d.slice(intLen);
      if (rand() < 0.3) s += (rand() < 0.5 ? 'e' : 'E') + (rand() < 0.5 ? '-' : rand() < 0.5 ? '+' : '') + Math.floor(rand() * 30);
    } else if (r < 0.5) {
      // Shortest round-trip text of a random double (what JS/Python print).
      const x = (rand() - 0.5) * 10 ** Math.floor(rand() * 40 - 20);
      s = String(x);
    } else if (r < 0.65) {
      // A random double at 1-21 significant digits: ties and near-ties of the rounding.
      const x = rand() * 10 ** Math.floor(rand() * 60 - 30);
      s = x.toPrecision(1 + Math.floor(rand() * 21));
    } else if (r < 0.8) {
      // Integers and long mantissas, with exponents across the fast-path limits (±22) and beyond.
      s = digits(1 + Math.floor(rand() * 25)) + 'e' + (Math.floor(rand() * 700) - 350);
    } else if (r < 0.9) {
      // Halfway cases: the exact midpoint between two adjacent doubles, and one digit either side.
      const x = rand() * 2 ** Math.floor(rand() * 100 - 50);
      const mid = (x + x * (1 + Number.EPSILON)) / 2;
      s = mid.toPrecision(17 + Math.floor(rand() * 4));
    } else {
      // Leading/trailing zeros, signs, bare fractions and bare dots.
      const sign = rand() < 0.3 ? '-' : rand() < 0.2 ? '+' : '';
      s = sign + '0'.repeat(Math.floor(rand() * 4)) + digits(Math.floor(rand() * 6)) + (rand() < 0.7 ? '.' : '') + digits(1 + Math.floor(rand() * 8)) + '0'.repeat(Math.floor(rand() * 5));
    }
    const want = Number(s);
    let n = 0;
    for (; n < s.length; n++) buf[n] = s.charCodeAt(n);
    buf[n] = 44; // a delimiter after the field, as in a row
    buf[n + 1] = 0; // the sentinel
    const got = p.scan(buf, 0, n + 1, false);
    if (p.end === n) {
      if (!Object.is(got, want)) assert.fail(`${s}: got ${got}, Number() gives ${want}`);
    } else {
      const t = p.parseText(s);
      if (!Object.is(t, want)) assert.fail(`${s}: slow path got ${t}, Number() gives ${want}`);
    }
    checked++;
  }
  assert.equal(checked, 3_000_000);
});
