// Interpolation in the browser: a slider over alpha decodes z = (1 - alpha) z_A + alpha z_B in
// each model as it moves, with the classifier's reading, and draws each model's path on its
// figure (a Plotly chart Streamlit draws, the same from path to path), with a star at alpha.
// Nothing goes to the server.
// The decoders come from pointer.js's model components, in the page-wide `models` map.
import { drawImage, PIXELS } from './pixels.js';
import {
  ARRIVED,
  fill,
  keepView,
  models,
  plotlyChart,
  readJson,
  readings,
  record,
  starPoints,
  SVG,
  timings,
  withinFrame,
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

// SVG for one model's path in its figure's pixels (xa, ya: Plotly's axes): the line, the
// steps as dots in the colour of the class read there with that class above, the star at
// alpha; all inside a clip to the plot area.
function pathMarkup(model, alpha, xa, ya) {
  const screen = model.path.map(([x, y]) => [xa._offset + xa.d2p(x), ya._offset + ya.d2p(y)]);
  const line = screen.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  const steps = screen.map(([x, y], i) => {
    const [cx, cy] = [x.toFixed(1), y.toFixed(1)];
    return `<circle cx="${cx}" cy="${cy}" r="6" fill="${model.colors[i]}" stroke="black"/>`
      + `<text x="${cx}" y="${(y - 11).toFixed(1)}" text-anchor="middle" font-size="16">`
      + `${model.digits[i]}</text>`;
  });
  const [x, y] = along(model.path, alpha);
  const star = starPoints(xa._offset + xa.d2p(x), ya._offset + ya.d2p(y));
  const clip = `le-clip-${model.chart.replaceAll(/[^\w-]/g, '-')}`;
  return `<defs><clipPath id="${clip}"><rect x="${xa._offset}" y="${ya._offset}" `
    + `width="${xa._length}" height="${ya._length}"/></clipPath></defs>`
    + `<g clip-path="url(#${clip})" font-family="sans-serif">`
    + `<polyline points="${line}" fill="none" stroke="black" stroke-width="3"/>${steps.join('')}`
    + `<polygon fill="gold" stroke="black" stroke-width="2" points="${star}"/></g>`;
}

class Morph {
  constructor(root) {
    this.root = root;
    this.slider = root.querySelector('input');
    this.label = root.querySelector('.le-alpha');
    this.panels = root.querySelector('.le-panels');
    this.read = withinFrame((since) => this.readNow(since));
    this.slider.addEventListener('input', (event) => this.draw(event));
    this.onModel = () => this.draw();
    window.addEventListener(ARRIVED, this.onModel);
    this.overlays = new Map(); // chart key -> the svg drawn over it
    this.watch = setInterval(() => this.drawPaths(), 500); // charts redrawn, resized
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
    this.drawPaths();
    this.read(event?.timeStamp);
    if (event) record(timings, performance.now() - event.timeStamp);
  }

  // The classifier's readings of the decodes (with them, or a frame later: withinFrame).
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

  // Each model's path on its figure, over Plotly's chart: the line, each step coloured and
  // labelled by the classifier's reading, and a star at alpha; clipped to the plot area.
  drawPaths() {
    if (!this.data) return;
    for (const model of this.data.models) {
      const gd = plotlyChart(model.chart);
      const xa = gd?._fullLayout?.xaxis;
      const ya = gd?._fullLayout?.yaxis;
      if (!xa?._length) continue;
      let overlay = this.overlays.get(model.chart);
      if (!overlay || overlay.parentElement !== gd.parentElement) {
        overlay?.remove();
        overlay = document.createElementNS(SVG, 'svg');
        overlay.style.cssText = 'position:absolute;left:0;top:0;pointer-events:none;z-index:1';
        gd.parentElement.style.position = 'relative';
        gd.parentElement.append(overlay);
        this.overlays.set(model.chart, overlay);
        gd.addEventListener('pointermove', (event) => this.follow(event, gd, model.chart), {
          passive: true,
        });
      }
      const { width, height } = gd.getBoundingClientRect();
      overlay.setAttribute('width', width);
      overlay.setAttribute('height', height);
      overlay.innerHTML = pathMarkup(model, this.alpha(), xa, ya);
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
    for (const overlay of this.overlays.values()) overlay.remove();
  }
}

export default function (component) {
  return keepView(component, (parent) => new Morph(parent.querySelector('.le-morph')), readJson);
}
