// Decoding under the pointer, over a Plotly map that Streamlit draws (st.plotly_chart): the
// decoder runs in the browser as the mouse moves or a finger drags, the decoded digit shows in a
// lens in the map's corner with the classifier's reading, and a click or tap on the map is sent
// to Python as the component's state "pick", or, where the panel beside the map answers it
// itself (panel.js), to that panel. Plotly keeps drawing, zooming and panning the map.
//
// A layer attaches to the chart whose Streamlit key it is given, and decodes with the model it
// names (model.js).
import { drawImage, PIXELS } from './pixels.js';
import {
  ARRIVED,
  fill,
  FAILED,
  keepView,
  latentAt,
  MARKED,
  marks,
  models,
  PICKED,
  pickers,
  plotlyChart,
  readJson,
  readings,
  record,
  starPoints,
  SVG,
  takeNoRoom,
  timings,
  withinFrame,
} from './page.js';

const TAP_SLOP = 8; // CSS px a press may move and still be a tap or a click
const PINCH_STEP = 1.4; // how far two fingers spread (or close) for one zoom step
const RESEND_MS = 4000; // a click unanswered this long is sent again, at most RESENDS times
const RESENDS = 2;
const PICK_RADIUS = { mouse: 8, touch: 18 }; // CSS px from a code within which a tap picks it
const LENS_MARGIN = 8; // CSS px between the lens and the plot area's edge
const POINTED = 'latent-explorer-pointed'; // window event: a group's layer points at a row

// The distance between two touches, in CSS px.
function spread(touches) {
  return Math.hypot(touches[0].clientX - touches[1].clientX, touches[0].clientY - touches[1].clientY);
}

// The index, in `screen` (x0, y0, x1, y1, ...), of the point nearest (sx, sy) within `radius`;
// -1 where none is.
export function nearest(screen, sx, sy, radius) {
  let best = -1;
  let bestSquared = radius * radius;
  for (let i = 0; i < screen.length; i += 2) {
    const squared = (screen[i] - sx) ** 2 + (screen[i + 1] - sy) ** 2;
    if (squared < bestSquared) {
      best = i / 2;
      bestSquared = squared;
    }
  }
  return best;
}

