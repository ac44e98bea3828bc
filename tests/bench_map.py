"""Map benchmark in a real headless Chromium; prints its figures (no asserts).

    python -m tests.bench_map [--clicks 30] [--sessions 3]

Server start -> map interactive; on ae-2d's and vae-2d's maps, click on a point -> decoded
image visible (p50, p95), the messages the page sends a click, the server's CPU per click, and
its CPU for the pick sent when the learner next presses elsewhere; beside them Streamlit's
floor: the CPU per click of an app that holds one component in a fragment
(tests/floor/floor_app.py), clicked as the map was before a click stayed in the browser, in
the same run; whether umap/numba got loaded; server RSS with N sessions open, beside the RSS
of a bare `import torch` measured in the same run.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time

import torch

from tests.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    isolated_points,
    streamlit_server,
    wait_for_script,
)

BARE_TORCH = "import torch, resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"


IMAGE_SOURCES = "() => [...document.querySelectorAll('img[src*=\"/media/\"]')].map(i => i.src)"
# A new picture fetched and shown, where Streamlit draws the panel; the browser's panel
# (panel.js) draws its pictures with its heading.
NEW_IMAGE_SHOWN = """(before) => document.querySelector('.le-panel canvas') ||
    [...document.querySelectorAll('img[src*="/media/"]')]
    .some(i => !before.includes(i.src) && i.complete && i.naturalWidth > 0)"""


def rss_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        kib = next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
    return kib / 1024


def stat_cpu_seconds(stat: str) -> float:
    """utime + stime from a /proc .../stat file, in seconds (clock ticks of 10 ms)."""
    with open(stat) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / 100


def cpu_seconds(pid: int) -> float:
    return stat_cpu_seconds(f"/proc/{pid}/stat")


def live_threads_cpu(pid: int) -> float:
    """CPU seconds of the process's threads still running: the server's event loop and its
    pools. Streamlit runs each script run in a thread of its own that then ends, so the
    process's CPU less this is what its script runs took."""
    total = 0.0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            total += stat_cpu_seconds(f"/proc/{pid}/task/{tid}/stat")
        except FileNotFoundError:  # the thread ended meanwhile
            continue
    return total


def loaded(pid: int, library: str) -> bool:
    with open(f"/proc/{pid}/maps") as f:
        return library in f.read()


def open_map(browser, url: str, query: str = "", sent: list | None = None):
    """The Latent Map in a new tab; `sent` gets the time of each message the page sends."""
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    if sent is not None:
        page.on("websocket", lambda ws: ws.on("framesent", lambda _: sent.append(1)))
    page.goto(f"{url}/Latent_Map{query}")
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    wait_for_script(page)
    return page


def idle_cpu_per_s(process, seconds: float = 10) -> float:
    """The server's CPU seconds a second with a tab open and nothing asked of it."""
    before = cpu_seconds(process.pid)
    time.sleep(seconds)
    return (cpu_seconds(process.pid) - before) / seconds


def click_map(page, process, clicks: int) -> tuple[list[float], float, float]:
    """Click isolated test images, each after a 250 ms hover; returns the times from click to
    its panel's heading and pictures, the server's CPU seconds over all the clicks, and how
    long they took."""
    started, latencies, cpu_before = time.monotonic(), [], cpu_seconds(process.pid)
    for x, y, row in isolated_points(page, want_empty=False, n=clicks, min_gap=8):
        before = page.evaluate(IMAGE_SOURCES)
        page.mouse.move(x, y)
        page.wait_for_timeout(250)
        clicked = time.monotonic()
        page.mouse.click(x, y)
        page.wait_for_selector(f"h3:has-text('Test image #{row}')", timeout=15_000)
        page.wait_for_function(NEW_IMAGE_SHOWN, arg=before, polling=20, timeout=15_000)
        latencies.append(time.monotonic() - clicked)
        wait_for_script(page)
    return latencies, cpu_seconds(process.pid) - cpu_before, time.monotonic() - started


def sync_cpu_ms(page, process, rounds: int = 10) -> float:
    """The server's CPU for the pick the page sends when the learner next turns to something
    else (panel.js): rounds of a click (which costs nothing) and a press on the page's margin
    outside the map (no widget there), then the fragment's rerun; per round."""
    cpu_before = cpu_seconds(process.pid)
    for x, y, _ in isolated_points(page, want_empty=False, n=rounds, min_gap=8):
        page.mouse.click(x, y)
        page.mouse.click(5, 500)
        page.wait_for_timeout(300)
        wait_for_script(page)
    return (cpu_seconds(process.pid) - cpu_before) * 1000 / rounds


