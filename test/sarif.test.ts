// `xent check --format sarif`: the log holds what the SARIF 2.1.0 schema requires, and nothing it forbids.
//
// No network and no schema library: sarifProblems() below checks, for every object the writer emits, the
// schema's required properties, its enumerations and minimums, and its `additionalProperties: false` (only the
// property names the schema defines), plus what the spec says in words: helpUri is an absolute URI, a
// uriBaseId is defined in originalUriBaseIds with a URI ending in '/', ruleIndex points at the rule of ruleId,
// artifact indexes point into run.artifacts. Then the CLI end to end: the same findings as --format json, a file
// with no findings, an unreadable file, exit codes, UTF-16 columns, absolute paths.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

import { runCli } from '../server/src/cli/run';
import { artifactLocation, toSarif } from '../server/src/cli/sarif';
import type { Diagnostic } from '../server/src/core/diagnostic';

// ---------------------------------------------------------------------------------------------------------------
// A structural check of SARIF 2.1.0 (the parts of the schema the writer uses)

type Json = Record<string, unknown>;

/** Property names the schema allows on each object kind (its additionalProperties is false). */
const ALLOWED: Record<string, readonly string[]> = {
  sarifLog: ['$schema', 'version', 'runs', 'inlineExternalProperties', 'properties'],
  run: ['tool', 'invocations', 'conversion', 'language', 'versionControlProvenance', 'originalUriBaseIds', 'artifacts', 'logicalLocations', 'graphs', 'results', 'automationDetails', 'runAggregates', 'baselineGuid', 'redactionTokens', 'defaultEncoding', 'defaultSourceLanguage', 'newlineSequences', 'columnKind', 'externalPropertyFileReferences', 'threadFlowLocations', 'taxonomies', 'addresses', 'translations', 'policies', 'webRequests', 'webResponses', 'specialLocations', 'properties'],
  tool: ['driver', 'extensions', 'properties'],
  toolComponent: ['guid', 'name', 'organization', 'product', 'productSuite', 'shortDescription', 'fullDescription', 'fullName', 'version', 'semanticVersion', 'dottedQuadFileVersion', 'releaseDateUtc', 'downloadUri', 'informationUri', 'globalMessageStrings', 'notifications', 'rules', 'taxa', 'locations', 'language', 'contents', 'isComprehensive', 'localizedDataSemanticVersion', 'minimumRequiredLocalizedDataSemanticVersion', 'associatedComponent', 'translationMetadata', 'supportedTaxonomies', 'properties'],
  reportingDescriptor: ['id', 'deprecatedIds', 'guid', 'deprecatedGuids', 'name', 'deprecatedNames', 'shortDescription', 'fullDescription', 'messageStrings', 'defaultConfiguration', 'helpUri', 'help', 'relationships', 'properties'],
  reportingConfiguration: ['enabled', 'level', 'rank', 'parameters', 'properties'],
  multiformatMessageString: ['text', 'markdown', 'properties'],
  message: ['text', 'markdown', 'id', 'arguments', 'properties'],
  result: ['ruleId', 'ruleIndex', 'rule', 'kind', 'level', 'message', 'analysisTarget', 'locations', 'guid', 'correlationGuid', 'occurrenceCount', 'partialFingerprints', 'fingerprints', 'stacks', 'codeFlows', 'graphs', 'graphTraversals', 'relatedLocations', 'suppressions', 'baselineState', 'rank', 'attachments', 'hostedViewerUri', 'workItemUris', 'provenance', 'fixes', 'taxa', 'webRequest', 'webResponse', 'properties'],
  location: ['id', 'physicalLocation', 'logicalLocations', 'message', 'annotations', 'relationships', 'properties'],
  physicalLocation: ['address', 'artifactLocation', 'region', 'contextRegion', 'properties'],
  artifactLocation: ['uri', 'uriBaseId', 'index', 'description', 'properties'],
  region: ['startLine', 'startColumn', 'endLine', 'endColumn', 'charOffset', 'charLength', 'byteOffset', 'byteLength', 'snippet', 'message', 'sourceLanguage', 'properties'],
  artifact: ['description', 'location', 'parentIndex', 'offset', 'length', 'roles', 'mimeType', 'contents', 'encoding', 'sourceLanguage', 'hashes', 'lastModifiedTimeUtc', 'properties'],
  invocation: ['commandLine', 'arguments', 'responseFiles', 'startTimeUtc', 'endTimeUtc', 'exitCode', 'ruleConfigurationOverrides', 'notificationConfigurationOverrides', 'toolExecutionNotifications', 'toolConfigurationNotifications', 'exitCodeDescription', 'exitSignalName', 'exitSignalNumber', 'processStartFailureMessage', 'executionSuccessful', 'machine', 'account', 'processId', 'executableLocation', 'workingDirectory', 'environmentVariables', 'stdin', 'stdout', 'stderr', 'stdoutStderr', 'properties'],
  notification: ['locations', 'message', 'level', 'threadId', 'timeUtc', 'exception', 'descriptor', 'associatedRule', 'properties'],
};

