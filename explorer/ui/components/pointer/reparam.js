// The reparameterization trick for the Latent Map's chosen test image, drawn in the browser
// (map_panels.py's browser_reparameterization_ui): eight draws of z = mu + sigma * eps decoded,
// how far they stray, Resample eps, the answer to the learner's guess, and a close-up of mu,
// its ellipses and the draws among the nearby test codes. It follows the pick the panel shows
// (panel.js's CHOSEN), with no server round trip; Resample eps draws anew here too.
import { PIXELS, SIDE, drawImage } from './pixels.js';
import { closeUpWindow, drawCodes, project, sigmaEllipses } from './gaussian.js';
import {
  ARRIVED,
  bookCode,
  CHOSEN,
  element,
  chosen,
  format,
  keepView,
  models,
  pointsOf,
  readJson,
} from './page.js';

const DRAWS = 8;
const COLUMNS = 4;
const GAP = 2; // px between the draws' tiles, as plotting.py's tile

// The chosen test image's mu and sigma from the model's map book; null for an empty place.
function gaussianOf(data) {
  const pick = chosen.get(data.chart);
  const book = models.get(data.book)?.book;
  if (!pick || pick.row === null || !book?.sigma) return null;
  const mu = bookCode(book, pick.row, data.points);
  const dims = book.latentDim;
  return mu && { pick, mu, sigma: book.sigma.subarray(pick.row * dims, (pick.row + 1) * dims) };
}

// The close-up's traces, as plotting.py's posterior_figure draws them.
export function closeUpTraces(data, position, ellipses, draws, near) {
  const { names, style, figure } = data;
  const traces = [];
  for (let digit = 0; digit < names.length; digit++) {
    const mine = near.filter((point) => point.label === digit);
    if (!mine.length) continue;
    traces.push({
      type: 'scatter', mode: 'markers', hoverinfo: 'skip',
      x: mine.map((p) => p.x), y: mine.map((p) => p.y),
      name: format(figure.test_digits, { digit: names[digit] }),
      marker: { size: 6, color: style.colors[digit], symbol: style.symbols[digit], opacity: 0.5 },
    });
  }
  ellipses.forEach((line, i) => traces.push({
    type: 'scatter', mode: 'lines', name: format(figure.sigma, { k: i + 1 }),
    x: line.map((p) => p[0]), y: line.map((p) => p[1]),
    line: { color: 'black', width: 2, dash: i === 0 ? 'solid' : 'dot' },
  }));
  traces.push({
    type: 'scatter', mode: 'markers+text', name: figure.draws,
    x: draws.map((p) => p[0]), y: draws.map((p) => p[1]),
    text: draws.map((_, i) => String(i + 1)), textposition: 'top center',
    marker: { size: 9, color: 'crimson', symbol: 'x' },
  });
  traces.push({
    type: 'scatter', mode: 'markers', name: figure.mu, x: [position[0]], y: [position[1]],
    marker: { size: 14, color: 'black', symbol: 'circle' },
  });
  return traces;
}

class Reparameterization {
  constructor(parentElement) {
    this.root = element('div', 'le-reparam');
    parentElement.append(this.root);
    this.seed = null;
    this.redraw = (event) => {
      const { chart, book, model, points } = this.data ?? {};
      if ([chart, book, model, points?.revision].includes(event.detail)) this.draw();
    };
    window.addEventListener(CHOSEN, this.redraw);
    window.addEventListener(ARRIVED, this.redraw);
  }

  update(data) {
    if (this.seed === null || data.seed !== this.data?.seed) this.seed = data.seed;
    this.data = data;
    this.draw();
  }

  destroy() {
    window.removeEventListener(CHOSEN, this.redraw);
    window.removeEventListener(ARRIVED, this.redraw);
    clearTimeout(this.waiting);
  }

  draw() {
    const gaussian = gaussianOf(this.data);
    if (gaussian) this.drawDraws(gaussian);
  }

