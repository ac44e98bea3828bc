"""While the server is starting, every HTML page it sends gets the chart library (Streamlit's
plotly.js chunk) ready in the browser before the page's first chart arrives: fetched and
compiled at once, then run while the browser waits for the server to run the page's script.

Streamlit's frontend imports that 4.7 MB chunk only once a page's first chart arrives. On the
Latent Map right after a server start that is after torch's import and the catalogue, and
then the chunk's first run held the main thread for 1.3 s on a 2-core machine before the map
could draw, after a second of waiting (BENCHMARKS.md). A started server answers at once, and
there the same early run only put the page's own first elements behind it (a new tab's map
drew 1.2x later): app.py asks for the tags only until its warm-up is done.

`<link rel="modulepreload">` (HTML Living Standard, "Link type modulepreload") fetches and
compiles a module script without running it; components/preload.js imports it once Streamlit's
app says its script is running, when the browser is idle; the chart's own import then finds it
in the browser's module map, run, under the same URL.
"""

import gzip
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

Message = MutableMapping[str, Any]
Asgi = Callable[..., Awaitable[None]]  # (scope, receive, send) -> None
SCRIPT = Path(__file__).parent / "ui" / "components" / "preload.js"


def chart_script_urls(static_folder: Path) -> list[str]:
    """The chart library's chunks under a Streamlit static folder (`static/js/PlotlyChart.*.js`),
    as URLs relative to a page, the way Streamlit's own index.html names its scripts."""
    chunks = sorted(static_folder.glob("static/js/PlotlyChart.*.js"))
    return [f"./{c.relative_to(static_folder).as_posix()}" for c in chunks]


def head_tags(urls: list[str]) -> bytes:
    """What goes at the end of each page's <head>: a modulepreload link per URL, marked for
    preload.js to run, and preload.js itself; b"" when there is nothing to preload."""
    if not urls:
        return b""
    links = "".join(
        f'<link rel="modulepreload" crossorigin href="{url}" data-run-when-idle>' for url in urls
    )
    return f'{links}<script type="module">{SCRIPT.read_text()}</script>'.encode()


def with_tags(html: bytes, tags: bytes) -> bytes:
    """`html` with `tags` just before its </head>; unchanged where it has none."""
    at = html.find(b"</head>")
    return html if at < 0 else html[:at] + tags + html[at:]


DROPPED = {b"content-length", b"etag", b"last-modified"}  # set again, or no longer true


class PreloadCharts:
    """ASGI middleware: while `wanted()` says so, puts `tags` into every text/html response
    (plain or gzip-encoded, as Streamlit sends them) and drops its validators (the page is no
    longer the file they name); other responses, and every response after, pass as sent."""

    def __init__(self, app: Asgi, tags: bytes, wanted: Callable[[], bool] = lambda: True) -> None:
        self.app, self.tags, self.wanted = app, tags, wanted

    async def __call__(self, scope: Message, receive: Asgi, send: Asgi) -> None:
        get = scope["type"] == "http" and scope["method"] == "GET"
        if not (get and self.tags and self.wanted()):
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        body = []

        async def rewrite(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start" and rewritable(message["headers"]):
                start = message  # held back until the whole body is in
                return
            if start is None:
                await send(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body"):
                return
            html, headers = b"".join(body), dict(start["headers"])
            gzipped = headers.get(b"content-encoding") == b"gzip"
            html = with_tags(gzip.decompress(html) if gzipped else html, self.tags)
            html = gzip.compress(html, mtime=0) if gzipped else html
            kept = [(k, v) for k, v in start["headers"] if k not in DROPPED]
            await send({**start, "headers": [*kept, (b"content-length", b"%d" % len(html))]})
            await send({"type": "http.response.body", "body": html})

        await self.app(scope, receive, rewrite)


def rewritable(headers: list[tuple[bytes, bytes]]) -> bool:
    """An HTML page, sent plain or gzip-encoded."""
    fields = {k.lower(): v for k, v in headers}
    html = fields.get(b"content-type", b"").startswith(b"text/html")
    return html and fields.get(b"content-encoding", b"identity") in (b"gzip", b"identity")