const LEVELS = ['none', 'note', 'warning', 'error'];

function isObject(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isAbsoluteUri(s: unknown): boolean {
  if (typeof s !== 'string') return false;
  try {
    new URL(s);
    return /^[a-z][a-z0-9+.-]*:/i.test(s);
  } catch {
    return false;
  }
}

/** A URI reference (RFC 3986): absolute, or relative without spaces, backslashes or a scheme-like first segment. */
function isUriReference(s: unknown): boolean {
  if (typeof s !== 'string' || s.length === 0) return false;
  if (isAbsoluteUri(s)) return true;
  return !/\s|\\|%(?![0-9A-Fa-f]{2})/.test(s) && !/^[^/?#]*:/.test(s);
}

function sarifProblems(log: unknown): string[] {
  const problems: string[] = [];
  const fail = (path: string, what: string) => problems.push(`${path}: ${what}`);
  const object = (x: unknown, kind: string, path: string, required: readonly string[] = []): x is Json => {
    if (!isObject(x)) {
      fail(path, `expected a ${kind} object`);
      return false;
    }
    for (const key of Object.keys(x)) if (!ALLOWED[kind].includes(key)) fail(path, `${kind} does not allow '${key}'`);
    for (const key of required) if (!(key in x)) fail(path, `${kind} requires '${key}'`);
    if ('properties' in x && !isObject(x.properties)) fail(`${path}.properties`, 'a property bag is an object');
    return true;
  };
  const text = (x: unknown, kind: 'message' | 'multiformatMessageString', path: string) => {
    if (!object(x, kind, path, kind === 'multiformatMessageString' ? ['text'] : [])) return;
    if (kind === 'message' && typeof x.text !== 'string' && typeof x.id !== 'string') fail(path, 'a message needs text or id');
    if ('text' in x && typeof x.text !== 'string') fail(path, 'text is a string');
  };

  if (!object(log, 'sarifLog', '$', ['version', 'runs'])) return problems;
  if (log.version !== '2.1.0') fail('$.version', `must be "2.1.0", not ${JSON.stringify(log.version)}`);
  if ('$schema' in log && !isAbsoluteUri(log.$schema)) fail('$.$schema', 'an absolute URI');
  if (!Array.isArray(log.runs)) {
    fail('$.runs', 'an array');
    return problems;
  }
  log.runs.forEach((run: unknown, r) => {
    const rp = `$.runs[${r}]`;
    if (!object(run, 'run', rp, ['tool'])) return;
    let ruleIds: string[] = [];
    if (object(run.tool, 'tool', `${rp}.tool`, ['driver']) && object(run.tool.driver, 'toolComponent', `${rp}.tool.driver`, ['name'])) {
      const driver = run.tool.driver;
      if (typeof driver.name !== 'string') fail(`${rp}.tool.driver.name`, 'a string');
      if ('informationUri' in driver && !isAbsoluteUri(driver.informationUri)) fail(`${rp}.tool.driver.informationUri`, 'an absolute URI');
      const rules = Array.isArray(driver.rules) ? driver.rules : [];
      if ('rules' in driver && !Array.isArray(driver.rules)) fail(`${rp}.tool.driver.rules`, 'an array');
      ruleIds = rules.map((rule: unknown, i) => {
        const p = `${rp}.tool.driver.rules[${i}]`;
        if (!object(rule, 'reportingDescriptor', p, ['id'])) return '';
        if (typeof rule.id !== 'string') fail(`${p}.id`, 'a string');
        if ('shortDescription' in rule) text(rule.shortDescription, 'multiformatMessageString', `${p}.shortDescription`);
        if ('fullDescription' in rule) text(rule.fullDescription, 'multiformatMessageString', `${p}.fullDescription`);
        if ('help' in rule) text(rule.help, 'multiformatMessageString', `${p}.help`);
        if ('helpUri' in rule && !isAbsoluteUri(rule.helpUri)) fail(`${p}.helpUri`, 'an absolute URI (SARIF §3.49.12)');
        if ('defaultConfiguration' in rule && object(rule.defaultConfiguration, 'reportingConfiguration', `${p}.defaultConfiguration`)) {
          const level = rule.defaultConfiguration.level;
          if (level !== undefined && !LEVELS.includes(level as string)) fail(`${p}.defaultConfiguration.level`, `not a level: ${level}`);
        }
        return String(rule.id);
      });
      if (new Set(ruleIds).size !== ruleIds.length) fail(`${rp}.tool.driver.rules`, 'rule ids repeat');
    }

    const bases = isObject(run.originalUriBaseIds) ? run.originalUriBaseIds : {};
    for (const [id, base] of Object.entries(bases)) {
      const bp = `${rp}.originalUriBaseIds.${id}`;
      if (object(base, 'artifactLocation', bp) && (!isAbsoluteUri(base.uri) || !String(base.uri).endsWith('/'))) fail(bp, 'an absolute URI ending in /');
    }
    const artifacts = Array.isArray(run.artifacts) ? run.artifacts : [];
    const artifactLoc = (x: unknown, p: string) => {
      if (!object(x, 'artifactLocation', p)) return;
      if ('uri' in x && !isUriReference(x.uri)) fail(`${p}.uri`, `not a URI reference: ${JSON.stringify(x.uri)}`);
      if ('uriBaseId' in x && !(String(x.uriBaseId) in bases)) fail(`${p}.uriBaseId`, `${x.uriBaseId} is not in originalUriBaseIds`);
      if ('uriBaseId' in x && isAbsoluteUri(x.uri)) fail(p, 'an absolute uri takes no uriBaseId');
      if ('index' in x && !(Number.isInteger(x.index) && (x.index as number) >= 0 && (x.index as number) < artifacts.length)) fail(`${p}.index`, 'not an index into run.artifacts');
    };
    const location = (x: unknown, p: string) => {
      if (!object(x, 'location', p)) return;
      if ('id' in x && !(Number.isInteger(x.id) && (x.id as number) >= -1)) fail(`${p}.id`, 'an integer ≥ -1');
      if ('message' in x) text(x.message, 'message', `${p}.message`);
      if (!('physicalLocation' in x)) return;
      const pl = x.physicalLocation;
      if (!object(pl, 'physicalLocation', `${p}.physicalLocation`)) return;
      if (!('artifactLocation' in pl) && !('address' in pl)) fail(`${p}.physicalLocation`, 'needs artifactLocation or address');
      if ('artifactLocation' in pl) artifactLoc(pl.artifactLocation, `${p}.physicalLocation.artifactLocation`);
      if ('region' in pl && object(pl.region, 'region', `${p}.physicalLocation.region`)) {
        const g = pl.region as Record<string, number>;
        for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn']) {
          if (k in g && !(Number.isInteger(g[k]) && g[k] >= 1)) fail(`${p}.physicalLocation.region.${k}`, 'an integer ≥ 1');
        }
        if (!('startLine' in g) && !('charOffset' in g) && !('byteOffset' in g)) fail(`${p}.physicalLocation.region`, 'needs startLine, charOffset or byteOffset');
        if (g.endLine < g.startLine || (g.endLine === g.startLine && g.endColumn < g.startColumn)) fail(`${p}.physicalLocation.region`, 'ends before it starts');
      }
    };
    artifacts.forEach((a: unknown, i) => {
      if (object(a, 'artifact', `${rp}.artifacts[${i}]`) && 'location' in a) artifactLoc(a.location, `${rp}.artifacts[${i}].location`);
    });
    if ('columnKind' in run && run.columnKind !== 'utf16CodeUnits' && run.columnKind !== 'unicodeCodePoints') fail(`${rp}.columnKind`, 'not a column kind');
    if ('invocations' in run) {
      (run.invocations as unknown[]).forEach((inv, i) => {
        const ip = `${rp}.invocations[${i}]`;
        if (!object(inv, 'invocation', ip, ['executionSuccessful'])) return;
        if (typeof inv.executionSuccessful !== 'boolean') fail(`${ip}.executionSuccessful`, 'a boolean');
        ((inv.toolExecutionNotifications as unknown[]) ?? []).forEach((n, k) => {
          const np = `${ip}.toolExecutionNotifications[${k}]`;
          if (!object(n, 'notification', np, ['message'])) return;
          text(n.message, 'message', `${np}.message`);
          if ('level' in n && !LEVELS.includes(n.level as string)) fail(`${np}.level`, 'not a level');
          ((n.locations as unknown[]) ?? []).forEach((l, j) => location(l, `${np}.locations[${j}]`));
        });
      });
    }
    if ('results' in run && !Array.isArray(run.results)) fail(`${rp}.results`, 'an array');
    ((run.results as unknown[]) ?? []).forEach((res, i) => {
      const p = `${rp}.results[${i}]`;
      if (!object(res, 'result', p, ['message'])) return;
      text(res.message, 'message', `${p}.message`);
      if ('level' in res && !LEVELS.includes(res.level as string)) fail(`${p}.level`, `not a level: ${res.level}`);
      if ('ruleIndex' in res) {
        const k = res.ruleIndex as number;
        if (!(Number.isInteger(k) && k >= -1 && k < ruleIds.length)) fail(`${p}.ruleIndex`, 'not an index into the driver rules');
        else if (ruleIds[k] !== res.ruleId) fail(`${p}.ruleIndex`, `points at ${ruleIds[k]}, not ${res.ruleId}`);
      }
      if ('ruleId' in res && !ruleIds.includes(res.ruleId as string)) fail(`${p}.ruleId`, 'not among the driver rules');
      ((res.locations as unknown[]) ?? []).forEach((l, j) => location(l, `${p}.locations[${j}]`));
      ((res.relatedLocations as unknown[]) ?? []).forEach((l, j) => location(l, `${p}.relatedLocations[${j}]`));
    });
  });
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// The writer

const range = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });

