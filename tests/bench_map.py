"""Map benchmark in a real headless Chromium; prints its figures (no asserts).

    python -m tests.bench_map [--clicks 30] [--sessions 3]

Server start -> map interactive; click on a point -> decoded image visible (p50, p95);
server CPU time per click; whether umap/numba got loaded; server RSS with N sessions open,
beside the RSS of a bare `import torch` measured in the same run.
"""

import argparse
import statistics
import subprocess
import sys
import time

from tests.browser import CHROMIUM, CHROMIUM_ARGS, click_point, streamlit_server, wait_for_script

BARE_TORCH = "import torch, resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"


IMAGE_SOURCES = "() => [...document.querySelectorAll('[data-testid=stImage] img')].map(i => i.src)"
NEW_IMAGE_SHOWN = """(before) => [...document.querySelectorAll('[data-testid=stImage] img')]
    .some(i => !before.includes(i.src) && i.complete && i.naturalWidth > 0)"""


def rss_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        kib = next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
    return kib / 1024


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / 100  # utime + stime, in clock ticks of 10 ms


def loaded(pid: int, library: str) -> bool:
    with open(f"/proc/{pid}/maps") as f:
        return library in f.read()


def open_map(browser, url: str):
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    page.goto(f"{url}/Latent_Map")
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    wait_for_script(page)
    return page


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
            latencies, cpu_before = [], cpu_seconds(process.pid)
            for i in range(args.clicks):
                before = page.evaluate(IMAGE_SOURCES)
                clicked = time.monotonic()
                row = click_point(page, want_empty=False, offset=i)
                page.wait_for_selector(f"h3:has-text('Test image #{row}')", timeout=15_000)
                page.wait_for_function(NEW_IMAGE_SHOWN, arg=before, timeout=15_000)
                latencies.append(time.monotonic() - clicked - 0.25)  # minus the hover pause
                wait_for_script(page)
            cpu = (cpu_seconds(process.pid) - cpu_before) / args.clicks
            latencies.sort()
            p95 = latencies[int(0.95 * (len(latencies) - 1))]
            print(
                f"click -> decoded image: p50 {statistics.median(latencies):.3f} s, "
                f"p95 {p95:.3f} s over {args.clicks} clicks"
            )
            print(f"server CPU per click (Streamlit included): {cpu * 1000:.1f} ms")
            print(f"umap/numba loaded in the server: {loaded(process.pid, 'numba')}")
            pages = [page] + [open_map(browser, url) for _ in range(args.sessions - 1)]
            rss = rss_mib(process.pid)
            print(
                f"server RSS with {len(pages)} sessions open: {rss:.0f} MiB "
                f"= bare torch + {rss - bare:.0f} MiB"
            )
        browser.close()


if __name__ == "__main__":
    main()
