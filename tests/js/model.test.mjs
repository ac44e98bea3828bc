// model.js: a model the browser cannot load is said to the pointer layers (node --test tests/js/).
import assert from 'node:assert/strict';
import { test } from 'node:test';

globalThis.window = new EventTarget(); // what model.js dispatches on, in a page
const { default: modelComponent, loadModel } = await import(
  '../../explorer/ui/components/pointer/model.js'
);
const { FAILED, models } = await import('../../explorer/ui/components/pointer/page.js');

const packed = (header) => {
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  return new Uint8Array(Buffer.concat([length, json]));
};

test('a model whose weights do not fit their shape makes a FAILED event, not an exception', async () => {
  const failures = [];
  window.addEventListener(FAILED, (event) => failures.push(event.detail));
  const layer = { weight: { blob: [0, 0] }, bias: { blob: [0, 0] }, weight_shape: [2, 3] };
  modelComponent({ data: packed({ key: 'broken', decoder: { dtype: 'float32', layers: [layer] } }) });
  await new Promise((resolve) => setTimeout(resolve, 10)); // loaded after the page is idle
  assert.equal(failures.length, 1);
  assert.match(failures[0], /^Error: layer weights do not match their shape/);
  assert.ok(!models.has('broken'));
});

test('a payload with neither model is kept under its key', () => {
  const key = loadModel(packed({ key: 'plain' }));
  assert.equal(key, 'plain');
  assert.deepEqual(models.get('plain'), { decoder: null, classifier: null, plane: null, codes: null });
});
