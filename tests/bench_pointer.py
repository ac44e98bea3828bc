"""Decoding under the pointer, and start-up, beside the toy map; prints its figures (no asserts).

    python -m tests.bench_pointer [--rounds 2] [--moves 200] [--clicks 20]

In headless Chromium on this machine, with the naive Streamlit map (../shared/anchors/toy-map,
10,000 Plotly points, full reruns) run in the same session, alternating, so that ratios hold:
- server start -> first page drawn, and a new tab's map drawn, for the toy and for the app
  (its home page, and the Latent Map), with the ratio app / toy;
- pointer move -> decoded image drawn, and -> the classifier's reading of it shown (a frame
  later: the reading waits until the image is painted), timed in the page (performance.now()
  from the event's timeStamp), p50 and p95, with the mouse moving at 60 Hz, on a 2-D map, a PCA
  view, a UMAP view and the Interpolation slider; frames sent meanwhile;
- click -> decoded image shown, p50 and p95, the app's and the toy's; server CPU per click, and
  how much of it the server spends anyway (idle, a tab open);
- an idle server's CPU with the app's config (no file watcher) and with Streamlit's default;
- bytes the server sends to open the map, and to switch it to another model.
"""

import argparse
import statistics
import time
from contextlib import contextmanager
from pathlib import Path

from tests.bench_map import cpu_seconds, live_threads_cpu
from tests.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    REPO,
    free_port,
    isolated_points,
    start_streamlit,
    stop_group,
    wait_for_script,
)

TOY = REPO.parent / "shared" / "anchors" / "toy-map"
CHART_DRAWN = """() => { const gd = document.querySelector('.js-plotly-plot');
  return gd && gd._fullData && gd._fullData.length > 0 && gd.querySelector('canvas'); }"""
PLOT_AREA = """() => { const gd = document.querySelector('.js-plotly-plot');
  const r = gd.getBoundingClientRect(), xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  return [r.left + xa._offset, r.top + ya._offset, xa._length, ya._length]; }"""


# A mouse's pace: a move every 16 ms (60 Hz). Moves sent back to back instead queue up behind
# each other, and time the queue rather than the page.
MOUSE_MS = 16
RESET_TIMINGS = """() => { globalThis.latentExplorerTimings.length = 0;
  globalThis.latentExplorerReadings.length = 0; }"""


def percentiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


@contextmanager
def server(folder: Path, script: str | None = None):
    """`streamlit run` in `folder` (start_streamlit); yields (url, process, its start time)."""
    port = free_port()
    started = time.monotonic()
    process = start_streamlit(port, folder=folder, script=script)
    try:
        yield f"http://127.0.0.1:{port}", process, started
    finally:
        stop_group(process)


def drawn(page, url: str, selector: str, chart: bool) -> float:
    """Open `url`; seconds until `selector` shows and, where asked, the chart has its points,
    and the script has finished."""
    started = time.monotonic()
    page.goto(url)
    page.wait_for_selector(selector, timeout=120_000)
    if chart:
        page.wait_for_function(CHART_DRAWN, timeout=120_000)
    wait_for_script(page, 120_000)
    return time.monotonic() - started - 0.3  # wait_for_script's settling pause


def start_up(browser, rounds: int) -> None:
    """Fresh servers, alternating: start -> the toy's map, the app's home, the app's map, and
    the app's map served by `streamlit run streamlit_app.py` (no warm-up: app.py)."""
    figures = {"toy map": [], "home": [], "map": [], "map, no warm-up": []}
    for _ in range(rounds):
        for folder, path, what, script in (
            (TOY, "", "toy map", None), (REPO, "", "home", None),
            (REPO, "/Latent_Map", "map", None),
            (REPO, "/Latent_Map", "map, no warm-up", "streamlit_app.py"),
        ):  # fmt: skip
            with server(folder, script) as (url, _, started):
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                chart = what != "home"
                drawn(page, url + path, ".js-plotly-plot" if chart else "h1", chart)
                figures[what].append(time.monotonic() - started - 0.3)
                page.close()
    toy, home, map_, cold = (statistics.median(values) for values in figures.values())
    print(f"server start -> drawn: toy map {toy:.2f} s; the app's home page {home:.2f} s "
          f"(ratio {home / toy:.2f}); the app's Latent Map, opened directly {map_:.2f} s "
          f"(ratio {map_ / toy:.2f}); the same served without the warm-up {cold:.2f} s "
          f"(ratio {cold / toy:.2f})")  # fmt: skip
    print(
        f"  (medians of {rounds} alternating rounds; every figure: "
        f"{ {key: [round(v, 2) for v in values] for key, values in figures.items()} })"
    )


