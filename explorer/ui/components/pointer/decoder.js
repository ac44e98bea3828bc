// The decoder (z -> 28x28 pixel probabilities) and the digit classifier, run in the browser from
// the payloads of explorer/web_models.py.
// Weights are unpacked to Float32Array once, at load; each call then reuses its buffers.

import { PIXELS, SIDE } from './pixels.js';
import { simdConvolution } from './simd.js';

// IEEE 754 binary16: 1 sign bit, 5 exponent bits (bias 15), 10 fraction bits.
export function halfToFloat(bits) {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24; // zero and subnormals
  if (exponent === 31) return fraction ? NaN : sign * Infinity;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

export function base64Bytes(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

let halves = null; // every float16 bit pattern's value, made once: a lookup per weight

// Little-endian float16 or float32 values, or int8, as base64 or as bytes -> Float32Array.
// DataView and Int8Array read at any byte offset, so a blob needs no alignment.
export function unpack(value, dtype) {
  const bytes = typeof value === 'string' ? base64Bytes(value) : value;
  if (dtype === 'int8') {
    return Float32Array.from(new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (dtype === 'float32') {
    const values = new Float32Array(bytes.length / 4);
    for (let i = 0; i < values.length; i++) values[i] = view.getFloat32(4 * i, true);
    return values;
  }
  if (dtype === 'float16') {
    if (!halves) halves = Float32Array.from({ length: 65536 }, (_, bits) => halfToFloat(bits));
    const values = new Float32Array(bytes.length / 2);
    for (let i = 0; i < values.length; i++) values[i] = halves[view.getUint16(2 * i, true)];
    return values;
  }
  throw new Error(`unknown dtype ${dtype}`);
}

// A payload packed by explorer/web_models.py's pack: a 4-byte little-endian header length,
// the JSON header, then the bytes each {"blob": [offset, length]} in it points to. `data` is
// a component's data: an ArrayBuffer or a view of one.
export function readPacked(data) {
  const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : data;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + length)));
  const blobs = bytes.subarray(4 + length);
  const lift = (value) => {
    if (Array.isArray(value)) return value.map(lift);
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value.blob)) return blobs.subarray(value.blob[0], value.blob[0] + value.blob[1]);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, lift(v)]));
  };
  return lift(header);
}

// A layer's weights as Float32Array. An int8 weight row is dequantized by its float32 scale,
// w = q * scale[row] (web_models.py's quantize_rows); its biases are float16.
export function unpackLayer(layer, dtype) {
  const weight = unpack(layer.weight, dtype);
  const bias = unpack(layer.bias, dtype === 'int8' ? 'float16' : dtype);
  const scale = dtype === 'int8' ? unpack(layer.scale, 'float32') : null;
  const shape = layer.weight_shape;
  const nOut = shape[0];
  const nIn = shape.reduce((a, b) => a * b, 1) / nOut;
  if (weight.length !== nOut * nIn || bias.length !== nOut || (scale && scale.length !== nOut)) {
    throw new Error(`layer weights do not match their shape ${shape}`);
  }
  if (scale) {
    for (let o = 0, row = 0; o < nOut; o++, row += nIn) {
      for (let i = row; i < row + nIn; i++) weight[i] *= scale[o];
    }
  }
  return { ...layer, weight, bias, nOut, nIn };
}

// y = W x + b, W of shape (nOut, nIn) row-major as in torch.nn.Linear; ReLU if asked.
function dense(weight, bias, nIn, nOut, x, y, relu) {
  for (let o = 0, row = 0; o < nOut; o++, row += nIn) {
    let sum = bias[o];
    for (let i = 0; i < nIn; i++) sum += weight[row + i] * x[i];
    y[o] = relu && sum < 0 ? 0 : sum;
  }
}

export function loadDecoder(payload) {
  const latentDim = payload.latent_dim;
  const layers = payload.layers.map((layer) => unpackLayer(layer, payload.dtype));
  if (layers[0].nIn !== latentDim || layers[layers.length - 1].nOut !== PIXELS) {
    throw new Error('a decoder maps latent_dim values to 784 pixels');
  }
  const input = new Float32Array(latentDim);
  const buffers = layers.map((layer) => new Float32Array(layer.nOut));
  const last = layers.length - 1;
  return {
    latentDim,
    // z: latentDim numbers -> 784 pixel probabilities, row by row (into out when given).
    decode(z, out = new Float32Array(PIXELS)) {
      if (z.length !== latentDim) throw new Error(`z has ${z.length} values, not ${latentDim}`);
      input.set(z);
      let x = input;
      layers.forEach((layer, k) => {
        dense(layer.weight, layer.bias, layer.nIn, layer.nOut, x, buffers[k], k < last);
        x = buffers[k];
      });
      for (let i = 0; i < PIXELS; i++) out[i] = 1 / (1 + Math.exp(-x[i]));
      return out;
    },
  };
}

// dense's y = W x + b (ReLU if asked) as a convolution at one position (simd.js): the nonzero
// inputs (about half, after ReLU and pooling) times their weights.
function sparseDense(simd, x, y, relu) {
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    if (x[i] === 0) continue;
    simd.taps[n] = i;
    simd.values[n++] = x[i];
  }
  simd.run(n);
  for (let o = 0; o < y.length; o++) y[o] = relu && simd.out[o] < 0 ? 0 : simd.out[o];
}

