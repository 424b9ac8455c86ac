// The pure parts behind structure and navigation: the light experiment-name scanner (workspace symbols over files
// on disk), name validity for rename, the query ranking, and the invariants of folds, outline and semantic
// tokens on every example file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../server/src/core/check';
import { isValidExperimentName, renameProblem, scanExperimentNames } from '../server/src/core/syntax/experiment-names';
import { parse } from '../server/src/core/syntax/parse';
import { dataPaths } from '../server/src/lsp/features/document-links';
import { folds } from '../server/src/lsp/features/folding';
import { semanticTokens } from '../server/src/lsp/features/semantic-tokens';
import { outline, type OutlineNode } from '../server/src/lsp/features/symbols';
import { DEFAULT_LIMITS, DiskIndex, listXentFiles, matchScore } from '../server/src/lsp/features/workspace-symbols';

const EXAMPLES = join(__dirname, '..', 'examples');

test('scanExperimentNames finds declarations, skipping comments, strings and look-alikes', () => {
  const cases: [string, string[]][] = [
    ['experiment a {}', ['a']],
    ['experiment b extends a {}', ['b<a']],
    ['# experiment hidden {}\nexperiment shown {}', ['shown']],
    ['experiment c { data: csv("experiment fake") }', ['c']],
    ["experiment d { x: 'experiment fake2' }", ['d']],
    ['experiment e { x: "unterminated experiment f\nexperiment g {}', ['e', 'g']],
    ['experiment h { x: "esc \\" experiment fake3" }', ['h']],
    ['myexperiment x experiment_y z', []],
    ['experiment extends {}', []],
    ['experiment\n  spaced\n  extends\n  base {}', ['spaced<base']],
    ['experiment ünï {} experiment 名前 {}', ['ünï', '名前']],
    ['x: 1e5 experiment n1 {} 2experiment n2', ['n1', 'n2']],
    ['experiment', []],
    ['', []],
  ];
  for (const [text, want] of cases) {
    const got = scanExperimentNames(text).map((x) => (x.parent ? `${x.name}<${x.parent}` : x.name));
    assert.deepEqual(got, want, JSON.stringify(text));
    for (const x of scanExperimentNames(text)) assert.equal(text.slice(x.start, x.end), x.name);
  }
});

test('scanExperimentNames agrees with the parser on every example file', () => {
  for (const file of readdirSync(EXAMPLES).filter((f) => f.endsWith('.xent'))) {
    const text = readFileSync(join(EXAMPLES, file), 'utf8');
    const parsed = parse(text).document.experiments.filter((e) => e.name).map((e) => [e.name!.name, e.name!.start, e.parent?.name]);
    const scanned = scanExperimentNames(text).map((x) => [x.name, x.start, x.parent]);
    assert.deepEqual(scanned, parsed, file);
  }
});

test('rename: valid names, keywords and names already taken', () => {
  const doc = parse('experiment base {}\nexperiment child extends base {}').document;
  const cases: [string, RegExp | undefined][] = [
    ['baseline', undefined],
    ['_private2', undefined],
    ['ünï', undefined],
    ['base', undefined], // unchanged: allowed, a no-op
    ['child', /already exists/],
    ['2fast', /not a valid/],
    ['a-b', /not a valid/],
    ['', /not a valid/],
    ['true', /keyword/],
    ['experiment', /keyword/],
  ];
  for (const [name, problem] of cases) {
    const got = renameProblem(doc, 'base', name);
    if (problem) assert.match(got ?? '', problem, name);
    else assert.equal(got, undefined, name);
  }
  assert.equal(isValidExperimentName('x'), true);
  assert.equal(isValidExperimentName('x y'), false);
});

test('workspace symbol queries: prefix, substring, letters in order, case-insensitive', () => {
  const cases: [string, string, number | undefined][] = [
    ['spam_filter', '', 0],
    ['spam_filter', 'spam', 0],
    ['spam_filter', 'SPAM', 0],
    ['spam_filter', 'filter', 1],
    ['spam_filter', 'sflt', 2],
    ['spam_filter', 'tlfs', undefined],
    ['spam_filter', 'spam_filter_2', undefined],
  ];
  for (const [name, query, score] of cases) assert.equal(matchScore(name, query), score, `${name} / ${query}`);
});

