"""Widget change -> result shown, in headless Chromium, beside the code before; prints figures.

    python -m tests.bench_widgets [--before 9d5dc34] [--repeats 5] [--pages interp,linked,...]

Pages: interp (Interpolation), linked (Linked maps), map (Latent Map), gen (AE vs VAE), kl.

Two servers, this checkout's app ("now") and the app at --before (a git worktree in
/tmp/le-before), each with one torch thread; every widget is used in a tab of each, the two
alternating repeat by repeat, so that ratios hold on a machine twice as fast or slow. A
figure runs from the user's action on the real widget (a click, a choice, Enter in a box)
until Streamlit's script has finished (the server's session status says so, and a run that
follows within 0.4 s counts too) and the main area is drawn: nothing stale, every <img>
loaded, every Plotly chart with its traces. p50 and max over the repeats; each repeat's
figure is printed, starred where its value was new to that server (uncached). 'n/a': the
code before lacks the widget. A running training job (pgrep -f train_models) is waited for.
"""

import argparse
import os
import re
import statistics
import subprocess
import time
from pathlib import Path

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    REPO,
    free_port,
    isolated_points,
    start_streamlit,
    stop_group,
)

WORKTREE = Path("/tmp/le-before")
ENV = {"OMP_NUM_THREADS": "1", "MNIST_ROOT": str(REPO.parent / "shared" / "mnist")}
VIEWPORT = {"width": 1400, "height": 1000}
SHOWN = """() => {
  const main = document.querySelector('[data-testid=stMain]');
  if (!main || main.querySelector('[data-stale=true], [data-testid=stSkeleton]')) return false;
  return [...main.querySelectorAll('img')].every(i => i.complete && i.naturalWidth > 0) &&
    [...main.querySelectorAll('[data-testid=stPlotlyChart]')].every(c => {
      const gd = c.querySelector('.js-plotly-plot');
      return gd && gd._fullData && gd._fullData.length > 0 && gd.querySelector('.main-svg'); });
}"""
PAINTED = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


class Tab:
    """A tab (its own browser context) on one server, hearing when the script runs."""

    def __init__(self, browser, url: str):
        self.browser, self.url, self.context = browser, url, None
        self.reopen()

    def reopen(self) -> None:
        if self.context:
            self.context.close()
        self.context = self.browser.new_context(viewport=VIEWPORT)
        self.page, self.runs = self.context.new_page(), []  # runs: (time, script running)
        self.page.on("websocket", lambda ws: ws.on("framereceived", self.heard))

    def heard(self, payload) -> None:
        if isinstance(payload, bytes):
            message = ForwardMsg()
            message.ParseFromString(payload)
            if message.WhichOneof("type") == "session_status_changed":
                running = message.session_status_changed.script_is_running
                self.runs.append((time.monotonic(), running))

    def timed(self, act) -> float:
        """Seconds from act() until the script is idle and the main area drawn."""
        started = time.monotonic()
        act()
        while True:
            while not (self.runs and self.runs[-1][0] > started and not self.runs[-1][1]):
                if time.monotonic() > started + 120:
                    raise TimeoutError("the script did not finish a run")
                self.page.wait_for_timeout(5)
            self.page.evaluate(PAINTED)  # the last messages rendered
            self.page.wait_for_function(SHOWN, polling=10, timeout=120_000)
            done, heard = time.monotonic(), len(self.runs)
            self.page.wait_for_timeout(400)  # a run that follows at once counts too
            if len(self.runs) == heard:
                return done - started

    def open(self, path: str) -> float:
        return self.timed(lambda: self.page.goto(self.url + path))


def click(tab, target) -> float | None:
    """Hover `target` (a locator), as a person does, then (timed) click it; None if absent."""
    if not target.count():
        return None
    target.first.hover()
    box = target.first.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    return tab.timed(lambda: tab.page.mouse.click(x, y))


def press(tab, target, key: str) -> float | None:
    """Focus `target`, then (timed) press `key`; None if absent."""
    if not target.count():
        return None
    target.first.focus()
    return tab.timed(lambda: tab.page.keyboard.press(key))


def choose(tab, key: str, option: str) -> float | None:
    """A select box: open it, then (timed) click the option whose text starts with `option`."""
    opener = tab.page.locator(f".st-key-{key} button")
    if not opener.count():
        return None
    opener.first.click()
    name = re.compile(rf"^{re.escape(option)}( |$)")
    return click(tab, tab.page.get_by_role("option", name=name))


