// The chosen point's panel beside the Latent Map: its heading, its original and decode with the
// classifier's reading of each, the texts under them, its CSV, and a code of more than two
// numbers as bars. Drawn in the browser from the model's map book and the test images in the
// page (model.js), as map_panels.py's panel_of draws it on the server: for the pick Python
// names on each rerun, and, once the page has the test images (`local`: from the first click
// on, which brings them), for a click on the map at once. Such a click is not sent: Python
// hears of it when the learner next turns to something else on the page (a press or focus
// outside the map), before any widget there reruns the page, so a click costs the server
// nothing. One element with the map's marks (as marks.js).
import { drawImage, PIXELS, SIDE } from './pixels.js';
import { sigmaEllipses } from './gaussian.js';
import {
  ARRIVED,
  bookCode,
  CHOSEN,
  ChartContent,
  chosen,
  element,
  format,
  formatG,
  keepView,
  latentAt,
  MARKED,
  marks,
  models,
  PICKED,
  pickers,
  plotlyChart,
  pointsOf,
  readJson,
  showMarks,
} from './page.js';

// Where the learner's presses and focus may rerun the page: Streamlit's main area, sidebar
// and header (its menu's Rerun).
const APP_PARTS = '[data-testid="stMain"], [data-testid="stSidebar"], [data-testid="stHeader"]';
const downloads = new WeakMap(); // panel -> the object URL of its CSV, let go when replaced

