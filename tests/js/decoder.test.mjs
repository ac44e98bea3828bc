// Invariants of decoder.js on values worked out by hand (node --test tests/js/).
// tests/test_web_models.py checks it against PyTorch on the shipped models.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  halfToFloat,
  loadClassifier,
  loadDecoder,
  readPacked,
  unpack,
  unpackLayer,
} from '../../explorer/ui/components/pointer/decoder.js';
import { drawImage, PIXELS } from '../../explorer/ui/components/pointer/pixels.js';

const base64 = (typed) =>
  Buffer.from(typed.buffer, typed.byteOffset, typed.byteLength).toString('base64');
// Little-endian, as on every machine Node runs on.
const f32 = (values) => base64(new Float32Array(values));

test('float16 bit patterns decode to their values', () => {
  assert.equal(halfToFloat(0x3c00), 1);
  assert.equal(halfToFloat(0xc000), -2);
  assert.equal(halfToFloat(0x7bff), 65504); // the largest finite half
  assert.equal(halfToFloat(0x0001), 2 ** -24); // the smallest subnormal
  assert.equal(halfToFloat(0x03ff), 1023 * 2 ** -24); // the largest subnormal
  assert.equal(halfToFloat(0x0400), 2 ** -14); // the smallest normal
  assert.equal(halfToFloat(0x3555), 0.333251953125);
  assert.equal(halfToFloat(0x7c00), Infinity);
  assert.equal(halfToFloat(0xfc00), -Infinity);
  assert.ok(Number.isNaN(halfToFloat(0x7e00)));
  assert.ok(Object.is(halfToFloat(0x8000), -0));
});

test('unpack reads little-endian float16 and float32 from base64', () => {
  const halves = Buffer.from([0x00, 0x3c, 0x00, 0xc0, 0xff, 0x7b, 0x01, 0x00]).toString('base64');
  assert.deepEqual([...unpack(halves, 'float16')], [1, -2, 65504, 2 ** -24]);
  assert.deepEqual([...unpack(f32([0.5, -3, 1e-7]), 'float32')], [0.5, -3, Math.fround(1e-7)]);
  assert.throws(() => unpack(halves, 'float64'), /unknown dtype/);
});

function toyDecoder(weights, biases, latentDim) {
  return {
    kind: 'decoder',
    dtype: 'float32',
    latent_dim: latentDim,
    layers: [
      {
        type: 'linear',
        weight_shape: [PIXELS, latentDim],
        weight: f32(weights),
        bias: f32(biases),
      },
    ],
  };
}

test('a one-layer decoder is sigmoid(W z + b)', () => {
  // Pixel p gets weights (p / 784, -1) and bias 0.1: logit = z0 * p / 784 - z1 + 0.1.
  const weights = [];
  for (let p = 0; p < PIXELS; p++) weights.push(p / PIXELS, -1);
  const decoder = loadDecoder(toyDecoder(weights, new Array(PIXELS).fill(0.1), 2));
  const pixels = decoder.decode([2, 0.5]);
  assert.equal(pixels.length, PIXELS);
  for (const p of [0, 1, 391, 783]) {
    const logit = Math.fround(Math.fround(p / PIXELS) * 2) - 0.5 + Math.fround(0.1);
    assert.ok(Math.abs(pixels[p] - 1 / (1 + Math.exp(-logit))) < 1e-6, `pixel ${p}`);
  }
  const out = new Float32Array(PIXELS);
  assert.equal(decoder.decode(new Float32Array([0, 0]), out), out); // reuses a given buffer
  assert.throws(() => decoder.decode([1, 2, 3]), /not 2/);
});