def radio(tab, key: str, text: str) -> float | None:
    return click(tab, tab.page.locator(f".st-key-{key} label").filter(has_text=text))


def type_seed(tab, value: int) -> float | None:
    """The sidebar's seed typed in, then (timed) Enter."""
    field = tab.page.locator(".st-key-seed input")
    if field.count():
        field.fill(str(value))
    return press(tab, field, "Enter")


def click_map(tab, chart: int, i: int) -> tuple[str, float | None]:
    """Hover, then (timed) click the i-th isolated point of a chart, scrolled into view."""
    tab.page.locator(".js-plotly-plot").nth(chart).scroll_into_view_if_needed()
    tab.page.wait_for_timeout(300)
    found = [p for p in isolated_points(tab.page, False, 3 * i + 9, 10, chart) if 0 < p[1] < 990]
    if len(found) <= i:
        return "", None
    x, y, row = found[i]
    tab.page.mouse.move(x, y)
    tab.page.wait_for_timeout(250)
    return f"#{row}", tab.timed(lambda: tab.page.mouse.click(x, y))


def from_digit(tab, i):
    digit = (3, 4, 6, 7, 8, 9, 0, 1)[i % 8]
    return str(digit), choose(tab, "from_digit", str(digit))


def random_images(tab, i):
    """'random (seed)' chosen, after 'typical' and a new seed (untimed) from the 2nd on."""
    seed = 0 if i == 0 else 500 + i
    if i:
        radio(tab, "which_images", "typical")
        type_seed(tab, seed)
    return f"seed {seed}", radio(tab, "which_images", "random")


def seed(tab, i):
    return str(1000 + i), type_seed(tab, 1000 + i)


def map_end(tab, i):
    if i == 0:  # the ends picked on the map
        radio(tab, "ends_mode", "map")
    return click_map(tab, 0, i)


def resample(tab, i):
    return f"eps {i + 1}", click(tab, tab.page.get_by_role("button", name="Resample eps"))


def model(tab, i):
    name = ("ae-2d", "vae-20d", "ae-20d", "vae-2d")[i % 4]
    return name, choose(tab, "model", name)


def first_visit(tab, i):
    tab.reopen()  # a new context: no session, no browser cache
    return "new tab", tab.open("/Latent_Map?model=vae-2d")


def latent_size(tab, i):
    size = ("20-D", "2-D")[i % 2]
    return size, click(tab, tab.page.locator(".st-key-latent_size").get_by_text(size, exact=True))


def beta(tab, i):
    slider = tab.page.locator(".st-key-beta input[type=range]")
    seconds = press(tab, slider, ("ArrowRight", "ArrowLeft")[i % 4 in (1, 2)])  # 1 -> 4 1 0.5 1 4
    return f"beta {slider.get_attribute('aria-valuetext') if seconds else ''}", seconds


OPENING = {"latent size": "2-D", "model (sidebar)": "vae-2d", "beta (sidebar)": "beta 1.0"}
WIDGETS = [  # page, widget, where its tab opens (None: the action opens it), the action
    ("interp", "From digit", "/Interpolation", from_digit),
    ("interp", "images: random (seed)", "/Interpolation", random_images),
    ("interp", "seed (sidebar)", "/Interpolation", seed),
    ("interp", "an end clicked on the map", "/Interpolation", map_end),
    ("linked", "a point clicked (VAE map)", "/Linked_Maps", lambda tab, i: click_map(tab, 1, i)),
    ("map", "first visit", None, first_visit),
    ("map", "Resample eps", "/Latent_Map?model=vae-2d&point=18", resample),
    ("map", "model (sidebar)", "/Latent_Map?model=vae-2d", model),
    ("gen", "seed (sidebar)", "/AE_vs_VAE", seed),
    ("gen", "latent size", "/AE_vs_VAE", latent_size),
    ("kl", "seed (sidebar)", "/KL_On_Off", seed),
    ("kl", "beta (sidebar)", "/KL_On_Off", beta),
]


