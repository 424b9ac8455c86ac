// One severity path (issue 12): the same table of rule severities gives the same diagnostics through analyze(),
// the CLI (--rule flags, and the workspace file .xent.json) and the language server (the xent.rules setting, and
// .xent.json). Needs the bundles (npm run build; `npm test` builds them first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze } from '../server/src/core/check';
import {
  applySeverities,
  mergeSeverities,
  parseRuleFlags,
  parseRuleSeverities,
  parseWorkspaceFile,
  readWorkspaceRules,
  type RuleSeverities,
} from '../server/src/core/rules';
import { ROOT, startClient } from './support/lsp-client';

const CLI = join(ROOT, 'dist', 'cli.js');

interface Case {
  readonly name: string;
  readonly text: string;
  readonly rules: RuleSeverities;
  /** "line:severity:code" (1-based line) of every diagnostic. */
  readonly expect: readonly string[];
}

const SMOOTHING = 'experiment a {\n  loss: sparse_categorical_crossentropy(label_smoothing: 0.1)\n}\n';
const ADAM = 'experiment a {\n  optimizer: adam(learning_rate: 0.1)\n}\n';
const UNKNOWN = 'experiment a {\n  loss: nope\n}\n';

const CASES: Case[] = [
  { name: 'defaults', text: SMOOTHING, rules: {}, expect: ['2:error:label-smoothing-range'] },
  // The example: the rule off still replaces the unknown-name it replaces.
  { name: 'label-smoothing-range off reports nothing, not unknown-name', text: SMOOTHING, rules: { 'label-smoothing-range': 'off' }, expect: [] },
  { name: 'a rule made a warning', text: SMOOTHING, rules: { 'label-smoothing-range': 'warning' }, expect: ['2:warning:label-smoothing-range'] },
  { name: 'a value-dependent severity replaced', text: ADAM, rules: { 'learning-rate-range': 'info' }, expect: ['2:info:learning-rate-range'] },
  { name: 'a value-dependent severity by default', text: ADAM, rules: {}, expect: ['2:warning:learning-rate-range'] },
  { name: 'a language code made information', text: UNKNOWN, rules: { 'unknown-name': 'info' }, expect: ['2:info:unknown-name'] },
  { name: 'a language code off', text: UNKNOWN, rules: { 'unknown-name': 'off' }, expect: [] },
  { name: 'another rule set leaves this one alone', text: SMOOTHING, rules: { 'double-softmax': 'off' }, expect: ['2:error:label-smoothing-range'] },
];

const lspSeverity = ['', 'error', 'warning', 'info', 'hint'];

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'xent-severity-'));
}

function cli(args: string[], cwd: string): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

function cliRows(out: string): string[] {
  return (JSON.parse(out) as { line: number; severity: string; code: string }[]).map((r) => `${r.line}:${r.severity}:${r.code}`);
}

for (const c of CASES) {
  test(`analyze(): ${c.name}`, () => {
    const got = analyze(c.text, { rules: c.rules }).diagnostics.map((d) => `${d.range.start.line + 1}:${d.severity}:${d.code}`);
    assert.deepEqual(got, c.expect);
  });

  test(`xent check --rule: ${c.name}`, () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.xent'), c.text);
    const flags = Object.entries(c.rules).flatMap(([id, level]) => ['--rule', `${id}=${level}`]);
    const r = cli(['check', '--format', 'json', ...flags, 'a.xent'], dir);
    assert.deepEqual(cliRows(r.out), c.expect, r.err);
    assert.equal(r.code, c.expect.some((e) => e.includes(':error:')) ? 1 : 0);
    assert.equal(r.err, '');
  });

  test(`xent check with .xent.json in a folder above: ${c.name}`, () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, '.xent.json'), JSON.stringify({ rules: c.rules }));
    writeFileSync(join(dir, 'sub', 'a.xent'), c.text);
    const r = cli(['check', '--format', 'json', 'sub/a.xent'], dir);
    assert.deepEqual(cliRows(r.out), c.expect, r.err);
  });
}

async function serverDiagnostics(client: Awaited<ReturnType<typeof startClient>>, dir: string, text: string): Promise<string[]> {
  const uri = pathToFileURL(join(dir, 'a.xent')).href;
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xent', version: 1, text } });
  return (await client.diagnostics(uri, 1)).map((d) => `${d.range.start.line + 1}:${lspSeverity[d.severity ?? 1]}:${String(d.code)}`);
}

test('the language server: the xent.rules setting gives the same diagnostics as analyze()', async () => {
  await Promise.all(
    CASES.map(async (c) => {
      const client = await startClient({ settings: { rules: c.rules } });
      try {
        assert.deepEqual(await serverDiagnostics(client, tempDir(), c.text), c.expect, c.name);
      } finally {
        await client.stop();
      }
    }),
  );
});

test('the language server: .xent.json gives the same diagnostics as analyze()', async () => {
  const client = await startClient();
  try {
    for (const c of CASES) {
      const dir = tempDir();
      writeFileSync(join(dir, '.xent.json'), JSON.stringify({ rules: c.rules }));
      assert.deepEqual(await serverDiagnostics(client, dir, c.text), c.expect, c.name);
    }
  } finally {
    await client.stop();
  }
});

