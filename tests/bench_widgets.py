"""Widget change -> result shown, in headless Chromium, beside the code before; prints figures.

    python -m tests.bench_widgets [--before 9d5dc34] [--repeats 5] [--pages interp,linked,...]

Pages: interp (Interpolation), linked (Linked maps), map (Latent Map), gen (AE vs VAE), kl.
Two servers, this checkout's app ("now") and the app at --before (a git worktree in
/tmp/le-before), each with one torch thread; each widget is used in a tab of each, the two
taking turns repeat by repeat, so that ratios hold on a machine twice as fast or slow. A
figure runs from the user's action on the real widget (a click, a chosen option, a key) until
Streamlit's script has finished (the server's session status says so; a run that follows
within 0.4 s counts too), the browser has painted a frame since, and the main area is drawn:
nothing stale, every <img> loaded, every Plotly chart with its traces. p50 and max over the
repeats, and each repeat's figure, starred where its value was new to that server (uncached);
then the p50 split: action -> the run starts, the run(s), the end of the run -> drawn.
'n/a': that version lacks the widget. A running training job (pgrep -f train_models) is
waited for first.
"""

import argparse
import os
import re
import statistics
import subprocess
import time
from pathlib import Path
from typing import NamedTuple

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
SHOWN = """() => {
  const main = document.querySelector('[data-testid=stMain]');
  if (!main || main.querySelector('[data-stale=true], [data-testid=stSkeleton]')) return false;
  return [...main.querySelectorAll('img')].every(i => i.complete && i.naturalWidth > 0) &&
    [...main.querySelectorAll('[data-testid=stPlotlyChart]')].every(c => {
      const gd = c.querySelector('.js-plotly-plot');
      return gd && gd._fullData && gd._fullData.length > 0 && gd.querySelector('.main-svg'); });
}"""
PAINTED = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


class Figure(NamedTuple):
    seconds: float | None  # None: no such widget, or it failed
    value: str
    new: bool  # the value was new to the server
    split: tuple = ()  # action -> run started, the run(s), run finished -> drawn


class Tab:
    """A tab (its own browser context) on one server, hearing when the script runs."""

    def __init__(self, browser, url: str):
        self.browser, self.url, self.context, self.split = browser, url, None, ()
        self.reopen()

    def reopen(self) -> None:
        if self.context:
            self.context.close()
        self.context = self.browser.new_context(viewport={"width": 1400, "height": 1000})
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
            self.page.evaluate(PAINTED)
            self.page.wait_for_function(SHOWN, polling=10, timeout=120_000)
            done, heard = time.monotonic(), len(self.runs)
            self.page.wait_for_timeout(400)  # a run that follows at once counts too
            if len(self.runs) == heard:
                break
        ran = [(t, running) for t, running in self.runs if t > started]
        first, last = next((t for t, running in ran if running), ran[-1][0]), ran[-1][0]
        self.split = (first - started, last - first, done - last)
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


# Each action below does one repeat's change and returns (its value, seconds or None).
def choose(tab, key: str, option: str) -> tuple[str, float | None]:
    """A select box: open it, then (timed) click the option whose text starts with `option`."""
    opener = tab.page.locator(f".st-key-{key} button")
    if not opener.count():
        return option, None
    opener.first.click()
    name = re.compile(rf"^{re.escape(option)}( |$)")
    return option, click(tab, tab.page.get_by_role("option", name=name))


def radio(tab, key: str, text: str) -> tuple[str, float | None]:
    return text, click(tab, tab.page.locator(f".st-key-{key} label").filter(has_text=text))


def type_seed(tab, value: int) -> tuple[str, float | None]:
    """The sidebar's seed typed in, then (timed) Enter."""
    field = tab.page.locator(".st-key-seed input")
    if field.count():
        field.fill(str(value))
    return str(value), press(tab, field, "Enter")


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


def random_images(tab, i):
    """'random (seed)' chosen; from the second on, after 'typical' and a new seed (untimed)."""
    if i:
        radio(tab, "which_images", "typical")
        type_seed(tab, 500 + i)
    return f"seed {500 + i if i else 0}", radio(tab, "which_images", "random")[1]


def map_end(tab, i):
    if i == 0:
        radio(tab, "ends_mode", "map")  # the ends picked on the map
    return click_map(tab, 0, i)


def first_visit(tab, i):
    tab.reopen()  # a new context: no session, no browser cache
    return "new tab", tab.open("/Latent_Map?model=vae-2d")


DRAWS = "() => document.querySelector('.le-reparam-draws canvas')?.toDataURL()"


def resample(tab, i):
    """Resample eps: a Streamlit button where Python draws the draws (before 26512d7); since,
    a button of the browser's (reparam.js), with no run: timed until the draws change."""
    button = tab.page.get_by_role("button", name="Resample eps")
    if not tab.page.locator(".le-reparam-button").count():
        return f"eps {i + 1}", click(tab, button)
    before = tab.page.evaluate(DRAWS)
    started = time.monotonic()
    button.click()
    tab.page.wait_for_function(f"(before) => ({DRAWS})() !== before", arg=before)
    return f"eps {i + 1}", time.monotonic() - started


def beta(tab, i):
    slider = tab.page.locator(".st-key-beta input[type=range]")
    seconds = press(tab, slider, ("ArrowRight", "ArrowLeft")[i % 4 in (1, 2)])  # 1 -> 4 1 0.5 1 4
    return f"beta {slider.get_attribute('aria-valuetext') if seconds else ''}", seconds


