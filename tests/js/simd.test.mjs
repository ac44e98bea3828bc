// simd.js's WebAssembly against plain sums, and the classifier with and without it
// (node --test tests/js/). tests/test_web_models.py checks both against PyTorch.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { loadClassifier } from '../../explorer/ui/components/pointer/decoder.js';
import { PIXELS } from '../../explorer/ui/components/pointer/pixels.js';
import { simdConvolution } from '../../explorer/ui/components/pointer/simd.js';

// Values in [-1, 1) from a seeded linear congruential generator.
function seeded(seed) {
  let state = seed;
  return () => {
    state = (1103515245 * state + 12345) % 2 ** 31;
    return (2 * state) / 2 ** 31 - 1;
  };
}

const randoms = (length, next) => Float32Array.from({ length }, next);

test('a convolution position sums each gathered value times its tap weights, every channel', () => {
  const next = seeded(1);
  const [cOut, taps] = [64, 800];
  const weight = randoms(cOut * taps, next); // (cOut, taps), as torch lays a conv's weights
  const bias = randoms(cOut, next);
  const simd = simdConvolution(weight, bias, cOut, taps);
  assert.ok(simd, 'Node has WebAssembly SIMD');
  const n = 300;
  for (let j = 0; j < n; j++) {
    simd.taps[j] = (7 * j + 3) % taps;
    simd.values[j] = next();
  }
  simd.run(n);
  for (let o = 0; o < cOut; o++) {
    let sum = bias[o];
    for (let j = 0; j < n; j++) sum += weight[o * taps + simd.taps[j]] * simd.values[j];
    assert.ok(Math.abs(simd.out[o] - sum) < 1e-4, `channel ${o}: ${simd.out[o]} against ${sum}`);
  }
  simd.run(0); // nothing gathered (a blank patch): the biases
  assert.deepEqual(Array.from(simd.out), Array.from(bias));
});

test('layers without 32 output channels a pass stay in JavaScript', () => {
  assert.equal(simdConvolution(new Float32Array(40 * 9), new Float32Array(40), 40, 9), null);
  assert.equal(simdConvolution(new Float32Array(10 * 128), new Float32Array(10), 10, 128), null);
});

// A classifier of the shipped one's shape, smaller: 1 -> 32 -> 32 channels (5x5), 1568 -> 32 -> 10.
function randomClassifier(next) {
  const f32 = (length) => Buffer.from(randoms(length, next).buffer).toString('base64');
  const conv = (cOut, cIn) => ({
    type: 'conv2d',
    weight_shape: [cOut, cIn, 5, 5],
    weight: f32(cOut * cIn * 25),
    bias: f32(cOut),
    padding: 2,
    pool: 2,
  });
  const linear = (nOut, nIn) => ({
    type: 'linear',
    weight_shape: [nOut, nIn],
    weight: f32(nOut * nIn),
    bias: f32(nOut),
  });
  return {
    dtype: 'float32',
    layers: [conv(32, 1), conv(32, 32), linear(32, 32 * 49), linear(10, 32)],
  };
}

test('the classifier reads alike with WebAssembly SIMD and without it', () => {
  const next = seeded(2);
  const payload = randomClassifier(next);
  const simd = loadClassifier(payload);
  const plain = loadClassifier(payload, { useSimd: false });
  assert.equal(simd.simd, true);
  assert.equal(plain.simd, false);
  for (let k = 0; k < 5; k++) {
    const pixels = Float32Array.from({ length: PIXELS }, () => Math.max(0, next())); // half ink
    const [a, b] = [simd.classify(pixels), plain.classify(pixels)];
    assert.equal(a.label, b.label);
    a.probabilities.forEach((p, i) => assert.ok(Math.abs(p - b.probabilities[i]) < 1e-5));
  }
});
