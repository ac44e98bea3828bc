// The latent map: the test codes on a canvas, the decoder run under the pointer in the browser
// (no server round trip), and a click or tap sent to Python as the component's state "pick".
// Mouse: hover decodes, drag pans, wheel zooms, double-click resets. Touch: drag scrubs, tap picks.
import { base64Bytes, drawImage, loadDecoder, PIXELS, unpack } from './decoder.js';

const MARGIN = { left: 52, right: 12, top: 12, bottom: 40 }; // CSS px around the plot area
const TAP_SLOP = 6; // CSS px a press may move and still be a tap
const PICK_RADIUS = 10; // CSS px from a code within which a tap picks it
const DOT = 3; // CSS px, a code's radius

// Round tick values covering [lo, hi]: steps of 1, 2 or 5 times a power of ten.
export function niceTicks(lo, hi, count = 6) {
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw * (1 - 1e-9));
  const ticks = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) {
    ticks.push(Number((k * step).toPrecision(12)));
  }
  return ticks;
}

// The latent vector at map position (x, y): z = origin + x * axes[0] + y * axes[1] on a PCA
// plane, or z = (x, y) when the map is a 2-D model's own latent space (plane null).
export function latentAt(x, y, plane, out) {
  if (!plane) {
    out[0] = x;
    out[1] = y;
    return out;
  }
  const { origin, axes } = plane;
  for (let i = 0; i < out.length; i++) out[i] = origin[i] + x * axes[0][i] + y * axes[1][i];
  return out;
}

// Data bounds with a margin, so that no code sits on the frame.
export function boundsOf(points, margin = 0.05) {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < points.length; i += 2) {
    x0 = Math.min(x0, points[i]);
    x1 = Math.max(x1, points[i]);
    y0 = Math.min(y0, points[i + 1]);
    y1 = Math.max(y1, points[i + 1]);
  }
  const [dx, dy] = [(x1 - x0) * margin || 1, (y1 - y0) * margin || 1];
  return { x0: x0 - dx, x1: x1 + dx, y0: y0 - dy, y1: y1 + dy };
}

// The index of the shown code nearest to screen position (sx, sy) within `radius`, or -1.
export function nearestCode(points, visible, toScreen, sx, sy, radius) {
  let best = -1;
  let bestSquared = radius * radius;
  const at = [0, 0];
  for (let i = 0; i < points.length / 2; i++) {
    if (!visible(i)) continue;
    toScreen(points[2 * i], points[2 * i + 1], at);
    const squared = (at[0] - sx) ** 2 + (at[1] - sy) ** 2;
    if (squared < bestSquared) {
      best = i;
      bestSquared = squared;
    }
  }
  return best;
}

function dotSprite(color, ratio) {
  const side = Math.ceil((2 * DOT + 2) * ratio);
  const sprite = new OffscreenCanvas(side, side);
  const context = sprite.getContext('2d');
  context.globalAlpha = 0.75;
  context.fillStyle = color;
  context.beginPath();
  context.arc(side / 2, side / 2, DOT * ratio, 0, 2 * Math.PI);
  context.fill();
  return sprite;
}

class LatentMap {
  constructor(root, setStateValue) {
    this.root = root;
    this.setStateValue = setStateValue;
    this.plot = root.querySelector('.plot');
    this.base = root.querySelector('canvas.base');
    this.overlay = root.querySelector('canvas.overlay');
    // Pointer input lands on the plot area only: a drag on the axes still scrolls the page.
    this.surface = root.querySelector('.surface');
    const { left, right, top, bottom } = MARGIN;
    this.surface.style.inset = `${top}px ${right}px ${bottom}px ${left}px`;
    this.lens = root.querySelector('.lens');
    this.lensContext = root.querySelector('.lens canvas').getContext('2d');
    this.caption = root.querySelector('.lens figcaption');
    this.legend = root.querySelector('.legend');
    this.download = root.querySelector('button.download');
    this.pixels = new Float32Array(PIXELS);
    this.pointer = null; // the last position decoded, in data units
    this.press = null; // the pointer held down: where, and the view when it started
    this.pick = null;
    this.clicks = 0;
    this.listen();
    this.resizer = new ResizeObserver(() => this.resize());
    this.resizer.observe(this.plot);
  }