class Pointer {
  constructor(fail) {
    this.gd = null; // Plotly's graph div
    this.pixels = new Float32Array(PIXELS);
    this.press = null;
    this.clicks = 0;
    this.session = Math.random().toString(36).slice(2, 8); // so a remount's clicks are new
    this.localRing = null; // a pick drawn at once, before Python answers
    this.pointed = false; // whether the lens shows the pointer's place yet, or the pick's
    this.screen = null; // the shown codes' screen positions, and their rows
    this.lens = document.createElement('figure');
    this.lens.className = 'le-lens';
    this.lens.innerHTML = '<canvas width="28" height="28"></canvas><figcaption></figcaption>';
    this.lensContext = this.lens.querySelector('canvas').getContext('2d');
    this.caption = this.lens.querySelector('figcaption');
    this.overlay = document.createElementNS(SVG, 'svg');
    this.overlay.setAttribute('class', 'le-marks');
    this.read = withinFrame((since) => this.readNow(since));
    this.handlers = {
      pointerdown: (event) => this.down(event),
      pointermove: (event) => this.move(event),
      // A finger on the plot area is ours: Plotly would pan, and only show a hover label.
      // Two fingers pinch: Plotly has no pinch zoom, so its own zoom buttons are pressed.
      touchstart: (event) => {
        if (event.touches.length === 1 && this.inside(event.touches[0])) event.stopPropagation();
        if (event.touches.length === 2) {
          this.press = null; // no tap, no scrub: a pinch
          this.pinch = spread(event.touches);
          event.preventDefault(); // not the browser's page zoom
          event.stopPropagation(); // nor Plotly's pan
        }
      },
      touchmove: (event) => {
        if (event.touches.length !== 2 || !this.pinch) return;
        event.preventDefault();
        const ratio = spread(event.touches) / this.pinch;
        if (ratio > PINCH_STEP || ratio < 1 / PINCH_STEP) {
          this.zoom(ratio > 1 ? 'in' : 'out');
          this.pinch = spread(event.touches);
        }
      },
      touchend: (event) => {
        if (event.touches.length < 2) this.pinch = null;
      },
    };
    // A press ends outside the graph div too: Plotly covers the page while a mouse is down.
    this.released = {
      pointerup: (event) => this.up(event),
      pointercancel: () => (this.press = null),
    };
    for (const [type, handler] of Object.entries(this.released)) {
      window.addEventListener(type, handler, true);
    }
    this.redraw = () => {
      this.screen = null;
      this.drawMarks();
      this.placeLens();
    };
    this.onMarks = (event) => {
      if (event.detail !== this.data?.chart) return;
      // Marks come with every rerun; only those that answer the click sent last end the wait
      // (after a server restart the tab's first rerun brings marks that know no click).
      if (!this.pending || marks.get(this.data.chart)?.answered === this.pending) {
        this.pending = null;
        this.localRing = null; // Python's answer to a click has come
        clearTimeout(this.unanswered);
      }
      this.drawMarks();
      if (!this.pointed) this.decodeStart();
    };
    window.addEventListener(MARKED, this.onMarks);
    this.onModel = (event) => {
      if (event.detail !== this.data?.model && event.detail !== this.data?.classifier) return;
      if (this.pointed) this.decodeAt(this.last.x, this.last.y, this.last.row);
      else this.decodeStart();
    };
    window.addEventListener(ARRIVED, this.onModel);
    this.onFailed = (event) => fail(event.detail); // a model could not be loaded (model.js)
    window.addEventListener(FAILED, this.onFailed);
    // Another map of the group points at a test image: decode it here too, and mark it.
    this.onPointed = (event) => {
      const { group, row, x, y, source } = event.detail;
      if (source === this || !this.gd || !group || group !== this.data?.group) return;
      const nearest = this.data.mode === 'nearest';
      if (nearest && row < 0) return;
      this.decodeAt(x, y, row);
      const at = nearest ? this.rowPosition(row) : this.dataPosition(x, y);
      if (at) this.drawCrosshair(at, true);
      this.placeLens(at);
    };
    window.addEventListener(POINTED, this.onPointed);
    // Streamlit redraws the chart when its figure changes; follow it to the new one.
    this.watch = setInterval(() => this.attach(), 500);
  }

  update(data) {
    const chartChanged = data.chart !== this.data?.chart || data.model !== this.data?.model;
    this.data = data;
    if (chartChanged) this.detach();
    this.attach();
    this.drawMarks();
    if (chartChanged) this.pointed = false;
    if (!this.pointed) this.decodeStart();
  }

  // The marks (marks.js keeps the newest for each chart): the chosen point, lines, labels.
  get marks() {
    return marks.get(this.data?.chart) ?? { start: [0, 0], start_row: -1 };
  }

  // The lens's first decode, before the pointer has moved: the chosen point.
  decodeStart() {
    const { start, start_row: row } = this.marks;
    this.decodeAt(start[0], start[1], row);
  }

  get model() {
    return models.get(this.data.model);
  }

  attach() {
    const gd = plotlyChart(this.data.chart);
    if (!gd || gd === this.gd || !gd._fullLayout?.xaxis) return;
    this.detach();
    this.gd = gd;
    for (const [type, handler] of Object.entries(this.handlers)) {
      gd.addEventListener(type, handler, { capture: true, passive: !type.startsWith('touch') });
    }
    for (const type of ['plotly_relayout', 'plotly_afterplot', 'plotly_restyle']) {
      gd.on(type, this.redraw);
    }
    // A finger on the plot area scrubs the decoder instead of scrolling the page (set here:
    // a CSS :has() rule for it made every lens update restyle the whole page).
    for (const drag of gd.querySelectorAll('.nsewdrag')) drag.style.touchAction = 'none';
    const holder = gd.parentElement;
    holder.style.position = 'relative';
    holder.append(this.overlay);
    if (this.data.lens !== false) holder.append(this.lens);
    this.redraw();
  }