// A 'same' convolution as a sparse matrix product: at each output position, the nonzero
// values under the kernel (after ReLU and pooling, about half are zero) are gathered with
// their taps into `patch`, then every output channel is their dot product with its weights:
// in WebAssembly SIMD where the browser has it (`simd`, simd.js), else here, eight channels
// per pass so that each gathered value is read once for eight.
function convolve(layer, x, side, patch, y, simd) {
  const [cOut, cIn, k] = layer.weight_shape;
  const pad = layer.padding;
  const plane = side * side;
  const taps = cIn * k * k;
  const { weight, bias } = layer;
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      let n = 0;
      for (let i = 0; i < cIn; i++) {
        for (let dy = 0; dy < k; dy++) {
          const yIn = r + dy - pad;
          if (yIn < 0 || yIn >= side) continue;
          const from = i * plane + yIn * side;
          const tap = (i * k + dy) * k;
          for (let dx = 0; dx < k; dx++) {
            const xIn = c + dx - pad;
            const v = xIn >= 0 && xIn < side ? x[from + xIn] : 0;
            if (v === 0) continue;
            patch.taps[n] = tap + dx;
            patch.values[n++] = v;
          }
        }
      }
      const p = r * side + c;
      if (simd) {
        simd.run(n);
        for (let o = 0; o < cOut; o++) y[o * plane + p] = simd.out[o];
        continue;
      }
      let o = 0;
      for (; o + 8 <= cOut; o += 8) {
        const w = o * taps;
        let s0 = bias[o], s1 = bias[o + 1], s2 = bias[o + 2], s3 = bias[o + 3];
        let s4 = bias[o + 4], s5 = bias[o + 5], s6 = bias[o + 6], s7 = bias[o + 7];
        for (let j = 0; j < n; j++) {
          const v = patch.values[j];
          const a = w + patch.taps[j];
          s0 += weight[a] * v;
          s1 += weight[a + taps] * v;
          s2 += weight[a + 2 * taps] * v;
          s3 += weight[a + 3 * taps] * v;
          s4 += weight[a + 4 * taps] * v;
          s5 += weight[a + 5 * taps] * v;
          s6 += weight[a + 6 * taps] * v;
          s7 += weight[a + 7 * taps] * v;
        }
        const sums = [s0, s1, s2, s3, s4, s5, s6, s7];
        for (let q = 0; q < 8; q++) y[(o + q) * plane + p] = sums[q];
      }
      for (; o < cOut; o++) {
        let sum = bias[o];
        for (let j = 0; j < n; j++) sum += weight[o * taps + patch.taps[j]] * patch.values[j];
        y[o * plane + p] = sum;
      }
    }
  }
}

// ReLU then 2x2 max pooling, per channel; max(0, max of four) is the two in either order.
function reluPool(x, channels, side, y) {
  const half = side / 2;
  for (let ch = 0; ch < channels; ch++) {
    const from = ch * side * side;
    const to = ch * half * half;
    for (let r = 0; r < half; r++) {
      for (let c = 0; c < half; c++) {
        const a = from + 2 * r * side + 2 * c;
        y[to + r * half + c] = Math.max(0, x[a], x[a + 1], x[a + side], x[a + side + 1]);
      }
    }
  }
}

// useSimd: false keeps the convolutions in JavaScript, as in a browser without WebAssembly SIMD.
export function loadClassifier(payload, { useSimd = true } = {}) {
  const layers = payload.layers.map((layer) => unpackLayer(layer, payload.dtype));
  const convs = layers.filter((layer) => layer.type === 'conv2d');
  const linears = layers.filter((layer) => layer.type === 'linear');
  // Buffers for each stage: conv output (C, side, side), pooled (C, side/2, side/2), and the
  // nonzero values under the kernel at one position, with their taps.
  let side = SIDE;
  const stages = convs.map((layer) => {
    const [cOut, cIn, k] = layer.weight_shape;
    const taps = cIn * k * k;
    const simd = useSimd ? simdConvolution(layer.weight, layer.bias, cOut, taps) : null;
    const stage = {
      layer,
      side,
      simd,
      patch: simd ?? { taps: new Int32Array(taps), values: new Float32Array(taps) },
      conv: new Float32Array(cOut * side * side),
      pooled: new Float32Array((cOut * side * side) / 4),
    };
    side /= 2;
    return stage;
  });
  const hidden = linears.map((layer) => new Float32Array(layer.nOut));
  // The head's layers in SIMD too, where they have 32 outputs a pass (the first: 3136 -> 128).
  const heads = linears.map((layer) =>
    useSimd ? simdConvolution(layer.weight, layer.bias, layer.nOut, layer.nIn) : null,
  );
  const input = new Float32Array(PIXELS);
  const probabilities = new Float32Array(linears[linears.length - 1].nOut);
  return {
    simd: stages.some((stage) => stage.simd), // whether its convolutions run in WebAssembly SIMD
    // pixels: 784 values in [0, 1], row by row -> the argmax digit and its softmax probability.
    classify(pixels) {
      input.set(pixels);
      let x = input;
      for (const stage of stages) {
        convolve(stage.layer, x, stage.side, stage.patch, stage.conv, stage.simd);
        reluPool(stage.conv, stage.layer.weight_shape[0], stage.side, stage.pooled);
        x = stage.pooled; // flattened as (channel, row, column), as nn.Flatten does
      }
      linears.forEach((layer, k) => {
        const relu = k < linears.length - 1;
        if (heads[k]) sparseDense(heads[k], x, hidden[k], relu);
        else dense(layer.weight, layer.bias, layer.nIn, layer.nOut, x, hidden[k], relu);
        x = hidden[k];
      });
      let label = 0;
      for (let i = 1; i < x.length; i++) if (x[i] > x[label]) label = i;
      let total = 0;
      for (let i = 0; i < x.length; i++) total += probabilities[i] = Math.exp(x[i] - x[label]);
      for (let i = 0; i < x.length; i++) probabilities[i] /= total;
      return { label, confidence: probabilities[label], probabilities: probabilities.slice() };
    },
  };
}