test('ReLU sits between layers but not after the last', () => {
  // z -> h = relu(z0 - z1) (1 unit) -> logit = -h for every pixel, minus 1.
  const payload = {
    dtype: 'float32',
    latent_dim: 2,
    layers: [
      { weight_shape: [1, 2], weight: f32([1, -1]), bias: f32([0]) },
      {
        weight_shape: [PIXELS, 1],
        weight: f32(new Array(PIXELS).fill(-1)),
        bias: f32(new Array(PIXELS).fill(-1)),
      },
    ],
  };
  const decoder = loadDecoder(payload);
  const sigmoid = (v) => 1 / (1 + Math.exp(-v));
  assert.ok(Math.abs(decoder.decode([0, 3])[5] - sigmoid(-1)) < 1e-7); // h clipped at 0
  assert.ok(Math.abs(decoder.decode([3, 0])[5] - sigmoid(-4)) < 1e-7); // logit -4 kept negative
});

test('a layer whose weights do not match its shape is refused', () => {
  const payload = toyDecoder([1, 2, 3], new Array(PIXELS).fill(0), 2);
  assert.throws(() => loadDecoder(payload), /do not match/);
});

// A classifier with 1 -> 1 -> 1 conv channels (a 3x3 kernel) and a linear head of 49 -> 2 -> 10.
function toyClassifier(kernel) {
  const head = new Array(2 * 49).fill(0);
  head[0 * 49 + 24] = 1; // hidden unit 0 reads the centre of the 7x7 map
  const out = new Array(10 * 2).fill(0);
  out[3 * 2 + 0] = 1; // class 3 grows with it
  // The same 3x3 convolution twice: 28x28 -> 14x14 -> 7x7.
  const conv = {
    type: 'conv2d',
    weight_shape: [1, 1, 3, 3],
    weight: f32(kernel),
    bias: f32([0]),
    padding: 1,
    pool: 2,
  };
  return {
    dtype: 'float32',
    layers: [
      conv,
      conv,
      { type: 'linear', weight_shape: [2, 49], weight: f32(head), bias: f32([0, 0]) },
      { type: 'linear', weight_shape: [10, 2], weight: f32(out), bias: f32(new Array(10).fill(0)) },
    ],
  };
}

test('the classifier runs conv-pool twice, then its head, then a softmax', () => {
  const identity = [0, 0, 0, 0, 1, 0, 0, 0, 0];
  const classifier = loadClassifier(toyClassifier(identity));
  const pixels = new Float32Array(PIXELS);
  // Pooled twice, the 7x7 centre (3, 3) covers pixels 12..15 in each direction.
  pixels[13 * 28 + 14] = 5;
  const { label, confidence, probabilities } = classifier.classify(pixels);
  assert.equal(label, 3);
  const expected = Math.exp(5) / (Math.exp(5) + 9);
  assert.ok(Math.abs(confidence - expected) < 1e-6);
  assert.ok(Math.abs(probabilities.reduce((a, b) => a + b, 0) - 1) < 1e-6);
  // A blank image: all logits 0, every class 1/10, the first wins the tie.
  const blank = classifier.classify(new Float32Array(PIXELS));
  assert.equal(blank.label, 0);
  assert.ok(Math.abs(blank.confidence - 0.1) < 1e-7);
});

test('the convolution does not flip its kernel (cross-correlation, as in torch)', () => {
  // A kernel reading the right-hand neighbour moves a dot one column left per conv: column
  // 16 -> 15, pooled 7 -> 6, pooled 3, the centre; a flipped kernel would take column 12 there.
  const right = [0, 0, 0, 0, 0, 1, 0, 0, 0];
  const classifier = loadClassifier(toyClassifier(right));
  const at = (column) => {
    const pixels = new Float32Array(PIXELS);
    pixels[13 * 28 + column] = 5;
    return classifier.classify(pixels).label;
  };
  assert.equal(at(16), 3);
  assert.equal(at(12), 0);
});

