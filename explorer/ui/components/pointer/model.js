// A "model" component: a decoder or the classifier, a model's map book or a dataset's test
// images, as bytes (web_models.py's pack), sent once and kept in the page-wide `models`; the
// pointer layers, the Interpolation slider and the sliders decode with them, and the Latent
// Map's panel (panel.js) answers a click from the book and the images.
import { loadClassifier, loadDecoder, readPacked, unpack } from './decoder.js';
import { ARRIVED, FAILED, models, takeNoRoom } from './page.js';

// A map book (web_models.py's map_book_payload): each test image's label, code and VAE sigma,
// and the server classifier's reading of its reconstruction.
function loadBook(book) {
  return {
    count: book.count,
    latentDim: book.latent_dim,
    labels: book.labels.slice(),
    codes: book.codes ? unpack(book.codes, 'float32') : null, // (N, latent_dim); 2-D: the map's
    sigma: book.sigma ? unpack(book.sigma, 'float32') : null,
    classes: book.classes.slice(),
    confidences: unpack(book.confidences, 'float32'),
  };
}

// A dataset's test images (web_models.py's originals_payload): their PNG becomes a bitmap a
// while after (then ARRIVED again), from which the panel draws an image's 28 x 28 square.
function loadOriginals(key, originals) {
  const loaded = {
    count: originals.count,
    columns: originals.columns,
    classes: originals.classes.slice(),
    confidences: unpack(originals.confidences, 'float32'),
    bitmap: null,
  };
  const png = new Blob([originals.png], { type: 'image/png' });
  createImageBitmap(png, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' }).then(
    (bitmap) => {
      loaded.bitmap = bitmap;
      window.dispatchEvent(new CustomEvent(ARRIVED, { detail: key }));
    },
    (error) => console.warn('the test images could not be read', error), // shown as missing
  );
  return loaded;
}

export function loadModel(bytes) {
  const payload = readPacked(bytes);
  if (!models.has(payload.key)) {
    const entry = {
      decoder: payload.decoder ? loadDecoder(payload.decoder) : null,
      classifier: payload.classifier ? loadClassifier(payload.classifier) : null,
      plane: payload.plane ?? null,
      codes: payload.codes ? unpack(payload.codes, 'float16') : null, // (N, latent_dim)
    };
    if (payload.book) entry.book = loadBook(payload.book);
    if (payload.originals) entry.originals = loadOriginals(payload.key, payload.originals);
    models.set(payload.key, entry);
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
