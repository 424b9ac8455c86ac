// The parser under fast-check: random text, token soups, mutated programs and grammar-generated valid programs.
// Properties: parse() never throws; every AST node lies inside the text and inside its parent, with an LSP range
// inside the document; errors lie inside the document, are sorted and number at most 100 plus one summary; valid
// programs parse with no error, give back exactly the structure they were printed from, and every node's range
// is exactly its text; the one shared parser instance carries nothing from one parse to the next.
// Then the stress cases of the issue: 10 MB of inline data and of binary garbage; lists, calls and braces nested
// 100,000 deep, closed and unclosed. Elapsed times are logged (t.diagnostic), never asserted: speed is for
// benchmarks.
//
// Runs per CI run: RANDOM_TEXT + TOKEN_SOUP + MUTATIONS + VALID_PROGRAMS (>= 10,000). A failure prints the seed,
// the shrunk counterexample and the failed assertion; replay with `FC_SEED=<seed> node test/run.mjs parser-property`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';

import { parse, MAX_NESTING, MAX_SYNTAX_ERRORS, type ParseResult } from '../server/src/core/syntax/parse';
import type { Block, Experiment, ListLiteral, Property, Value } from '../server/src/core/syntax/ast';
import { formatErrors, summarize } from './support/ast-summary';
import { rangeProblems, tightRangeProblems } from './support/ranges';
import { SMALL_PROGRAMS } from './support/programs';
import { mulberry32 } from './support/random.cjs';

const RANDOM_TEXT = 3000;
const TOKEN_SOUP = 3000;
const MUTATIONS = 4000;
const VALID_PROGRAMS = 2000;
/** Not counted in the 10,000: each run parses three inputs. */
const REUSE = 500;
const TRUNCATIONS = 1500;

const seed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);

/**
 * fc.assert, but the failure names what went wrong (the assertion inside the property), not only the
 * counterexample: node's reporter does not print an error's cause.
 */
function holds<T>(arb: fc.Arbitrary<T>, predicate: (value: T) => void, numRuns: number): void {
  const out = fc.check(fc.property(arb, predicate), { numRuns, ...(seed === undefined ? {} : { seed }) });
  if (out.failed) {
    const why = out.errorInstance instanceof Error ? out.errorInstance.message : String(out.errorInstance);
    assert.fail(`${fc.defaultReportMessage(out)}\n\nWhat failed: ${why}`);
  }
  assert.equal(out.numRuns, numRuns);
}

/** parse() must not throw, and its ranges must hold; the problems are the failure message. */
function parseChecked(text: string): ParseResult {
  let result: ParseResult;
  try {
    result = parse(text);
  } catch (err) {
    assert.fail(`parse threw on ${JSON.stringify(text.slice(0, 200))}: ${(err as Error)?.stack ?? err}`);
  }
  const problems = rangeProblems(result);
  assert.deepEqual(problems, [], `range problems for ${JSON.stringify(text.slice(0, 200))}`);
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// Random text

/** One UTF-16 piece: any code point, a lone surrogate half, or a character the lexer has opinions about. */
const anyChar: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)) },
  {
    weight: 3,
    arbitrary: fc.constantFrom('\0', '\r', '\n', '\r\n', '\t', '\ufeff', '\u2028', '\u00a0', '#', '"', "'", '\\', '{', '}', '[', ']', '(', ')', ':', ',', '-', '.', 'e', '𝒳', 'é', '猫'),
  },
);

const randomText = fc.string({ unit: anyChar, maxLength: 400, size: 'medium' });

// ---------------------------------------------------------------------------------------------------------------
// Token soups

const VOCABULARY = [
  'experiment', 'extends', 'true', 'false', 'task', 'classes', 'labels', 'model', 'loss', 'optimizer', 'metrics',
  'data', 'y_true', 'y_pred', 'features', 'dense', 'relu', 'softmax', 'csv', 'cat', 'é', '猫', '𝒳', '_x1',
  '0', '1', '-0.8', '.5', '1.', '1e-5', '2.5E+3', '+3', '12', '"str"', "'str'", '"a\\"b"', '"#"', '"open', "'open",
  '"\\', '{', '}', '[', ']', '(', ')', ':', ',', '# comment', '#', '@', '$', ';', '-', '.', '\0', '\ufeff',
];
const SEPARATORS = ['', ' ', ' ', ' ', '\t', '\n', '\r\n', '\r', '  '];

