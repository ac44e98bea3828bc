// A 28 x 28 picture of pixel probabilities, drawn on a canvas: what every component that shows
// a decode shares, apart from the decoder itself (decoder.js), so that their bundles stay small.

export const SIDE = 28;
export const PIXELS = SIDE * SIDE;

// Grey levels of 784 pixel probabilities into RGBA bytes: 1 is white ink, 0 black paper.
export function fillImageData(data, pixels) {
  for (let i = 0, j = 0; i < PIXELS; i++, j += 4) {
    const grey = pixels[i] * 255;
    data[j] = grey;
    data[j + 1] = grey;
    data[j + 2] = grey;
    data[j + 3] = 255;
  }
}

const tiles = new WeakMap(); // a 2-D context -> its 28 x 28 canvas, drawn scaled

// Draw 784 pixel probabilities into a 28 x 28 ImageData, or over a whole 2-D context's canvas,
// each pixel a sharp square (no smoothing).
export function drawImage(target, pixels) {
  if (!target.canvas) {
    fillImageData(target.data, pixels);
    return target;
  }
  let tile = tiles.get(target);
  if (!tile) {
    const canvas = new OffscreenCanvas(SIDE, SIDE);
    const context = canvas.getContext('2d');
    tile = { canvas, context, image: context.createImageData(SIDE, SIDE) };
    tiles.set(target, tile);
  }
  fillImageData(tile.image.data, pixels);
  tile.context.putImageData(tile.image, 0, 0);
  target.imageSmoothingEnabled = false;
  target.drawImage(tile.canvas, 0, 0, target.canvas.width, target.canvas.height);
  return target;
}