  detach() {
    if (!this.gd) return;
    for (const [type, handler] of Object.entries(this.handlers)) {
      this.gd.removeEventListener(type, handler, { capture: true });
    }
    for (const type of ['plotly_relayout', 'plotly_afterplot', 'plotly_restyle']) {
      this.gd.removeListener?.(type, this.redraw);
    }
    this.overlay.remove();
    this.lens.remove();
    this.gd = null;
  }

  destroy() {
    clearInterval(this.watch);
    clearTimeout(this.unanswered);
    window.removeEventListener(ARRIVED, this.onModel);
    window.removeEventListener(FAILED, this.onFailed);
    window.removeEventListener(POINTED, this.onPointed);
    window.removeEventListener(MARKED, this.onMarks);
    for (const [type, handler] of Object.entries(this.released)) {
      window.removeEventListener(type, handler, true);
    }
    this.detach();
  }

  // Press Plotly's zoom-in or zoom-out button (each halves or doubles the view, round its
  // centre), as a pinch's fingers spread or close.
  zoom(direction) {
    this.gd.querySelector(`.modebar-btn[data-attr="zoom"][data-val="${direction}"]`)?.click();
  }

  axes() {
    const layout = this.gd?._fullLayout;
    return layout?.xaxis?._length ? [layout.xaxis, layout.yaxis] : null;
  }

  // An event's position over the graph div, in CSS px, and whether it is on the plot area.
  where(event) {
    const rect = this.gd.getBoundingClientRect();
    const [px, py] = [event.clientX - rect.left, event.clientY - rect.top];
    const axes = this.axes();
    if (!axes) return { px, py, inside: false };
    const [xa, ya] = axes;
    const inside =
      px >= xa._offset &&
      px <= xa._offset + xa._length &&
      py >= ya._offset &&
      py <= ya._offset + ya._length;
    const [x, y] = [xa.p2d(px - xa._offset), ya.p2d(py - ya._offset)];
    const tiles = this.data.tiles;
    if (!tiles) return { px, py, inside, x, y };
    // An image of tiles (the manifold, in pixels): a tile stands for the map position it
    // decodes, (xs[column], ys[row]).
    const tile = (value, values) =>
      values[Math.min(Math.max(Math.floor(value / tiles.side), 0), values.length - 1)];
    return { px, py, inside, x: tile(x, tiles.xs), y: tile(y, tiles.ys) };
  }

  inside(event) {
    return this.gd ? this.where(event).inside : false;
  }

  // Screen positions of the codes in the traces shown (the legend can hide a digit's trace),
  // with their rows: Plotly's own copies of the figure's x, y and customdata.
  shown() {
    if (this.screen) return this.screen;
    const [xa, ya] = this.axes();
    const xy = [];
    const rows = [];
    for (const trace of this.gd._fullData) {
      if (trace.visible !== true || !trace.customdata || trace.mode !== 'markers') continue;
      for (let i = 0; i < trace.x.length; i++) {
        if (trace.customdata[i] < 0) continue;
        xy.push(xa._offset + xa.d2p(trace.x[i]), ya._offset + ya.d2p(trace.y[i]));
        rows.push(trace.customdata[i], trace.x[i], trace.y[i]);
      }
    }
    const byRow = new Map();
    for (let i = 0; i < rows.length / 3; i++) byRow.set(rows[3 * i], i);
    this.screen = { xy: Float32Array.from(xy), rows, byRow };
    return this.screen;
  }

  // Where map position (x, y) is drawn, in CSS px over the graph div.
  dataPosition(x, y) {
    const axes = this.axes();
    if (!axes) return null;
    const [xa, ya] = axes;
    return { px: xa._offset + xa.d2p(x), py: ya._offset + ya.d2p(y) };
  }

  // Where test image `row` is drawn, in CSS px over the graph div; null where it is hidden.
  rowPosition(row) {
    if (!this.axes()) return null;
    const { xy, byRow } = this.shown();
    const i = byRow.get(row);
    return i === undefined ? null : { px: xy[2 * i], py: xy[2 * i + 1] };
  }

  nearestRow(px, py, radius) {
    const { xy, rows } = this.shown();
    const i = nearest(xy, px, py, radius);
    return i < 0 ? null : { row: rows[3 * i], x: rows[3 * i + 1], y: rows[3 * i + 2] };
  }

