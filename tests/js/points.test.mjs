// points.js: a map's points, split into one Plotly trace per class (node --test tests/js/).
import assert from 'node:assert/strict';
import { test } from 'node:test';

const { legendLayout, traces } = await import('../../explorer/ui/components/pointer/points.js');

const bytes = (typed) => new Uint8Array(typed.buffer);

test('each class gets its rows, in order, with their positions', () => {
  const x = new Float32Array([0.5, 1.5, 2.5, 3.5, 4.5]);
  const y = new Float32Array([-1, -2, -3, -4, -5]);
  const labels = new Uint8Array([2, 0, 2, 1, 0]);
  const got = traces({ x: bytes(x), y: bytes(y), labels, traces: 3 });
  assert.deepEqual(got.customdata.map((rows) => Array.from(rows)), [[1, 4], [3], [0, 2]]);
  assert.deepEqual(Array.from(got.x[0]), [1.5, 4.5]);
  assert.deepEqual(Array.from(got.y[2]), [-1, -3]);
});

test('a class with no points gets an empty trace', () => {
  const one = new Float32Array([7]);
  const got = traces({ x: bytes(one), y: bytes(one), labels: new Uint8Array([1]), traces: 3 });
  assert.deepEqual(got.x.map((xs) => xs.length), [0, 1, 0]);
});

test('a phone-wide chart has its legend at its foot; a wide one keeps the figure legend', () => {
  assert.equal(legendLayout(360)['legend.orientation'], 'h');
  assert.equal(legendLayout(360)['legend.yref'], 'container');
  assert.equal(legendLayout(360)['legend.y'], 0);
  assert.deepEqual(legendLayout(900), {});
  assert.equal(legendLayout(360)['legend2.orientation'], undefined);
  assert.equal(legendLayout(360, true)['legend2.orientation'], 'h');
  assert.equal(legendLayout(360, true)['legend2.yanchor'], 'bottom');
  assert.deepEqual(legendLayout(900, true), {});
});