// One CSV field as Python's csv module writes it: quoted where it holds a comma, quote or
// line break.
function csvField(value) {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

// A confidence as Python writes round(p, 4): "0.9987", and "1.0" for a whole number.
function round4(value) {
  const rounded = Math.round(value * 1e4) / 1e4;
  return Number.isInteger(rounded) ? rounded.toFixed(1) : String(rounded);
}

// export.py's point_csv: the fields, then latent_1.. and sigma_1.., each as f"{v:.5g}".
export function pointCsv(fields, code, sigma) {
  const header = Object.keys(fields);
  const values = Object.values(fields);
  code.forEach((value, d) => {
    header.push(`latent_${d + 1}`);
    values.push(formatG(value));
  });
  (sigma ?? []).forEach((value, d) => {
    header.push(`sigma_${d + 1}`);
    values.push(formatG(value));
  });
  return `${header.map(csvField).join(',')}\n${values.map(csvField).join(',')}\n`;
}

// plotting.py's bars_update: a code (and a VAE's sigma) into the bars' one trace.
export function barsUpdate(code, sigma) {
  return {
    y: [Array.from(code)],
    'error_y.array': [sigma ? Array.from(sigma) : Array.from(code, () => 0)],
    'error_y.visible': [sigma !== null],
  };
}

// map_panels.py's shown_sigma: the first four, to two decimals.
function shownSigma(sigma) {
  const shown = Array.from(sigma.subarray(0, 4), (s) => s.toFixed(2)).join(', ');
  return shown + (sigma.length > 4 ? ' …' : '');
}

// The panel's words and CSV for a pick ({row, x, y, how}: a test image's row, or null for an
// empty place), as map_panels.py's panel_of writes them. `original` is the classifier's
// {label, confidence} of the test image, 'coming' until it has come, null where the page has
// no test images; `code` the code decoded, `reading` the classifier's {label, confidence} of
// an empty place's decode (null until it has come).
export function describe(spec, pick, book, original, code, reading) {
  const { words, names, articled } = spec;
  const reads = (what, label, confidence) =>
    format(words.reads, { what, digit: names[label], confidence }, articled);
  const captions = [];
  let heading;
  let decoded = null; // [label, confidence] of the decode
  let missing = '';
  if (pick.row !== null) {
    const digit = names[book.labels[pick.row]];
    heading = format(words.test_image, { row: pick.row, digit }, articled);
    if (original === 'coming') captions.push(words.original); // its reading comes with it
    else if (original) captions.push(reads(words.original, original.label, original.confidence));
    else missing = words.no_originals;
    decoded = [book.classes[pick.row], book.confidences[pick.row]];
  } else {
    heading = words.empty;
    if (reading) decoded = [reading.label, reading.confidence];
  }
  const what = pick.row !== null ? words.reconstruction : words.decoded;
  captions.push(decoded ? reads(what, ...decoded) : what);
  const dims = code.length;
  const vector =
    dims === 2
      ? format(words.vector, { z: spec.z, x: code[0], y: code[1] })
      : format(words.vector, { z: spec.z, dims });
  const sigma =
    pick.row !== null && book.sigma
      ? book.sigma.subarray(pick.row * dims, (pick.row + 1) * dims)
      : null;
  const fields = {
    model: spec.name,
    row: pick.row ?? '',
    [spec.class_column]: pick.row !== null ? names[book.labels[pick.row]] : '',
    decoded_as: decoded ? names[decoded[0]] : '',
    confidence: decoded ? round4(decoded[1]) : '',
  };
  const texts = [words.guess, vector];
  if (sigma) texts.push(format(words.sigma, { sigma: shownSigma(sigma) }));
  return {
    heading,
    captions,
    note: pick.how ? format(words.how, { how: words.hows[pick.how] }) : '',
    missing,
    texts,
    csv: pointCsv(fields, code, sigma),
    csvName: `${spec.file}-${pick.row !== null ? `test-${pick.row}` : 'point'}.csv`,
    sigma,
  };
}

// What the panel shows for a pick, from the loaded `models` (model.js): its words (describe),
// the code decoded, the decode's pixels (null until the decoder has come) and the test images
// (null until they have come); null until the book has come. The page gets the test images
// with the first click it sends (see map_panels.py's browser_panel_spec); until then the
// panel's data brings the original of the test image Python chose (spec.original).
export function content(spec, pick, loaded) {
  const book = loaded.get(spec.book)?.book;
  const originals = spec.originals ? (loaded.get(spec.originals)?.originals ?? null) : null;
  if (!book) return null;
  const { row, x, y } = pick;
  const dims = book.latentDim;
  const code =
    row !== null
      ? bookCode(book, row, spec.points)
      : latentAt(x, y, loaded.get(spec.model)?.plane ?? null, new Float32Array(dims));
  if (!code) return null; // a 2-D model's, until its points have come
  const decoder = loaded.get(spec.model)?.decoder;
  const pixels = decoder ? decoder.decode(code, new Float32Array(PIXELS)) : null;
  const classifier = loaded.get(spec.classifier)?.classifier;
  const reading = row === null && pixels && classifier ? classifier.classify(pixels) : null;
  const described = describe(spec, pick, book, originalOf(spec, row, originals), code, reading);
  return { described, code, pixels, originals };
}

// The classifier's reading of test image `row`: from the test images, or the panel's data.
function originalOf(spec, row, originals) {
  if (row === null || (!spec.originals && !spec.original)) return null;
  if (originals) return { label: originals.classes[row], confidence: originals.confidences[row] };
  return spec.original?.row === row ? spec.original : 'coming';
}

class Panel {
  constructor(parentElement) {
    this.root = parentElement.querySelector('.le-panel');
    this.session = Math.random().toString(36).slice(2, 8);
    this.clicks = 0;
    this.unsent = null; // a click drawn here that Python has not heard of yet
    this.bars = null; // the bars chart's content, where the code has more than two numbers
    this.onPicked = (event) => {
      if (event.detail.chart === this.data?.chart) this.pickHere(event.detail.pick);
    };
    this.onArrived = (event) => {
      const { book, originals, model, classifier, points } = this.spec ?? {};
      if ([book, originals, model, classifier, points?.revision].includes(event.detail)) this.draw();
    };
    // A press or focus on the app's page or sidebar, elsewhere than on the map, this panel or
    // the reparameterization's parts (reparam.js): what may rerun the page, so Python hears of
    // the pick first. Not Streamlit's own dialogs: its "connecting" one takes the focus while
    // the server is away, and a message then would be lost, with the rerun that Streamlit
    // sends on reconnecting.
    this.onOther = (event) => {
      const target = event.target;
      if (!target.closest?.(APP_PARTS) || target.closest('.le-panel, .le-reparam')) return;
      if (plotlyChart(this.data.chart)?.parentElement?.contains(target)) return;
      this.send();
    };
    window.addEventListener(PICKED, this.onPicked);
    window.addEventListener(ARRIVED, this.onArrived);
  }

  get spec() {
    return this.data?.panel;
  }

  update(data) {
    const rerun = JSON.stringify(data) !== JSON.stringify(this.data); // not a redraw alone
    this.data = data;
    if (this.unsent && data.answered === this.unsent.click) this.unsent = null; // Python has it
    if (this.unsent) {
      // The page reran without it (another tab's widget, a reconnection): keep it, and tell
      // Python now. Streamlit also draws a component again with the same data (while the
      // server is away, say), which is no rerun: nothing to tell then.
      this.markLocal();
      if (rerun) this.send();
    } else this.pick = this.spec.pick;
    this.draw();
  }

  destroy() {
    window.removeEventListener(PICKED, this.onPicked);
    window.removeEventListener(ARRIVED, this.onArrived);
    this.disarm();
    this.bars?.destroy();
  }

  // A click on the map (pointer.js's pick), answered here: drawn, marked, and in the address
  // bar at once; sent to Python when the learner turns to something else.
  pickHere(clicked) {
    const pick = this.resolve(clicked);
    if (!pick) return;
    this.clicks += 1;
    this.unsent = { ...clicked, click: `${this.session}-${this.clicks}` };
    this.pick = pick;
    this.markLocal();
    this.draw();
    this.writeUrl();
    for (const type of ['pointerdown', 'focusin']) {
      document.addEventListener(type, this.onOther, true);
    }
  }

  disarm() {
    for (const type of ['pointerdown', 'focusin']) {
      document.removeEventListener(type, this.onOther, true);
    }
  }

  send() {
    this.disarm();
    if (this.unsent) pickers.get(this.data.chart)?.(this.unsent); // the marks' state "pick"
  }

  // A click as map_panels.py's chosen_point reads it: a test image's row; an empty place decoded
  // on the view's plane; in UMAP (mode "nearest"), the test code nearest to it on the map.
  resolve(clicked) {
    if (clicked.row !== null) return { ...clicked, how: '' };
    if (this.spec.mode !== 'nearest') return { ...clicked, how: this.spec.how_here };
    const shown = pointsOf(this.spec.points);
    if (!shown) return null;
    const { x, y } = shown;
    const distance = (i) => (x[i] - clicked.x) ** 2 + (y[i] - clicked.y) ** 2;
    let row = 0;
    for (let i = 1; i < x.length; i++) if (distance(i) < distance(row)) row = i;
    return { row, x: x[row], y: y[row], how: 'nearest code' };
  }

  // The marks as Python would send them for this pick: the ring on it, the lens starting there,
  // and a VAE test image's ellipses where the learner asked for them on the map.
  markLocal() {
    const { row, x, y } = this.pick;
    const local = { ring: [x, y], start: [x, y], start_row: row ?? 0, lines: [] };
    const book = models.get(this.spec.book)?.book;
    if (this.spec.ellipses_on_map && row !== null && book?.sigma && this.spec.mode === 'plane') {
      const dims = book.latentDim;
      const sigma = book.sigma.subarray(row * dims, (row + 1) * dims);
      const plane = models.get(this.spec.model)?.plane ?? null;
      local.lines = sigmaEllipses([x, y], sigma, plane).map((line) => ({
        x: line.map((p) => p[0]),
        y: line.map((p) => p[1]),
      }));
    }
    marks.set(this.data.chart, { ...this.data, ...local });
    window.dispatchEvent(new CustomEvent(MARKED, { detail: this.data.chart }));
  }

  writeUrl() {
    const url = new URL(window.location.href);
    if (this.pick.row !== null) url.searchParams.set('point', this.pick.row);
    else url.searchParams.delete('point');
    window.history.replaceState(window.history.state, '', url);
  }

  draw() {
    const spec = this.spec;
    if (chosen.get(this.data.chart) !== this.pick) {
      chosen.set(this.data.chart, this.pick);
      window.dispatchEvent(new CustomEvent(CHOSEN, { detail: this.data.chart }));
    }
    // A VAE's reparameterization (map_panels.py's, Streamlit key "reparam") is a test image's.
    const section = document.querySelector('.st-key-reparam');
    if (section) section.style.display = this.pick.row === null ? 'none' : '';
    const drawn = content(spec, this.pick, models);
    if (!drawn) return; // drawn when the book arrives
    const { described, code, pixels, originals } = drawn;
    const pictures = element('div', 'le-panel-pictures');
    pictures.style.setProperty('--le-picture', `${SIDE * spec.scale}px`);
    const drawers = [];
    if (this.pick.row !== null && (spec.originals || spec.original)) {
      drawers.push((context) => drawOriginal(context, originals, spec.original, this.pick.row));
    }
    drawers.push((context) => pixels && drawImage(context, pixels));
    described.captions.forEach((caption, i) => {
      const figure = element('figure');
      const canvas = element('canvas');
      canvas.width = canvas.height = SIDE;
      canvas.setAttribute('role', 'img'); // for a screen reader, a picture named by its caption
      canvas.setAttribute('aria-label', caption);
      drawers[i](canvas.getContext('2d'));
      figure.append(canvas, element('figcaption', '', caption));
      pictures.append(figure);
    });
    const parts = [element('h3', 'le-panel-heading', described.heading), pictures];
    if (described.note) parts.push(element('div', 'le-panel-note', described.note));
    if (described.missing) parts.push(element('p', 'le-panel-missing', described.missing));
    for (const text of described.texts) {
      const paragraph = element('p');
      paragraph.innerHTML = text; // our own texts, escaped in Python but for their emphasis
      parts.push(paragraph);
    }
    const link = element('a', 'le-panel-download', spec.words.download);
    link.download = described.csvName;
    link.href = URL.createObjectURL(new Blob([described.csv], { type: 'text/csv' }));
    parts.push(link);
    if (downloads.has(this.root)) URL.revokeObjectURL(downloads.get(this.root));
    downloads.set(this.root, link.href);
    this.root.replaceChildren(...parts);
    this.drawBars(code, described.sigma);
  }

  drawBars(code, sigma) {
    const spec = this.spec;
    if (!spec.bars) return;
    this.bars ??= new ChartContent(
      () => {}, // no bars is no reason to decode on the server
      (content) => content,
      (content) => [barsUpdate(content.code, content.sigma), {}, [0]],
    );
    const { row, x, y } = this.pick;
    const revision = `${spec.book}|${row}|${x}|${y}`;
    this.bars.update({ chart: spec.bars, revision, image: spec.bars_image, code, sigma });
  }
}

// Test image `row`: its 28 x 28 square of the test images' bitmap, or the pixels the panel's
// data brings for it (`single`: grey levels 0 to 255, base64), or blank until either comes.
function drawOriginal(context, originals, single, row) {
  if (originals?.bitmap) {
    const { bitmap, columns } = originals;
    const [left, top] = [(row % columns) * SIDE, Math.floor(row / columns) * SIDE];
    context.imageSmoothingEnabled = false;
    context.drawImage(bitmap, left, top, SIDE, SIDE, 0, 0, SIDE, SIDE);
  } else if (single?.row === row) {
    const grey = Uint8Array.from(atob(single.pixels), (c) => c.charCodeAt(0));
    const image = context.createImageData(SIDE, SIDE);
    grey.forEach((value, i) => image.data.set([value, value, value, 255], 4 * i));
    context.putImageData(image, 0, 0);
  }
}

export default function (component) {
  const data = readJson(component.data);
  const unmark = showMarks(component, data);
  const unview = keepView(component, (parentElement) => new Panel(parentElement), () => data);
  return () => {
    unmark();
    unview();
  };
}
