// preload.js (explorer/preload.py puts it into every page): it runs the modules its links name
// only after the page's load event, when the browser is idle. tests/test_browser.py checks it
// in Chromium.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

test('the linked module runs after the load event and an idle moment, not before', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'preload-'));
  const chunk = join(folder, 'chart.mjs');
  writeFileSync(chunk, 'globalThis.chartRuns = (globalThis.chartRuns ?? 0) + 1;');
  const listeners = {};
  const idle = [];
  globalThis.window = { requestIdleCallback: (run, options) => idle.push([run, options]) };
  globalThis.addEventListener = (type, listener) => { listeners[type] = listener; };
  globalThis.document = {
    querySelectorAll: (selector) => {
      assert.equal(selector, 'link[rel=modulepreload][data-run-when-idle]');
      return [{ href: pathToFileURL(chunk).href }];
    },
  };
  await import('../../explorer/ui/components/preload.js');
  assert.equal(idle.length, 0, 'nothing waits for idle before the load event');
  listeners.load();
  assert.equal(idle.length, 1);
  assert.equal(globalThis.chartRuns, undefined, 'nothing runs before the browser is idle');
  const [run, options] = idle[0];
  assert.ok(options.timeout > 0, 'a busy page still gets it, a moment later');
  await run();
  assert.equal(globalThis.chartRuns, 1);
});