  down(event) {
    if (event.button !== 0 || !this.gd) return;
    const at = this.where(event);
    if (!at.inside) return;
    this.press = { id: event.pointerId, x: event.clientX, y: event.clientY, moved: false };
    if (event.pointerType !== 'mouse') this.decodeEvent(event, at);
  }

  move(event) {
    if (!this.gd) return;
    const press = this.press?.id === event.pointerId ? this.press : null;
    if (press && Math.hypot(event.clientX - press.x, event.clientY - press.y) > TAP_SLOP) {
      press.moved = true;
    }
    // A mouse drag is Plotly's zoom or pan: leave the lens as it was.
    if (event.pointerType === 'mouse' && event.buttons) return;
    const at = this.where(event);
    if (at.inside) this.decodeEvent(event, at);
  }

  up(event) {
    const press = this.press?.id === event.pointerId ? this.press : null;
    this.press = null;
    if (!press || press.moved || !this.gd) return;
    const at = this.where(event);
    if (at.inside && this.data.clickable !== false) {
      this.select(at, event.pointerType === 'mouse' ? 'mouse' : 'touch');
    }
  }

  select(at, kind) {
    const code = this.nearestRow(at.px, at.py, PICK_RADIUS[kind]);
    const pick = code ?? { row: null, x: at.x, y: at.y };
    if (this.marks.panel?.local) {
      // The panel beside the map answers it, and tells Python later (panel.js).
      window.dispatchEvent(new CustomEvent(PICKED, { detail: { chart: this.data.chart, pick } }));
      return;
    }
    this.localRing = [pick.x, pick.y];
    this.drawMarks();
    this.send(pick, 0);
  }

  // Send a pick; if Python's marks do not come back in time (a click made while the tab was
  // reconnecting to a restarted server is lost), send it again, as a new click.
  send(pick, tries) {
    this.clicks += 1;
    this.pending = `${this.session}-${this.clicks}`;
    pickers.get(this.data.chart)?.({ ...pick, click: this.pending }); // marks.js's state
    clearTimeout(this.unanswered);
    if (tries < RESENDS) this.unanswered = setTimeout(() => this.send(pick, tries + 1), RESEND_MS);
  }

  // Decode at a pointer event; the time from the event to the drawn image goes to `timings`.
  decodeEvent(event, at) {
    let row = -1;
    if (this.data.mode === 'nearest') {
      const code = this.nearestRow(at.px, at.py, Infinity);
      if (!code) return;
      row = code.row;
    }
    this.pointed = true; // the lens follows the pointer from now on
    this.decodeAt(at.x, at.y, row, event.timeStamp);
    this.placeLens(at);
    this.drawCrosshair(at, event.pointerType !== 'mouse');
    if (this.data.group) {
      const detail = { group: this.data.group, row, x: at.x, y: at.y, source: this };
      window.dispatchEvent(new CustomEvent(POINTED, { detail }));
    }
    record(timings, performance.now() - event.timeStamp);
  }

  // since: the pointer event's time, for the timings.
  decodeAt(x, y, row, since) {
    this.last = { x, y, row };
    const model = this.model;
    if (!model?.decoder || this.data.lens === false) return; // no lens here to show it in
    const { decoder, plane, codes } = model;
    const dim = decoder.latentDim;
    const z = (this.z?.length === dim && this.z) || (this.z = new Float32Array(dim));
    if (this.data.mode === 'nearest') {
      if (row < 0 || !codes) return;
      z.set(codes.subarray(row * dim, (row + 1) * dim));
    } else latentAt(x, y, plane, z);
    decoder.decode(z, this.pixels);
    drawImage(this.lensContext, this.pixels);
    const words = this.data.words;
    this.spot =
      this.data.mode === 'nearest'
        ? fill(words.nearest, { row })
        : fill(words.position, { x: x.toFixed(2), y: y.toFixed(2) });
    this.caption.textContent = `${this.spot}\n${this.reading ?? ''}`;
    this.read(since);
  }