test('drawImage writes grey RGBA into an ImageData: 1 is white, 0 black', () => {
  const image = { width: 28, height: 28, data: new Uint8ClampedArray(PIXELS * 4) };
  const pixels = new Float32Array(PIXELS);
  pixels[0] = 1;
  pixels[1] = 0.5;
  pixels[783] = 1.5; // clamped
  drawImage(image, pixels);
  assert.deepEqual([...image.data.slice(0, 8)], [255, 255, 255, 255, 128, 128, 128, 255]);
  assert.deepEqual([...image.data.slice(8, 12)], [0, 0, 0, 255]);
  assert.equal(image.data[783 * 4], 255);
});

test('readPacked reads the header, points its blobs at the bytes after it, from a buffer or view', () => {
  const header = Buffer.from(JSON.stringify({ key: 'k', layers: [{ weight: { blob: [8, 8] } }] }));
  const padded = Buffer.concat([header, Buffer.alloc((4 - ((4 + header.length) % 4)) % 4, 32)]);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(padded.length);
  const blobs = Buffer.from(new Float32Array([9, 9, 0.5, -3]).buffer);
  const bytes = new Uint8Array(Buffer.concat([length, padded, blobs]));
  const payload = readPacked(bytes);
  assert.equal(payload.key, 'k');
  assert.deepEqual([...unpack(payload.layers[0].weight, 'float32')], [0.5, -3]);
  const fromBuffer = readPacked(bytes.slice().buffer); // a component's data may be either
  assert.deepEqual([...unpack(fromBuffer.layers[0].weight, 'float32')], [0.5, -3]);
});

// A payload in web_models.pack's layout: header length, JSON header padded to 4, then blobs.
function packBytes(header, blobs) {
  const json = Buffer.from(JSON.stringify(header));
  const padded = Buffer.concat([json, Buffer.alloc((4 - ((4 + json.length) % 4)) % 4, 32)]);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(padded.length);
  return Buffer.concat([length, padded, blobs]);
}

test('an int8 layer is q * scale[row], from base64 or packed at any byte offset', () => {
  const q = new Int8Array([127, -64, 0, 1, -127, 5]); // (2, 3): 6 bytes, so the scale is padded
  const scale = new Float32Array([0.5, 0.003]);
  const bias = new Uint16Array([0x3c00, 0xc000]); // float16 1, -2
  const expected = [...q].map((v, i) => Math.fround(v * scale[Math.floor(i / 3)]));
  const layer = {
    weight_shape: [2, 3],
    weight: base64(q),
    scale: base64(scale),
    bias: base64(bias),
  };
  const fromBase64 = unpackLayer(layer, 'int8');
  assert.deepEqual([...fromBase64.weight], expected);
  assert.deepEqual([...fromBase64.bias], [1, -2]);
  assert.equal(fromBase64.weight[3], Math.fround(0.003)); // not float16's 0.0030002594
  const blob = (offset, length) => ({ blob: [offset, length] });
  const header = {
    layers: [{ weight_shape: [2, 3], weight: blob(0, 6), scale: blob(8, 8), bias: blob(16, 4) }],
  };
  const parts = [q, new Uint8Array(2), scale, bias]; // 2 bytes of padding after the 6 of q
  const blobs = Buffer.concat(parts.map((array) => Buffer.from(array.buffer)));
  // One byte in, so that the float32 scales sit at an odd address.
  const packed = Buffer.concat([Buffer.alloc(1), packBytes(header, blobs)]);
  const fromPacked = unpackLayer(readPacked(new Uint8Array(packed).subarray(1)).layers[0], 'int8');
  assert.deepEqual([...fromPacked.weight], expected);
  assert.deepEqual([...fromPacked.bias], [1, -2]);
  const oneScale = { ...layer, scale: base64(scale.subarray(1)) };
  assert.throws(() => unpackLayer(oneScale, 'int8'), /do not match/);
});

// The pointer layer's pure helpers (pointer.js imports decoder.js, as the bundle does).
const { nearest } = await import('../../explorer/ui/components/pointer/pointer.js');
const { fill, latentAt } = await import('../../explorer/ui/components/pointer/page.js');

