"""Load test: many sessions clicking the Latent Map at once; prints its figures (no asserts).

    python -m tests.load_sessions [--sessions 25] [--seconds 60] [--train] [--server-decoding]
        [--server-cpu 0]

Starts `streamlit run` on a free port and opens N sessions over Streamlit's own websocket
protocol (the protobuf messages a browser exchanges), each loading the map and then clicking
a random test digit every 1 to 3 s (a person's pace) for the given time: as the map's panel
sends a pick (its component state), or with --server-decoding as Plotly's selection does on
decode=server. In a browser the panel answers an autoencoder's click itself and sends the pick
only when the learner next turns to something else on the page (components/pointer/panel.js);
a VAE's click it sends at once. Here every click is sent, at once: what a VAE's click costs, and
more than an autoencoder's. A click is timed from sending it to the panel's answer: its message
naming the pick, or the decoded image fetched over HTTP as a browser fetches it where Streamlit
draws the panel (--server-decoding).
Prints errors (exceptions on a page, failed or slow replies), click latency p50/p95, the server's
CPU per click (all it spent once every session had loaded the map, over their clicks), and the
server's memory: with one session, with all of them, and per added session. --train also runs
a training (train_models.py, one thread, as the Train page starts it) for the whole time.
"""

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import torch
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from explorer import jobs
from explorer.ui.map_panels import MAP_CHART
from tests.bench_map import BARE_TORCH, cpu_seconds, rss_mib
from tests.browser import streamlit_server

PAGE = "Latent_Map"
REPLY_TIMEOUT_S = 30


class Session:
    """One browser tab's worth of protocol: load the map, click points, fetch the images."""

    def __init__(self, url: str, server_decoding: bool = False) -> None:
        self.url = url
        self.server_decoding = server_decoding
        self.chart_id = self.marks_id = self.fragment_id = self.page_hash = ""
        self.clicks = 0
        self.errors: list[str] = []
        self.latencies: list[float] = []

    async def run(self, seconds: float, loaded: asyncio.Event | None, seed: int) -> None:
        rng = random.Random(seed)
        stream = self.url.replace("http", "ws", 1) + "/_stcore/stream"
        try:
            async with websockets.connect(stream, subprotocols=["streamlit"], max_size=None) as ws:
                self.ws = ws
                message = BackMsg()
                message.rerun_script.page_name = PAGE
                if self.server_decoding:
                    message.rerun_script.query_string = "decode=server"
                await self.send_and_wait(message)
                if loaded:
                    loaded.set()
                deadline = time.monotonic() + seconds
                while time.monotonic() < deadline:
                    await asyncio.sleep(rng.uniform(1, 3))
                    await self.click(rng.randrange(10_000))
                await asyncio.sleep(max(0.0, deadline - time.monotonic()))
        except Exception as error:  # a dropped connection, a timeout: all count as errors
            self.errors.append(f"{type(error).__name__}: {error}")
            if loaded:
                loaded.set()

    async def click(self, row: int) -> None:
        message = BackMsg()
        state = message.rerun_script
        state.page_script_hash = self.page_hash
        state.fragment_id = self.fragment_id  # a click reruns only the map's fragment
        widget = state.widget_states.widgets.add()
        self.clicks += 1
        if self.server_decoding:
            point = {"curve_number": 0, "point_number": 0, "point_index": 0, "x": 0.0,
                     "y": 0.0, "customdata": row}  # fmt: skip
            selection = {"points": [point], "point_indices": [0], "box": [], "lasso": []}
            widget.id = self.chart_id
            widget.string_value = json.dumps({"selection": selection})
        else:  # what components/pointer/pointer.js sends
            pick = {"row": row, "x": 0.0, "y": 0.0, "click": f"load-{self.clicks}"}
            widget.id = self.marks_id
            widget.json_value = json.dumps({"pick": pick})
        started = time.perf_counter()
        images, headings = await self.send_and_wait(message)
        if self.server_decoding:
            shown = images and any(h.startswith(f"Test image #{row}:") for h in headings)
        else:  # the panel draws the pick it is sent from the map book in the page
            shown = f"pick {row}" in headings
        if not shown:
            self.errors.append(f"click on row {row}: its decoded image was not shown")
            return
        if self.server_decoding and not images[-1].startswith("data:"):  # a file to ask for
            await asyncio.to_thread(self.fetch, images[-1])
        self.latencies.append(time.perf_counter() - started)

    async def send_and_wait(self, message: BackMsg) -> tuple[list[str], list[str]]:
        """Send, then read until the script finishes; returns the images (their URLs) and the
        headings it sent, or for the browser's panel "pick ROW"."""
        await self.ws.send(message.SerializeToString())
        images, headings = [], []
        async with asyncio.timeout(REPLY_TIMEOUT_S):
            while True:
                reply = ForwardMsg()
                reply.ParseFromString(await self.ws.recv())
                kind = reply.WhichOneof("type")
                if kind == "new_session":
                    self.page_hash = reply.new_session.page_script_hash
                elif kind == "script_finished":
                    return images, headings
                elif kind == "delta" and reply.delta.WhichOneof("type") == "new_element":
                    element = reply.delta.new_element
                    what = element.WhichOneof("type")
                    if what == "exception":
                        self.errors.append(f"exception on the page: {element.exception.message}")
                    elif what == "plotly_chart" and element.plotly_chart.id.endswith("-latent"):
                        self.chart_id = element.plotly_chart.id
                        if self.server_decoding:
                            self.fragment_id = reply.delta.fragment_id
                    elif what == "bidi_component" and self.is_map_marks(element.bidi_component):
                        self.marks_id = element.bidi_component.id
                        self.fragment_id = reply.delta.fragment_id
                        panel = json.loads(element.bidi_component.bytes)["panel"]
                        headings.append(f"pick {panel['pick']['row']}")
                    elif what == "imgs":
                        images += [image.url for image in element.imgs.imgs]
                    elif what == "heading":
                        headings.append(element.heading.body)

    def is_map_marks(self, component) -> bool:
        """The marks and panel beside the map (not the manifold's marks): the clicks come as
        their state."""
        if self.server_decoding or component.component_name != "latent_explorer_panel":
            return False
        return json.loads(component.bytes)["chart"] == MAP_CHART

    def fetch(self, path: str) -> None:
        with urllib.request.urlopen(self.url + path, timeout=REPLY_TIMEOUT_S) as response:
            if response.status != 200 or not response.read():
                self.errors.append(f"GET {path}: HTTP {response.status}")


