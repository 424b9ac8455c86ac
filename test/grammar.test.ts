// Highlighting: the TextMate grammar, the Markdown fence injection and the language configuration.
// The scope-by-scope assertions live in test/grammar/*.xent and are run by vscode-tmgrammar-test;
// this file makes them part of `npm test` and covers what that tool cannot (JSON validity, the injection).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tm from 'vscode-textmate';
import * as onig from 'vscode-oniguruma';
import { ALL_ENTRIES } from '../server/src/core/catalogue';
import { GRAMMAR_LISTS, listMatch, withCatalogueNames, type GrammarList } from '../server/src/lsp/features/catalogue-text/grammar-names';

const root = join(__dirname, '..');
const readJson = (rel: string): any => JSON.parse(readFileSync(join(root, rel), 'utf8'));

const GRAMMAR = 'syntaxes/xent.tmLanguage.json';
const MARKDOWN_GRAMMAR = 'syntaxes/xent.markdown.tmLanguage.json';
const CONFIG = 'language-configuration.json';

/** The tool's real entry point, read from its manifest rather than guessed. */
function tmgrammarTestBin(): string {
  const dir = join(root, 'node_modules', 'vscode-tmgrammar-test');
  const bin = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).bin['vscode-tmgrammar-test'];
  return join(dir, bin);
}