  // The classifier's reading of the lens's image (with it, or a frame later: withinFrame).
  readNow(since) {
    const classifier = models.get(this.data.classifier)?.classifier;
    if (!classifier) return;
    const { label, confidence } = classifier.classify(this.pixels);
    const percent = Math.round(100 * confidence);
    this.reading = fill(this.data.words.reading, { name: this.data.names[label], percent });
    this.caption.textContent = `${this.spot}\n${this.reading}`;
    if (since !== undefined) record(readings, performance.now() - since);
  }

  // The lens sits in the plot area's top right corner, and in its top left while the pointer
  // is under it.
  placeLens(at) {
    const axes = this.axes();
    if (!axes) return;
    const [xa, ya] = axes;
    // The lens's size, read only when the chart is redrawn: reading it on every move would
    // make the browser lay the whole page out again each time (10 ms on a full page).
    if (!at || !this.lensSize) this.lensSize = [this.lens.offsetWidth, this.lens.offsetHeight];
    const [side, height] = this.lensSize;
    const right = xa._offset + xa._length - side - LENS_MARGIN;
    const near = at && at.px > right - 24 && at.py < ya._offset + height + 24;
    this.lens.style.left = `${near ? xa._offset + LENS_MARGIN : right}px`;
    this.lens.style.top = `${ya._offset + LENS_MARGIN}px`;
  }

  svgSize() {
    const { width, height } = this.gd.getBoundingClientRect();
    this.overlay.setAttribute('width', width);
    this.overlay.setAttribute('height', height);
    this.overlay.setAttribute('viewBox', `0 0 ${width} ${height}`);
  }

  // What Python asks to be marked (the chosen point, lines such as ellipses or a path, labels),
  // in the chart's data coordinates; redrawn whenever Plotly zooms or pans.
  drawMarks() {
    const axes = this.axes();
    if (!axes) return;
    const [xa, ya] = axes;
    const toX = (x) => xa._offset + xa.d2p(x);
    const toY = (y) => ya._offset + ya.d2p(y);
    this.svgSize();
    const { lines = [], labels = [], star } = this.marks;
    const ring = this.localRing ?? this.marks.ring;
    const parts = [];
    const clip = `M${xa._offset},${ya._offset}h${xa._length}v${ya._length}h${-xa._length}z`;
    parts.push(`<clipPath id="le-clip-${this.session}"><path d="${clip}"/></clipPath>`);
    parts.push(`<g clip-path="url(#le-clip-${this.session})">`);
    for (const line of lines) {
      const d = line.x.map((x, i) => `${i ? 'L' : 'M'}${toX(x)},${toY(line.y[i])}`).join('');
      parts.push(`<path class="le-line" d="${d}"/>`);
    }
    for (const { x, y, text } of labels) {
      const [sx, sy] = [toX(x), toY(y)];
      parts.push(`<circle class="le-end" cx="${sx}" cy="${sy}" r="11"/>`);
      parts.push(`<text class="le-label" x="${sx}" y="${sy}">${text}</text>`);
    }
    if (star) {
      const [sx, sy] = [toX(star[0]), toY(star[1])];
      parts.push(`<polygon class="le-star" points="${starPoints(sx, sy)}"/>`);
    }
    if (ring) {
      const [sx, sy] = [toX(ring[0]), toY(ring[1])];
      parts.push(`<circle class="le-ring-halo" cx="${sx}" cy="${sy}" r="9"/>`);
      parts.push(`<circle class="le-ring" cx="${sx}" cy="${sy}" r="9"/>`);
    }
    parts.push('<g class="le-crosshair"></g></g>');
    this.overlay.innerHTML = parts.join('');
  }

  // Where a finger is, which it hides: a crosshair a little above it shows the decoded spot.
  drawCrosshair(at, touch) {
    const cross = this.overlay.querySelector('.le-crosshair');
    if (!cross) return;
    const d = `M${at.px - 14},${at.py}h28M${at.px},${at.py - 14}v28`;
    cross.innerHTML = touch ? `<path class="le-halo" d="${d}"/><path d="${d}"/>` : '';
  }
}

// What the browser cannot run goes to Python as the state "failed": the page then decodes on
// the server, with a note.
export default function (component) {
  takeNoRoom(component); // its lens and marks are drawn beside the chart, outside its box
  return keepView(component, (_, fail) => new Pointer(fail), readJson, true);
}