def hover(page, moves: int) -> tuple[float, float, int]:
    """Move the mouse over the plot area; (p50 ms, p95 ms, frames sent meanwhile)."""
    left, top, width, height = page.evaluate(PLOT_AREA)
    frames = len(page.sent)
    for k in range(moves + 20):  # the first 20 warm the JIT up, and are not counted
        if k == 20:
            page.evaluate(RESET_TIMINGS)
        u, v = (k * 0.618) % 1, (k * 0.382) % 1
        page.mouse.move(left + (0.05 + 0.9 * u) * width, top + (0.05 + 0.9 * v) * height)
        page.wait_for_timeout(MOUSE_MS)
    page.wait_for_timeout(500)
    return *timings(page), len(page.sent) - frames


def timings(page) -> tuple[float, float, float, float]:
    """p50 and p95 of pointer -> image drawn, then of pointer -> reading shown, in ms."""
    drawn = page.evaluate("() => globalThis.latentExplorerTimings")
    read = page.evaluate("() => globalThis.latentExplorerReadings")
    return *percentiles(drawn), *percentiles(read)


def open_counting(browser, url: str):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.sent, page.received = [], []

    def watch(ws):
        ws.on("framesent", lambda payload: page.sent.append(time.monotonic()))
        ws.on("framereceived", lambda payload: page.received.append(len(payload)))

    page.on("websocket", watch)
    drawn(page, url, ".js-plotly-plot", chart=True)
    page.wait_for_function("() => document.querySelector('.le-lens figcaption')?.textContent")
    return page


