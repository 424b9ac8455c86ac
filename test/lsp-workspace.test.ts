// The workspace as the server sees it (server/src/lsp/workspace.ts): one uri → path, one source of the workspace
// folders, shared by the evaluation (where data may be read) and the workspace symbols (where .xent files are looked for).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { uriToPath, WorkspaceFolders } from '../server/src/lsp/workspace';

const dir = (name: string) => join('/', 'tmp', 'xent-ws', name);
const uri = (path: string) => pathToFileURL(path).href;

test('uriToPath: a file URI gives its path (percent-decoding included); any other URI gives none', () => {
  assert.equal(uriToPath(uri(dir('a b/é.xent'))), dir('a b/é.xent'));
  assert.equal(uriToPath('file:///tmp/xent-ws/a%20b/x.xent'), '/tmp/xent-ws/a b/x.xent');
  assert.equal(uriToPath('untitled:Untitled-1'), undefined);
  assert.equal(uriToPath('vscode-vfs://github/o/r/x.xent'), undefined);
  // A host other than localhost names no local path (fileURLToPath throws on it): none, not a crash.
  assert.equal(uriToPath('file://server/share/x.xent'), undefined);
});

/** A connection whose client answers workspace/workspaceFolders with `answer` (a function: called per request). */
function connection(answer: () => Promise<{ uri: string; name: string }[] | null>) {
  let asked = 0;
  return {
    asked: () => asked,
    conn: { workspace: { getWorkspaceFolders: () => (asked++, answer()) } } as unknown as ConstructorParameters<typeof WorkspaceFolders>[0],
  };
}

test('the folders are asked of the client each time, so a change is seen without a notification', async () => {
  let current = [{ uri: uri(dir('one')), name: 'one' }];
  const c = connection(async () => current);
  const folders = new WorkspaceFolders(c.conn);
  folders.initialize({ workspaceFolders: [{ uri: uri(dir('initial')), name: 'initial' }] });
  assert.deepEqual(await folders.list(), [dir('one')]);
  current = [{ uri: uri(dir('two')), name: 'two' }, { uri: 'untitled:x', name: 'virtual' }];
  assert.deepEqual(await folders.list(), [dir('two')], 'the non-file folder has no path');
  assert.equal(c.asked(), 2);
});

test('a client that cannot answer is not asked again: the folders of initialize, kept up to date by change events, answer', async () => {
  const c = connection(async () => {
    throw new Error('Unhandled method workspace/workspaceFolders');
  });
  const folders = new WorkspaceFolders(c.conn);
  folders.initialize({ rootUri: uri(dir('root')) });
  assert.deepEqual(await folders.list(), [dir('root')], 'rootUri when no workspaceFolders were given');
  folders.changed({ added: [{ uri: uri(dir('added')), name: 'added' }], removed: [{ uri: uri(dir('root')), name: 'root' }] });
  assert.deepEqual(await folders.list(), [dir('added')]);
  assert.equal(c.asked(), 1, 'asked once only');
});

test('a client that answers null has no folder open: none', async () => {
  const folders = new WorkspaceFolders(connection(async () => null).conn);
  folders.initialize({ workspaceFolders: null, rootUri: null });
  assert.deepEqual(await folders.list(), []);
});
