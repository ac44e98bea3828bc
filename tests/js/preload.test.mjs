// preload.js (explorer/preload.py puts it into every page): it runs the modules its links name
// once Streamlit's app says its script is running, when the browser is idle, and not before.
// tests/test_browser.py checks it in Chromium.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

test('the linked module runs once the script runs and the browser is idle, not before', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'preload-'));
  const chunk = join(folder, 'chart.mjs');
  writeFileSync(chunk, 'globalThis.chartRuns = (globalThis.chartRuns ?? 0) + 1;');
  const idle = [];
  const observers = [];
  let state = 'initial';
  globalThis.window = { requestIdleCallback: (run, options) => idle.push([run, options]) };
  globalThis.MutationObserver = class {
    constructor(callback) { this.callback = callback; this.watching = false; observers.push(this); }
    observe(target, options) {
      assert.deepEqual(options.attributeFilter, ['data-test-script-state']);
      assert.ok(options.subtree && target === globalThis.document.documentElement);
      this.watching = true;
    }
    disconnect() { this.watching = false; }
  };
  globalThis.document = {
    documentElement: {},
    querySelector: (selector) =>
      (selector === '[data-test-script-state="running"]' && state === 'running') ? {} : null,
    querySelectorAll: (selector) => {
      assert.equal(selector, 'link[rel=modulepreload][data-run-when-idle]');
      return [{ href: pathToFileURL(chunk).href }];
    },
  };
  await import('../../explorer/ui/components/preload.js');
  const [observer] = observers;
  observer.callback();
  assert.equal(idle.length, 0, 'nothing waits for idle before the script runs');
  state = 'running';
  observer.callback();
  assert.equal(idle.length, 1);
  assert.equal(observer.watching, false, 'it stops watching once started');
  assert.equal(globalThis.chartRuns, undefined, 'nothing runs before the browser is idle');
  const [run, options] = idle[0];
  assert.ok(options.timeout > 0, 'a busy page still gets it, a moment later');
  await run();
  assert.equal(globalThis.chartRuns, 1);
});