def pointer(browser, url: str, moves: int) -> None:
    for query, what in (("model=ae-2d", "ae-2d, its latent plane"),
                        ("model=vae-20d&view=pca", "vae-20d, PCA plane"),
                        ("model=ae-20d&view=umap", "ae-20d, UMAP (nearest code)")):  # fmt: skip
        page = open_counting(browser, f"{url}/Latent_Map?{query}")
        p50, p95, read50, read95, frames = hover(page, moves)
        print(f"pointer move ({what}, {moves} moves) -> decoded image drawn: p50 {p50:.1f} ms, "
              f"p95 {p95:.1f} ms; -> classifier's reading shown: p50 {read50:.1f} ms, p95 "
              f"{read95:.1f} ms; frames sent meanwhile: {frames}")  # fmt: skip
        page.close()
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.sent = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda _: page.sent.append(1)))
    drawn(page, f"{url}/Interpolation", ".js-plotly-plot", chart=True)
    slider = page.locator(".le-morph input")
    slider.scroll_into_view_if_needed()
    box = slider.bounding_box()
    frames = len(page.sent)
    page.mouse.move(box["x"] + 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    for k in range(moves + 20):
        if k == 20:
            page.evaluate(RESET_TIMINGS)
        page.mouse.move(box["x"] + 2 + (k % 100) / 100 * (box["width"] - 4),
                        box["y"] + box["height"] / 2)  # fmt: skip
        page.wait_for_timeout(MOUSE_MS)
    page.mouse.up()
    page.wait_for_timeout(300)
    p50, p95, read50, read95 = timings(page)
    print(f"alpha slider drag -> both models' decodes drawn: p50 {p50:.1f} ms, p95 {p95:.1f} "
          f"ms; -> both readings shown: p50 {read50:.1f} ms, p95 {read95:.1f} ms; frames sent: "
          f"{len(page.sent) - frames}")  # fmt: skip
    page.close()


def time_clicks(page, n: int, shown: str) -> list[float]:
    """Click n isolated points, each timed until `shown` (a selector, {row} filled in) and its
    pictures are on the screen; seconds per click."""
    latencies = []
    for x, y, row in isolated_points(page, want_empty=False, n=n, min_gap=8):
        page.mouse.move(x, y)
        page.wait_for_timeout(100)
        clicked = time.monotonic()
        page.mouse.click(x, y)
        page.wait_for_selector(shown.format(row=row), timeout=15_000)
        page.wait_for_function(
            "() => [...document.querySelectorAll('[data-testid=stImage] img')]"
            ".every(i => i.complete && i.naturalWidth > 0)", polling=10,
        )  # fmt: skip
        latencies.append(time.monotonic() - clicked)
        wait_for_script(page)
    return latencies


def idle_cpu(page, process, seconds: float = 5) -> float:
    """The server's CPU in ms per second while the page is open and nobody acts."""
    cpu = cpu_seconds(process.pid)
    page.wait_for_timeout(seconds * 1000)
    return (cpu_seconds(process.pid) - cpu) / seconds * 1000


def clicks(browser, url: str, process, n: int) -> None:
    page = open_counting(browser, f"{url}/Latent_Map")
    idle = idle_cpu(page, process)
    cpu, live, started = cpu_seconds(process.pid), live_threads_cpu(process.pid), time.monotonic()
    latencies = time_clicks(page, n, "h3:has-text('Test image #{row}:')")
    seconds = time.monotonic() - started
    per_click = (cpu_seconds(process.pid) - cpu) / len(latencies) * 1000
    net = per_click - idle * seconds / len(latencies)
    loop = (live_threads_cpu(process.pid) - live) / len(latencies) * 1000 - (per_click - net)
    p50, p95 = percentiles(latencies)
    print(f"click -> panel with the decoded image: p50 {p50:.3f} s, p95 {p95:.3f} s over "
          f"{len(latencies)} clicks; server CPU per click {per_click:.1f} ms, of which "
          f"{per_click - net:.1f} ms is what the server spends anyway meanwhile (idle, "
          f"{idle:.1f} ms a second), {net:.1f} ms the click's own: {net - loop:.1f} ms in its "
          f"script run, {loop:.1f} ms in the server's event loop and pools")  # fmt: skip
    print(f"bytes sent to switch the map from ae-2d to vae-2d after those clicks (the pick "
          f"sent first): {switch_bytes(page):.2f} MB")  # fmt: skip
    page.close()
    page = open_counting(browser, f"{url}/Latent_Map")
    print(
        f"bytes sent to open the Latent Map in a new tab: {sum(page.received) / 1e6:.2f} MB "
        "(the 10,000 points, the decoder and the classifier included)"
    )
    page.wait_for_timeout(1000)  # the test images come last
    print(f"the same tab, switched to vae-2d with no click before: {switch_bytes(page):.2f} MB")
    page.close()


def switch_bytes(page) -> float:
    """MB the server sends for a switch of the map's model from ae-2d to vae-2d."""
    page.received.clear()
    page.locator("[data-testid=stSidebar] [data-testid=stSelectbox]").click()
    page.get_by_role("option").filter(has_text="vae-2d ").first.click()
    page.wait_for_timeout(500)
    wait_for_script(page)
    page.wait_for_function(CHART_DRAWN)
    return sum(page.received) / 1e6


def toy_clicks(browser, n: int) -> None:
    with server(TOY) as (url, process, _):
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        drawn(page, url, ".js-plotly-plot", chart=True)
        idle = idle_cpu(page, process)
        cpu, started = cpu_seconds(process.pid), time.monotonic()
        latencies = time_clicks(page, n, "text=Selected index: {row}")
        per_click = (cpu_seconds(process.pid) - cpu) / len(latencies) * 1000
        net = per_click - idle * (time.monotonic() - started) / len(latencies)
        p50, p95 = percentiles(latencies)
        print(f"toy map, click -> image: p50 {p50:.3f} s, p95 {p95:.3f} s over {n} clicks; "
              f"server CPU per click {per_click:.1f} ms, {net:.1f} ms of it the click's own "
              f"(idle {idle:.1f} ms a second)")  # fmt: skip


def watchers(browser) -> None:
    """An idle server with the map open: with the app's config (no file watcher), and with
    Streamlit's default watcher."""
    figures = []
    for watcher in ("none", "auto"):
        port = free_port()
        process = start_streamlit(port, watcher=watcher)
        try:
            page = open_counting(browser, f"http://127.0.0.1:{port}/Latent_Map")
            page.wait_for_timeout(2000)
            figures.append(idle_cpu(page, process))
            page.close()
        finally:
            stop_group(process)
    print(f"idle server, the map open: {figures[0]:.0f} ms CPU a second with the app's config "
          f"(no file watcher); {figures[1]:.0f} ms with Streamlit's default watcher")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--moves", type=int, default=200)
    parser.add_argument("--clicks", type=int, default=20)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        start_up(browser, args.rounds)
        port = free_port()
        process = start_streamlit(port)
        try:
            url = f"http://127.0.0.1:{port}"
            pointer(browser, url, args.moves)
            clicks(browser, url, process, args.clicks)
        finally:
            stop_group(process)
        toy_clicks(browser, args.clicks)
        watchers(browser)
        browser.close()


if __name__ == "__main__":
    main()