test('latentAt is the identity on a 2-D map and origin + x a + y b on a plane', () => {
  assert.deepEqual([...latentAt(1.5, -2, null, new Float32Array(2))], [1.5, -2]);
  const plane = {
    origin: [1, 2, 3],
    axes: [
      [1, 0, 0],
      [0, 0, 2],
    ],
  };
  assert.deepEqual([...latentAt(10, 100, plane, new Float32Array(3))], [11, 2, 203]);
});

test('fill puts values into a template and leaves unknown names empty', () => {
  assert.equal(fill('z = ({x}, {y})', { x: '1.00', y: -2 }), 'z = (1.00, -2)');
  assert.equal(fill('{name} · {percent}%{gone}', { name: '7', percent: 98 }), '7 · 98%');
});

test('nearest finds the closest screen point within the radius', () => {
  const screen = new Float32Array([0, 0, 50, 0, 90, 0]);
  assert.equal(nearest(screen, 48, 3, 10), 1);
  assert.equal(nearest(screen, 70, 0, 10), -1); // 20 px from either neighbour
  assert.equal(nearest(screen, 71, 0, Infinity), 2); // 19 px from the third, 21 from the second
});

// The Interpolation slider's pure helpers.
const { along, mix, nearestAlpha } = await import('../../explorer/ui/components/pointer/morph.js');

test('mix is the straight line from a (alpha 0) to b (alpha 1)', () => {
  const out = new Float32Array(2);
  assert.deepEqual([...mix([0, 2], [4, -2], 0.25, out)], [1, 1]);
});

test('along and nearestAlpha walk a polyline of evenly spaced steps', () => {
  const path = [
    [0, 0],
    [10, 0],
    [10, 10],
  ];
  assert.deepEqual(along(path, 0.75), [10, 5]);
  const { alpha, distance } = nearestAlpha(path, 12, 5);
  assert.equal(alpha, 0.75);
  assert.equal(distance, 2);
  assert.equal(nearestAlpha(path, -5, 0).alpha, 0); // before the first step
});

// The traversal sliders' pure helpers.
const { codeAt, project } = await import('../../explorer/ui/components/pointer/traversal.js');

test('codeAt moves each slider dimension to mean + value * std and holds the others', () => {
  const dims = [
    { index: 2, mean: 1, std: 2 },
    { index: 0, mean: -1, std: 0.5 },
  ];
  const out = new Float32Array(3);
  assert.deepEqual([...codeAt([9, 8, 7], dims, [1.5, -2], out)], [-2, 8, 4]);
});

test('project is the identity on a 2-D map and (z - mean) . component on a PCA plane', () => {
  assert.deepEqual(project([3, -4], null), [3, -4]);
  const plane = [
    [1, 1, 1],
    [
      [1, 0, 0],
      [0, 0, -1],
    ],
  ];
  assert.deepEqual(project([4, 5, 3], plane), [3, -2]);
});

// The classifier's step: with the image where it is quick, else a frame later, coalesced.
const { SAME_FRAME_MS, withinFrame } = await import('../../explorer/ui/components/pointer/page.js');

test('withinFrame runs quick work at once and defers slow work, keeping the latest call', async () => {
  globalThis.requestAnimationFrame ??= (callback) => setTimeout(callback, 0);
  const seen = [];
  let cost = 0;
  const read = withinFrame((value) => {
    const start = performance.now();
    while (performance.now() - start < cost); // work of `cost` ms
    seen.push(value);
  });
  read(1);
  assert.deepEqual(seen, [1]); // quick: in the same call, so in the image's frame
  cost = SAME_FRAME_MS + 4;
  read(2); // still run at once: the last run was quick; this one is slow
  assert.deepEqual(seen, [1, 2]);
  read(3);
  read(4); // after a slow run: deferred, and 3 is replaced by 4
  assert.deepEqual(seen, [1, 2]);
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.deepEqual(seen, [1, 2, 4]);
});
