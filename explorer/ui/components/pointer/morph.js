// Interpolation in the browser: a slider over alpha decodes z = (1 - alpha) z_A + alpha z_B in
// each model as it moves, with the classifier's reading, and moves a star along each model's
// path figure (a Plotly chart Streamlit draws). Nothing goes to the server.
// The decoders come from pointer.js's model components, in the page-wide `models` map.
import { drawImage, PIXELS } from './decoder.js';
import {
  ARRIVED,
  afterPaint,
  fill,
  models,
  plotlyChart,
  readings,
  record,
  SVG,
  starPoints,
  timings,
} from './page.js';

const PATH_REACH = 40; // CSS px from a path figure's line within which the pointer moves alpha

// z = (1 - alpha) a + alpha b, into out.
export function mix(a, b, alpha, out) {
  for (let i = 0; i < out.length; i++) out[i] = (1 - alpha) * a[i] + alpha * b[i];
  return out;
}

// Where a polyline of evenly spaced steps [[x, y], ...] passes closest to (x, y): its alpha
// (0 at the first step, 1 at the last) and the distance.
export function nearestAlpha(path, x, y) {
  let best = { alpha: 0, distance: Infinity };
  for (let i = 0; i + 1 < path.length; i++) {
    const [ax, ay] = path[i];
    const [dx, dy] = [path[i + 1][0] - ax, path[i + 1][1] - ay];
    const squared = dx * dx + dy * dy;
    const f = squared ? Math.min(Math.max(((x - ax) * dx + (y - ay) * dy) / squared, 0), 1) : 0;
    const distance = Math.hypot(ax + f * dx - x, ay + f * dy - y);
    if (distance < best.distance) best = { alpha: (i + f) / (path.length - 1), distance };
  }
  return best;
}

// The point at fraction alpha along a polyline of evenly spaced steps [[x, y], ...].
export function along(path, alpha) {
  const at = Math.min(Math.max(alpha, 0), 1) * (path.length - 1);
  const i = Math.min(Math.floor(at), path.length - 2);
  const f = at - i;
  return [0, 1].map((k) => (1 - f) * path[i][k] + f * path[i + 1][k]);
}

class Morph {
  constructor(root) {
    this.root = root;
    this.slider = root.querySelector('input');
    this.label = root.querySelector('.le-alpha');
    this.panels = root.querySelector('.le-panels');
    this.read = afterPaint((since) => this.readNow(since));
    this.slider.addEventListener('input', (event) => this.draw(event));
    this.onModel = () => this.draw();
    window.addEventListener(ARRIVED, this.onModel);
    this.stars = new Map(); // chart key -> its star's svg
    this.watch = setInterval(() => this.placeStars(), 500); // charts redrawn, resized
  }

  update(data) {
    if (!this.data) this.slider.value = String(Math.round(100 * data.start));
    this.data = data;
    this.root.querySelector('.le-slider-label').textContent = data.words.slider;
    this.panels.replaceChildren(
      ...data.models.map((model) => {
        const figure = document.createElement('figure');
        figure.innerHTML = '<figcaption class="le-name"></figcaption><canvas></canvas>'
          + '<figcaption class="le-reading"></figcaption>';
        figure.querySelector('.le-name').textContent = model.title;
        const canvas = figure.querySelector('canvas');
        canvas.width = canvas.height = 28;
        return figure;
      }),
    );
    this.z = data.models.map((model) => new Float32Array(model.a.length));
    this.pixels = data.models.map(() => new Float32Array(PIXELS));
    this.draw();
  }

  alpha() {
    return Number(this.slider.value) / 100;
  }

  draw(event) {
    if (!this.data) return;
    const alpha = this.alpha();
    this.label.textContent = fill(this.data.words.alpha, { alpha: alpha.toFixed(2) });
    const figures = this.panels.querySelectorAll('figure');
    this.data.models.forEach((model, k) => {
      const decoder = models.get(model.key)?.decoder;
      if (!decoder) return;
      decoder.decode(mix(model.a, model.b, alpha, this.z[k]), this.pixels[k]);
      drawImage(figures[k].querySelector('canvas').getContext('2d'), this.pixels[k]);
    });
    this.placeStars();
    this.read(event?.timeStamp);
    if (event) record(timings, performance.now() - event.timeStamp);
  }

  // The classifier's readings of the decodes, once they are on the screen.
  readNow(since) {
    const classifier = models.get(this.data.classifier)?.classifier;
    if (!classifier) return;
    this.panels.querySelectorAll('.le-reading').forEach((caption, k) => {
      const { label, confidence } = classifier.classify(this.pixels[k]);
      const percent = Math.round(100 * confidence);
      caption.textContent = fill(this.data.words.reading, { name: this.data.names[label], percent });
    });
    if (since !== undefined) record(readings, performance.now() - since);
  }

  // A star on each model's path figure at alpha, drawn over Plotly's chart.
  placeStars() {
    if (!this.data) return;
    for (const model of this.data.models) {
      const gd = plotlyChart(model.chart);
      const xa = gd?._fullLayout?.xaxis;
      const ya = gd?._fullLayout?.yaxis;
      if (!xa?._length) continue;
      let star = this.stars.get(model.chart);
      if (!star || star.parentElement !== gd.parentElement) {
        star?.remove();
        star = document.createElementNS(SVG, 'svg');
        star.style.cssText = 'position:absolute;left:0;top:0;pointer-events:none;z-index:1';
        gd.parentElement.style.position = 'relative';
        gd.parentElement.append(star);
        this.stars.set(model.chart, star);
        gd.addEventListener('pointermove', (event) => this.follow(event, gd, model.chart), {
          passive: true,
        });
      }
      const { width, height } = gd.getBoundingClientRect();
      star.setAttribute('width', width);
      star.setAttribute('height', height);
      const [x, y] = along(model.path, this.alpha());
      const [sx, sy] = [xa._offset + xa.d2p(x), ya._offset + ya.d2p(y)];
      const look = 'fill="gold" stroke="black" stroke-width="2"';
      star.innerHTML = `<polygon ${look} points="${starPoints(sx, sy)}"/>`;
    }
  }

  // The pointer near a path figure's line sets alpha to the nearest point on it.
  follow(event, gd, chart) {
    const model = this.data?.models.find((m) => m.chart === chart);
    const xa = gd._fullLayout?.xaxis;
    const ya = gd._fullLayout?.yaxis;
    if (!model || !xa?._length) return;
    const rect = gd.getBoundingClientRect();
    const screen = model.path.map(([x, y]) => [xa._offset + xa.d2p(x), ya._offset + ya.d2p(y)]);
    const { alpha, distance } = nearestAlpha(screen, event.clientX - rect.left, event.clientY - rect.top);
    if (distance > PATH_REACH) return;
    this.slider.value = String(Math.round(100 * alpha));
    this.draw(event);
  }

  destroy() {
    clearInterval(this.watch);
    window.removeEventListener(ARRIVED, this.onModel);
    for (const star of this.stars.values()) star.remove();
  }
}

const morphs = new WeakMap();

export default function ({ data, parentElement }) {
  let morph = morphs.get(parentElement);
  if (!morph) {
    morph = new Morph(parentElement.querySelector('.le-morph'));
    morphs.set(parentElement, morph);
  }
  morph.update(data);
  return () => {
    morph.destroy();
    morphs.delete(parentElement);
  };
}
