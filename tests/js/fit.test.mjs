// fit.js's height for an image chart (node --test tests/js/); tests/test_pointer.py checks
// the manifold on a phone in Chromium.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { fittedHeight } from '../../explorer/ui/components/pointer/fit.js';

// A drawn chart's _fullLayout, as Plotly gives it for an image (the y range reversed).
const drawn = (width, height, columns, rows, size = { l: 70, r: 10, t: 10, b: 60 }) => ({
  width,
  height,
  _size: size,
  xaxis: { range: [-0.5, 28 * columns - 0.5] },
  yaxis: { range: [28 * rows - 0.5, -0.5] },
});

test('a square image on a phone gets its width plus the margins, not the figure height', () => {
  // 390 px wide: a 310 px plot, so 310 px of image, and 70 px of margins above and below
  assert.equal(fittedHeight(drawn(390, 560, 15, 15), 560), 380);
});

test('a wide image keeps its aspect: two rows of seven tiles', () => {
  const full = drawn(360, 276, 7, 2, { l: 90, r: 10, t: 10, b: 60 });
  assert.equal(fittedHeight(full, 276), Math.ceil(70 + 260 * (56 / 196)));
});

test('where the chart is wide enough the figure height stays: never taller', () => {
  assert.equal(fittedHeight(drawn(900, 560, 15, 15), 560), 560);
});
