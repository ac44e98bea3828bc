// The Latent Map's panel as panel.js draws it, for Python's tests (tests/test_app.py's panel):
// reads a JSON file {spec, files: [paths of model components' bytes], points: [paths of
// points components' bytes]}, loads the models as model.js does and the points as points.js,
// and writes panel.js's content() for the spec's pick as JSON, with the bars.
import { readFileSync, writeFileSync } from 'node:fs';

globalThis.window = new EventTarget(); // what model.js dispatches on, in a page
globalThis.createImageBitmap = () => new Promise(() => {}); // the test images' pixels stay unread

const { loadModel } = await import('../../explorer/ui/components/pointer/model.js');
const { models } = await import('../../explorer/ui/components/pointer/page.js');
const { barsUpdate, content } = await import('../../explorer/ui/components/pointer/panel.js');
const { remember } = await import('../../explorer/ui/components/pointer/points.js');
const { readPacked } = await import('../../explorer/ui/components/pointer/decoder.js');

const [input, output] = process.argv.slice(2);
const { spec, files, points } = JSON.parse(readFileSync(input, 'utf8'));
for (const file of files) loadModel(new Uint8Array(readFileSync(file)));
for (const file of points) remember(readPacked(new Uint8Array(readFileSync(file)))); // 2-D codes
const { described, code, pixels } = content(spec, spec.pick, models);
const { sigma, ...words } = described;
const decoded = pixels && Array.from(pixels, (p) => Math.min(255, Math.max(0, Math.round(p * 255))));
const bars = barsUpdate(code, sigma); // what the bars chart gets, where the code has more than two numbers
writeFileSync(output, JSON.stringify({ ...words, code: Array.from(code), decoded, bars }));
