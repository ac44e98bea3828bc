// Runs the chart library that the page's <link rel="modulepreload" data-run-when-idle> tags
// name (explorer/preload.py) once the page has loaded and the browser is idle, instead of when
// the first chart arrives, so that the chart then draws at once. A failure here changes
// nothing: the chart imports the same module again and reports its own errors.
const later = window.requestIdleCallback ?? ((run) => setTimeout(run, 200));
addEventListener("load", () => {
  for (const link of document.querySelectorAll("link[rel=modulepreload][data-run-when-idle]")) {
    later(() => import(link.href).catch(() => {}), { timeout: 2000 });
  }
});