def click_work_ms(repeats: int = 50) -> float:
    """The page's own work per click, in process: decode, classify, build the map figure."""
    import numpy as np

    from explorer.checkpoints import CLASSIFIER, load_model
    from explorer.classifier import classify
    from explorer.latents import decode
    from explorer.map_data import load_map_data
    from explorer.plotting import empty_space_grid, latent_map

    torch.set_num_threads(1)
    model, classifier = load_model("vae-2d"), load_model(CLASSIFIER)
    map_data = load_map_data("vae-2d")
    xy, labels = map_data["codes"], map_data["labels"]
    grid = empty_space_grid(xy)  # cached by the app
    started = time.perf_counter()
    for row in range(repeats):
        images = decode(model, xy[row : row + 1])
        classify(classifier, torch.tensor(np.stack([images[0], images[0]]))[:, None])
        latent_map(xy, labels, ("x", "y"), grid=grid, chosen_row=0)
    return (time.perf_counter() - started) / repeats * 1000


def floor_cpu_ms(browser, clicks: int) -> float:
    """Server CPU per click of tests/floor/floor_app.py, clicked as the map is below: a pause
    of 250 ms before each click (the map's hover), and wait_for_script after it."""
    with streamlit_server(script="tests/floor/floor_app.py") as (url, process):
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        page.goto(url)
        page.wait_for_function("() => window.floorPick", timeout=60_000)
        wait_for_script(page)
        cpu_before = cpu_seconds(process.pid)
        for click in range(1, clicks + 1):
            page.wait_for_timeout(250)
            page.evaluate("(click) => window.floorPick(click)", click)
            page.wait_for_function("(c) => window.floorAnswered === c", arg=click, polling=20)
            wait_for_script(page)
        cpu = (cpu_seconds(process.pid) - cpu_before) / clicks
        page.close()
    return cpu * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clicks", type=int, default=30)
    parser.add_argument("--sessions", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    bare = int(subprocess.check_output([sys.executable, "-c", BARE_TORCH])) / 1024
    print(f"bare `import torch` RSS: {bare:.0f} MiB")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        started = time.monotonic()
        with streamlit_server() as (url, process):
            page = open_map(browser, url)
            print(f"server start -> map interactive: {time.monotonic() - started:.2f} s")
            page.close()
            cpus = []
            for model in ("ae-2d", "vae-2d"):
                sent: list = []
                page = open_map(browser, url, f"?model={model}&reveal=on", sent)
                idle = idle_cpu_per_s(process)
                frames = len(sent)
                latencies, cpu, seconds = click_map(page, process, args.clicks)
                latencies.sort()
                p95 = latencies[int(0.95 * (len(latencies) - 1))]
                own = (cpu - idle * seconds) * 1000 / len(latencies)
                print(
                    f"{model}: click -> decoded image: p50 {statistics.median(latencies):.3f} s, "
                    f"p95 {p95:.3f} s over {len(latencies)} clicks; messages sent "
                    f"{(len(sent) - frames) / len(latencies):.2f} a click; server CPU per click "
                    f"(Streamlit included) {cpu * 1000 / len(latencies):.1f} ms, of which "
                    f"{cpu * 1000 / len(latencies) - own:.1f} ms the idle server's meanwhile "
                    f"({idle * 1000:.1f} ms a second with the tab open), {own:.1f} ms the clicks'"
                )
                cpus.append(cpu * 1000 / len(latencies))
                synced = sync_cpu_ms(page, process)
                print(f"  a click, then a press elsewhere that sends its pick: {synced:.1f} ms CPU")
                page.close()
            floor = floor_cpu_ms(browser, args.clicks)
            print(
                f"Streamlit's floor, one component in a fragment clicked the same way: "
                f"{floor:.1f} ms a click; the map's clicks cost "
                + ", ".join(f"{cpu / floor:.2f}x" for cpu in cpus)
                + " it"
            )
            page = open_map(browser, url)
            print(f"umap/numba loaded in the server: {loaded(process.pid, 'numba')}")
            pages = [page] + [open_map(browser, url) for _ in range(args.sessions - 1)]
            rss = rss_mib(process.pid)
            print(
                f"server RSS with {len(pages)} sessions open: {rss:.0f} MiB "
                f"= bare torch + {rss - bare:.0f} MiB"
            )
        browser.close()
    # Measured once the server and the browser are gone, so that nothing else shares the CPU.
    work = [click_work_ms() for _ in range(5)]
    print(
        "the page's own work per click (decode, classify, map), alone, 5 runs of 50: "
        f"median {statistics.median(work):.1f} ms, max {max(work):.1f} ms"
    )


if __name__ == "__main__":
    main()
