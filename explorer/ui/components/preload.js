// Runs the chart library that the page's <link rel="modulepreload" data-run-when-idle> tags
// name (explorer/preload.py: a server still starting sends them) while the server runs the
// page's script, when the browser is idle meanwhile, rather than when the first chart arrives,
// so that the chart then draws at once. Not before the script runs: the page's own start (its
// connection, its request for the run) would wait behind it. A failure here changes nothing:
// the chart imports the same module again and reports its own errors.
const RUNNING = '[data-test-script-state="running"]'; // Streamlit's app element, as it runs
const later = window.requestIdleCallback ?? ((run) => setTimeout(run, 100));

function runLinked() {
  for (const link of document.querySelectorAll('link[rel=modulepreload][data-run-when-idle]')) {
    later(() => import(link.href).catch(() => {}), { timeout: 1000 });
  }
}

const watch = new MutationObserver(() => {
  if (!document.querySelector(RUNNING)) return;
  watch.disconnect();
  runLinked();
});
watch.observe(document.documentElement, {
  subtree: true,
  childList: true, // the app's element, should it come already running
  attributes: true,
  attributeFilter: ['data-test-script-state'],
});
