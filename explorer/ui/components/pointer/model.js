// A "model" component: a decoder or the classifier, as bytes (web_models.py's pack), sent
// once and kept in the page-wide `models`; the pointer layers, the Interpolation slider and
// the sliders decode with them.
import { loadClassifier, loadDecoder, readPacked, unpack } from './decoder.js';
import { ARRIVED, FAILED, models, takeNoRoom } from './page.js';

export function loadModel(bytes) {
  const payload = readPacked(bytes);
  if (!models.has(payload.key)) {
    models.set(payload.key, {
      decoder: payload.decoder ? loadDecoder(payload.decoder) : null,
      classifier: payload.classifier ? loadClassifier(payload.classifier) : null,
      plane: payload.plane ?? null,
      codes: payload.codes ? unpack(payload.codes, 'float16') : null, // (N, latent_dim)
    });
    window.dispatchEvent(new CustomEvent(ARRIVED, { detail: payload.key }));
  }
  return payload.key;
}

export default function (component) {
  takeNoRoom(component);
  const { data } = component;
  // Unpacked once the page is idle, so that the map and the panel draw first. A browser that
  // cannot (an old one) says so to the pointer layers, which hand the decoding to the server.
  const load = () => {
    try {
      loadModel(data);
    } catch (error) {
      window.dispatchEvent(new CustomEvent(FAILED, { detail: `${error.name}: ${error.message}` }));
    }
  };
  if (window.requestIdleCallback) requestIdleCallback(load, { timeout: 1000 });
  else setTimeout(load, 0);
}
