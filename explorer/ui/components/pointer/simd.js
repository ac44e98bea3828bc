// The classifier's convolutions (and its first linear layer, a convolution at one position)
// in WebAssembly SIMD, four float32 multiply-adds an instruction: at one output position, the
// nonzero inputs decoder.js gathered under the kernel, each times its tap's weights for every
// output channel. Plain JavaScript does one multiply-add an instruction; with this a reading
// takes about a quarter of the time (6.0 -> 1.6 ms in Node on a Xeon), which keeps the reading
// under the pointer within the decoded image's frame on slower machines and phones. Where a
// browser lacks WebAssembly or its SIMD, simdConvolution returns null and decoder.js keeps
// its loops.

const LANES = 8; // accumulators of four channels: 32 output channels a pass over the inputs

// The WebAssembly module's bytes, written out here (no build step, no .wasm file): one
// function, conv(n, row, weights, taps, values, bias, out), byte addresses in the memory it
// imports. For each block of 32 channels at byte offset ob (0, 128, ... up to row, the bytes
// of one tap's weights), out[ob..] = bias[ob..] + the sum over j < n of values[j] times the
// weights at weights + taps[j] * row + ob. Weights are tap-major: a tap's weights for every
// channel lie together.
function simdBytes() {
  const I32 = 0x7f;
  const V128 = 0x7b;

  // Unsigned and signed LEB128, as WebAssembly writes its numbers.
  function uleb(n) {
    const bytes = [];
    do {
      const byte = n & 0x7f;
      n >>>= 7;
      bytes.push(n ? byte | 0x80 : byte);
    } while (n);
    return bytes;
  }

  function sleb(n) {
    const bytes = [];
    for (;;) {
      const byte = n & 0x7f;
      n >>= 7;
      if ((n === 0 && !(byte & 0x40)) || (n === -1 && byte & 0x40)) return [...bytes, byte];
      bytes.push(byte | 0x80);
    }
  }

  const vector = (items) => [...uleb(items.length), ...items.flat()];
  const name = (text) => vector([...new TextEncoder().encode(text)]);
  const section = (id, bytes) => [id, ...uleb(bytes.length), ...bytes];

  // The instructions used, with their operands.
  const get = (local) => [0x20, ...uleb(local)];
  const set = (local) => [0x21, ...uleb(local)];
  const i32 = (value) => [0x41, ...sleb(value)];
  const [add, mul, shl, atLeast] = [[0x6a], [0x6c], [0x74], [0x4f]]; // i32.add, mul, shl, ge_u
  const [block, loop, end] = [[0x02, 0x40], [0x03, 0x40], [0x0b]];
  const breakIf = (depth) => [0x0d, ...uleb(depth)];
  const branch = (depth) => [0x0c, ...uleb(depth)];
  const loadI32 = [0x28, 2, 0]; // memory argument: alignment 2^2, offset 0
  const loadF32 = [0x2a, 2, 0];
  const loadV128 = (offset) => [0xfd, 0x00, 2, ...uleb(offset)];
  const storeV128 = (offset) => [0xfd, 0x0b, 2, ...uleb(offset)];
  const splat = [0xfd, 0x13]; // f32x4.splat
  const [addF32x4, mulF32x4] = [[0xfd, ...uleb(0xe4)], [0xfd, ...uleb(0xe6)]];

  // The function's parameters and locals, by index.
  const [N, ROW, WEIGHTS, TAPS, VALUES, BIAS, OUT] = [0, 1, 2, 3, 4, 5, 6];
  const [J, OB, AT, STOP, VALUE, ACC] = [7, 8, 9, 10, 11, 12]; // ACC .. ACC + LANES - 1
  const lanes = (each) => Array.from({ length: LANES }, (_, k) => each(ACC + k, 16 * k)).flat();
  const conv = [
    ...[...get(N), ...i32(2), ...shl, ...set(STOP)], // stop: n's values in bytes
    ...[...i32(0), ...set(OB)],
    ...block,
    ...loop,
    ...[...get(OB), ...get(ROW), ...atLeast, ...breakIf(1)],
    ...lanes((acc, offset) => [...get(BIAS), ...get(OB), ...add, ...loadV128(offset), ...set(acc)]),
    ...[...i32(0), ...set(J)],
    ...block,
    ...loop,
    ...[...get(J), ...get(STOP), ...atLeast, ...breakIf(1)],
    ...[...get(VALUES), ...get(J), ...add, ...loadF32, ...splat, ...set(VALUE)],
    ...[...get(TAPS), ...get(J), ...add, ...loadI32, ...get(ROW), ...mul],
    ...[...get(WEIGHTS), ...add, ...get(OB), ...add, ...set(AT)],
    ...lanes((acc, offset) => [
      ...[...get(acc), ...get(AT), ...loadV128(offset)],
      ...[...get(VALUE), ...mulF32x4, ...addF32x4, ...set(acc)],
    ]),
    ...[...get(J), ...i32(4), ...add, ...set(J), ...branch(0)],
    ...end,
    ...end,
    ...lanes((acc, offset) => [...get(OUT), ...get(OB), ...add, ...get(acc), ...storeV128(offset)]),
    ...[...get(OB), ...i32(16 * LANES), ...add, ...set(OB), ...branch(0)],
    ...end,
    ...end,
    ...end,
  ];

  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
    ...section(1, vector([[0x60, ...vector(Array(7).fill(I32)), ...vector([])]])),
    ...section(2, vector([[...name('m'), ...name('memory'), 0x02, 0x00, ...uleb(1)]])),
    ...section(3, vector([[0]])),
    ...section(7, vector([[...name('conv'), 0x00, 0]])),
    ...section(10, vector([vector([...vector([[4, I32], [1 + LANES, V128]]), ...conv])])),
  ]);
}

let simdModule; // compiled once: undefined until asked, null where it cannot run

function compiledSimd() {
  if (simdModule === undefined) {
    const bytes = typeof WebAssembly === 'object' ? simdBytes() : null;
    simdModule = bytes && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  }
  return simdModule;
}

// A convolution layer's SIMD form, or null (no SIMD here, or not 32 channels a pass): taps
// and values, the memory's views decoder.js gathers an output position's inputs into;
// run(n) then fills out with every output channel's sum at that position.
export function simdConvolution(weight, bias, cOut, taps) {
  if (cOut % (4 * LANES) || !compiledSimd()) return null;
  const layout = { weights: 0, bias: 4 * cOut * taps };
  layout.out = layout.bias + 4 * cOut;
  layout.taps = layout.out + 4 * cOut;
  layout.values = layout.taps + 4 * taps;
  const pages = Math.ceil((layout.values + 4 * taps) / 65536);
  const memory = new WebAssembly.Memory({ initial: pages });
  const tapMajor = new Float32Array(memory.buffer, layout.weights, cOut * taps);
  for (let o = 0; o < cOut; o++) {
    for (let t = 0; t < taps; t++) tapMajor[t * cOut + o] = weight[o * taps + t];
  }
  new Float32Array(memory.buffer, layout.bias, cOut).set(bias);
  const { conv } = new WebAssembly.Instance(compiledSimd(), { m: { memory } }).exports;
  const row = 4 * cOut;
  return {
    taps: new Int32Array(memory.buffer, layout.taps, taps),
    values: new Float32Array(memory.buffer, layout.values, taps),
    out: new Float32Array(memory.buffer, layout.out, cOut),
    run: (n) => conv(n, row, layout.weights, layout.taps, layout.values, layout.bias, layout.out),
  };
}
