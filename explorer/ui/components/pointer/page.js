// What the pointer layer (pointer.js) and the Interpolation slider (morph.js) share in the
// page: the models loaded, the timings the benchmark reads, the events between components,
// a component's entry that keeps its view, finding a Streamlit chart, and small drawing and
// text helpers.

// Loaded models by key, kept for the page's life: a rerun or another page reuses them. On
// globalThis, as each component's script is a module of its own.
export const models = (globalThis.latentExplorerModels ??= new Map());
// The newest marks for each chart (marks.js).
export const marks = (globalThis.latentExplorerMarks ??= new Map());
// The pick each chart's panel shows (panel.js): {row, x, y, how}, row null for an empty place.
export const chosen = (globalThis.latentExplorerChosen ??= new Map());
// Each chart's points (points.js): {revision, x, y}, by test image row.
export const mapPoints = (globalThis.latentExplorerPoints ??= new Map());
// For each chart, how a pick on it goes to Python: the state of its marks' component
// (marks.js), which Python draws with the panel a pick changes, so that a click reruns only
// that part of the page, and not the pointer layer's.
export const pickers = (globalThis.latentExplorerPickers ??= new Map());
// Pointer event -> decoded image drawn, and -> the classifier's reading shown, in ms, newest
// last, for tests/bench_pointer.py to read.
export const timings = (globalThis.latentExplorerTimings ??= []);
export const readings = (globalThis.latentExplorerReadings ??= []);

export const ARRIVED = 'latent-explorer-model'; // window event: a model has been loaded
export const MARKED = 'latent-explorer-marks'; // window event: new marks for a chart
export const FAILED = 'latent-explorer-failed'; // window event: a model could not be loaded
export const PICKED = 'latent-explorer-picked'; // window event: a click the page answers itself
export const CHOSEN = 'latent-explorer-chosen'; // window event: the panel shows a new pick
export const SVG = 'http://www.w3.org/2000/svg';

export function record(list, ms) {
  list.push(ms);
  if (list.length > 1000) list.splice(0, list.length - 1000);
}

// A component's data: JSON as bytes (pointer.py's json_bytes), an ArrayBuffer or a view.
export function readJson(data) {
  return JSON.parse(new TextDecoder().decode(data));
}

// A marks component's data (marks.js, panel.js): the newest marks for its chart, told to the
// chart's pointer layer; and the way the layer's picks go to Python, as the component's state
// "pick". Returns the component's cleanup.
export function showMarks(component, data) {
  const send = (pick) => component.setStateValue('pick', pick);
  pickers.set(data.chart, send);
  marks.set(data.chart, data);
  window.dispatchEvent(new CustomEvent(MARKED, { detail: data.chart }));
  return () => {
    if (pickers.get(data.chart) === send) pickers.delete(data.chart);
  };
}

// A component that draws nothing in its own box (it sends a model, puts content into a chart,
// or draws over one) takes no room in the page: Streamlit's element around it would otherwise
// take a gap of its column's, 16 px each, four and more under a chart.
export function takeNoRoom({ parentElement }) {
  const inside = parentElement.getRootNode().host ?? parentElement; // out of a shadow root
  const element = inside.closest('[data-testid="stElementContainer"]');
  if (element) element.style.display = 'none';
}

const views = new WeakMap(); // a component's parentElement -> its view, kept between reruns

// The entry of a component that keeps one view (an object with update(data) and destroy())
// while Streamlit reruns it with new data: `create(parentElement, fail)` makes the view the
// first time, and each rerun's data, read by `read`, goes to its update(). `fail` sends what
// the browser cannot do to Python as the state "failed" (the page then does it on the server,
// with a note); with `reportErrors`, so does an error thrown here, which is otherwise thrown on.
export function keepView(component, create, read, reportErrors = false) {
  const { parentElement, setStateValue } = component;
  const fail = (message) => setStateValue('failed', message);
  let view = views.get(parentElement);
  try {
    if (!view) {
      view = create(parentElement, fail);
      views.set(parentElement, view);
    }
    view.update(read(component.data));
  } catch (error) {
    if (!reportErrors) throw error;
    fail(`${error.name}: ${error.message}`);
  }
  return () => {
    view?.destroy();
    views.delete(parentElement);
  };
}

// The latent vector at map position (x, y): (x, y) itself on a 2-D model's own plane, or
// origin + x * axes[0] + y * axes[1] on a PCA plane.
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

// Test image `row`'s code from a map book (model.js), or, where the book leaves the codes out
// (a 2-D model's: its map's points are its codes), from `points` ({chart, revision}) as
// points.js put them in; null until they have come.
export function bookCode(book, row, points) {
  const dims = book.latentDim;
  if (book.codes) return book.codes.subarray(row * dims, (row + 1) * dims);
  const shown = pointsOf(points);
  return shown && Float32Array.of(shown.x[row], shown.y[row]);
}

// The map positions of `points` ({chart, revision}) as points.js put them in, by test image
// row ({x, y}); null until they have come.
export function pointsOf(points) {
  const shown = mapPoints.get(points?.chart);
  return shown?.revision === points?.revision ? shown : null;
}

// A new element of the page: tag, class and text (where given).
export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

// Fill a "{name}" template from `values`.
export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
}

// A Python format string's text (explorer/texts.py) with `values` in: "{name}", "{name:a}" (the
// name after its English article, from `articled`: texts.py's with_article), "{name:.2f}" and
// "{name:.0%}", the only forms the texts a browser fills use.
export function format(template, values, articled = {}) {
  return template.replace(/\{(\w+)(?::([^}]*))?\}/g, (_, name, spec) => {
    const value = values[name];
    if (!spec) return String(value);
    if (spec === 'a') return articled[value] ?? String(value);
    const [, digits, kind] = /^\.(\d+)([f%])$/.exec(spec) ?? [];
    if (kind === 'f') return value.toFixed(Number(digits));
    if (kind === '%') return `${(100 * value).toFixed(Number(digits))}%`;
    throw new Error(`no format "${spec}" here`);
  });
}

