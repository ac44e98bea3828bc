// What the pointer layer (pointer.js) marks over a chart: the chosen point, lines, labels, a
// star, and where its lens starts. A component of its own, so that the element that changes
// on every click is this small one, while the pointer layer's, with its script, is sent once.
const marks = (globalThis.latentExplorerMarks ??= new Map());

export default function ({ data }) {
  marks.set(data.chart, data);
  window.dispatchEvent(new CustomEvent('latent-explorer-marks', { detail: data.chart }));
}