  setData(data) {
    this.data = data;
    this.points = unpack(data.points, 'float32'); // (N, 2) row-major
    this.labels = base64Bytes(data.labels);
    this.decoder = loadDecoder(data.decoder);
    this.z = new Float32Array(this.decoder.latentDim);
    this.hidden = new Set();
    this.pick = null;
    this.home = boundsOf(this.points);
    this.view = { ...this.home };
    this.plot.style.height = `${data.height}px`;
    this.buildLegend();
    this.resize();
    const { x0, x1, y0, y1 } = this.view;
    this.decodeAt((x0 + x1) / 2, (y0 + y1) / 2);
  }

  buildLegend() {
    this.legend.replaceChildren(
      ...this.data.names.map((name, label) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.setAttribute('aria-pressed', 'true');
        button.style.setProperty('--swatch', this.data.colors[label]);
        button.textContent = name;
        button.addEventListener('click', () => {
          const shown = this.hidden.has(label);
          if (shown) this.hidden.delete(label);
          else this.hidden.add(label);
          button.setAttribute('aria-pressed', String(shown));
          this.drawBase();
        });
        return button;
      }),
    );
    this.download.textContent = this.data.words.download;
  }

  resize() {
    const ratio = window.devicePixelRatio || 1;
    const { width, height } = this.plot.getBoundingClientRect();
    if (!width || !height) return;
    this.size = { width, height, ratio };
    for (const canvas of [this.base, this.overlay]) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    this.sprites = this.data.colors.map((color) => dotSprite(color, ratio));
    const lensCanvas = this.lensContext.canvas;
    this.lensSide = lensCanvas.clientWidth; // set by map.css
    lensCanvas.width = lensCanvas.height = Math.round(this.lensSide * ratio);
    this.drawBase();
    this.drawOverlay();
    drawImage(this.lensContext, this.pixels);
  }

  // Data units <-> CSS px inside the canvas.
  toScreen = (x, y, out) => {
    const { x0, x1, y0, y1 } = this.view;
    const { width, height } = this.size;
    out[0] = MARGIN.left + ((x - x0) / (x1 - x0)) * (width - MARGIN.left - MARGIN.right);
    out[1] = MARGIN.top + ((y1 - y) / (y1 - y0)) * (height - MARGIN.top - MARGIN.bottom);
    return out;
  };

  toData(sx, sy) {
    const { x0, x1, y0, y1 } = this.view;
    const { width, height } = this.size;
    const u = (sx - MARGIN.left) / (width - MARGIN.left - MARGIN.right);
    const v = (sy - MARGIN.top) / (height - MARGIN.top - MARGIN.bottom);
    return [x0 + u * (x1 - x0), y1 - v * (y1 - y0), u >= 0 && u <= 1 && v >= 0 && v <= 1];
  }

  visible = (i) => !this.hidden.has(this.labels[i]);

  drawBase() {
    if (!this.size) return;
    const { width, height, ratio } = this.size;
    const context = this.base.getContext('2d');
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    const ink = getComputedStyle(this.root).color;
    const [left, top] = [MARGIN.left, MARGIN.top];
    const [right, bottom] = [width - MARGIN.right, height - MARGIN.bottom];
    const at = [0, 0];
    context.font = '12px sans-serif';
    context.fillStyle = ink;
    context.strokeStyle = ink;
    context.lineWidth = 1;
    context.globalAlpha = 0.15;
    context.beginPath();
    const { x0, x1, y0, y1 } = this.view;
    const xTicks = niceTicks(x0, x1);
    const yTicks = niceTicks(y0, y1);
    for (const x of xTicks) {
      this.toScreen(x, y0, at);
      context.moveTo(Math.round(at[0]) + 0.5, top);
      context.lineTo(Math.round(at[0]) + 0.5, bottom);
    }
    for (const y of yTicks) {
      this.toScreen(x0, y, at);
      context.moveTo(left, Math.round(at[1]) + 0.5);
      context.lineTo(right, Math.round(at[1]) + 0.5);
    }
    context.stroke();
    context.globalAlpha = 0.8;
    context.textAlign = 'center';
    context.textBaseline = 'top';
    for (const x of xTicks) context.fillText(String(x), this.toScreen(x, y0, at)[0], bottom + 4);
    context.fillText(this.data.axis_titles[0], (left + right) / 2, bottom + 22);
    context.textAlign = 'right';
    context.textBaseline = 'middle';
    for (const y of yTicks) context.fillText(String(y), left - 6, this.toScreen(x0, y, at)[1]);
    context.save();
    context.translate(12, (top + bottom) / 2);
    context.rotate(-Math.PI / 2);
    context.textAlign = 'center';
    context.fillText(this.data.axis_titles[1], 0, 0);
    context.restore();
    context.globalAlpha = 1;
    context.save();
    context.beginPath();
    context.rect(left, top, right - left, bottom - top);
    context.clip();
    const side = this.sprites[0].width / ratio;
    for (let i = 0; i < this.labels.length; i++) {
      const label = this.labels[i];
      if (this.hidden.has(label)) continue;
      this.toScreen(this.points[2 * i], this.points[2 * i + 1], at);
      context.drawImage(this.sprites[label], at[0] - side / 2, at[1] - side / 2, side, side);
    }
    context.restore();
  }

  // The crosshair at the decoded position and a ring round the picked code or position.
  drawOverlay() {
    if (!this.size) return;
    const { width, height, ratio } = this.size;
    const context = this.overlay.getContext('2d');
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    const ink = getComputedStyle(this.root).color;
    const at = [0, 0];
    if (this.pick) {
      this.toScreen(this.pick.x, this.pick.y, at);
      context.strokeStyle = ink;
      context.lineWidth = 2;
      context.beginPath();
      context.arc(at[0], at[1], 7, 0, 2 * Math.PI);
      context.stroke();
    }
    if (this.pointer) {
      this.toScreen(this.pointer[0], this.pointer[1], at);
      context.strokeStyle = ink;
      context.lineWidth = 1;
      context.beginPath();
      context.moveTo(at[0] - 8, at[1]);
      context.lineTo(at[0] + 8, at[1]);
      context.moveTo(at[0], at[1] - 8);
      context.lineTo(at[0], at[1] + 8);
      context.stroke();
    }
  }

  decodeAt(x, y) {
    this.decoder.decode(latentAt(x, y, this.data.plane, this.z), this.pixels);
    drawImage(this.lensContext, this.pixels);
    this.caption.textContent = `(${x.toFixed(2)}, ${y.toFixed(2)})`;
    this.pointer = [x, y];
    this.drawOverlay();
  }

  // Decode at a pointer event, and say how long it took: from the event (its timeStamp) and
  // from the handler's start, to the drawn image.
  decodeEvent(event) {
    const start = performance.now();
    const rect = this.overlay.getBoundingClientRect();
    const [sx, sy] = [event.clientX - rect.left, event.clientY - rect.top];
    const [x, y, inside] = this.toData(sx, sy);
    if (!inside) return;
    // The lens moves to the other top corner when the pointer comes under it.
    const side = this.lensSide;
    this.lens.classList.toggle('left', sx > this.size.width - side - 40 && sy < side + 60);
    this.decodeAt(x, y);
    const end = performance.now();
    const detail = { ms: end - event.timeStamp, work: end - start, x, y };
    this.root.dispatchEvent(new CustomEvent('latent-map-decoded', { detail }));
  }

  select(event) {
    const rect = this.overlay.getBoundingClientRect();
    const [sx, sy] = [event.clientX - rect.left, event.clientY - rect.top];
    const [x, y, inside] = this.toData(sx, sy);
    if (!inside) return;
    const row = nearestCode(this.points, this.visible, this.toScreen, sx, sy, PICK_RADIUS);
    this.clicks += 1;
    this.pick =
      row < 0
        ? { row: null, x, y, click: this.clicks }
        : { row, x: this.points[2 * row], y: this.points[2 * row + 1], click: this.clicks };
    this.drawOverlay();
    this.setStateValue('pick', this.pick);
  }

  listen() {
    const target = this.surface;
    target.addEventListener('pointerdown', (event) => {
      if (event.button !== 0) return;
      target.setPointerCapture(event.pointerId);
      this.press = {
        id: event.pointerId,
        x: event.clientX,
        y: event.clientY,
        view: { ...this.view },
        moved: false,
      };
      if (event.pointerType !== 'mouse') this.decodeEvent(event);
    });
    target.addEventListener('pointermove', (event) => {
      const press = this.press?.id === event.pointerId ? this.press : null;
      if (press && Math.hypot(event.clientX - press.x, event.clientY - press.y) > TAP_SLOP)
        press.moved = true;
      if (press?.moved && event.pointerType === 'mouse') this.pan(press, event);
      else this.decodeEvent(event);
    });
    target.addEventListener('pointerup', (event) => {
      if (this.press?.id === event.pointerId && !this.press.moved) this.select(event);
      this.press = null;
    });
    target.addEventListener('pointercancel', () => {
      this.press = null;
    });
    target.addEventListener(
      'wheel',
      (event) => {
        event.preventDefault();
        const rect = this.overlay.getBoundingClientRect();
        const [x, y] = this.toData(event.clientX - rect.left, event.clientY - rect.top);
        const factor = Math.exp(event.deltaY * 0.0015);
        const { x0, x1, y0, y1 } = this.view;
        this.view = {
          x0: x + (x0 - x) * factor,
          x1: x + (x1 - x) * factor,
          y0: y + (y0 - y) * factor,
          y1: y + (y1 - y) * factor,
        };
        this.drawBase();
        this.drawOverlay();
      },
      { passive: false },
    );
    target.addEventListener('dblclick', () => {
      this.view = { ...this.home };
      this.drawBase();
      this.drawOverlay();
    });
    this.download.addEventListener('click', () => {
      // The codes and axes on the page's background colour, as the chart reads on screen.
      const picture = document.createElement('canvas');
      picture.width = this.base.width;
      picture.height = this.base.height;
      const context = picture.getContext('2d');
      context.fillStyle =
        getComputedStyle(this.root).getPropertyValue('--st-background-color') || '#fff';
      context.fillRect(0, 0, picture.width, picture.height);
      context.drawImage(this.base, 0, 0);
      picture.toBlob((blob) => {
        const link = document.createElement('a');
        link.href = URL.createObjectURL(blob);
        link.download = this.data.file_name;
        link.click();
        setTimeout(() => URL.revokeObjectURL(link.href), 1000);
      }, 'image/png');
    });
  }

  pan(press, event) {
    const { width, height } = this.size;
    const { x0, x1, y0, y1 } = press.view;
    const dx = ((event.clientX - press.x) / (width - MARGIN.left - MARGIN.right)) * (x1 - x0);
    const dy = ((event.clientY - press.y) / (height - MARGIN.top - MARGIN.bottom)) * (y1 - y0);
    this.view = { x0: x0 - dx, x1: x1 - dx, y0: y0 + dy, y1: y1 + dy };
    this.drawBase();
    this.drawOverlay();
  }
}

const maps = new WeakMap(); // parentElement -> its map, kept when a rerun sends new data

export default function (component) {
  const { data, parentElement, setStateValue } = component;
  let map = maps.get(parentElement);
  if (!map) {
    map = new LatentMap(parentElement.querySelector('.latent-map'), setStateValue);
    maps.set(parentElement, map);
  }
  map.setStateValue = setStateValue;
  map.setData(data);
  return () => {
    map.resizer.disconnect();
    maps.delete(parentElement);
  };
}