const tokenSoup = fc
  .array(fc.tuple(fc.constantFrom(...VOCABULARY), fc.constantFrom(...SEPARATORS)), { maxLength: 150, size: 'medium' })
  .map((parts) => parts.map(([t, s]) => t + s).join(''));

/** Soups that look more like programs: an experiment header, then a soup, and maybe a closing brace. */
const headedSoup = fc
  .tuple(tokenSoup, fc.boolean())
  .map(([soup, close]) => `experiment a {\n${soup}${close ? '\n}' : ''}`);

// ---------------------------------------------------------------------------------------------------------------
// Grammar-generated valid programs, as a model that the parsed AST is compared with

type MValue =
  | { k: 'number'; raw: string }
  | { k: 'string'; value: string }
  | { k: 'boolean'; value: boolean }
  | { k: 'identifier'; name: string }
  | { k: 'list'; items: MValue[] }
  | { k: 'call'; callee: string; args: { name?: string; value: MValue }[] };
type MEntry = { key: string; value: MValue } | { value: MValue };
type MProperty = { key: string; value: MValue } | { key: string; block: MEntry[] };
interface MExperiment {
  name: string;
  parent?: string;
  properties: MProperty[];
}

const KEYWORDS = new Set(['experiment', 'extends', 'true', 'false']);
const nameStart = fc.constantFrom('a', 'b', 'x', 'Z', '_', 'é', 'Ω', '猫', '𝒳', 'ñ', 'd', 'r', 'e', 't', 'f');
const nameRest = fc.constantFrom('a', 'e', 'x', '_', '0', '1', '9', 'é', '٣', '猫', '𝒳', 'n', 's', 'u');
const name: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('task', 'classes', 'labels', 'model', 'loss', 'optimizer', 'metrics', 'data', 'y_true', 'dense', 'relu', 'cat', 'experiments', 'extendsx', 'truely', 'f1'),
  fc.tuple(nameStart, fc.array(nameRest, { maxLength: 6 })).map(([s, r]) => s + r.join('')),
).filter((n) => !KEYWORDS.has(n));

const numberRaw: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', '', '-', '+'),
    fc.oneof(
      fc.nat({ max: 1000 }).map(String),
      fc.tuple(fc.nat({ max: 99 }), fc.nat({ max: 999 })).map(([a, b]) => `${a}.${b}`),
      fc.nat({ max: 999 }).map((b) => `.${b}`),
      fc.nat({ max: 99 }).map((a) => `${a}.`),
    ),
    fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '-', '+'), fc.nat({ max: 30 })).map(([e, s, n]) => `${e}${s}${n}`), { nil: '' }),
  )
  .map(([sign, body, exp]) => sign + body + exp);

const stringContent = fc.string({
  unit: fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom('a', 'b', ' ', '#', '"', "'", '\\', '\n', '\t', '\r', 'é', '𝒳', '{', '}', '/', '.', '\0') },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) },
  ),
  maxLength: 12,
});

const valueArb: fc.Arbitrary<MValue> = fc.letrec<{ value: MValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    numberRaw.map((raw): MValue => ({ k: 'number', raw })),
    stringContent.map((value): MValue => ({ k: 'string', value })),
    fc.boolean().map((value): MValue => ({ k: 'boolean', value })),
    name.map((n): MValue => ({ k: 'identifier', name: n })),
    fc.array(tie('value'), { maxLength: 4 }).map((items): MValue => ({ k: 'list', items })),
    fc
      .tuple(name, fc.array(fc.tuple(fc.option(name, { nil: undefined }), tie('value')), { maxLength: 3 }))
      .map(([callee, args]): MValue => ({ k: 'call', callee, args: args.map(([n, value]) => (n === undefined ? { value } : { name: n, value })) })),
  ),
})).value;

const entryArb: fc.Arbitrary<MEntry> = fc.oneof(
  fc.tuple(name, valueArb).map(([key, value]): MEntry => ({ key, value })),
  valueArb.map((value): MEntry => ({ value })),
);

