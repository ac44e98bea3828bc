// model.js: a model the browser cannot load is said to the pointer layers (node --test tests/js/).
import assert from 'node:assert/strict';
import { test } from 'node:test';

globalThis.window = new EventTarget(); // what model.js dispatches on, in a page
const { default: modelComponent, loadModel } = await import(
  '../../explorer/ui/components/pointer/model.js'
);
const { FAILED, models, takeNoRoom } = await import(
  '../../explorer/ui/components/pointer/page.js'
);

// A component's box in a shadow root, inside Streamlit's element (only what takeNoRoom uses).
const isolatedBox = () => {
  const element = { style: {} };
  const host = { closest: (selector) => (selector.includes('stElement') ? element : null) };
  return { element, box: { getRootNode: () => ({ host }), closest: () => null } };
};

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
  const { box } = isolatedBox();
  const data = packed({ key: 'broken', decoder: { dtype: 'float32', layers: [layer] } });
  modelComponent({ data, parentElement: box });
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

test("a component that draws nothing in its box hides Streamlit's element around it", () => {
  const { element, box } = isolatedBox();
  modelComponent({ data: packed({ key: 'plain' }), parentElement: box });
  assert.equal(element.style.display, 'none');
  const plain = { style: {} }; // a box in the page itself, not in a shadow root
  takeNoRoom({ parentElement: { getRootNode: () => ({}), closest: () => plain } });
  assert.equal(plain.style.display, 'none');
});