// A number as Python's f"{value:.5g}" writes it (export.py's CSV): `digits` significant
// digits, trailing zeros dropped, in exponent form below 1e-4 or from 10 ** digits on.
export function formatG(value, digits = 5) {
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const trim = (text) => (text.includes('.') ? text.replace(/\.?0+$/, '') : text);
  const [mantissa, exponent] = value.toExponential(digits - 1).split('e');
  const power = Number(exponent);
  if (power < -4 || power >= digits) {
    const sign = power < 0 ? '-' : '+';
    return `${trim(mantissa)}e${sign}${String(Math.abs(power)).padStart(2, '0')}`;
  }
  return trim(value.toFixed(digits - 1 - power));
}

// The Plotly graph div of the chart with Streamlit key `key` (Streamlit's class for a keyed
// element is st-key- and the key, odd characters as "-"), or null.
export function plotlyChart(key) {
  const keyClass = `st-key-${key.trim().replaceAll(/[^a-zA-Z0-9_-]/g, '-')}`;
  return document.querySelector(`.${keyClass} .js-plotly-plot`);
}

const CHART_WAIT_MS = 10000; // for a chart, and for plotly.js, before saying the browser cannot

// A chart whose content the browser puts in (points.js: a map's points; content.js: a model's
// manifold grid). Streamlit replaces a chart, and the browser draws it anew (and makes it new
// WebGL contexts), whenever its figure changes: a model switch then cost a second and more
// where WebGL is drawn in software. So such a chart's figure stays the same from model to
// model, and its content comes as a component's data, with a revision naming it (a model and
// view), and goes in with Plotly.update on the same chart; again whenever Streamlit draws the
// figure itself (plotly_react: it mounts or resizes the chart). `prepare(data)` makes, once a
// revision, what `put(prepared, data, gd, fresh)` turns into Plotly.update's [traces, layout,
// indices]; fresh: a revision other than the one put in last, in this chart or one before it.
// data.chart is the chart's Streamlit key, data.image its PNG download's file name. Where the
// chart or plotly.js is not there after CHART_WAIT_MS, `fail` says so.
export class ChartContent {
  constructor(fail, prepare, put) {
    Object.assign(this, { fail, prepare, put });
    this.gd = null;
    this.shown = null; // the revision the chart shows
    this.drawn = null; // the revision last put in, in this chart or one before it
    this.waited = 0;
    // A new chart (another figure: the holes layer) is found anew by the watch.
    this.onReact = () => {
      this.shown = null;
      this.apply();
    };
    this.watch = setInterval(() => this.apply(), 250);
  }

  update(data) {
    if (data.revision !== this.data?.revision) this.prepared = this.prepare(data);
    this.data = data;
    this.apply();
  }

  apply() {
    const gd = plotlyChart(this.data.chart);
    if (gd !== this.gd) {
      this.gd?.removeListener?.('plotly_react', this.onReact);
      this.gd = gd;
      this.shown = null;
      gd?.on?.('plotly_react', this.onReact);
    }
    const Plotly = window.Plotly; // Streamlit's own plotly.js, the one that drew the chart
    if (!gd?._fullLayout || !Plotly?.update) {
      this.waited += 250;
      if (this.waited >= CHART_WAIT_MS) {
        clearInterval(this.watch);
        this.fail(gd ? 'plotly.js is not reachable from the page' : 'the chart never appeared');
      }
      return;
    }
    this.waited = 0;
    if (this.shown === this.data.revision) return;
    const fresh = this.drawn !== this.data.revision;
    const [traces, layout, indices] = this.put(this.prepared, this.data, gd, fresh);
    this.shown = this.drawn = this.data.revision;
    const image = gd._context?.toImageButtonOptions;
    if (image) image.filename = this.data.image; // the PNG download names the model
    Plotly.update(gd, traces, layout, indices);
  }

  destroy() {
    clearInterval(this.watch);
    this.gd?.removeListener?.('plotly_react', this.onReact);
  }
}

// A five-pointed star's outline centred on (x, y), as an SVG polygon's points.
export function starPoints(x, y, outer = 15, inner = 6) {
  const points = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 ? inner : outer;
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    points.push(`${(x + r * Math.cos(angle)).toFixed(1)},${(y + r * Math.sin(angle)).toFixed(1)}`);
  }
  return points.join(' ');
}

export const SAME_FRAME_MS = 8; // a step this quick runs with the image, in its frame

// `work` with the latest arguments: at once where it last took at most SAME_FRAME_MS (the
// classifier's reading then shows in the same frame as the decoded image), else once after
// the next frame is painted, however often it is asked for before then, so that a slower step
// (the classifier on a slow device, or two of them) follows the pointer a frame behind
// instead of holding up the image.
export function withinFrame(work) {
  let pending = null;
  let took = 0;
  const run = (args) => {
    const start = performance.now();
    work(...args);
    took = performance.now() - start;
  };
  return (...args) => {
    if (pending) {
      pending.args = args;
      return;
    }
    if (took <= SAME_FRAME_MS) {
      run(args);
      return;
    }
    pending = { args };
    requestAnimationFrame(() =>
      setTimeout(() => {
        const { args: latest } = pending;
        pending = null;
        run(latest);
      }, 0),
    );
  };
}
