// What the pointer layer (pointer.js) marks over a chart: the chosen point, lines, labels, a
// star, and where its lens starts. A component of its own, so that the element that changes
// on every click is this small one, while the pointer layer's, with its script, is sent once.
import { MARKED, marks, readJson } from './page.js';

export default function (component) {
  const data = readJson(component.data);
  marks.set(data.chart, data);
  window.dispatchEvent(new CustomEvent(MARKED, { detail: data.chart }));
}