test('precedence: the flag over .xent.json over the defaults, per code', () => {
  const dir = tempDir();
  writeFileSync(join(dir, '.xent.json'), JSON.stringify({ rules: { 'label-smoothing-range': 'info', 'learning-rate-range': 'off' } }));
  writeFileSync(join(dir, 'a.xent'), SMOOTHING + ADAM.replace('experiment a', 'experiment b'));
  const fileOnly = cli(['check', '--format', 'json', 'a.xent'], dir);
  assert.deepEqual(cliRows(fileOnly.out), ['2:info:label-smoothing-range']);
  const flagged = cli(['check', '--format', 'json', '--rule', 'label-smoothing-range=error', 'a.xent'], dir);
  assert.deepEqual(cliRows(flagged.out), ['2:error:label-smoothing-range']);
  assert.deepEqual(mergeSeverities({ a: 'off', b: 'info' }, { a: 'error' }), { a: 'error', b: 'info' });
});

test('the server: xent.rules over .xent.json', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, '.xent.json'), JSON.stringify({ rules: { 'label-smoothing-range': 'info', 'learning-rate-range': 'off' } }));
  const client = await startClient({ settings: { rules: { 'label-smoothing-range': 'warning' } } });
  try {
    const got = await serverDiagnostics(client, dir, SMOOTHING + ADAM.replace('experiment a', 'experiment b'));
    assert.deepEqual(got, ['2:warning:label-smoothing-range']);
  } finally {
    await client.stop();
  }
});

test('an unknown rule id or level is a warning, in the CLI and in the core, never ignored silently', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'a.xent'), SMOOTHING);
  const r = cli(['check', '--rule', 'label-smoothing=off', '--rule', 'double-softmax=loud', '--rule', 'nothing', 'a.xent'], dir);
  assert.match(r.err, /warning: --rule: unknown rule id 'label-smoothing'; did you mean 'label-smoothing-range'\?/);
  assert.match(r.err, /'double-softmax' takes off, info, warning or error, not "loud"/);
  assert.match(r.err, /--rule takes ID=LEVEL/);
  assert.match(r.out, /error label-smoothing-range/); // nothing applied
  writeFileSync(join(dir, '.xent.json'), '{ "rules": { "one-based-label": "off" }, "rule": {} }');
  const f = cli(['check', 'a.xent'], dir);
  assert.match(f.err, /\.xent\.json: unknown rule id 'one-based-label'; did you mean 'one-based-labels'\?/);
  assert.match(f.err, /\.xent\.json: unknown key 'rule'/);
  writeFileSync(join(dir, '.xent.json'), '{ "rules": ');
  assert.match(cli(['check', 'a.xent'], dir).err, /\.xent\.json: not valid JSON/);

  assert.deepEqual(parseRuleSeverities({ 'double-softmax': 'off', nope: 'off' }, 'x').problems, ["x: unknown rule id 'nope' (docs/rules.md lists every code)"]);
  assert.deepEqual(parseRuleSeverities({ 'double-softmax': 'off' }, 'x').severities, { 'double-softmax': 'off' });
  assert.deepEqual(parseRuleFlags(['double-softmax=info']).severities, { 'double-softmax': 'info' });
  assert.deepEqual(parseWorkspaceFile('[]', 'p').problems, ['p: expected an object such as { "rules": { "rule-id": "off" } }']);
});

test('the nearest .xent.json wins; none above means no severities', () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'a', 'b'), { recursive: true });
  writeFileSync(join(dir, '.xent.json'), JSON.stringify({ rules: { 'double-softmax': 'off' } }));
  writeFileSync(join(dir, 'a', '.xent.json'), JSON.stringify({ rules: { 'double-sigmoid': 'info' } }));
  assert.deepEqual(readWorkspaceRules(join(dir, 'a', 'b')).severities, { 'double-sigmoid': 'info' });
  assert.deepEqual(readWorkspaceRules(dir).severities, { 'double-softmax': 'off' });
});

test('applySeverities: the evaluation findings take the same path', () => {
  const findings = [
    { code: 'undefined-metric', severity: 'warning' as const, message: 'm' },
    { code: 'label-out-of-range', severity: 'error' as const, message: 'n' },
  ];
  assert.deepEqual(applySeverities(findings, { 'undefined-metric': 'off', 'label-out-of-range': 'info' }), [{ code: 'label-out-of-range', severity: 'info', message: 'n' }]);
  assert.deepEqual(applySeverities(findings, undefined), findings);
});

test('xent eval --rule applies to the evaluation findings', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'a.xent'), 'experiment a {\n  task: binary\n  data {\n    y_true: [0, 1, 0]\n    y_pred: [0.2, 0.1, 0.3]\n  }\n}\n');
  const plain = cli(['eval', '--json', 'a.xent'], dir);
  const codes = (out: string) => (JSON.parse(out) as { experiments: { diagnostics: { code: string; severity: string }[] }[] }).experiments[0].diagnostics.map((d) => `${d.severity}:${d.code}`);
  assert.ok(codes(plain.out).includes('warning:undefined-metric'), plain.out);
  const off = cli(['eval', '--json', '--rule', 'undefined-metric=off', 'a.xent'], dir);
  assert.ok(!codes(off.out).some((c) => c.endsWith(':undefined-metric')), off.out);
  const info = cli(['eval', '--json', '--rule', 'undefined-metric=info', 'a.xent'], dir);
  assert.ok(codes(info.out).includes('info:undefined-metric'), info.out);
});
