"""Helpers for the real-browser tests: a Streamlit server on a free port and headless Chromium."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# With --disable-gpu Chromium composites in software, and a screenshot of a WebGL map scrolled
# partly above the window shows its axes without its points, though its canvas holds them all
# (read back with toDataURL). Composited as a GPU does it (--use-angle=swiftshader
# --enable-unsafe-swiftshader instead of --disable-gpu) the points show: judge scrolled maps so.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
REPO = Path(__file__).resolve().parent.parent
SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", "/tmp/latent-explorer-screenshots"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_streamlit(
    port: int, env: dict | None = None, timeout: float = 60, folder: Path = REPO,
    watcher: str = "none", script: str | None = None,
) -> subprocess.Popen:  # fmt: skip
    """`streamlit run app.py` in `folder` (the app's, as the README starts it), or `streamlit
    run streamlit_app.py` where there is no app.py (another app's such as the toy map, or an
    older checkout's), or `script`, on `port`, in its own process group, once it answers.
    watcher: Streamlit's file watcher ("auto" is Streamlit's default; the app's config has
    none)."""
    script = script or ("app.py" if (folder / "app.py").is_file() else "streamlit_app.py")
    command = [
        sys.executable, "-m", "streamlit", "run", script, "--server.headless=true",
        "--browser.gatherUsageStats=false", "--server.address=127.0.0.1",
        f"--server.port={port}", f"--server.fileWatcherType={watcher}",
    ]  # fmt: skip
    log = os.environ.get("SERVER_LOG")  # a file for the server's output, to debug with
    output = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 (the child's)
    process = subprocess.Popen(
        command, cwd=folder, env={**os.environ, **(env or {})}, start_new_session=True,
        stdout=output, stderr=output,
    )  # fmt: skip
    deadline = time.monotonic() + timeout
    while True:
        try:
            health = f"http://127.0.0.1:{port}/_stcore/health"
            if urllib.request.urlopen(health, timeout=1).read() == b"ok":
                return process
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            stop_group(process)
            raise RuntimeError(f"streamlit did not start (exit code {process.poll()})")
        time.sleep(0.2)


@contextmanager
def streamlit_server(env: dict | None = None, timeout: float = 60, script: str | None = None):
    """A Streamlit server on a free port (start_streamlit); yields its base URL and the
    process, and stops the whole group (SIGTERM, then SIGKILL) however the block ends."""
    port = free_port()
    process = start_streamlit(port, env, timeout, script=script)
    try:
        yield f"http://127.0.0.1:{port}", process
    finally:
        stop_group(process)


def stop_group(process: subprocess.Popen) -> None:
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue


def wait_for_script(page, timeout_ms: int = 60_000) -> None:
    """Wait until Streamlit has finished running the script (its status widget is gone)."""
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout_ms
    )
    page.wait_for_timeout(300)


# Pixel positions of plotted points, read from plotly's own axes (numpy arrays arrive
# binary-encoded, so the coordinates are read from gd._fullData, not from the figure JSON).
FIND_POINT_JS = """
([chartIndex, wantEmpty, minGap, wanted]) => {
  const gd = document.querySelectorAll('.js-plotly-plot')[chartIndex];
  const rect = gd.getBoundingClientRect();
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  const px = (x, y) => [rect.left + xa._offset + xa.d2p(x), rect.top + ya._offset + ya.d2p(y)];
  const data = [];
  gd._fullData.forEach((t, i) => {
    if (t.type !== 'scattergl' || t.name === 'empty space') return;
    for (let j = 0; j < t.x.length; j++) data.push([...px(t.x[j], t.y[j]), t.customdata[j]]);
  });
  const left = rect.left + xa._offset, top = rect.top + ya._offset;
  const inside = ([x, y]) =>
    x > left + 10 && x < left + xa._length - 10 && y > top + 10 && y < top + ya._length - 10;
  const gap = ([x, y], skipSelf) => Math.min(...data
    .filter(d => !(skipSelf && d[0] === x && d[1] === y))
    .map(d => Math.hypot(d[0] - x, d[1] - y)));
  let candidates = data;
  if (wantEmpty) {  // a lattice over the plot area, every 15 px
    candidates = [];
    for (let x = left; x < left + xa._length; x += 15)
      for (let y = top; y < top + ya._length; y += 15) candidates.push([x, y, -1]);
  }
  const found = [];
  for (let k = 0; k < candidates.length && found.length < wanted; k++) {
    const c = candidates[(7919 * k) % candidates.length];  // a spread-out order
    if (inside(c) && gap(c, !wantEmpty) > minGap) found.push(c);
  }
  return found;
}
"""


def isolated_points(page, want_empty: bool, n: int, min_gap: float = 12, chart: int = 0) -> list:
    """Up to n [x, y, customdata] pixel positions of data points (or empty spots, customdata
    -1) that lie at least min_gap pixels from every other data point."""
    page.wait_for_function(POINTS_IN, arg=chart, timeout=30_000)
    return page.evaluate(FIND_POINT_JS, [chart, want_empty, min_gap, n])


# Whether a chart has its points (the Latent Map's come apart from its figure: points.js).
POINTS_IN = """(chart) => {
  const gd = document.querySelectorAll('.js-plotly-plot')[chart];
  return Boolean(gd?._fullData?.some(t => t.type === 'scattergl' && t.x?.length));
}"""


def click_at(page, point: list) -> int:
    """Hover (as a person does), then click; returns the point's customdata."""
    x, y, row = point
    page.mouse.move(x, y)
    page.wait_for_timeout(250)
    page.mouse.click(x, y)
    return int(row)


def click_point(page, want_empty: bool, min_gap: float = 12) -> int:
    """Click one isolated data point (or empty spot); returns its customdata."""
    found = isolated_points(page, want_empty, 1, 30 if want_empty else min_gap)
    assert found, "no isolated point to click"
    return click_at(page, found[0])


def picture_captions(page) -> list[str]:
    """The captions of the pictures: Streamlit's, and those of the panel beside the Latent Map
    (components/pointer/panel.js)."""
    return page.locator("[data-testid='stImageCaption'], .le-panel figcaption").all_inner_texts()


# Whether each of the panel's pictures has a pixel that is not black.
PANEL_PICTURES_DRAWN = """() => [...document.querySelectorAll('.le-panel canvas')]
  .map(c => c.getContext('2d').getImageData(0, 0, 28, 28).data.some((v, i) => i % 4 < 3 && v))"""


def panel_heading(page) -> str:
    return (
        page.locator("h3")
        .filter(has_text="Test image #")
        .or_(page.locator("h3").filter(has_text="Empty space"))
        .first.inner_text()
    )