def worktree(commit: str) -> Path:
    """The app at `commit`, in WORKTREE (made, or moved to the commit, as needed)."""
    git = ["git", "-C", str(REPO)]
    if not WORKTREE.exists():
        subprocess.run([*git, "worktree", "add", "-f", str(WORKTREE), commit], check=True)
    head = ["git", "-C", str(WORKTREE), "rev-parse", "HEAD"]
    if not subprocess.run(head, capture_output=True, text=True).stdout.startswith(commit):
        subprocess.run(["git", "-C", str(WORKTREE), "checkout", "-q", "--detach", commit])
    return WORKTREE


def measure(browser, servers: dict[str, str], widget: tuple, repeats: int, seen: dict) -> dict:
    """One widget's figures on each server, the servers taking turns to go first."""
    page, name, path, act = widget
    tabs = {version: Tab(browser, url) for version, url in servers.items()}
    figures = {version: [] for version in servers}  # [(seconds or None, value, new)]
    for version, tab in tabs.items():
        seen[version].add((page, name, OPENING.get(name)))  # drawn (and cached) on opening
        if path:
            tab.open(path)
    for i in range(repeats):
        for version in list(servers)[:: 1 if i % 2 == 0 else -1]:
            if any(seconds is None for seconds, _, _ in figures[version]):
                continue  # the widget is missing, or failed: n/a
            try:
                value, seconds = act(tabs[version], i)
            except Exception as error:  # report it; the version's later repeats are left out
                print(f"  {version}, repeat {i + 1}: {type(error).__name__}: {error}")
                value, seconds = "?", None
            broken = tabs[version].page.locator("[data-testid=stException]")
            if seconds is None and broken.count():  # a broken page, rather than no widget
                print(f"  {version}: {broken.first.inner_text()[:300]}")
            figures[version].append((seconds, value, (page, name, value) not in seen[version]))
            seen[version].add((page, name, value))
    for tab in tabs.values():
        tab.context.close()
    return figures


def report(widget: tuple, figures: dict) -> float | None:
    """Prints a widget's lines; returns the p50 now (None: n/a)."""
    page, name, path, _ = widget
    known = max(figures.values(), key=lambda rows: sum(v not in ("", "?") for _, v, _ in rows))
    values = " ".join(v for _, v, _ in known)  # each repeat's value (from a version with them)
    print(f"\n{path or '/Latent_Map?model=vae-2d'}: {name}   [{values}]")
    p50 = {}
    for version, rows in figures.items():
        seconds = [s for s, _, _ in rows]
        if not seconds or None in seconds:
            print(f"    {version:<7} n/a")
            continue
        p50[version] = statistics.median(seconds)
        each = " ".join(f"{s:.3f}{'*' if new else ' '}" for s, _, new in rows)
        print(f"    {version:<7} p50 {p50[version]:6.3f} s  max {max(seconds):6.3f} s   {each}")
    if len(p50) == 2:
        print(f"    now / before (p50): {p50['now'] / p50['before']:.2f}")
    return p50.get("now")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default="9d5dc34", help="the older commit to run beside")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--pages", default="interp,linked,map,gen,kl")
    args = parser.parse_args(argv)
    while subprocess.run(["pgrep", "-f", "train_models"], capture_output=True).returncode == 0:
        print("a training job is running (pgrep -f train_models): waiting 30 s", flush=True)
        time.sleep(30)
    os.environ.pop("LATENT_EXPLORER_CHECKPOINTS", None)  # both apps use their own checkpoints/
    from playwright.sync_api import sync_playwright

    processes, servers, slow = [], {}, []
    try:
        for version, folder in (("now", REPO), ("before", worktree(args.before))):
            port = free_port()
            processes.append(start_streamlit(port, ENV, timeout=120, folder=folder))
            servers[version] = f"http://127.0.0.1:{port}"
        print(
            f"now: {REPO}; before: {args.before} in {WORKTREE}; {args.repeats} repeats; "
            "seconds from the action to the result drawn (* = a value new to that server)"
        )
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            seen = {version: set() for version in servers}  # (page, widget, value)s drawn
            for widget in (w for w in WIDGETS if w[0] in args.pages.split(",")):
                p50 = report(widget, measure(browser, servers, widget, args.repeats, seen))
                if p50 and p50 > 0.5:
                    slow.append(f"{widget[0]}: {widget[1]} ({p50:.2f} s)")
            browser.close()
        print(f"\nover 0.5 s p50 now: {'; '.join(slow) if slow else 'none'}")
    finally:
        for process in processes:
            stop_group(process)


if __name__ == "__main__":
    main()