const propertyArb: fc.Arbitrary<MProperty> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(name, valueArb).map(([key, value]): MProperty => ({ key, value })) },
  { weight: 1, arbitrary: fc.tuple(name, fc.array(entryArb, { maxLength: 4 })).map(([key, block]): MProperty => ({ key, block })) },
);

const experimentArb: fc.Arbitrary<MExperiment> = fc
  .tuple(name, fc.option(name, { nil: undefined }), fc.array(propertyArb, { maxLength: 8, size: 'medium' }))
  .map(([n, parent, properties]) => (parent === undefined ? { name: n, properties } : { name: n, parent, properties }));

const programArb = fc.tuple(fc.array(experimentArb, { maxLength: 3 }), fc.integer());

/** Prints a model as .xent text with random layout: spacing, line breaks of all kinds, comments, quotes. */
function render(experiments: MExperiment[], layoutSeed: number): string {
  const rnd = mulberry32(layoutSeed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const tokens: string[] = [];
  const word = (t: string): void => {
    tokens.push(t);
  };

  const quote = (s: string): string => {
    const q = rnd() < 0.5 ? '"' : "'";
    let out = q;
    for (const ch of s) {
      if (ch === q || ch === '\\') out += '\\' + ch;
      else if (ch === '\n') out += '\\n';
      else if (ch === '\r') out += '\\r';
      else if (ch === '\t') out += pick(['\\t', '\t']);
      else if (ch.length === 1 && rnd() < 0.1) out += '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0');
      else out += ch;
    }
    return out + q;
  };

  const value = (v: MValue): void => {
    switch (v.k) {
      case 'number':
        return word(v.raw);
      case 'string':
        return word(quote(v.value));
      case 'boolean':
        return word(String(v.value));
      case 'identifier':
        return word(v.name);
      case 'list':
        word('[');
        v.items.forEach((item, i) => {
          if (i > 0) word(',');
          value(item);
        });
        if (v.items.length > 0 && rnd() < 0.3) word(',');
        return word(']');
      case 'call':
        word(v.callee);
        word('(');
        v.args.forEach((a, i) => {
          if (i > 0) word(',');
          if (a.name !== undefined) {
            word(a.name);
            word(':');
          }
          value(a.value);
        });
        if (v.args.length > 0 && rnd() < 0.3) word(',');
        return word(')');
    }
  };

  for (const e of experiments) {
    word('experiment');
    word(e.name);
    if (e.parent !== undefined) {
      word('extends');
      word(e.parent);
    }
    word('{');
    for (const p of e.properties) {
      word(p.key);
      if ('block' in p) {
        word('{');
        for (const entry of p.block) {
          if ('key' in entry) {
            word(entry.key);
            word(':');
          }
          value(entry.value);
        }
        word('}');
      } else {
        word(':');
        value(p.value);
      }
    }
    word('}');
  }

  // Joins tokens: names, numbers and keywords need a separator between them; punctuation may touch anything.
  const punct = (t: string) => '{}[](),:'.includes(t);
  const breaks = ['\n', '\r\n', '\r'];
  let text = rnd() < 0.1 ? '\ufeff' : '';
  if (rnd() < 0.3) text += `# ${pick(['head', 'é # 𝒳', '"quoted"'])}${pick(breaks)}`;
  tokens.forEach((t, i) => {
    if (i > 0) {
      const r = rnd();
      const needs = !punct(t) && !punct(tokens[i - 1]);
      if (r < 0.08) text += ` # c${pick(['', ' "x"', " 'y", ' {[(', ' 猫'])}${pick(breaks)}${pick(['', '  ', '\t'])}`;
      else if (r < 0.25) text += pick(breaks) + pick(['', '  ', '\t']);
      else if (r < 0.35) text += '\t';
      else if (r < 0.55 && !needs) text += '';
      else text += ' ';
    }
    text += t;
  });
  if (rnd() < 0.5) text += pick(['\n', '\r\n', '\r', ' # end', '']);
  return text;
}

