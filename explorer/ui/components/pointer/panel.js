// The chosen point's panel beside the Latent Map, drawn from what Python sends (map_panels.py's
// panel_of): its heading, its original and decode with the classifier's reading of each, the
// texts under them and its CSV. One element, with the map's marks (as marks.js), so that a
// click costs the server one small message; Python decodes and reads, as it does everywhere.
import { readJson, showMarks } from './page.js';

const SIDE = 28;
const downloads = new WeakMap(); // panel -> the object URL of its CSV, let go when replaced

// Grey pixels, 0 to 255, row by row, onto a SIDE x SIDE canvas.
function drawPixels(canvas, base64) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const context = canvas.getContext('2d');
  const image = context.createImageData(SIDE, SIDE);
  bytes.forEach((value, i) => image.data.set([value, value, value, 255], 4 * i));
  context.putImageData(image, 0, 0);
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

export function drawPanel(root, panel) {
  const parts = [element('h3', 'le-panel-heading', panel.heading)];
  const pictures = element('div', 'le-panel-pictures');
  pictures.style.setProperty('--le-picture', `${SIDE * panel.scale}px`);
  for (const picture of panel.pictures) {
    const figure = element('figure');
    const canvas = element('canvas');
    canvas.width = canvas.height = SIDE;
    canvas.setAttribute('role', 'img'); // for a screen reader, a picture named by its caption
    canvas.setAttribute('aria-label', picture.caption);
    drawPixels(canvas, picture.pixels);
    figure.append(canvas, element('figcaption', '', picture.caption));
    pictures.append(figure);
  }
  parts.push(pictures);
  if (panel.note) parts.push(element('div', 'le-panel-note', panel.note));
  if (panel.missing) parts.push(element('p', 'le-panel-missing', panel.missing));
  for (const text of panel.texts) {
    const paragraph = element('p');
    paragraph.innerHTML = text; // our own texts, escaped in Python but for their emphasis
    parts.push(paragraph);
  }
  const { label, name, csv } = panel.download;
  const link = element('a', 'le-panel-download', label);
  link.download = name;
  link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  parts.push(link);
  if (downloads.has(root)) URL.revokeObjectURL(downloads.get(root));
  downloads.set(root, link.href);
  root.replaceChildren(...parts);
}

export default function (component) {
  const data = readJson(component.data);
  drawPanel(component.parentElement.querySelector('.le-panel'), data.panel);
  return showMarks(component, data);
}