OPENING = {"latent size": "2-D", "model (sidebar)": "vae-2d", "beta (sidebar)": "beta 1.0"}
MODELS = ("ae-2d", "vae-20d", "ae-20d", "vae-2d")
WIDGETS = [  # page, widget, where its tab opens (None: the action opens it), the action
    ("interp", "From digit", "/Interpolation",
     lambda t, i: choose(t, "from_digit", "34678901"[i % 8])),
    ("interp", "images: random (seed)", "/Interpolation", random_images),
    ("interp", "seed (sidebar)", "/Interpolation", lambda t, i: type_seed(t, 1000 + i)),
    ("interp", "an end clicked on the map", "/Interpolation", map_end),
    ("linked", "a point clicked (VAE map)", "/Linked_Maps", lambda t, i: click_map(t, 1, i)),
    ("map", "first visit", None, first_visit),
    ("map", "Resample eps", "/Latent_Map?model=vae-2d&point=18&reveal=on", resample),
    ("map", "model (sidebar)", "/Latent_Map?model=vae-2d",
     lambda t, i: choose(t, "model", MODELS[i % 4])),
    ("gen", "seed (sidebar)", "/AE_vs_VAE", lambda t, i: type_seed(t, 1000 + i)),
    ("gen", "latent size", "/AE_vs_VAE",
     lambda t, i: radio(t, "latent_size", ("20-D", "2-D")[i % 2])),
    ("kl", "seed (sidebar)", "/KL_On_Off", lambda t, i: type_seed(t, 1000 + i)),
    ("kl", "beta (sidebar)", "/KL_On_Off", beta),
]  # fmt: skip


def measure(browser, servers: dict, widget: tuple, repeats: int, seen: dict) -> dict:
    """One widget's figures on each server, the servers taking turns to go first."""
    page, name, path, act = widget
    tabs = {version: Tab(browser, url) for version, url in servers.items()}
    figures = {version: [] for version in servers}
    for version, tab in tabs.items():
        seen[version].add((page, name, OPENING.get(name)))  # drawn (and cached) on opening
        try:
            if path:
                tab.open(path)
        except Exception as error:  # a page that version lacks, or breaks on
            print(f"  {version}: {path} did not open: {type(error).__name__}: {error}")
            figures[version].append(Figure(None, "?", False))
    tab.page.wait_for_timeout(1000)  # the tabs' work after opening (in the browser) done too
    for i in range(repeats):
        for version in list(servers)[:: 1 if i % 2 == 0 else -1]:
            if any(figure.seconds is None for figure in figures[version]):
                continue  # n/a
            try:
                value, seconds = act(tabs[version], i)
            except Exception as error:  # report it; this version's later repeats are left out
                print(f"  {version}, {name}, repeat {i + 1}: {type(error).__name__}: {error}")
                value, seconds = "?", None
            broken = tabs[version].page.locator("[data-testid=stException]")
            if seconds is None and broken.count():  # a broken page, rather than no widget
                print(f"  {version}: {broken.first.inner_text()[:300]}")
            new = (page, name, value) not in seen[version]
            figures[version].append(Figure(seconds, value, new, tabs[version].split))
            seen[version].add((page, name, value))
    for tab in tabs.values():
        tab.context.close()
    return figures


def report(widget: tuple, figures: dict) -> float | None:
    """Prints a widget's lines; returns its p50 now (None: n/a)."""
    known = max(figures.values(), key=lambda rows: sum(f.value not in ("", "?") for f in rows))
    print(f"\n{widget[2] or '/Latent_Map?model=vae-2d'}: {widget[1]}   "
          f"[{' '.join(f.value for f in known)}]")  # fmt: skip
    p50 = {}
    for version, rows in figures.items():
        if not rows or any(f.seconds is None for f in rows):
            print(f"    {version:<7} n/a")
            continue
        p50[version] = statistics.median(f.seconds for f in rows)
        each = " ".join(f"{f.seconds:.3f}{'*' if f.new else ' '}" for f in rows)
        split = [statistics.median(part) for part in zip(*(f.split for f in rows))]
        print(f"    {version:<7} p50 {p50[version]:6.3f} s  max {max(f.seconds for f in rows):6.3f}"
              f" s   {each}   (to run {split[0]:.2f}, run {split[1]:.2f}, "
              f"to drawn {split[2]:.2f})")  # fmt: skip
    if len(p50) == 2:
        print(f"    now / before (p50): {p50['now'] / p50['before']:.2f}")
    return p50.get("now")


def worktree(commit: str) -> Path:
    """The app at `commit`, in WORKTREE (added, or moved to the commit, as needed)."""
    if not WORKTREE.exists():
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", WORKTREE, commit], check=True)
    git = ["git", "-C", str(WORKTREE)]
    head = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True).stdout
    if not head.startswith(commit):
        subprocess.run([*git, "checkout", "-q", "--detach", commit], check=True)
    return WORKTREE


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default="9d5dc34", help="the older commit to run beside")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--pages", default="interp,linked,map,gen,kl")
    args = parser.parse_args(argv)
    for waited in range(10**6):  # a training job would slow the servers down
        if subprocess.run(["pgrep", "-f", "train_models"], capture_output=True).returncode:
            break
        if waited == 0:
            print("waiting for the training job to end (pgrep -f train_models)", flush=True)
        time.sleep(30)
    os.environ.pop("LATENT_EXPLORER_CHECKPOINTS", None)  # each app its own checkpoints/
    from playwright.sync_api import sync_playwright

    processes, servers, slow = [], {}, []
    try:
        for version, folder in (("now", REPO), ("before", worktree(args.before))):
            port = free_port()
            processes.append(start_streamlit(port, ENV, timeout=120, folder=folder))
            servers[version] = f"http://127.0.0.1:{port}"
        print(f"now: {REPO}; before: {args.before} ({WORKTREE}); {args.repeats} repeats; seconds")
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