/** The model of a parsed document, to compare with the one a program was printed from. */
function modelOf(experiments: readonly Experiment[]): MExperiment[] {
  const value = (v: Value | undefined): MValue => {
    assert.ok(v, 'a value is missing');
    switch (v.kind) {
      case 'number':
        assert.equal(v.value, Number(v.raw));
        return { k: 'number', raw: v.raw };
      case 'string':
        assert.ok(v.terminated);
        return { k: 'string', value: v.value };
      case 'boolean':
        return { k: 'boolean', value: v.value };
      case 'identifier':
        return { k: 'identifier', name: v.name };
      case 'list':
        return { k: 'list', items: (v as ListLiteral).items.map(value) };
      case 'call':
        return {
          k: 'call',
          callee: v.callee.name,
          args: v.args.map((a) => (a.name ? { name: a.name.name, value: value(a.value) } : { value: value(a.value) })),
        };
    }
  };
  const block = (b: Block): MEntry[] =>
    b.entries.map((e) => (e.kind === 'property' ? { key: e.key.name, value: value(e.value) } : { value: value(e) }));
  const property = (p: Property): MProperty => (p.block ? { key: p.key.name, block: block(p.block) } : { key: p.key.name, value: value(p.value) });
  return experiments.map((e) => {
    assert.ok(e.name, 'an experiment name is missing');
    const m: MExperiment = { name: e.name.name, properties: e.properties.map(property) };
    if (e.parent) m.parent = e.parent.name;
    return m;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Mutations of valid programs

type Mutation = { op: 'delete' | 'insert' | 'duplicate' | 'swap' | 'deleteToken' | 'duplicateToken' | 'swapTokens' | 'insertToken'; a: number; b: number; piece: string };

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom('delete', 'insert', 'duplicate', 'swap', 'deleteToken', 'duplicateToken', 'swapTokens', 'insertToken'),
  a: fc.nat(),
  b: fc.nat(),
  piece: fc.oneof(fc.constantFrom(...VOCABULARY), anyChar),
});

/** Tokens and the white space between them, so token edits keep the layout; joined back by concatenation. */
function pieces(text: string): string[] {
  return text.match(/\s+|#[^\r\n]*|"(?:[^"\\\r\n]|\\.)*"?|'(?:[^'\\\r\n]|\\.)*'?|[{}[\](),:]|[^\s{}[\](),:"'#]+|[^]/g) ?? [];
}

function mutate(text: string, m: Mutation): string {
  const n = text.length;
  const i = n === 0 ? 0 : m.a % (n + 1);
  switch (m.op) {
    case 'delete':
      return text.slice(0, i) + text.slice(Math.min(n, i + 1 + (m.b % 8)));
    case 'insert':
      return text.slice(0, i) + m.piece + text.slice(i);
    case 'duplicate': {
      const end = Math.min(n, i + 1 + (m.b % 40));
      return text.slice(0, end) + text.slice(i, end) + text.slice(end);
    }
    case 'swap': {
      if (n < 2) return text;
      const x = m.a % n;
      const y = m.b % n;
      const chars = text.split('');
      [chars[x], chars[y]] = [chars[y], chars[x]];
      return chars.join('');
    }
    default: {
      const ps = pieces(text);
      const tokenIdx = ps.map((p, k) => (/^\s+$/.test(p) ? -1 : k)).filter((k) => k >= 0);
      if (tokenIdx.length === 0) return text + m.piece;
      const x = tokenIdx[m.a % tokenIdx.length];
      const y = tokenIdx[m.b % tokenIdx.length];
      if (m.op === 'deleteToken') ps.splice(x, 1);
      else if (m.op === 'duplicateToken') ps.splice(x, 0, ps[x], ' ');
      else if (m.op === 'insertToken') ps.splice(x, 0, m.piece, ' ');
      else [ps[x], ps[y]] = [ps[y], ps[x]];
      return ps.join('');
    }
  }
}

const mutatedProgram = fc
  .tuple(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...SMALL_PROGRAMS) },
      { weight: 2, arbitrary: programArb.map(([exps, layout]) => render(exps, layout)) },
    ),
    fc.array(mutationArb, { minLength: 1, maxLength: 6 }),
  )
  .map(([text, mutations]) => mutations.reduce(mutate, text));

// ---------------------------------------------------------------------------------------------------------------