async def load(url: str, pid: int, sessions: int, seconds: float, server: bool) -> dict:
    first = Session(url, server)
    loaded = asyncio.Event()
    tasks = [asyncio.create_task(first.run(seconds + 5, loaded, seed=0))]
    await loaded.wait()
    await asyncio.sleep(1)
    rss_one = rss_mib(pid)
    others = [Session(url, server) for _ in range(sessions - 1)]
    ready = [asyncio.Event() for _ in others]
    runs = [s.run(seconds, event, seed=i + 1) for i, (s, event) in enumerate(zip(others, ready))]
    tasks += [asyncio.create_task(run) for run in runs]
    every = [first, *others]
    started = time.monotonic()
    await asyncio.gather(*(event.wait() for event in ready))
    # From here every session has its map: what the server spends is the clicks' share, and
    # what it spends anyway meanwhile.
    cpu, clicked = cpu_seconds(pid), sum(s.clicks for s in every)
    await asyncio.sleep(max(0.0, seconds - 1 - (time.monotonic() - started)))
    rss_all = rss_mib(pid)  # every session open and clicking
    await asyncio.gather(*tasks)
    cpu = cpu_seconds(pid) - cpu
    clicked = sum(s.clicks for s in every) - clicked
    latencies = sorted(x for s in every for x in s.latencies)
    return {
        "cpu_per_click": cpu / max(1, clicked),
        "errors": [e for s in every for e in s.errors],
        "clicks": len(latencies),
        "p50": statistics.median(latencies) if latencies else float("nan"),
        "p95": latencies[int(0.95 * (len(latencies) - 1))] if latencies else float("nan"),
        "rss_one": rss_one,
        "rss_all": rss_all,
    }


def report(title: str, figures: dict, sessions: int) -> None:
    per_session = (figures["rss_all"] - figures["rss_one"]) / (sessions - 1)
    print(f"\n{title}")
    print(f"  errors: {len(figures['errors'])}")
    for error in sorted(set(figures["errors"]))[:10]:
        print(f"    {error}")
    print(f"  clicks: {figures['clicks']}, click to decoded image: "
          f"p50 {figures['p50']:.3f} s, p95 {figures['p95']:.3f} s")  # fmt: skip
    print(f"  server CPU per click: {figures['cpu_per_click'] * 1000:.1f} ms (all the server's "
          "CPU once every session had its map, over the clicks sent since)")  # fmt: skip
    print(f"  server RSS: {figures['rss_one']:.0f} MiB with 1 session, {figures['rss_all']:.0f} "
          f"MiB with {sessions}: {per_session:.1f} MiB per added session")  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=25)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--train", action="store_true", help="also run a training meanwhile")
    parser.add_argument("--server-decoding", action="store_true", help="click as decode=server")
    parser.add_argument("--server-cpu", type=int, help="pin the server (and its training) to "
                        "this CPU, as a small Cloud container has one")  # fmt: skip
    args = parser.parse_args(argv)
    bare = int(subprocess.check_output([sys.executable, "-c", BARE_TORCH])) / 1024
    print(f"bare `import torch` RSS: {bare:.0f} MiB (torch {torch.__version__})")
    with streamlit_server() as (url, server):
        if args.server_cpu is not None:
            os.sched_setaffinity(server.pid, {args.server_cpu})
        how = "Plotly's selection, decode=server" if args.server_decoding else "pointer layer"
        run = (url, server.pid, args.sessions, args.seconds, args.server_decoding)
        figures = asyncio.run(load(*run))
        report(f"{args.sessions} sessions, {args.seconds:.0f} s, clicks as the {how} sends them",
               figures, args.sessions)  # fmt: skip
        if args.train:
            with tempfile.TemporaryDirectory() as folder:
                folder = Path(folder) / "user"
                request = jobs.TrainRequest("load-test", "vae", 2, 1.0, jobs.MAX_EPOCHS, "load")
                every_cpu = os.sched_getaffinity(0)
                if args.server_cpu is not None:  # the trainer inherits it, as from the server
                    os.sched_setaffinity(0, {args.server_cpu})
                jobs.start(request, folder)
                os.sched_setaffinity(0, every_cpu)
                try:
                    figures = asyncio.run(load(*run))
                    job = jobs.status(folder)
                    trained = f"{len(job.epochs)} epochs, still running: {job.running}"
                finally:
                    jobs.cancel(folder)
            report(f"The same, with a training running ({trained})", figures, args.sessions)


if __name__ == "__main__":
    main()