function runGrammarTests(grammar: string, extra: string[] = []) {
  const r = spawnSync(process.execPath, [tmgrammarTestBin(), ...extra, '-g', grammar, 'test/grammar/**/*.xent'], {
    cwd: root,
    encoding: 'utf8',
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

test('the grammars and the language configuration are valid JSON and match package.json', () => {
  const grammar = readJson(GRAMMAR);
  const markdown = readJson(MARKDOWN_GRAMMAR);
  readJson(CONFIG);
  assert.equal(grammar.scopeName, 'source.xent');
  assert.equal(markdown.scopeName, 'markdown.xent.codeblock');
  assert.equal(markdown.injectionSelector, 'L:text.html.markdown');

  const manifest = readJson('package.json');
  const declared = manifest.contributes.grammars as { scopeName: string; path: string }[];
  for (const [path, scopeName] of [[GRAMMAR, 'source.xent'], [MARKDOWN_GRAMMAR, 'markdown.xent.codeblock']]) {
    const entry = declared.find((g) => g.scopeName === scopeName);
    assert.ok(entry, `package.json declares ${scopeName}`);
    assert.equal(join(root, entry.path), join(root, path));
  }
  assert.equal(join(root, manifest.contributes.languages[0].configuration), join(root, CONFIG));
});

test('the language configuration: comments, pairs, word pattern and indentation rules', () => {
  const config = readJson(CONFIG);
  assert.equal(config.comments.lineComment, '#');
  assert.deepEqual(config.brackets, [['{', '}'], ['[', ']'], ['(', ')']]);
  for (const quote of ['"', "'"]) {
    const pair = config.autoClosingPairs.find((p: { open: string }) => p.open === quote);
    assert.deepEqual(pair?.notIn, ['string', 'comment'], `${quote} does not auto-close inside strings or comments`);
  }

  // VS Code builds these with new RegExp(pattern, flags); the u flag is what makes \p{L} work.
  const word = new RegExp(`^(?:${config.wordPattern.pattern})$`, config.wordPattern.flags);
  for (const w of ['sparse_categorical_crossentropy', 'chat_é', '猫', '_x1', '-0.8', '1e-5', '2.5E-3', '.5']) {
    assert.ok(word.test(w), `word: ${w}`);
  }
  for (const w of ['a:b', 'f(x)', '[1]', 'a b']) assert.ok(!word.test(w), `not one word: ${w}`);

  const increase = new RegExp(config.indentationRules.increaseIndentPattern);
  const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
  for (const line of ['experiment a {', '  model {', '  y_true: [', '  data: csv(', '  data {   # the data']) {
    assert.ok(increase.test(line), `indents after: ${line}`);
  }
  for (const line of ['  task: binary', '  y_true: [0, 1]', '# a comment {', '  dense(3)']) {
    assert.ok(!increase.test(line), `does not indent after: ${line}`);
  }
  for (const line of ['}', '  ]', '  )', '  })']) assert.ok(decrease.test(line), `outdents: ${line}`);
  assert.ok(!decrease.test('  task: binary'));
});

test('vscode-tmgrammar-test passes on test/grammar/*.xent', () => {
  const files = readdirSync(join(root, 'test', 'grammar')).filter((f) => f.endsWith('.xent'));
  assert.ok(files.length > 0, 'there are grammar test files');
  const { status, output } = runGrammarTests(GRAMMAR);
  assert.equal(status, 0, output);
  // Every file was run (the tool prints one line per file).
  for (const f of files) assert.match(output, new RegExp(`${f.replace('.', '\\.')} run successfuly`), output);
});

test('vscode-tmgrammar-test fails when a scope in the grammar is wrong', () => {
  // Guards against a harness that always passes: break one scope in a copy and expect a failure.
  const dir = mkdtempSync(join(tmpdir(), 'xent-grammar-'));
  try {
    const broken = join(dir, 'broken.tmLanguage.json');
    const text = readFileSync(join(root, GRAMMAR), 'utf8');
    assert.ok(text.includes('"comment.line.number-sign.xent"'));
    writeFileSync(broken, text.replace('"comment.line.number-sign.xent"', '"comment.line.broken.xent"'));
    // Without --config the tool also loads package.json's grammars, and they would replace the broken copy.
    const noConfig = join(dir, 'none.json');
    assert.ok(!existsSync(noConfig));
    const { status, output } = runGrammarTests(broken, ['--config', noConfig]);
    assert.notEqual(status, 0, output);
    assert.match(output, /missing required scopes: comment\.line\.number-sign\.xent/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// No Markdown grammar is available offline, so the injection is tested against a stand-in host that has
// Markdown's scope name and its generic fenced-code rule: the injection must win over that rule.
const markdownStub = {
  scopeName: 'text.html.markdown',
  patterns: [
    {
      begin: '(^|\\G)(\\s*)(`{3,}|~{3,})',
      end: '(^|\\G)(\\2|\\s{0,3})(\\3)\\s*$',
      name: 'markup.fenced_code.block.markdown',
    },
  ],
};

let onigLib: Promise<tm.IOnigLib> | undefined;
function loadOnig(): Promise<tm.IOnigLib> {
  onigLib ??= (async () => {
    const wasm = readFileSync(join(require.resolve('vscode-oniguruma'), '..', 'onig.wasm'));
    await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return {
      createOnigScanner: (patterns: string[]) => new onig.OnigScanner(patterns),
      createOnigString: (s: string) => new onig.OnigString(s),
    };
  })();
  return onigLib;
}

/** Tokenizes Markdown with the grammars wired exactly as package.json wires them. */
async function tokenizeMarkdown(text: string): Promise<{ line: string; tokens: tm.IToken[] }[]> {
  const declared = readJson('package.json').contributes.grammars as { scopeName: string; path: string; injectTo?: string[] }[];
  const files = new Map(declared.map((g) => [g.scopeName, join(root, g.path)]));
  const registry = new tm.Registry({
    onigLib: loadOnig(),
    loadGrammar: async (scopeName) => {
      if (scopeName === markdownStub.scopeName) return tm.parseRawGrammar(JSON.stringify(markdownStub), 'stub.json');
      const file = files.get(scopeName);
      return file ? tm.parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
    },
    getInjections: (scopeName) =>
      declared.filter((g) => g.injectTo?.includes(scopeName)).map((g) => g.scopeName),
  });
  const grammar = await registry.loadGrammar('text.html.markdown');
  assert.ok(grammar);
  let stack = tm.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return { line, tokens: r.tokens };
  });
}

test('the Markdown injection highlights ```xent and ~~~xent fences with source.xent', async () => {
  const lines = await tokenizeMarkdown(
    [
      '# Notes', // 0
      '```xent', // 1
      'experiment a extends b {', // 2
      '  loss: binary_crossentropy   # why', // 3
      '}', // 4
      '```', // 5
      'experiment outside', // 6
      '~~~xent title="run 7"', // 7
      'task: binary', // 8
      '~~~', // 9
      '  ```XENT {.numberLines}', // 10
      '  metrics: [f1]', // 11
      '  ```', // 12
      '```python', // 13
      'experiment not_xent', // 14
      '```', // 15
      '```xentish', // 16
      'experiment not_xent_either', // 17
      '```', // 18
    ].join('\n'),
  );
  const scopesOf = (n: number, text: string): string[] => {
    const { line, tokens } = lines[n];
    const at = line.indexOf(text);
    assert.ok(at >= 0, `${text} on line ${n}`);
    const token = tokens.find((t) => t.startIndex <= at && at < t.endIndex);
    assert.ok(token, `a token at ${text}`);
    return token.scopes;
  };
  const embedded = (n: number, text: string, scope: string) => {
    const scopes = scopesOf(n, text);
    assert.ok(scopes.includes('meta.embedded.block.xent'), `${text} (line ${n}) is embedded xent: ${scopes.join(' ')}`);
    assert.ok(scopes.includes(scope), `${text} (line ${n}) has ${scope}: ${scopes.join(' ')}`);
  };
  const notXent = (n: number, text: string) => {
    const scopes = scopesOf(n, text);
    assert.ok(!scopes.some((s) => s.endsWith('.xent')), `${text} (line ${n}) is not xent: ${scopes.join(' ')}`);
  };

  assert.ok(scopesOf(1, 'xent').includes('fenced_code.block.language.markdown'));
  embedded(2, 'experiment', 'storage.type.experiment.xent');
  embedded(2, 'a', 'entity.name.type.experiment.xent');
  embedded(2, 'b', 'entity.other.inherited-class.xent');
  embedded(3, 'loss', 'support.type.property-name.experiment.xent');
  embedded(3, 'binary_crossentropy', 'support.constant.loss.xent');
  embedded(3, '# why', 'comment.line.number-sign.xent');
  embedded(4, '}', 'punctuation.section.block.end.xent');
  assert.ok(scopesOf(5, '```').includes('punctuation.definition.markdown'), 'the closing fence is Markdown');
  notXent(5, '```');
  notXent(6, 'experiment');

  assert.ok(scopesOf(7, 'title').includes('fenced_code.block.language.attributes.markdown'));
  embedded(8, 'task', 'support.type.property-name.experiment.xent');
  embedded(8, 'binary', 'support.constant.task.xent');
  notXent(9, '~~~');

  embedded(11, 'metrics', 'support.type.property-name.experiment.xent');
  embedded(11, 'f1', 'support.constant.metric.xent');
  notXent(12, '```');

  notXent(14, 'experiment');
  notXent(17, 'experiment');
});

// ---- the name lists come from the catalogue (esbuild.mjs writes them at build) ----------------------------------

/** Tokenizes .xent text with the grammar of package.json. */
async function tokenizeXent(text: string): Promise<{ line: string; tokens: tm.IToken[] }[]> {
  const registry = new tm.Registry({
    onigLib: loadOnig(),
    loadGrammar: async (scopeName) => (scopeName === 'source.xent' ? tm.parseRawGrammar(readFileSync(join(root, GRAMMAR), 'utf8'), GRAMMAR) : null),
  });
  const grammar = await registry.loadGrammar('source.xent');
  assert.ok(grammar);
  let stack = tm.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return { line, tokens: r.tokens };
  });
}

test('the grammar holds the name lists the catalogue gives (run `npm run build` after a catalogue change)', () => {
  const text = readFileSync(join(root, GRAMMAR), 'utf8');
  assert.ok(withCatalogueNames(text) === text, 'syntaxes/xent.tmLanguage.json is behind the catalogue: npm run build regenerates it');
});

test('every catalogue name and alias is highlighted with its scope where it is written', async () => {
  // Each name as a value (`x: NAME`) or, for keys, as a key (`NAME: 1`), one per line inside an experiment.
  // The names are read from the catalogue's entries here, not from the generator.
  const spellings = (kinds: readonly string[]) => ALL_ENTRIES.filter((e) => kinds.includes(e.kind)).flatMap((e) => [e.name, ...(e.aliases ?? [])]);
  const cases: { name: string; list: GrammarList }[] = GRAMMAR_LISTS.flatMap((list) => spellings(list.kinds).map((name) => ({ name, list })));
  assert.ok(cases.length > 100, `the lists hold the catalogue (${cases.length} names)`);
  for (const kind of ['key', 'data-key', 'task', 'encoding', 'average', 'activation', 'loss', 'optimizer', 'metric']) {
    assert.ok(GRAMMAR_LISTS.some((l) => l.kinds.includes(kind as GrammarList['kinds'][number])), `the grammar lists the ${kind} names`);
  }
  const lines = ['experiment names {', ...cases.map(({ name, list }) => (list.lookahead ? `  ${name}: 1` : `  x: ${name}`)), '}'];
  const tokenized = await tokenizeXent(lines.join('\n'));
  const unhighlighted: string[] = [];
  cases.forEach(({ name, list }, i) => {
    const { line, tokens } = tokenized[i + 1];
    const at = line.indexOf(name, line.indexOf(':') < line.indexOf(name) ? line.indexOf(':') : 0);
    const token = tokens.find((t) => t.startIndex === at && t.endIndex === at + name.length);
    // A name in two lists takes the scope of the first list (binary: a task; none: an average; log_loss: a loss).
    const first = GRAMMAR_LISTS.find((l) => spellings(l.kinds).includes(name) && Boolean(l.lookahead) === Boolean(list.lookahead))!;
    if (!token?.scopes.includes(first.scope)) unhighlighted.push(`${name} (${list.kinds.join(', ')}): ${token?.scopes.join(' ') ?? 'not one token'}`);
  });
  assert.deepEqual(unhighlighted, []);
});

test('a catalogue name missing from the grammar is caught, and a grammar without a list refuses generation', async () => {
  const text = readFileSync(join(root, GRAMMAR), 'utf8');
  const loss = GRAMMAR_LISTS.find((l) => l.scope === 'support.constant.loss.xent')!;
  const stale = text.replace(JSON.stringify(listMatch(loss)), JSON.stringify(listMatch(loss).replace('|log_cosh|', '|')));
  assert.notEqual(stale, text, 'the loss list holds log_cosh');
  assert.notEqual(withCatalogueNames(stale), stale, 'the up-to-date check sees the missing name');
  assert.equal(withCatalogueNames(stale), text, 'and generation puts it back');
  assert.throws(() => withCatalogueNames(text.replace('"support.constant.loss.xent"', '"support.constant.renamed.xent"')), /no pattern named support\.constant\.loss\.xent/);
});