  drawDraws({ pick, mu, sigma }) {
    const { words, small, scale } = this.data;
    const loaded = models.get(this.data.model);
    const decoder = loaded?.decoder;
    if (!decoder) return; // drawn when it arrives
    const z = drawCodes(mu, sigma, DRAWS, this.seed);
    let spread = 0;
    z.forEach((code) => code.forEach((v, d) => (spread = Math.max(spread, Math.abs(v - mu[d])))));
    const parts = [this.drawsFigure(decoder, z, scale, words.draws)];
    const strays = format(spread < small ? words.small : words.spread, { spread });
    parts.push(element('p', 'le-reparam-caption', strays));
    const button = element('button', 'le-reparam-button', words.resample);
    button.type = 'button';
    button.addEventListener('click', () => {
      this.seed += 1;
      this.draw();
    });
    parts.push(button);
    parts.push(this.answer(spread));
    if (words.tally) parts.push(element('p', 'le-reparam-caption', words.tally));
    if (this.data.projection === 'umap') {
      parts.push(element('p', 'le-reparam-caption', words.umap));
      this.root.replaceChildren(...parts);
      return;
    }
    const chart = element('div', 'le-reparam-close-up');
    parts.push(chart, element('p', 'le-reparam-caption', words.close_up));
    this.root.replaceChildren(...parts);
    const plane = loaded.plane;
    const position = [pick.x, pick.y];
    const ellipses = sigmaEllipses(position, sigma, plane);
    this.drawCloseUp(chart, position, ellipses, z.map((code) => project(code, plane)));
  }

  // The eight decodes side by side, four a row, each tile `scale` px a pixel.
  drawsFigure(decoder, z, scale, caption) {
    const figure = element('figure', 'le-reparam-draws');
    const canvas = element('canvas');
    const rows = Math.ceil(z.length / COLUMNS);
    canvas.width = COLUMNS * (SIDE + GAP) - GAP;
    canvas.height = rows * (SIDE + GAP) - GAP;
    canvas.style.width = `${canvas.width * scale}px`;
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', caption);
    const context = canvas.getContext('2d');
    context.fillStyle = 'white';
    context.fillRect(0, 0, canvas.width, canvas.height);
    const image = context.createImageData(SIDE, SIDE);
    const pixels = new Float32Array(PIXELS);
    z.forEach((code, i) => {
      decoder.decode(code, pixels);
      drawImage(image, pixels);
      const [row, column] = [Math.floor(i / COLUMNS), i % COLUMNS];
      context.putImageData(image, column * (SIDE + GAP), row * (SIDE + GAP));
    });
    figure.append(canvas, element('figcaption', '', caption));
    return figure;
  }

  // The answer the draws give, against the learner's guess (predictions.py's answer_ui).
  answer(spread) {
    const { words, guess, small } = this.data;
    const answer = spread < small ? 'alike' : 'different'; // questions.py's eps_answer
    const measured = format(words.measured, { spread });
    const labels = { answer: words.labels[answer], guess: words.labels[guess], measured };
    let [kind, template] = ['warning', words.missed];
    if (guess === null) [kind, template] = ['info', words.answer];
    else if (guess === answer) [kind, template] = ['success', words.held];
    const box = element('div', `le-reparam-answer le-reparam-${kind}`);
    box.innerHTML = format(template, labels); // our own texts, escaped in Python but for emphasis
    return box;
  }

  drawCloseUp(chart, position, ellipses, draws) {
    const Plotly = window.Plotly; // Streamlit's own plotly.js, which draws the map
    if (!Plotly?.react) {
      this.waiting = setTimeout(() => this.draw(), 250);
      return;
    }
    const shown = pointsOf(this.data.points);
    if (!shown) return; // drawn when the map's points arrive
    const { x, y } = shown;
    const { labels } = models.get(this.data.book).book;
    const near = [];
    closeUpWindow(ellipses, x, y).forEach((inside, row) => {
      if (inside) near.push({ x: x[row], y: y[row], label: labels[row] });
    });
    const traces = closeUpTraces(this.data, position, ellipses, draws, near);
    const config = { responsive: true, ...this.data.config }; // map_panels.py's close_up_config
    Plotly.react(chart, traces, this.data.layout, config);
  }
}

export default function (component) {
  return keepView(component, (parentElement) => new Reparameterization(parentElement), readJson);
}
