// An evaluation's diagnostics are anchored to where its experiment stood in the text the job was given. The
// incremental parse moves a reused experiment's nodes to each newer version of the document, so the place is
// taken when the evaluation starts (anchored.ts experimentPlace): text typed above the experiment while the job
// runs must not shift the anchored diagnostics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../server/src/core/check';
import { anchorDiagnostics, experimentPlace } from '../server/src/lsp/evaluation/anchored';

const text = `experiment a {\n  loss: mse\n}\nexperiment b {\n  classes: [x, y]\n  data: csv("d.csv")\n}\n`;

test('diagnostics of a job are anchored where the experiment stood in its text, though the document changed since', () => {
  const before = analyze(text);
  const model = before.models.find((m) => m.name === 'b')!;
  const place = experimentPlace(before, model);
  // The user types above b while its job runs: b is reused by the new parse and its nodes move.
  const after = analyze(text.replace('loss: mse', 'loss: mean_squared_error'), { previous: before });
  assert.equal(after.models.find((m) => m.name === 'b')!.node, model.node, 'b was reused (and moved)');
  assert.notEqual(model.node.start, place.start, 'the node moved; the place did not');
  const csvAt = text.indexOf('csv(');
  const range = before.parse.source.rangeOf(csvAt, csvAt + 3);
  const [anchored] = anchorDiagnostics(place, [{ range, severity: 'error', code: 'data-file-missing', message: 'no file' }]);
  assert.equal(anchored.from, csvAt - text.indexOf('experiment b'));
  assert.equal(anchored.to - anchored.from, 3);
  // The refusal's place is the data key in the job's text.
  assert.deepEqual(place.refusalAt, before.parse.source.rangeOf(text.indexOf('data:'), text.indexOf('data:') + 4));
});
