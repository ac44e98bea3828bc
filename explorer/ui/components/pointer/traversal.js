// One latent dimension at a time (latent traversal): a slider per dimension moves the chosen
// image's code along that dimension, in sigmas of its spread over the test set, the others
// held. The decode and the classifier's reading follow at once, and on the map beside (a
// Plotly chart Streamlit draws) the dimension's whole sweep is drawn with a star at the code.
// Nothing goes to the server; the decoder comes from pointer.js's model component.
import { drawImage, PIXELS } from './pixels.js';
import {
  ARRIVED,
  fill,
  keepView,
  models,
  plotlyChart,
  readJson,
  record,
  starPoints,
  SVG,
  timings,
  withinFrame,
} from './page.js';

// A code's place in the map's 2-D view: itself for a 2-D model, else through the PCA plane
// (mean (d), components (2, d), orthonormal rows).
export function project(z, plane) {
  if (!plane) return [z[0], z[1]];
  const [mean, components] = plane;
  return components.map((row) => row.reduce((sum, c, i) => sum + c * (z[i] - mean[i]), 0));
}

// The start code with each slider's dimension at mean + value * std, into out.
export function codeAt(start, dims, values, out) {
  out.set(start);
  dims.forEach((dim, k) => {
    out[dim.index] = dim.mean + values[k] * dim.std;
  });
  return out;
}

class Traversal {
  constructor(root) {
    this.root = root;
    this.canvas = root.querySelector('canvas');
    this.reading = root.querySelector('.le-reading');
    this.list = root.querySelector('.le-dims');
    this.pixels = new Float32Array(PIXELS);
    this.read = withinFrame(() => this.readNow());
    this.onModel = () => this.draw();
    window.addEventListener(ARRIVED, this.onModel);
    root.querySelector('.le-back').addEventListener('click', () => this.reset());
    this.overlay = null;
    this.watch = setInterval(() => this.drawPath(), 500); // the chart redrawn or resized
  }

  update(data) {
    const fresh = !this.data || data.model !== this.data.model || data.row !== this.data.row;
    this.data = data;
    this.root.querySelector('.le-back').textContent = data.words.back;
    if (fresh) this.build();
    this.draw();
  }

  build() {
    const { dims, words } = this.data;
    this.start = Float32Array.from(this.data.code);
    this.z = new Float32Array(this.start.length);
    this.moving = dims[0]?.index ?? 0;
    this.list.replaceChildren(
      ...dims.map((dim, k) => {
        const item = document.createElement('li');
        item.className = dim.active ? '' : 'le-inactive';
        item.innerHTML = '<label><span class="le-dim"></span><output></output></label>'
          + '<input type="range" min="-3" max="3" step="0.05" />';
        item.querySelector('.le-dim').textContent = dim.label;
        const input = item.querySelector('input');
        input.value = String(dim.startSigma);
        input.setAttribute('aria-label', dim.label);
        input.addEventListener('input', (event) => {
          this.moving = dim.index;
          this.draw(event);
        });
        input.dataset.k = String(k);
        return item;
      }),
    );
    this.inputs = [...this.list.querySelectorAll('input')];
    this.outputs = [...this.list.querySelectorAll('output')];
    this.words = words;
  }

  values() {
    return this.inputs.map((input) => Number(input.value));
  }

  reset() {
    this.data.dims.forEach((dim, k) => {
      this.inputs[k].value = String(dim.startSigma);
    });
    this.draw();
  }

  draw(event) {
    if (!this.inputs) return;
    const values = this.values();
    values.forEach((v, k) => {
      this.outputs[k].textContent = fill(this.words.sigma, { value: (v >= 0 ? '+' : '') + v.toFixed(2) });
    });
    codeAt(this.start, this.data.dims, values, this.z);
    const decoder = models.get(this.data.model)?.decoder;
    if (!decoder) return;
    decoder.decode(this.z, this.pixels);
    drawImage(this.canvas.getContext('2d'), this.pixels);
    this.drawPath();
    this.read();
    if (event) record(timings, performance.now() - event.timeStamp);
  }

  readNow() {
    const classifier = models.get(this.data.classifier)?.classifier;
    if (!classifier) return;
    const { label, confidence } = classifier.classify(this.pixels);
    const percent = Math.round(100 * confidence);
    this.reading.textContent = fill(this.words.reading, { name: this.data.names[label], percent });
  }

  // On the map: the sweep of the dimension last moved, from -3 to +3 sigmas, and a star at
  // the code as it is now.
  drawPath() {
    const gd = this.data?.chart ? plotlyChart(this.data.chart) : null;
    const xa = gd?._fullLayout?.xaxis;
    const ya = gd?._fullLayout?.yaxis;
    if (!xa?._length || !this.z) return;
    if (!this.overlay || this.overlay.parentElement !== gd.parentElement) {
      this.overlay?.remove();
      this.overlay = document.createElementNS(SVG, 'svg');
      this.overlay.setAttribute('class', 'le-sweep');
      this.overlay.style.cssText = 'position:absolute;left:0;top:0;pointer-events:none;z-index:1';
      gd.parentElement.style.position = 'relative';
      gd.parentElement.append(this.overlay);
    }
    const { width, height } = gd.getBoundingClientRect();
    this.overlay.setAttribute('width', width);
    this.overlay.setAttribute('height', height);
    const screen = ([x, y]) => [xa._offset + xa.d2p(x), ya._offset + ya.d2p(y)];
    const dim = this.data.dims.find((d) => d.index === this.moving);
    const ends = [-3, 3].map((sigma) => {
      const z = Float32Array.from(this.z);
      if (dim) z[dim.index] = dim.mean + sigma * dim.std;
      return screen(project(z, this.data.plane));
    });
    const [sx, sy] = screen(project(this.z, this.data.plane));
    const look = 'fill="gold" stroke="black" stroke-width="2"';
    this.overlay.innerHTML = `<line x1="${ends[0][0]}" y1="${ends[0][1]}" x2="${ends[1][0]}" `
      + `y2="${ends[1][1]}" stroke="black" stroke-width="3" stroke-dasharray="8 5"/>`
      + `<polygon ${look} points="${starPoints(sx, sy)}"/>`;
  }

  destroy() {
    clearInterval(this.watch);
    window.removeEventListener(ARRIVED, this.onModel);
    this.overlay?.remove();
  }
}

export default function (component) {
  const create = (parent) => new Traversal(parent.querySelector('.le-traversal'));
  return keepView(component, create, readJson);
}