describe('sarif: the writer', () => {
  it('the checker catches what the schema forbids', () => {
    assert.deepEqual(sarifProblems({ version: '2.1.0', runs: [] }), []);
    const bad = sarifProblems({
      version: '2.0.0',
      runs: [
        {
          tool: { driver: { name: 'x', rules: [{ id: 'a', helpUri: 'docs/rules.md#a' }] } },
          results: [{ ruleId: 'a', ruleIndex: 3, level: 'info', message: {}, locations: [{ physicalLocation: { artifactLocation: { uri: 'a b', uriBaseId: 'X' }, region: { startLine: 0 } } }] }],
          extra: 1,
        },
      ],
    });
    for (const expected of ['$.version', 'helpUri', 'ruleIndex', 'not a level', 'text or id', 'not a URI reference', 'not in originalUriBaseIds', 'startLine', "does not allow 'extra'"]) {
      assert.ok(bad.some((p) => p.includes(expected)), `expected a problem about ${expected} in ${bad.join('\n')}`);
    }
  });

  it('one rule per id, results pointing at them, levels, regions and related locations', () => {
    const diagnostics: Diagnostic[] = [
      { code: 'softmax-single-unit', severity: 'error', message: 'm1', range: range(2, 4, 2, 10), related: [{ message: 'the loss', range: range(5, 2, 5, 6) }] },
      { code: 'learning-rate-range', severity: 'info', message: 'm2', range: range(0, 0, 0, 0) },
      { code: 'softmax-single-unit', severity: 'error', message: 'm3', range: range(7, 0, 8, 1) },
      { code: 'unknown-name', severity: 'warning', message: 'm4', range: range(1, 1, 1, 2) },
      { code: 'some-future-code', severity: 'hint', message: 'm5', range: range(1, 1, 1, 2) },
    ];
    const log = toSarif([{ path: 'a/b.xent', diagnostics }], [], { version: '1.2.3', cwd: '/work/project' });
    assert.deepEqual(sarifProblems(log), []);
    const run = log.runs[0];
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.equal(run.tool.driver.name, 'xent');
    assert.equal(run.tool.driver.version, '1.2.3');
    assert.ok(!('informationUri' in run.tool.driver));
    assert.deepEqual(run.tool.driver.rules.map((r) => r.id), ['softmax-single-unit', 'learning-rate-range', 'unknown-name', 'some-future-code']);
    const [softmax, lr, unknown, future] = run.tool.driver.rules;
    assert.equal(softmax.shortDescription.text, 'softmax on one unit (always outputs 1.0)');
    assert.equal(softmax.defaultConfiguration?.level, 'error');
    assert.equal(softmax.properties.helpUri, 'docs/rules.md#softmax-single-unit');
    assert.match(softmax.help.markdown, /\[docs\/rules\.md#softmax-single-unit\]\(docs\/rules\.md#softmax-single-unit\)/);
    assert.ok(!('helpUri' in softmax), 'helpUri must be absolute; the relative reference goes in properties');
    assert.match(lr.shortDescription.text, /learning rate/);
    assert.match(unknown.shortDescription.text, /catalogue does not know/);
    assert.equal(unknown.defaultConfiguration, undefined);
    assert.equal(future.shortDescription.text, 'some future code');
    assert.deepEqual(run.results.map((r) => [r.ruleId, r.ruleIndex, r.level]), [
      ['softmax-single-unit', 0, 'error'],
      ['learning-rate-range', 1, 'note'],
      ['softmax-single-unit', 0, 'error'],
      ['unknown-name', 2, 'warning'],
      ['some-future-code', 3, 'note'],
    ]);
    const first = run.results[0];
    assert.deepEqual(first.message, { text: 'm1' });
    assert.deepEqual(first.locations[0].physicalLocation, {
      artifactLocation: { uri: 'a/b.xent', uriBaseId: '%SRCROOT%', index: 0 },
      region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 11 },
    });
    assert.deepEqual(first.relatedLocations?.[0].physicalLocation.region, { startLine: 6, startColumn: 3, endLine: 6, endColumn: 7 });
    assert.equal(first.relatedLocations?.[0].message?.text, 'the loss');
    assert.deepEqual(run.results[1].locations[0].physicalLocation.region, { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 });
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///work/project/' } });
    assert.deepEqual(run.artifacts, [{ location: { uri: 'a/b.xent', uriBaseId: '%SRCROOT%' } }]);
    assert.deepEqual(run.invocations, [{ executionSuccessful: true }]);
  });

  it('paths: relative ones as given against %SRCROOT%, encoded; absolute ones as file: URIs', () => {
    assert.deepEqual(artifactLocation('examples/mistakes.xent'), { uri: 'examples/mistakes.xent', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(artifactLocation('../up/my file#1.xent'), { uri: '../up/my%20file%231.xent', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(artifactLocation('c:d.xent'), { uri: 'c%3Ad.xent', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(artifactLocation('/tmp/a b.xent'), { uri: 'file:///tmp/a%20b.xent' });
    const log = toSarif([{ path: '/tmp/x.xent', diagnostics: [] }], [], { version: 'dev', cwd: '/' });
    assert.deepEqual(sarifProblems(log), []);
    assert.equal(log.runs[0].originalUriBaseIds, undefined, 'no base when no path is relative');
  });

  it('no file at all, and unreadable files', () => {
    const empty = toSarif([], [], { version: 'dev', cwd: '/w' });
    assert.deepEqual(sarifProblems(empty), []);
    assert.deepEqual(empty.runs[0].results, []);
    assert.deepEqual(empty.runs[0].tool.driver.rules, []);
    const failed = toSarif([], [{ path: 'gone.xent', reason: 'no such file' }], { version: 'dev', cwd: '/w' });
    assert.deepEqual(sarifProblems(failed), []);
    const invocation = failed.runs[0].invocations[0];
    assert.equal(invocation.executionSuccessful, false);
    assert.equal(invocation.toolExecutionNotifications?.[0].message.text, 'cannot read gone.xent: no such file');
    assert.equal(invocation.toolExecutionNotifications?.[0].level, 'error');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The CLI

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } });
  return { code, out, err };
}

const EXAMPLES = join(__dirname, '..', 'examples');
/** A path relative to the working directory, as a user would type it. */
const rel = (p: string) => relative(process.cwd(), p);

describe('sarif: xent check --format sarif', () => {
  it('reports exactly what --format json reports, exit 1 on errors', async () => {
    const files = ['mistakes.xent', 'cats_dogs_horses.xent', 'image_classifier_10.xent', 'spam_filter.xent'].map((f) => rel(join(EXAMPLES, f)));
    const sarif = await cli('check', '--format', 'sarif', ...files);
    const json = await cli('check', '--format', 'json', ...files);
    assert.equal(sarif.code, 1);
    assert.equal(sarif.code, json.code);
    const log = JSON.parse(sarif.out);
    assert.deepEqual(sarifProblems(log), []);
    const run = log.runs[0];
    const rows = JSON.parse(json.out) as { file: string; line: number; column: number; endLine: number; endColumn: number; severity: string; code: string; message: string }[];
    assert.ok(rows.length > 5);
    assert.deepEqual(
      run.results.map((r: { ruleId: string; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { index: number }; region: unknown } }[] }) => ({
        file: files[r.locations[0].physicalLocation.artifactLocation.index],
        code: r.ruleId,
        level: r.level,
        message: r.message.text,
        region: r.locations[0].physicalLocation.region,
      })),
      rows.map((d) => ({
        file: d.file,
        code: d.code,
        level: d.severity === 'error' || d.severity === 'warning' ? d.severity : 'note',
        message: d.message,
        region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
      })),
    );
    assert.deepEqual(
      run.tool.driver.rules.map((r: { id: string }) => r.id).sort(),
      [...new Set(rows.map((d) => d.code))].sort(),
    );
    assert.deepEqual(run.artifacts.map((a: { location: { uri: string } }) => a.location.uri), files.map((f) => f.split('\\').join('/')));
  });

  it('a file with no findings: a valid log with no results, exit 0; warnings alone exit 0', async () => {
    const clean = await cli('check', '--format=sarif', rel(join(EXAMPLES, 'codecademy_log_loss.xent')));
    assert.equal(clean.code, 0);
    const log = JSON.parse(clean.out);
    assert.deepEqual(sarifProblems(log), []);
    assert.deepEqual(log.runs[0].results, []);
    assert.deepEqual(log.runs[0].tool.driver.rules, []);
    assert.equal(log.runs[0].artifacts.length, 1);

    const warned = await cli('check', '--format', 'sarif', rel(join(EXAMPLES, 'image_classifier_10.xent')));
    assert.equal(warned.code, 0);
    assert.deepEqual(JSON.parse(warned.out).runs[0].results.map((r: { level: string }) => r.level), ['warning']);
  });

  it('an unreadable file: exit 2, a notification, the other files still reported', async () => {
    const r = await cli('check', '--format', 'sarif', 'no/such/file.xent', rel(join(EXAMPLES, 'cats_dogs_horses.xent')));
    assert.equal(r.code, 2);
    assert.match(r.err, /cannot read no\/such\/file\.xent/);
    const log = JSON.parse(r.out);
    assert.deepEqual(sarifProblems(log), []);
    const invocation = log.runs[0].invocations[0];
    assert.equal(invocation.executionSuccessful, false);
    assert.equal(invocation.toolExecutionNotifications[0].locations[0].physicalLocation.artifactLocation.uri, 'no/such/file.xent');
    assert.equal(log.runs[0].results.length, 1);
  });

  it('columns count UTF-16 code units; an absolute path becomes a file: URI', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xent-sarif-'));
    const file = join(dir, 'wide.xent');
    // '𝒳' is two UTF-16 code units: the unknown name starts at column 28 (27 in code points).
    writeFileSync(file, 'experiment a {\n  classes: [猫, "𝒳"] loss: categorical_crossentropi\n}\n');
    const r = await cli('check', '--format', 'sarif', file);
    assert.equal(r.code, 1);
    const log = JSON.parse(r.out);
    assert.deepEqual(sarifProblems(log), []);
    const result = log.runs[0].results[0];
    assert.equal(result.ruleId, 'unknown-name');
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 2, startColumn: 28, endLine: 2, endColumn: 52 });
    assert.match(result.locations[0].physicalLocation.artifactLocation.uri, /^file:\/\/.*\/wide\.xent$/);
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uriBaseId, undefined);
  });

  it('usage: --format names sarif', async () => {
    const r = await cli('check', '--format', 'xml', 'a.xent');
    assert.equal(r.code, 2);
    assert.match(r.err, /text, json or sarif/);
  });
});