test('data paths: csv path and npy files are paths; csv columns are not', () => {
  const text = 'experiment a { data: csv("runs/v.csv", y_true: "label", y_pred: ["p0", "p1"]) }\nexperiment b { data: npy(y_true: "y.npy", y_pred: "p.npy", features: "") }\nexperiment c { loss: csv("x.csv") }';
  const got = dataPaths(parse(text).document).map((d) => [d.path, text.slice(d.start, d.end)]);
  assert.deepEqual(got, [
    ['runs/v.csv', 'runs/v.csv'],
    ['y.npy', 'y.npy'],
    ['p.npy', 'p.npy'],
  ]);
});

test('on every example: folds, outline and semantic tokens keep their invariants', () => {
  for (const file of readdirSync(EXAMPLES).filter((f) => f.endsWith('.xent'))) {
    const text = readFileSync(join(EXAMPLES, file), 'utf8');
    const analysis = analyze(text);
    const lines = analysis.parse.source.lineCount;
    for (const f of folds(analysis)) assert.ok(0 <= f.startLine && f.startLine < f.endLine && f.endLine < lines, `${file}: fold ${JSON.stringify(f)}`);
    const check = (n: OutlineNode, parent?: OutlineNode) => {
      assert.ok(n.start <= n.selectionStart && n.selectionEnd <= n.end, `${file}: ${n.name} selection outside`);
      if (parent) assert.ok(parent.start <= n.start && n.end <= parent.end, `${file}: ${n.name} outside ${parent.name}`);
      n.children.forEach((c) => check(c, n));
    };
    outline(analysis).forEach((n) => check(n));
    // Tokens: in order, not overlapping, each within its line.
    const data = semanticTokens(analysis);
    let line = 0;
    let col = 0;
    let previousEnd = 0;
    for (let i = 0; i < data.length; i += 5) {
      if (data[i] === 0) {
        col += data[i + 1];
        assert.ok(i === 0 || col >= previousEnd, `${file}: token ${i / 5} overlaps the one before`);
      } else {
        line += data[i];
        col = data[i + 1];
      }
      previousEnd = col + data[i + 2];
      assert.ok(data[i + 2] > 0 && previousEnd <= analysis.parse.source.lineText(line).length, `${file}: token ${i / 5} past its line`);
    }
  }
});

test('the disk index: bounded listing, node_modules and dot-directories skipped, re-read after its lifetime', async () => {
  const root = mkdtempSync(join(tmpdir(), 'xent-index-'));
  try {
    const write = (path: string, text: string) => {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    write('a.xent', 'experiment a {}');
    write('d1/d2/d3/deep.xent', 'experiment deep {}');
    write('node_modules/x/n.xent', 'experiment in_node_modules {}');
    write('.git/g.xent', 'experiment in_git {}');
    write('notes.txt', 'experiment not_xent {}');
    const rel = (files: string[]) => files.map((f) => f.slice(root.length + 1)).sort();
    assert.deepEqual(rel(await listXentFiles([root])), ['a.xent', 'd1/d2/d3/deep.xent']);
    assert.deepEqual(rel(await listXentFiles([root], { ...DEFAULT_LIMITS, maxDepth: 2 })), ['a.xent']);
    assert.equal((await listXentFiles([root, join(root, 'd1')], { ...DEFAULT_LIMITS, maxFiles: 1 })).length, 1);
    assert.deepEqual(await listXentFiles([join(root, 'missing')]), []);

    let now = 0;
    const index = new DiskIndex(async () => [root], DEFAULT_LIMITS, () => now);
    const names = async () => (await index.all()).map((x) => x.name).sort();
    assert.deepEqual(await names(), ['a', 'deep']);
    write('b.xent', 'experiment b {}');
    now += 1000;
    assert.deepEqual(await names(), ['a', 'deep'], 'kept for its lifetime');
    now += 10_000;
    assert.deepEqual(await names(), ['a', 'b', 'deep'], 'read again after it');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