describe('parser properties (fast-check)', () => {
  it(`random text, full Unicode with lone surrogates, NUL and line breaks (${RANDOM_TEXT} runs)`, () => {
    holds(randomText, (text) => void parseChecked(text), RANDOM_TEXT);
  });

  it(`token soups from the language's vocabulary (${TOKEN_SOUP} runs)`, () => {
    holds(fc.oneof(tokenSoup, headedSoup), (text) => void parseChecked(text), TOKEN_SOUP);
  });

  it(`mutated valid programs: characters and tokens deleted, inserted, duplicated, swapped (${MUTATIONS} runs)`, () => {
    holds(mutatedProgram, (text) => void parseChecked(text), MUTATIONS);
  });

  it(`grammar-generated valid programs parse with no error and give back their structure (${VALID_PROGRAMS} runs)`, () => {
    holds(
      programArb,
      ([experiments, layout]) => {
        const text = render(experiments, layout);
        const result = parseChecked(text);
        assert.deepEqual(formatErrors(result.errors), [], JSON.stringify(text));
        assert.deepEqual(modelOf(result.document.experiments), experiments, JSON.stringify(text));
        assert.deepEqual(tightRangeProblems(result), [], JSON.stringify(text));
      },
      VALID_PROGRAMS,
    );
  });

  it('runs at least 10,000 inputs in all', () => {
    assert.ok(RANDOM_TEXT + TOKEN_SOUP + MUTATIONS + VALID_PROGRAMS >= 10_000);
  });

  it(`valid programs cut anywhere, as an editor holds them while typing, give at most 2 errors besides unknown characters (${TRUNCATIONS} runs)`, () => {
    // Recovery must not cascade: cutting a program leaves one thing unfinished (a list, a call, a string, a
    // half-typed keyword), which is one error, two at most. A grammar ambiguity once made `[[[` three errors.
    holds(
      fc.tuple(programArb, fc.nat()),
      ([[experiments, layout], cut]) => {
        const full = render(experiments, layout);
        const text = full.slice(0, cut % (full.length + 1));
        const result = parseChecked(text);
        const errors = formatErrors(result.errors).filter((e) => !/ unexpected characters? '/.test(e));
        assert.ok(errors.length <= 2, `${JSON.stringify(text)}\n${errors.join('\n')}`);
      },
      TRUNCATIONS,
    );
  });

  it(`keeps no state between parses: the shared parser gives the same result after any other input (${REUSE} runs)`, () => {
    const outcome = (text: string) => {
      const r = parse(text);
      return { ast: summarize(r.document), errors: formatErrors(r.errors), comments: r.document.comments.length };
    };
    holds(
      fc.tuple(mutatedProgram, fc.oneof(tokenSoup, mutatedProgram, randomText)),
      ([text, other]) => {
        const before = outcome(text);
        outcome(other);
        assert.deepEqual(outcome(text), before);
      },
      REUSE,
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Stress: huge and deep inputs finish, with sensible errors. Times are logged, not asserted.

function timed<T>(t: { diagnostic(message: string): void }, label: string, f: () => T): T {
  const t0 = performance.now();
  const r = f();
  t.diagnostic(`${label}: ${(performance.now() - t0).toFixed(0)} ms`);
  return r;
}

const TEN_MB = 10 * 1024 * 1024;
const NESTING_MESSAGE = `nested more than ${MAX_NESTING} levels deep: the inner part is ignored`;

describe('parser stress cases', () => {
  it('parses a 10 MB file of inline data with no error', (t) => {
    const rnd = mulberry32(7);
    const rows: string[] = [];
    let length = 0;
    while (length < TEN_MB) {
      const row = `    [${rnd().toFixed(4)}, ${rnd().toFixed(4)}, ${(rnd() * 1e-3).toExponential(2)}],`;
      rows.push(row);
      length += row.length + 1;
    }
    const text = `experiment big {\n  task: multiclass\n  data {\n    y_true: [0, 1, 2]\n    y_pred: [\n${rows.join('\n')}\n    ]\n  }\n}\n`;
    t.diagnostic(`${(text.length / 1024 / 1024).toFixed(1)} MB, ${rows.length} rows`);
    const result = timed(t, 'parse', () => parse(text));
    assert.deepEqual(formatErrors(result.errors), []);
    const [e] = result.document.experiments;
    const data = e.properties.find((p) => p.key.name === 'data')!.block!;
    const yPred = data.entries[1] as Property;
    const list = yPred.value as ListLiteral;
    assert.equal(list.items.length, rows.length);
    const last = list.items[list.items.length - 1] as ListLiteral;
    assert.equal(last.items.length, 3);
    assert.equal(formatErrors(result.errors).length, 0);
    assert.deepEqual(e.range.end, result.source.positionAt(text.length - 1));
    assert.equal(formatRangeOf(result, last), `${rows.length + 4}:4-${rows.length + 4}:${rows[rows.length - 1].length - 1}`);
  });

  for (const [label, make] of [
    ['binary garbage (bytes read as Latin-1)', (rnd: () => number) => bytes(rnd).toString('latin1')],
    ['binary garbage (bytes read as UTF-8)', (rnd: () => number) => bytes(rnd).toString('utf8')],
    ['random UTF-16 code units, lone surrogates included', (rnd: () => number) => codeUnits(rnd)],
  ] as const) {
    it(`finishes on 10 MB of ${label} with ${MAX_SYNTAX_ERRORS} errors and a count of the rest`, (t) => {
      const text = make(mulberry32(11));
      const result = timed(t, 'parse', () => parse(text));
      assert.equal(result.errors.length, MAX_SYNTAX_ERRORS + 1);
      assert.match(result.errors[MAX_SYNTAX_ERRORS].message, /^\d+ more syntax errors not shown$/);
      t.diagnostic(result.errors[MAX_SYNTAX_ERRORS].message);
      assert.ok(result.errors.every((e) => !e.message.startsWith('internal parser error')));
      assert.deepEqual(timed(t, 'range check', () => rangeProblems(result)), []);
    });
  }

  const DEPTH = 100_000;
  for (const [label, prefix, open, close] of [
    ['lists', 'x: ', '[', ']'],
    ['calls', 'x: ', 'f(', ')'],
    ['braces', 'model ', '{', '}'],
  ] as const) {
    it(`reports ${label} nested ${DEPTH.toLocaleString('en')} deep, closed, with one nesting error`, (t) => {
      const text = `experiment deep {\n  ${prefix}${open.repeat(DEPTH)}1${close.repeat(DEPTH)}\n}\n`;
      const result = timed(t, 'parse', () => parse(text));
      const messages = result.errors.map((e) => e.message);
      t.diagnostic(JSON.stringify(formatErrors(result.errors)));
      assert.ok(messages.includes(NESTING_MESSAGE), messages.join('\n'));
      assert.equal(messages.filter((m) => m === NESTING_MESSAGE).length, 1);
      assert.deepEqual(rangeProblems(result), []);
      assert.equal(result.document.experiments.length, 1);
    });

    it(`reports ${label} nested ${DEPTH.toLocaleString('en')} deep, never closed, with a nesting error and a missing closer`, (t) => {
      const text = `experiment deep {\n  ${prefix}${open.repeat(DEPTH)}`;
      const result = timed(t, 'parse', () => parse(text));
      const messages = result.errors.map((e) => e.message);
      t.diagnostic(JSON.stringify(formatErrors(result.errors)));
      assert.ok(messages.includes(NESTING_MESSAGE), messages.join('\n'));
      // Lists and calls end in "expected ']' (or ')') ..., found end of the file"; braces fail earlier, at the
      // second '{' (a block holds no block), and recovery then skips to the end.
      assert.equal(result.errors.length, 2, messages.join('\n'));
      if (label !== 'braces') assert.ok(messages.some((m) => m.endsWith('found end of the file')), messages.join('\n'));
      assert.deepEqual(rangeProblems(result), []);
    });
  }
});

function bytes(rnd: () => number): Buffer {
  const b = Buffer.alloc(TEN_MB);
  for (let i = 0; i < b.length; i += 4) b.writeUInt32LE(Math.floor(rnd() * 4294967296), i);
  return b;
}

function codeUnits(rnd: () => number): string {
  const units = new Uint16Array(TEN_MB / 2);
  for (let i = 0; i < units.length; i++) units[i] = Math.floor(rnd() * 65536);
  let s = '';
  for (let i = 0; i < units.length; i += 8192) s += String.fromCharCode(...units.subarray(i, i + 8192));
  return s;
}

function formatRangeOf(result: ParseResult, node: { start: number; end: number }): string {
  const r = result.source.rangeOf(node.start, node.end);
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}
